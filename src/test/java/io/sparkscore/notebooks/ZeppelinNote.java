package io.sparkscore.notebooks;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Databricks source notebook as an Apache Zeppelin note (the 0.9+ {@code .zpln} JSON): one
 * paragraph per cell, {@code %md} for markdown, {@code %spark.sql} for SQL and {@code %spark} for
 * Scala, where Databricks' {@code display(df)} becomes Zeppelin's {@code z.show(df)}. Ids are derived
 * from the notebook's name, so generating twice gives the same file and Git sees only real changes.
 * The file name follows Zeppelin's {@code <name>_<noteId>.zpln}, which its notebook folder expects.
 */
public final class ZeppelinNote {
  private static final Pattern DISPLAY = Pattern.compile("(?m)^(\\s*)display\\(");
  private static final String ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private ZeppelinNote() {}

  /** Zeppelin's 9-character note id, from the notebook's name. */
  public static String noteId(Notebook notebook) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(notebook.name().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
    StringBuilder id = new StringBuilder("2");
    for (int i = 0; id.length() < 9; i++) {
      id.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
    }
    return id.toString();
  }

  public static String fileName(Notebook notebook) {
    return notebook.name() + "_" + noteId(notebook) + ".zpln";
  }

  /** The note's JSON text, ending with a newline. */
  public static String json(Notebook notebook) {
    String noteId = noteId(notebook);
    List<Map<String, Object>> paragraphs = new ArrayList<>();
    for (Notebook.Cell cell : notebook.cells()) {
      paragraphs.add(paragraph(noteId, cell, notebook));
    }
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("paragraphs", paragraphs);
    note.put("name", notebook.name());
    note.put("id", noteId);
    note.put("defaultInterpreterGroup", "spark");
    note.put("version", "0.9.0");
    note.put("noteParams", Map.of());
    note.put("noteForms", Map.of());
    note.put("angularObjects", Map.of());
    note.put("config", Map.of("isZeppelinNotebookCronEnable", false));
    note.put("info", Map.of());
    try {
      return new ObjectMapper().writer(new ZeppelinPrinter()).writeValueAsString(note) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> paragraph(String noteId, Notebook.Cell cell, Notebook notebook) {
    String interpreter;
    String language;
    String text = cell.text();
    switch (cell.kind()) {
      case MARKDOWN -> {
        interpreter = "%md";
        language = "markdown";
      }
      case SQL -> {
        interpreter = "%spark.sql";
        language = "sql";
      }
      case SCALA -> {
        interpreter = "%spark";
        language = "scala";
        text = DISPLAY.matcher(text).replaceAll("$1z.show(");
      }
      default -> throw new IllegalArgumentException(notebook.source() + " cell " + cell.number() + ": "
          + cell.magic() + " has no Zeppelin counterpart here; notebooks may only use %md and %sql magic cells");
    }
    Map<String, Object> editor = new LinkedHashMap<>();
    editor.put("language", language);
    editor.put("editOnDblClick", cell.kind() == Notebook.Kind.MARKDOWN);
    editor.put("completionKey", "TAB");
    editor.put("completionSupport", cell.kind() != Notebook.Kind.MARKDOWN);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("colWidth", 12.0);
    config.put("fontSize", 9.0);
    config.put("enabled", true);
    config.put("results", Map.of());
    config.put("editorSetting", editor);
    config.put("editorMode", "ace/mode/" + language);
    if (!cell.title().isEmpty()) {
      config.put("title", true);
    }
    String id = "paragraph_" + noteId + "_" + cell.number();
    Map<String, Object> paragraph = new LinkedHashMap<>();
    if (!cell.title().isEmpty()) {
      paragraph.put("title", cell.title());
    }
    paragraph.put("text", interpreter + "\n" + text);
    paragraph.put("user", "anonymous");
    paragraph.put("config", config);
    Map<String, Object> settings = new LinkedHashMap<>(); // Map.of's order changes from JVM to JVM
    settings.put("params", Map.of());
    settings.put("forms", Map.of());
    paragraph.put("settings", settings);
    paragraph.put("apps", List.of());
    paragraph.put("progressUpdateIntervalMs", 500);
    paragraph.put("jobName", id);
    paragraph.put("id", id);
    paragraph.put("status", "READY");
    return paragraph;
  }

  /** Close to Zeppelin's own layout: two-space indents, {@code "key": value}, one array element per line. */
  private static final class ZeppelinPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    ZeppelinPrinter() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public ZeppelinPrinter createInstance() {
      return new ZeppelinPrinter();
    }
  }
}
