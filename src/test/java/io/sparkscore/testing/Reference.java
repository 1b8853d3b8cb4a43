package io.sparkscore.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A fixture model's reference.json: outputs of the real Hugging Face transformers for that model. */
public final class Reference {
  private final JsonNode root;

  private Reference(JsonNode root) {
    this.root = root;
  }

  public static Reference of(String fixture) {
    Path file = Paths.get(TestSpark.fixtureModel(fixture), "reference.json");
    try {
      return new Reference(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<JsonNode> section(String name) {
    List<JsonNode> out = new ArrayList<>();
    root.path(name).forEach(out::add);
    return out;
  }

  /** A top-level string field. */
  public String text(String name) {
    return root.path(name).asText();
  }

  public int maxLength() {
    return root.path("max_length").asInt();
  }

  public static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  public static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Max absolute difference, failing on a length mismatch. */
  public static double maxAbsDiff(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError("length " + actual.length + ", expected " + expected.length);
    }
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    return max;
  }
}
