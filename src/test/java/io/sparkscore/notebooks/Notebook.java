package io.sparkscore.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Databricks notebook in SOURCE format, Scala flavour: the file starts with {@code // Databricks
 * notebook source}, cells are separated by {@code // COMMAND ----------}, and a cell whose lines
 * all start with {@code // MAGIC} runs another language, named by its first word ({@code %md},
 * {@code %sql}, …). Such a file is valid Scala, so the master copy of a notebook is also what an
 * IDE and Git diff see.
 */
public record Notebook(String name, Path source, List<Cell> cells) {
  static final String HEADER = "// Databricks notebook source";
  static final String SEPARATOR = "// COMMAND ----------";
  private static final String MAGIC = "// MAGIC";
  // Databricks writes a cell's title as its first line; it is metadata, not code.
  private static final Pattern TITLE = Pattern.compile("^// DBTITLE \\d+,(.*)$");

  /** What a cell holds; magic cells other than markdown and SQL cannot run outside Databricks. */
  public enum Kind {
    SCALA,
    MARKDOWN,
    SQL,
    UNSUPPORTED
  }

  /**
   * One cell: its 1-based number as Databricks shows it, its kind, the magic word for magic cells
   * ({@code %md}, {@code %sh} …; empty for Scala), its optional title, and its text without the
   * magic word and {@code // MAGIC} prefixes.
   */
  public record Cell(int number, Kind kind, String magic, String title, String text) {
    public Cell {
      Objects.requireNonNull(kind, "kind is null");
      Objects.requireNonNull(magic, "magic is null");
      Objects.requireNonNull(title, "title is null");
      Objects.requireNonNull(text, "text is null");
    }
  }

  public Notebook {
    cells = List.copyOf(cells);
  }

  /** Reads a notebook; its name is the file name without {@code .scala}. */
  public static Notebook read(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notebook " + file + ": " + e.getMessage(), e);
    }
    String fileName = file.getFileName().toString();
    return parse(fileName.endsWith(".scala") ? fileName.substring(0, fileName.length() - 6) : fileName, file, content);
  }

  static Notebook parse(String name, Path source, String content) {
    List<String> lines = content.replace("\r\n", "\n").lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IllegalArgumentException(
          source + ": not a Databricks source notebook; its first line must be '" + HEADER + "'");
    }
    List<Cell> cells = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.strip().equals(SEPARATOR)) {
        addCell(cells, current, source);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    addCell(cells, current, source);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(source + ": the notebook has no cells");
    }
    return new Notebook(name, source, cells);
  }

  private static void addCell(List<Cell> cells, List<String> lines, Path source) {
    List<String> body = trimBlankLines(lines);
    if (body.isEmpty()) {
      return;
    }
    String title = "";
    Matcher titled = TITLE.matcher(body.get(0));
    if (titled.matches()) {
      title = titled.group(1).strip();
      body = trimBlankLines(body.subList(1, body.size()));
    }
    int number = cells.size() + 1;
    if (body.isEmpty() || !body.stream().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith(MAGIC))) {
      if (body.stream().anyMatch(l -> l.startsWith(MAGIC))) {
        throw new IllegalArgumentException(
            source + " cell " + number + ": mixes '// MAGIC' lines with Scala lines; a magic cell has only MAGIC lines");
      }
      cells.add(new Cell(number, Kind.SCALA, "", title, String.join("\n", body)));
      return;
    }
    List<String> unwrapped = new ArrayList<>();
    for (String line : body) {
      String rest = line.isBlank() ? "" : line.substring(MAGIC.length());
      unwrapped.add(rest.startsWith(" ") ? rest.substring(1) : rest);
    }
    String first = unwrapped.get(0).strip();
    String magic = first.split("\\s+", 2)[0];
    String firstRest = first.substring(magic.length()).strip();
    List<String> text = new ArrayList<>();
    if (!firstRest.isEmpty()) {
      text.add(firstRest);
    }
    text.addAll(unwrapped.subList(1, unwrapped.size()));
    Kind kind =
        switch (magic) {
          case "%md" -> Kind.MARKDOWN;
          case "%sql" -> Kind.SQL;
          default -> Kind.UNSUPPORTED;
        };
    cells.add(new Cell(number, kind, magic, title, String.join("\n", trimBlankLines(text))));
  }

  private static List<String> trimBlankLines(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    return lines.subList(from, to);
  }

  /** Number of cells that run code (Scala and SQL). */
  public long codeCells() {
    return cells.stream().filter(c -> c.kind() == Kind.SCALA || c.kind() == Kind.SQL).count();
  }
}
