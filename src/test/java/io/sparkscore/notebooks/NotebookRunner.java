package io.sparkscore.notebooks;

import io.sparkscore.compat.ScalaSeqs;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Runs Databricks source notebooks cell by cell, in order, in one Scala interpreter (of the Scala version the Spark line is built with) bound to a
 * local SparkSession, the way {@code spark-shell} does: class-based REPL wrappers, and the
 * interpreter's class directory served to executors through {@code spark.repl.class.outputDir}.
 *
 * <p>Each notebook gets what a Databricks notebook gets: {@code spark} (a fresh session of its own
 * over the shared SparkContext, so temp views and SQL settings do not leak between notebooks),
 * {@code sc} and {@code display}; the interpreter is reset between notebooks, so a notebook that
 * leans on a name another notebook defined fails here as it would on Databricks. {@code %md} cells
 * are skipped, {@code %sql} cells run through {@code spark.sql}, and any other magic cell is
 * rejected before the notebook starts. A notebook stops at its first failing cell.
 *
 * <p>The SparkContext must be created by the runner (the class directory is read once, when the
 * context starts), so the runner owns its JVM: {@link #main} is started by {@code NotebooksTest}
 * in a child JVM, and by hand as {@code java -cp <test classpath> io.sparkscore.notebooks.NotebookRunner
 * [--results FILE] [--conf key=value]... notebook.scala|dir...}.
 */
public final class NotebookRunner implements AutoCloseable {
  /** What every notebook finds defined, as Databricks, Zeppelin and {@code spark-shell} define it. */
  private static final List<String> PRELUDE =
      List.of(
          "@transient val spark = io.sparkscore.notebooks.NotebookRunner.session()",
          "@transient val sc = spark.sparkContext",
          // Databricks, Zeppelin and spark-shell all have this import; notebooks import anything else themselves.
          "import spark.implicits._",
          // Databricks' display renders a table; here it prints one, so notebooks stay portable.
          "def display(data: org.apache.spark.sql.Dataset[_]): Unit = data.show(20, 80)");

  private static volatile SparkSession current;

  private final Path classes;
  private final SparkSession shared;
  private final Map<String, String> conf;
  private final IMain interpreter;
  private final CapturingWriter output;
  private boolean fresh = true;

  /**
   * @param classpath the interpreter's compile classpath: Spark, SparkScore and their dependencies
   * @param conf Spark SQL settings every notebook session starts with (notebook parameters)
   */
  public NotebookRunner(String classpath, Map<String, String> conf) {
    this.classes = createTempDirectory("sparkscore-notebook-classes");
    // SparkConf reads spark.* system properties; the context serves this directory to executors.
    System.setProperty("spark.repl.class.outputDir", classes.toString());
    this.shared = TestSpark.session();
    String served = shared.sparkContext().getConf().get("spark.repl.class.outputDir", "");
    if (!served.equals(classes.toString())) {
      throw new IllegalStateException(
          "a SparkContext was already running without this runner's class directory (it has '" + served
              + "'); the runner needs a JVM of its own");
    }
    this.conf = Map.copyOf(conf);
    this.output = new CapturingWriter(new PrintWriter(System.out, true));
    Settings settings = new Settings();
    List<String> args = List.of(
        "-Yrepl-class-based", "-Yrepl-outdir", classes.toString(), "-classpath", classpath, "-deprecation");
    scala.Tuple2<Object, scala.collection.immutable.List<String>> parsed =
        settings.processArguments(ScalaSeqs.toScala(args).toList(), true);
    if (!(Boolean) parsed._1() || !parsed._2().isEmpty()) {
      throw new IllegalStateException("interpreter settings rejected: " + args);
    }
    this.interpreter = Interpreters.start(settings, new PrintWriter(output, true));
  }

  /** The session of the notebook being run; the interpreter's {@code spark} reads it. */
  public static SparkSession session() {
    return current;
  }

  /**
   * How one notebook went: its cells, how many of them are markdown, and of the code cells how many
   * passed, failed (0 or 1: a notebook stops at its first failure) and never ran. {@code failedCell}
   * is 0 and {@code error} empty when every cell passed.
   */
  public record Result(String notebook, int cells, int markdown, int passed, int failed, int notRun, long millis,
      int failedCell, String error) {

    public boolean ok() {
      return failed == 0;
    }

    /** The {@code N passed, M failed} report line, with the failing cell's error under it. */
    public String summary() {
      String line = String.format("%s: %d passed, %d failed%s (%d cells, %d markdown) in %.1f s",
          notebook, passed, failed, notRun > 0 ? ", " + notRun + " not run" : "", cells, markdown, millis / 1000.0);
      return ok() ? line : line + "\n    cell " + failedCell + ": " + error.replace("\n", "\n    ");
    }

    String toTsv() {
      return String.join("\t", notebook, Integer.toString(cells), Integer.toString(markdown),
          Integer.toString(passed), Integer.toString(failed), Integer.toString(notRun), Long.toString(millis),
          Integer.toString(failedCell), error.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
    }

    static Result fromTsv(String line) {
      String[] f = line.split("\t", -1);
      StringBuilder error = new StringBuilder();
      for (int i = 0; i < f[8].length(); i++) {
        char c = f[8].charAt(i);
        if (c == '\\' && i + 1 < f[8].length()) {
          char escaped = f[8].charAt(++i);
          error.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
        } else {
          error.append(c);
        }
      }
      return new Result(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]), Integer.parseInt(f[7]),
          error.toString());
    }
  }

  /** Runs every cell of a notebook in order, stopping at the first that fails. */
  public Result run(Notebook notebook) {
    long start = System.nanoTime();
    int cells = notebook.cells().size();
    int markdown = (int) notebook.cells().stream().filter(c -> c.kind() == Notebook.Kind.MARKDOWN).count();
    for (Notebook.Cell cell : notebook.cells()) {
      String problem = portabilityProblem(cell);
      if (problem != null) {
        return new Result(notebook.name(), cells, markdown, 0, 1, cells - markdown - 1, 0, cell.number(), problem);
      }
    }
    startNotebook();
    int passed = 0;
    for (Notebook.Cell cell : notebook.cells()) {
      if (cell.kind() == Notebook.Kind.MARKDOWN) {
        continue;
      }
      System.out.printf("%n--- %s cell %d (%s) ---%n", notebook.name(), cell.number(), cell.kind());
      long cellStart = System.nanoTime();
      String error = cell.kind() == Notebook.Kind.SQL ? runSql(cell.text()) : runScala(cell.text());
      System.out.printf("--- cell %d %s in %.1f s%n", cell.number(), error == null ? "passed" : "FAILED",
          elapsedMillis(cellStart) / 1000.0);
      if (error != null) {
        int notRun = cells - markdown - passed - 1;
        return new Result(notebook.name(), cells, markdown, passed, 1, notRun, elapsedMillis(start), cell.number(), error);
      }
      passed++;
    }
    return new Result(notebook.name(), cells, markdown, passed, 0, 0, elapsedMillis(start), 0, "");
  }

  /** Why a cell cannot run here and would not be portable, or null. */
  private static String portabilityProblem(Notebook.Cell cell) {
    if (cell.kind() == Notebook.Kind.UNSUPPORTED) {
      return cell.magic() + " cells are not run: notebooks may only use %md and %sql magic cells "
          + "(no %sh, %fs, %run, %python …), so that they run the same on Databricks, Zeppelin and here";
    }
    if (cell.kind() == Notebook.Kind.SCALA && cell.text().matches("(?s).*\\bdef\\s+display\\s*\\(.*")) {
      return "the cell defines display; Databricks provides it and so does this runner, so notebooks must not";
    }
    if (cell.kind() == Notebook.Kind.SCALA && cell.text().matches("(?s).*\\bdbutils\\b.*")) {
      return "the cell uses dbutils, which exists only on Databricks";
    }
    return null;
  }

  /** A clean interpreter and a new session for the next notebook. */
  private void startNotebook() {
    if (!fresh) {
      interpreter.reset();
    }
    fresh = false;
    SparkSession session = shared.newSession();
    conf.forEach((key, value) -> session.conf().set(key, value));
    current = session;
    for (String line : PRELUDE) {
      if (interpreter.quietRun(line) != Results.Success$.MODULE$) {
        throw new IllegalStateException("the interpreter rejected its own prelude: " + line);
      }
    }
  }

  private String runScala(String code) {
    output.startCapture();
    Results.Result result = interpreter.interpret(code);
    String captured = output.stopCapture();
    if (result == Results.Success$.MODULE$) {
      return null;
    }
    if (result == Results.Incomplete$.MODULE$) {
      return "incomplete code: the cell ends inside an unclosed bracket, string or expression";
    }
    return errorText(captured);
  }

  /** Runs each statement of a %sql cell and shows the last one's rows, as Databricks does. */
  private String runSql(String text) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // UDFs registered by earlier cells live in the interpreter's class loader.
    thread.setContextClassLoader(interpreter.classLoader());
    try {
      Dataset<Row> last = null;
      for (String statement : text.split(";\\s*(?:\\n|$)")) {
        if (!statement.isBlank()) {
          last = current.sql(statement);
        }
      }
      if (last != null) {
        last.show(20, 80);
      }
      return null;
    } catch (Exception e) { // Spark's AnalysisException is a checked exception to Java
      return e.toString();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The interpreter's report, cut to what says what went wrong: every message and cause line, the
   * first frames under each, and a hint for the one failure that puzzles everyone.
   */
  static String errorText(String captured) {
    List<String> kept = new ArrayList<>();
    int frames = 0;
    for (String line : captured.strip().lines().toList()) {
      boolean frame = line.strip().startsWith("at ") || line.strip().matches("\\.\\.\\. \\d+ (more|elided)");
      frames = frame ? frames + 1 : 0;
      if (frames <= 3) {
        kept.add(line);
      }
    }
    if (captured.contains("OuterScopes")) {
      kept.add("hint: a case class used in a Dataset must be defined in an earlier cell than the one that uses it; "
          + "Spark finds the REPL object holding it only once its cell has finished");
    }
    return kept.isEmpty() ? "the interpreter reported an error without a message" : String.join("\n", kept);
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static Path createTempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    interpreter.close();
    current = null;
    try (Stream<Path> files = Files.walk(classes)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove the interpreter's class directory " + classes + ": " + e);
    }
  }

  /** Echoes the interpreter's output and keeps a copy of it while a cell runs. */
  private static final class CapturingWriter extends Writer {
    private final PrintWriter echo;
    private StringBuilder capture;

    CapturingWriter(PrintWriter echo) {
      this.echo = echo;
    }

    synchronized void startCapture() {
      capture = new StringBuilder();
    }

    synchronized String stopCapture() {
      String text = capture.toString();
      capture = null;
      return text;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
      echo.write(buffer, offset, length);
      if (capture != null) {
        capture.append(buffer, offset, length);
      }
    }

    @Override
    public void flush() {
      echo.flush();
    }

    @Override
    public void close() {
      echo.flush();
    }
  }

  /** The notebooks named by files and directories ({@code *.scala} in them, by name). */
  static List<Path> notebookFiles(List<String> paths) {
    List<Path> files = new ArrayList<>();
    for (String p : paths) {
      Path path = Paths.get(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          listing.filter(f -> f.toString().endsWith(".scala")).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list notebooks in " + path, e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IllegalArgumentException("no notebook or notebook directory at " + path.toAbsolutePath());
      }
    }
    return files;
  }

  /**
   * Runs notebooks and prints one report line per notebook; exits 1 when any failed. {@code --conf
   * key=value} sets a notebook parameter, {@code --results FILE} also writes the results as TSV.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> conf = new LinkedHashMap<>();
    Path resultsFile = null;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--conf" -> {
          String[] kv = args[++i].split("=", 2);
          if (kv.length != 2) {
            throw new IllegalArgumentException("--conf wants key=value, got " + args[i]);
          }
          conf.put(kv[0], kv[1]);
        }
        case "--results" -> resultsFile = Paths.get(args[++i]);
        default -> paths.add(args[i]);
      }
    }
    List<Result> results = new ArrayList<>();
    String classpath = System.getProperty("java.class.path");
    try (NotebookRunner runner = new NotebookRunner(classpath, conf)) {
      for (Path file : notebookFiles(paths)) {
        Result result;
        try {
          result = runner.run(Notebook.read(file));
        } catch (IllegalArgumentException e) {
          result = new Result(file.getFileName().toString(), 0, 0, 0, 1, 0, 0, 0, e.getMessage());
        }
        results.add(result);
        if (resultsFile != null) {
          Files.createDirectories(resultsFile.toAbsolutePath().getParent());
          Files.write(resultsFile, results.stream().map(Result::toTsv).toList(), StandardCharsets.UTF_8);
        }
      }
    }
    System.out.println();
    System.out.println("Notebooks:");
    results.forEach(r -> System.out.println("  " + r.summary()));
    System.out.flush();
    // Spark's non-daemon threads would keep the JVM alive after main returns.
    System.exit(results.stream().allMatch(Result::ok) ? 0 : 1);
  }
}
