package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.params.CsvList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  static final String LABELS_FILE = "labels-file";

  private LabelsOption() {}

  /** The labels of one {@code --labels} value ({@link CsvList}). */
  public static List<String> parse(String text) {
    return CsvList.parse("labels", text);
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
