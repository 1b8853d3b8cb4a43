package io.sparkscore.notebooks;

import java.io.PrintWriter;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;

/** The notebook runner's interpreter on Scala 2.12 (the Spark 3.5 line), whose REPL API differs from 2.13's. */
final class Interpreters {
  private Interpreters() {}

  /** A ready interpreter writing to {@code out}, echoing no results. */
  static IMain start(Settings settings, PrintWriter out) {
    IMain interpreter = new IMain(settings, out);
    interpreter.initializeSynchronous();
    // Echoing every definition ("df: DataFrame = [...]") buries the output cells print themselves.
    interpreter.printResults_$eq(false);
    return interpreter;
  }
}
