package io.sparkscore.compat;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scala sequences at the Java boundary, Scala 2.13 side (the Spark 4 line). Spark's Scala API takes
 * {@code scala.collection.immutable.Seq} on 2.13 and {@code scala.collection.Seq} on 2.12; an
 * immutable one fits both, so callers compile unchanged on either line.
 */
public final class ScalaSeqs {
  private ScalaSeqs() {}

  /** A read-only Java view of {@code seq}. */
  public static <A> List<A> toJava(scala.collection.Seq<A> seq) {
    return CollectionConverters.asJava(seq);
  }

  /** An immutable Scala copy of {@code list}. */
  public static <A> scala.collection.immutable.Seq<A> toScala(List<A> list) {
    return CollectionConverters.asScala(list).toSeq();
  }
}
