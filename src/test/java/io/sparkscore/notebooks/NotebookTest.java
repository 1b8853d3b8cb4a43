package io.sparkscore.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookTest {

  @Test
  void splitsCellsAndUnwrapsMagic() {
    Notebook notebook = Notebook.parse("n", Paths.get("n.scala"), String.join("\n",
        "// Databricks notebook source",
        "// MAGIC %md",
        "// MAGIC # Title",
        "// MAGIC",
        "// MAGIC   indented",
        "",
        "// COMMAND ----------",
        "",
        "val x = 1",
        "",
        "val y = x",
        "  .toString",
        "",
        "// COMMAND ----------",
        "",
        "// COMMAND ----------",
        "// MAGIC %sql",
        "// MAGIC SELECT 1;",
        "// MAGIC SELECT 2",
        "// COMMAND ----------",
        "// DBTITLE 1,Shell",
        "// MAGIC %sh ls /"));
    List<Notebook.Cell> cells = notebook.cells();
    assertEquals(4, cells.size(), "an empty cell is dropped");
    assertEquals(new Notebook.Cell(1, Notebook.Kind.MARKDOWN, "%md", "", "# Title\n\n  indented"), cells.get(0));
    assertEquals(new Notebook.Cell(2, Notebook.Kind.SCALA, "", "", "val x = 1\n\nval y = x\n  .toString"), cells.get(1));
    assertEquals(new Notebook.Cell(3, Notebook.Kind.SQL, "%sql", "", "SELECT 1;\nSELECT 2"), cells.get(2));
    assertEquals(new Notebook.Cell(4, Notebook.Kind.UNSUPPORTED, "%sh", "Shell", "ls /"), cells.get(3));
    assertEquals(2, notebook.codeCells());
  }

  @Test
  void rejectsFilesThatAreNotDatabricksSources() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Notebook.parse("n", Paths.get("n.scala"), "val x = 1\n"));
    assertEquals("n.scala: not a Databricks source notebook; its first line must be '// Databricks notebook source'",
        e.getMessage());
  }

  @Test
  void rejectsCellsMixingMagicAndScala() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Notebook.parse("n", Paths.get("n.scala"), "// Databricks notebook source\n// MAGIC %md\nval x = 1\n"));
    assertEquals("n.scala cell 1: mixes '// MAGIC' lines with Scala lines; a magic cell has only MAGIC lines",
        e.getMessage());
  }
}
