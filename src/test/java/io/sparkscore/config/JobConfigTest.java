package io.sparkscore.config;

import static io.sparkscore.testing.JobTesting.quoted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.cli.RunCommand;
import io.sparkscore.run.Job;
import io.sparkscore.testing.JobTesting;
import io.sparkscore.stages.TextEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job files are checked completely, without Spark, and every problem names file, line and key. */
class JobConfigTest {
  @TempDir Path dir;

  private String input() {
    return "input { path = " + quoted(JobTesting.reviews()) + " }\n";
  }

  private String embed(String name, String extra) {
    return name + " { task = embed, model = " + quoted(JobTesting.tinyBert()) + extra + " }\n";
  }

  private String output() {
    return "output { path = " + quoted(dir.resolve("out")) + " }\n";
  }

  private Job load(String hocon, String... args) {
    String file = JobTesting.write(dir, "job.conf", hocon);
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = file;
    System.arraycopy(args, 0, all, 2, args.length);
    return RunCommand.parse(all);
  }

  private String problems(String hocon, String... args) {
    return assertThrows(SparkScoreException.class, () -> load(hocon, args)).getMessage();
  }

  @Test
  void aValidJobHasDefaultsPrefixesAndModelHashes() throws Exception {
    Job job = load(input() + "tasks {\n" + embed("vec", ", batch-size = 4") + "}\n" + output());
    assertEquals("job", job.name());
    assertEquals("json", job.input().format());
    assertEquals("id", job.input().idCol());
    assertEquals("text", job.input().textCol());
    assertEquals("delta", job.output().format());
    assertEquals("overwrite", job.output().mode());
    assertEquals(1, job.tasks().size());
    Job.TaskSpec task = job.tasks().get(0);
    assertEquals("vec_", task.columnPrefix());
    assertEquals(4, ((TextEmbedder) task.stage()).getBatchSize());
    byte[] onnx = Files.readAllBytes(Paths.get(JobTesting.tinyBert(), "onnx", "model.onnx"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)), task.model().sha256());
    assertEquals("model.onnx", task.model().file());
    assertTrue(job.run().id().matches("\\d{8}-\\d{6}-[0-9a-f]{6}"), job.run().id());
    assertTrue(job.configJson().contains("\"batch-size\":4"), job.configJson());
  }

  @Test
  void commandLineOptionsAndSetSnippetsOverrideTheFile() {
    String hocon = input() + "tasks {\n" + embed("vec", ", batch-size = 4") + "}\n"
        + "output { path = " + quoted(dir.resolve("out")) + ", mode = append, format = parquet }\n";
    Job job = load(hocon, "--mode", "overwrite", "--output", dir.resolve("other").toString(),
        "--set", "tasks.vec.batch-size = 9", "--set", "run { id = nightly-1 }", "--limit", "7");
    assertEquals("overwrite", job.output().mode());
    assertEquals(dir.resolve("other").toString(), job.output().path());
    assertEquals("parquet", job.output().format(), "a new output path keeps the file's format");
    assertEquals(9, ((TextEmbedder) job.tasks().get(0).stage()).getBatchSize());
    assertEquals("nightly-1", job.run().id());
    assertEquals(7, job.input().limit());
  }

  @Test
  void aTaskSetToNullIsSwitchedOff() {
    String hocon = input() + "tasks {\n" + embed("a", "") + embed("b", "") + "}\n" + output();
    List<Job.TaskSpec> tasks = load(hocon, "--set", "tasks.a = null").tasks();
    assertEquals(List.of("b"), tasks.stream().map(Job.TaskSpec::name).toList());
    String message = problems(hocon, "--set", "tasks { a = null, b = null }");
    assertTrue(message.contains("tasks: missing; expected at least one task"), message);
  }

  @Test
  void taskDefaultsApplyWhereATaskHasTheOptionAndTheTaskWins() {
    String hocon = input() + "task-defaults { batch-size = 3, device = cpu }\n"
        + "tasks {\n" + embed("a", "") + embed("b", ", batch-size = 5")
        + "t { task = tokenize, model = " + quoted(JobTesting.tinyBert()) + " }\n}\n" + output();
    List<Job.TaskSpec> tasks = load(hocon).tasks();
    assertEquals(3, ((TextEmbedder) tasks.get(0).stage()).getBatchSize());
    assertEquals("cpu", ((TextEmbedder) tasks.get(0).stage()).getDevice());
    assertEquals(5, ((TextEmbedder) tasks.get(1).stage()).getBatchSize());
    assertEquals("tokenizer.json", tasks.get(2).model().file());
  }

  @Test
  void unknownKeysAreReportedWithFileLineAndASuggestion() {
    String message = problems("input { path = " + quoted(JobTesting.reviews()) + "\n  txt-col = body }\n"
        + "tasks {\n" + embed("vec", ", batchsize = 4") + "}\n" + output() + "outptu { }\n");
    String file = dir.resolve("job.conf").toString();
    assertTrue(message.contains("has 3 problems"), message);
    assertTrue(message.contains(file + ":2: input.txt-col: unknown key (did you mean text-col?)"), message);
    assertTrue(message.contains(file + ":4: tasks.vec.batchsize: unknown key (did you mean batch-size?)"), message);
    assertTrue(message.contains(file + ":7: outptu: unknown key (did you mean output?)"), message);
  }

  @Test
  void wrongTypesAndValuesSayWhatWasExpected() {
    String file = dir.resolve("job.conf").toString();
    String message = problems("input { path = " + quoted(JobTesting.reviews()) + ", limit = many }\n"
        + "tasks {\n" + embed("vec", ", normalize = maybe") + "}\n"
        + "output { path = " + quoted(dir.resolve("out")) + ", mode = upsert, partition-by = { a = 1 } }\n"
        + "run { progress-interval = soon }\n");
    assertTrue(message.contains(file + ":1: input.limit: expected a whole number >= 0, got \"many\""), message);
    assertTrue(message.contains(file + ":3: tasks.vec.normalize: expects true or false, got \"maybe\""), message);
    assertTrue(message.contains(file + ":5: output.mode: expected one of overwrite, append, merge, got \"upsert\""),
        message);
    assertTrue(message.contains(file + ":5: output.partition-by: expected a list of strings"), message);
    assertTrue(message.contains(file + ":6: run.progress-interval: expected a duration such as 10s"), message);
  }

  @Test
  void missingRequiredValuesAreNamed() {
    String file = dir.resolve("job.conf").toString();
    String message = problems("input { }\ntasks { }\n");
    assertTrue(message.contains(file + ": input.path: missing; expected input.path (a file or directory) or "
        + "input.table (a catalog table)"), message);
    assertTrue(message.contains(file + ": tasks: missing; expected at least one task"), message);
    assertTrue(message.contains(file + ": output.path: missing; expected output.path"), message);
  }

  @Test
  void taskErrorsSpeakInTermsOfTheJobFile() {
    String message = problems(input() + "tasks {\n" + embed("vec", ", batch-size = lots") + "}\n" + output());
    assertTrue(message.contains(":3: tasks.vec.batch-size: expects a whole number, got \"lots\""), message);

    message = problems(input() + "tasks { vec { task = sentimint } }\n" + output());
    assertTrue(message.contains(":2: tasks.vec.task: unknown task 'sentimint'; set task = one of "), message);
    assertTrue(message.contains("embed"), message);

    message = problems(input() + "tasks {\n" + embed("vec", ", batch-size = 0") + "}\n" + output());
    assertTrue(message.contains("tasks.vec: embed: tasks.vec.batch-size is out of range (most sequences per model run "
        + "(> 0)), got '0'"), message);

    message = problems(input() + "tasks { vec { task = embed, model = " + quoted(dir.resolve("nope")) + " } }\n" + output());
    assertTrue(message.contains("tasks.vec.model: model '" + dir.resolve("nope")), message);
  }

  @Test
  void tasksThatWouldWriteTheSameColumnAreRefused() {
    String message = problems(input() + "tasks {\n" + embed("a", ", column-prefix = \"\"")
        + embed("b", ", column-prefix = \"\"") + "}\n" + output());
    assertTrue(message.contains("tasks.b: output column 'embedding' is also written by tasks.a; "
        + "set tasks.b.column-prefix to tell them apart"), message);

    message = problems("input { path = " + quoted(JobTesting.reviews()) + ", keep = [id] }\n"
        + "tasks {\n" + embed("a", "") + "}\n" + output());
    assertTrue(message.contains("input.keep: 'id' is already in the output as the input's id column"), message);
  }

  @Test
  void modesFormatsAndIncrementalRunsMustFitTogether() {
    String tasks = "tasks {\n" + embed("vec", "") + "}\n";
    String message = problems(input() + tasks + "output { path = x, format = parquet, mode = merge }\n");
    assertTrue(message.contains("output.mode: merge needs output.format = delta, not parquet"), message);

    message = problems(input() + tasks + output() + "run.incremental = true\n");
    assertTrue(message.contains("input.path: run.incremental needs a Delta table as input, not json"), message);

    message = problems(input() + tasks + output(), "--incremental", "--mode", "append",
        "--input", dir.toString(), "--input-format", "delta");
    assertTrue(message.contains("command line: output.mode: run.incremental writes with merge"), message);

    message = problems(input() + tasks + output() + "output.partition-by = [colour]\n");
    assertTrue(message.contains("output.partition-by: no output column 'colour'; columns: id, text, run_id"), message);
  }

  @Test
  void filtersAreParsedBeforeSparkStarts() {
    String message = problems(input() + "tasks {\n" + embed("vec", "") + "}\n" + output(), "--filter", "id <<< 3");
    assertTrue(message.contains("command line: input.filter: not a SQL expression"), message);
  }

  @Test
  void aMissingOrBrokenFileIsReportedAsSuch() {
    String missing = assertThrows(SparkScoreException.class,
        () -> RunCommand.parse(new String[] {"--config", dir.resolve("none.conf").toString()})).getMessage();
    assertTrue(missing.startsWith("job file " + dir.resolve("none.conf") + " does not exist"), missing);
    String broken = problems("input { path = \n");
    assertTrue(broken.contains("job file " + dir.resolve("job.conf") + " cannot be parsed"), broken);
    String option = assertThrows(SparkScoreException.class,
        () -> RunCommand.parse(new String[] {"--config", "x", "--mdoe", "merge"})).getMessage();
    assertTrue(option.contains("unknown option --mdoe"), option);
  }
}
