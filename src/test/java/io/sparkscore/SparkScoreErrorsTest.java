package io.sparkscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkScoreErrorsTest {
  @Test
  void anErrorRaisedInATaskReachesTheDriverWithItsCodeAndFacts() throws Exception {
    SparkScoreException error = SparkScoreErrors.INVALID_OPTION_VALUE.error("stage", "ner", "option", Path.of("/models/x"),
        "problem", "expects a number", "value", List.of("a"), "allowed", "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(error);
    }
    SparkScoreException received;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      received = (SparkScoreException) in.readObject();
    }
    assertEquals("INVALID_OPTION_VALUE", received.getErrorCode());
    assertEquals(error.getMessage(), received.getMessage());
    assertEquals("/models/x", received.facts().get("option"));
    assertEquals("[a]", received.facts().get("value"));
  }
}
