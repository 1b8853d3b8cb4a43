package io.sparkscore.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes an int8 model directory from a model: its configs and tokenizer copied, and
 * {@code onnx/model_quantized.onnx} written by ONNX Runtime's quantisation tools (Python, run from a
 * virtualenv {@link PythonEnv} prepares). {@link Method#STATIC} fixes every activation scale from a
 * calibration sample, so a row's output depends on that row alone; {@link Method#DYNAMIC} graphs scale
 * per run, and SparkScore runs them a row at a time ({@link BatchScaling}).
 */
public final class Quantizer {
  public static final String GRAPH = "onnx/model_quantized.onnx";
  private static final String SCRIPT = "/io/sparkscore/quantize/quantize.py";

  public enum Method {
    STATIC,
    DYNAMIC;

    public static Method parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw SparkScoreException.user("quantize: --method must be static or dynamic, got '%s'", text);
      }
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private Quantizer() {}

  /** Writes the quantised model directory {@code output}; returns its graph. */
  public static Path quantize(ModelDirectory source, List<String> calibration, Method method, Path output,
      Path python, PrintStream out) {
    if (method == Method.STATIC && calibration.isEmpty()) {
      throw SparkScoreException.user("quantize: static quantisation needs calibration texts, and the sample is empty");
    }
    try {
      Files.createDirectories(output.resolve("onnx"));
      source.copyMetadataTo(output);
      Path work = Files.createTempDirectory("sparkscore-quantize");
      try {
        Path script = work.resolve("quantize.py");
        try (InputStream in = Quantizer.class.getResourceAsStream(SCRIPT)) {
          Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path ids = work.resolve("calibration.jsonl");
        writeTokenIds(source, calibration, ids);
        Path graph = output.resolve(GRAPH);
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
            "--input", source.onnxFile().toString(), "--output", graph.toString(), "--method", method.id(),
            "--calibration", ids.toString()));
        PythonEnv.exec(command, out, "quantize.py");
        return graph;
      } finally {
        PythonEnv.deleteTree(work);
      }
    } catch (IOException e) {
      throw SparkScoreException.user(e, "quantize: cannot write %s: %s", output, e.getMessage());
    }
  }

  /** The calibration texts as the model's tokenizer encodes them, one JSON object of id arrays per line. */
  private static void writeTokenIds(ModelDirectory source, List<String> texts, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (HfTokenizer tokenizer = HfTokenizer.load(source, TokenizerSettings.MODEL_DEFAULTS);
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (texts.isEmpty()) {
        return;
      }
      for (Encoding e : tokenizer.encode(texts)) {
        Map<String, long[]> row = new LinkedHashMap<>();
        row.put("input_ids", e.getIds());
        row.put("attention_mask", e.getAttentionMask());
        row.put("token_type_ids", e.getTypeIds());
        writer.write(json.writeValueAsString(row));
        writer.newLine();
      }
    }
  }
}
