package io.sparkscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The benchmark's documents: real prose cut to a deterministic mix of lengths. Consecutive
 * sentences of the source are joined until a document reaches its target word count (drawn
 * uniformly from {@code minWords..maxWords} with a fixed seed), and the last sentence is cut there,
 * so every run and machine scores the same texts.
 */
public final class Corpus {
  public static final int MIN_WORDS = 5;
  public static final int MAX_WORDS = 120;
  private static final long SEED = 20_240_601L;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final String source;
  private final List<String> texts;

  private Corpus(String source, List<String> texts) {
    this.source = source;
    this.texts = List.copyOf(texts);
  }

  /**
   * {@code docs} documents from the first source that exists: {@code fortunes-en} or {@code sst2}
   * under {@code sharedData}, else {@code fallback} (one document per line).
   */
  public static Corpus load(int docs, Path sharedData, Path fallback) {
    List<Path> candidates = sharedData == null ? List.of() : List.of(
        sharedData.resolve("fortunes-en/fortunes-en.jsonl"), sharedData.resolve("sst2/test.jsonl"));
    for (Path jsonl : candidates) {
      if (Files.isRegularFile(jsonl)) {
        return mix(jsonl.toString(), readJsonlTexts(jsonl), docs);
      }
    }
    if (!Files.isRegularFile(fallback)) {
      throw SparkScoreException.user(
          "bench: no corpus: neither %s nor %s exists", candidates.isEmpty() ? "../shared/data" : candidates, fallback);
    }
    try {
      return mix(fallback.toString(), Files.readAllLines(fallback, StandardCharsets.UTF_8), docs);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "bench: cannot read %s: %s", fallback, e.getMessage());
    }
  }

  /** Builds {@code docs} documents of mixed length from {@code paragraphs}, read in order and cycled. */
  static Corpus mix(String source, List<String> paragraphs, int docs) {
    if (docs <= 0) {
      throw SparkScoreException.user("bench: --docs must be > 0, got %d", docs);
    }
    List<String[]> sentences = new ArrayList<>();
    for (String paragraph : paragraphs) {
      for (String sentence : SENTENCE_END.split(paragraph.strip())) {
        String[] words = WHITESPACE.split(sentence.strip());
        if (words.length > 0 && !words[0].isEmpty()) {
          sentences.add(words);
        }
      }
    }
    if (sentences.isEmpty()) {
      throw SparkScoreException.user("bench: corpus %s has no text", source);
    }
    Random random = new Random(SEED);
    List<String> texts = new ArrayList<>(docs);
    int cursor = 0;
    List<String> words = new ArrayList<>(MAX_WORDS + 64);
    for (int d = 0; d < docs; d++) {
      int target = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
      words.clear();
      while (words.size() < target) {
        words.addAll(Arrays.asList(sentences.get(cursor)));
        cursor = (cursor + 1) % sentences.size();
      }
      texts.add(String.join(" ", words.subList(0, target)));
    }
    return new Corpus(source, texts);
  }

  private static List<String> readJsonlTexts(Path jsonl) {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode text = json.readTree(line).get("text");
        if (text == null || !text.isTextual()) {
          throw SparkScoreException.user("bench: %s line %d has no string field 'text'", jsonl, number);
        }
        texts.add(text.asText());
      }
    } catch (IOException e) {
      throw SparkScoreException.user(e, "bench: cannot read %s: %s", jsonl, e.getMessage());
    }
    return texts;
  }

  /** Where the text came from. */
  public String source() {
    return source;
  }

  public List<String> texts() {
    return texts;
  }

  public int size() {
    return texts.size();
  }

  /** Words per document, for the printed summary. */
  public int[] wordCounts() {
    return texts.stream().mapToInt(t -> WHITESPACE.split(t).length).toArray();
  }
}
