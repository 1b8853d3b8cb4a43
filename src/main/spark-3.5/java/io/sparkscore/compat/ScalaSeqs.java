package io.sparkscore.compat;

import java.util.List;
import scala.collection.JavaConverters;

/**
 * Scala sequences at the Java boundary, Scala 2.12 side (the Spark 3.5 line): 2.12 has no
 * {@code scala.jdk.javaapi}. The Spark 4 line's twin says why the result is immutable.
 */
public final class ScalaSeqs {
  private ScalaSeqs() {}

  /** A read-only Java view of {@code seq}. */
  public static <A> List<A> toJava(scala.collection.Seq<A> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }

  /** An immutable Scala copy of {@code list}. */
  public static <A> scala.collection.immutable.Seq<A> toScala(List<A> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }
}
