package io.sparkscore.config;

import io.sparkscore.stages.params.ParamSpec;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

/**
 * A scoring step the command line and job files name ({@code embed}, {@code tokenize} …): the stage it
 * runs, whose Params are its options ({@link TaskOptions}).
 */
public interface Task {
  String name();

  /** One line for the usage text. */
  String summary();

  /** A new stage of each kind the task may run, with its defaults: their Params are the task's options. */
  List<Params> stageKinds();

  /** Options the task reads itself, beside its stages' Params (zero-shot's labels file and method). */
  default List<ParamSpec> ownOptions() {
    return List.of();
  }

  /**
   * The input columns the stage reads, the text column among them unless the task reads others; the
   * job's input keeps them all.
   */
  default List<String> inputColumns(TaskOptions options, String textCol) {
    return List.of(textCol);
  }

  /** The configured stage reading {@code textCol}. */
  Transformer stage(TaskOptions options, String textCol);
}
