package io.sparkscore.notebooks;

import java.io.PrintWriter;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/** The notebook runner's interpreter on Scala 2.13 (the Spark 4 line), whose REPL API differs from 2.12's. */
final class Interpreters {
  private Interpreters() {}

  /** A ready interpreter writing to {@code out}, echoing no results. */
  static IMain start(Settings settings, PrintWriter out) {
    ReplReporterImpl reporter = new ReplReporterImpl(settings, out);
    // Echoing every definition ("df: DataFrame = [...]") buries the output cells print themselves.
    reporter.printResults_$eq(false);
    IMain interpreter = new IMain(settings, reporter);
    if (!interpreter.initializeCompiler()) {
      throw new IllegalStateException("the Scala 2.13 interpreter did not start: see the output above");
    }
    return interpreter;
  }
}
