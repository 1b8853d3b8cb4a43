package io.sparkscore.sql;

import java.util.List;
import scala.collection.JavaConverters;

/**
 * Java lists to and from Scala sequences on both Scala lines: an immutable {@code List} is the
 * {@code Seq} that Catalyst's Scala 2.12 and 2.13 signatures both accept.
 */
@SuppressWarnings("deprecation") // JavaConverters is the one converter both Scala lines have
final class ScalaSeqs {
  private ScalaSeqs() {}

  static <T> scala.collection.immutable.List<T> of(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  static <T> List<T> java(scala.collection.Seq<T> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }
}
