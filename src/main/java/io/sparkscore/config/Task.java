package io.sparkscore.config;

import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/** A scoring step the command line names ({@code embed}, {@code tokenize} …): its options and its stage. */
public interface Task {
  String name();

  /** One line for the usage text. */
  String summary();

  /** Options with a value that only this task takes. */
  Set<String> options();

  /** Options without a value that only this task takes. */
  default Set<String> flags() {
    return Set.of();
  }

  /**
   * The input columns the stage reads, the text column among them unless the task reads others; the
   * job's input keeps them all.
   */
  default List<String> inputColumns(CommandLine cli, String textCol) {
    return List.of(textCol);
  }

  /** The configured stage reading {@code textCol}, from the common and task options. */
  Transformer stage(CommandLine cli, String textCol);
}
