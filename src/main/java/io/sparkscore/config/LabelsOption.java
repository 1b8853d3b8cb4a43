package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.params.CsvList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Candidate labels from the command line: {@code --labels "a,b,c"} or {@code --labels-file PATH}.
 *
 * <p>{@code --labels} splits on commas, trims each label and drops empty ones, as Hugging Face's
 * pipeline does with a comma-separated string. A label that holds a comma goes in double quotes,
 * and {@code ""} inside quotes is one quote character: {@code --labels '"food, drink",sports'}.
 * {@code --labels-file} reads one label per line (UTF-8), trimmed, blank lines skipped; nothing
 * in it is special, so it suits labels full of commas and quotes.
 */
public final class LabelsOption {
  static final String LABELS = "labels";
  static final String LABELS_FILE = "labels-file";

  private LabelsOption() {}

  /** The labels the command line gives; exactly one of the two options must be there. */
  static List<String> of(CommandLine cli) {
    boolean inline = cli.get(LABELS).isPresent();
    boolean file = cli.get(LABELS_FILE).isPresent();
    if (inline == file) {
      throw SparkScoreException.user(
          "%s: give the candidate labels with exactly one of --%s \"a,b,c\" or --%s PATH",
          cli.command(), LABELS, LABELS_FILE);
    }
    List<String> labels = inline ? parse(cli.require(LABELS)) : read(Paths.get(cli.require(LABELS_FILE)));
    if (labels.isEmpty()) {
      throw SparkScoreException.user(
          "%s: --%s holds no labels", cli.command(), inline ? LABELS : LABELS_FILE + " " + cli.require(LABELS_FILE));
    }
    return labels;
  }

  /** The labels of one {@code --labels} value ({@link CsvList}). */
  public static List<String> parse(String text) {
    return CsvList.parse(LABELS, text);
  }

  public static List<String> read(Path file) {
    List<String> labels = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          labels.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw SparkScoreException.user(e, "--%s: cannot read %s: %s", LABELS_FILE, file, e.getMessage());
    }
    return labels;
  }
}
