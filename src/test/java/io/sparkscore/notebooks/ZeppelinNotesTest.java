package io.sparkscore.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Zeppelin notes are generated from the Databricks sources, never edited by hand: this test
 * fails when a committed {@code .zpln} differs from what {@link ZeppelinNote} makes of its source,
 * or has no source. {@code -Dsparkscore.notebooks.regenerate=true} rewrites them instead.
 */
class ZeppelinNotesTest {
  private static final Path DATABRICKS = TestSpark.repoRoot().resolve("notebooks/databricks");
  private static final Path ZEPPELIN = TestSpark.repoRoot().resolve("notebooks/zeppelin");
  private static final String REGENERATE =
      "mvn -q test -Dtest=ZeppelinNotesTest -Dsparkscore.notebooks.regenerate=true";

  @Test
  void committedNotesMatchTheirDatabricksSources() throws IOException {
    boolean regenerate = Boolean.getBoolean("sparkscore.notebooks.regenerate");
    Set<String> expectedFiles = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Path source : NotebookRunner.notebookFiles(List.of(DATABRICKS.toString()))) {
      Notebook notebook = Notebook.read(source);
      String fileName = ZeppelinNote.fileName(notebook);
      expectedFiles.add(fileName);
      Path note = ZEPPELIN.resolve(fileName);
      String json = ZeppelinNote.json(notebook);
      if (regenerate) {
        Files.createDirectories(ZEPPELIN);
        Files.writeString(note, json, StandardCharsets.UTF_8);
      } else if (!Files.exists(note)) {
        problems.add(fileName + " is missing (generated from " + source.getFileName() + ")");
      } else if (!Files.readString(note, StandardCharsets.UTF_8).equals(json)) {
        problems.add(fileName + " differs from what " + source.getFileName() + " generates");
      }
    }
    try (Stream<Path> listing = Files.exists(ZEPPELIN) ? Files.list(ZEPPELIN) : Stream.empty()) {
      for (Path note : listing.filter(p -> p.toString().endsWith(".zpln")).toList()) {
        if (!expectedFiles.contains(note.getFileName().toString())) {
          if (regenerate) {
            Files.delete(note);
          } else {
            problems.add(note.getFileName() + " has no Databricks source in " + DATABRICKS);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      fail("Zeppelin notes are out of sync with notebooks/databricks (edit the .scala sources, then run `"
          + REGENERATE + "`):\n  " + String.join("\n  ", problems));
    }
    assertEquals(expectedFiles.size(), NotebookRunner.notebookFiles(List.of(DATABRICKS.toString())).size());
  }

  @Test
  void cellsBecomeParagraphsForZeppelinsInterpreters() throws IOException {
    Notebook notebook = Notebook.parse("demo", Paths.get("demo.scala"), String.join("\n",
        "// Databricks notebook source",
        "// MAGIC %md",
        "// MAGIC # Demo",
        "// MAGIC",
        "// MAGIC Some *text*.",
        "",
        "// COMMAND ----------",
        "",
        "// DBTITLE 1,Load",
        "val df = spark.range(3).toDF(\"id\")",
        "display(df)",
        "  display(df.limit(1))",
        "val notDisplayed = \"display(x)\"",
        "",
        "// COMMAND ----------",
        "",
        "// MAGIC %sql SELECT 1",
        ""));
    JsonNode note = new ObjectMapper().readTree(ZeppelinNote.json(notebook));
    assertEquals("demo", note.path("name").asText());
    // Zeppelin's own ids: 9 characters of [0-9A-Z] starting with 2. This one is pinned: a note keeps its
    // id from release to release, so a re-imported note replaces the old one instead of doubling it.
    assertTrue(note.path("id").asText().matches("2[0-9A-Z]{8}"), note.path("id").asText());
    assertEquals("2AQHCNB84", note.path("id").asText());
    JsonNode paragraphs = note.path("paragraphs");
    assertEquals(3, paragraphs.size());
    assertEquals("%md\n# Demo\n\nSome *text*.", paragraphs.get(0).path("text").asText());
    assertEquals("%spark\nval df = spark.range(3).toDF(\"id\")\nz.show(df)\n  z.show(df.limit(1))\n"
        + "val notDisplayed = \"display(x)\"", paragraphs.get(1).path("text").asText());
    assertEquals("Load", paragraphs.get(1).path("title").asText());
    assertEquals("%spark.sql\nSELECT 1", paragraphs.get(2).path("text").asText());
    assertEquals("ace/mode/sql", paragraphs.get(2).path("config").path("editorMode").asText());
  }

  @Test
  void unportableCellsHaveNoNote() {
    Notebook notebook = Notebook.parse("shell", Paths.get("shell.scala"),
        "// Databricks notebook source\n// MAGIC %sh\n// MAGIC ls\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZeppelinNote.json(notebook));
    assertEquals("shell.scala cell 1: %sh has no Zeppelin counterpart here; notebooks may only use %md and %sql "
        + "magic cells", e.getMessage());
  }
}
