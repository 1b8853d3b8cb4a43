package io.sparkscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  private static final List<String> PROSE = List.of(
      "The first sentence has six words. A second one follows it here!",
      "Short. Is this the fourth sentence? Yes, and it keeps going for quite a few more words than the others do.");

  @Test
  void documentsHaveMixedLengthsWithinTheRangeAndAreDeterministic() {
    Corpus a = Corpus.mix("test", PROSE, 500);
    Corpus b = Corpus.mix("test", PROSE, 500);
    assertEquals(a.texts(), b.texts(), "same seed, same documents");
    int[] words = a.wordCounts();
    assertTrue(Arrays.stream(words).allMatch(w -> w >= Corpus.MIN_WORDS && w <= Corpus.MAX_WORDS));
    assertTrue(Arrays.stream(words).min().orElseThrow() <= Corpus.MIN_WORDS + 5);
    assertTrue(Arrays.stream(words).max().orElseThrow() >= Corpus.MAX_WORDS - 5);
  }

  @Test
  void documentsJoinConsecutiveSentencesFromTheStart() {
    Corpus corpus = Corpus.mix("test", PROSE, 1);
    assertTrue(corpus.texts().get(0).startsWith("The first sentence has six words. A second"), corpus.texts().get(0));
  }

  @Test
  void fallsBackToTheSampleFileWhenSharedDataIsAbsent(@TempDir Path dir) throws IOException {
    Path fallback = Files.writeString(dir.resolve("reviews.txt"), String.join("\n", PROSE));
    Corpus corpus = Corpus.load(3, dir.resolve("no-such-shared-data"), fallback);
    assertEquals(fallback.toString(), corpus.source());
    assertEquals(3, corpus.size());
  }

  @Test
  void readsTheTextFieldOfJsonLinesAndNamesABadLine(@TempDir Path dir) throws IOException {
    Path shared = dir.resolve("data");
    Files.createDirectories(shared.resolve("fortunes-en"));
    Path jsonl = shared.resolve("fortunes-en/fortunes-en.jsonl");
    Files.writeString(jsonl, "{\"id\": 1, \"text\": \"Only this sentence.\"}\n\n");
    Corpus corpus = Corpus.load(2, shared, dir.resolve("unused.txt"));
    assertEquals(jsonl.toString(), corpus.source());
    assertTrue(corpus.texts().get(0).startsWith("Only this sentence."));

    Files.writeString(jsonl, "{\"id\": 1, \"body\": \"no text field\"}\n");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> Corpus.load(2, shared, dir.resolve("x")));
    assertEquals("bench: " + jsonl + " line 1 has no string field 'text'", e.getMessage());
  }

  @Test
  void refusesAMissingCorpusAndANonPositiveCount(@TempDir Path dir) {
    SparkScoreException missing =
        assertThrows(SparkScoreException.class, () -> Corpus.load(5, null, dir.resolve("none.txt")));
    assertTrue(missing.getMessage().contains("none.txt"), missing.getMessage());
    SparkScoreException zero = assertThrows(SparkScoreException.class, () -> Corpus.mix("test", PROSE, 0));
    assertEquals("bench: --docs must be > 0, got 0", zero.getMessage());
  }
}
