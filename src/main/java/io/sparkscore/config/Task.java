package io.sparkscore.config;

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

  /** The configured stage reading {@code textCol}, from the common and task options. */
  Transformer stage(CommandLine cli, String textCol);
}
