package io.sparkscore.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken input files: the job scores what it can read, leaves the rest out, and says where and why. */
class MalformedInputTest {
  @TempDir Path tmp;

  private static Map<String, String> statuses(String table) {
    Map<String, String> byId = new TreeMap<>();
    for (Row row : TestSpark.session().read().format("delta").load(table).collectAsList()) {
      byId.put(String.valueOf(row.<Object>getAs("id")), row.getAs("status"));
    }
    return byId;
  }

  @Test
  void jsonLinesThatAreNotJsonAreLeftOutAndLocated() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    Files.writeString(input, String.join("\n",
        "{\"id\": 1, \"text\": \"a fine review\"}",
        "{\"id\": 2, \"text\": \"cut off in the midd",
        "{not json}",
        "",
        "{\"id\": 3, \"text\": null}",
        "[1, 2]",
        "{\"id\": 4, \"text\": \"   \"}",
        "\"just a string\"",
        "{\"id\": 5, \"text\": \"the last one\"}") + "\n");
    String output = tmp.resolve("out").toString();
    CliRun run = CliRun.of("embed", "--input", input.toString(), "--output", output,
        "--model", TestSpark.fixtureModel("tiny-bert"));
    assertEquals(0, run.status(), run.err());
    assertEquals(Map.of("1", "ok", "3", "null_text", "4", "empty_text", "5", "ok"), statuses(output));
    String file = "file:" + input;
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.contains("embed: status: empty_text 1, null_text 1, ok 2"), run.out());
    assertTrue(lines.contains("embed: not scored: status 1 (null_text 1, error 0); 4 input records not read"),
        run.out());
    assertTrue(lines.contains("embed: 4 input records not read: unparsable json record"), run.out());
    assertTrue(lines.contains("embed: malformed input: " + file
        + " line 2: unparsable json record: {\"id\": 2, \"text\": \"cut off in the midd"), run.out());
    assertTrue(lines.contains("embed: malformed input: " + file + " line 3: unparsable json record: {not json}"),
        run.out());
    assertTrue(lines.contains("embed: malformed input: " + file + " line 6: unparsable json record: [1, 2]"), run.out());
    assertTrue(lines.contains("embed: malformed input: " + file + " line 8: unparsable json record: \"just a string\""),
        run.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("embed: wrote 4 rows"), run.out());
  }

  @Test
  void csvFileWithBrokenQuotingIsNotReadAndTheOthersAre() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("csv"));
    Files.writeString(dir.resolve("a-good.csv"),
        "id,text\n1,plain\n2,\"quoted, with a comma\"\n3,\"two\nlines\"\n4,\"a \"\"quote\"\" inside\"\n");
    // Spark's reader would swallow records 12 and 13 into the text of record 11 without a word.
    Files.writeString(dir.resolve("b-unclosed.csv"), "id,text\n10,fine\n11,\"never closed\n12,x\n13,y\n");
    // Spark would read record 21's text as '"opened\n22,"reopened' and lose record 22.
    Files.writeString(dir.resolve("c-reopened.csv"), "id,text\n20,fine\n21,\"opened\n22,\"reopened\n23,z\n");
    Files.writeString(dir.resolve("d-fields.csv"), "id,text\n30,fine\n31,too,many,fields\n32\n33,\"last\"\n");
    String output = tmp.resolve("out").toString();
    CliRun run = CliRun.of("tokenize", "--input", dir.toString(), "--input-format", "csv",
        "--output", output, "--model", TestSpark.fixtureModel("tiny-bert"));
    assertEquals(0, run.status(), run.err());
    assertEquals(Map.of("1", "ok", "2", "ok", "3", "ok", "4", "ok", "30", "ok", "33", "ok"), statuses(output));
    Row quoted = TestSpark.session().read().format("delta").load(output).where("id = '4'").first();
    assertEquals("a \"quote\" inside", quoted.getAs("text"));
    String base = "file:" + dir + "/";
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.contains("tokenize: not scored: status 0 (null_text 0, error 0); 7 input records not read"),
        run.out());
    assertTrue(lines.contains("tokenize: 2 input records not read: broken quoting at " + base
        + "b-unclosed.csv line 3: the quoted field that starts here is never closed; the file was not read"), run.out());
    assertTrue(lines.contains("tokenize: 3 input records not read: broken quoting at " + base
        + "c-reopened.csv line 3: the quoted field that starts here ends at line 4, followed by 'r' instead of a "
        + "separator or line end; the file was not read"), run.out());
    assertTrue(lines.contains("tokenize: 2 input records not read: unparsable csv record"), run.out());
    assertTrue(run.out().contains("tokenize: malformed input: " + base
        + "d-fields.csv line 3: unparsable csv record: 31,too,many,fields"), run.out());
    assertTrue(run.out().contains(base + "d-fields.csv line 4: unparsable csv record: 32"), run.out());
  }

  @Test
  void invalidUtf8BytesAreReadAsReplacementCharacters() throws IOException {
    Path input = tmp.resolve("bytes.txt");
    byte[] good = "caf\u00e9 ok\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(input, all);
    String output = tmp.resolve("out").toString();
    CliRun run = CliRun.of("embed", "--input", input.toString(), "--output", output,
        "--model", TestSpark.fixtureModel("tiny-bert"));
    assertEquals(0, run.status(), run.err());
    List<Row> rows = TestSpark.session().read().format("delta").load(output).orderBy("id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("bad \ufffd\ufffd \ufffd", rows.get(1).getAs("text"), "each malformed byte sequence is one U+FFFD");
    assertEquals("ok", rows.get(1).getAs("status"));
    assertEquals(32, rows.get(1).getList(2).size());
  }

  @Test
  void quotingScannerFollowsRfc4180() throws IOException {
    assertNull(scan("a,b\n\"x\",\"y, \"\"z\"\"\"\r\n\"multi\nline\",2\nplain \" quote,3\n\"\"\n"));
    assertEquals("f line 2: the quoted field that starts here is never closed; the file was not read",
        scan("a,b\n\"open,1\n2,3\n").toString());
    assertEquals("f line 1: the quoted field that starts here ends at line 1, followed by 'x' instead of a "
        + "separator or line end; the file was not read", scan("\"a\"x,b\n").toString());
    assertEquals(3, scan("a\nb\n\"c\nd\"\"\n").line());
  }

  private static MalformedInput.Problem scan(String csv) throws IOException {
    return MalformedInput.scanQuoting("f", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ',');
  }
}
