package io.sparkscore.stages.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one declaration of options: listing, typed values from strings and Java/HOCON values, errors by code. */
class StageParamsTest {
  private static Map<String, ParamSpec> byName(List<ParamSpec> specs) {
    return specs.stream().collect(Collectors.toMap(ParamSpec::name, s -> s));
  }

  @Test
  void listsEveryParamInDeclarationOrderWithTypeDefaultDocAndChoices() {
    TextEmbedder embedder = new TextEmbedder();
    List<ParamSpec> specs = StageParams.of(embedder);
    List<String> names = specs.stream().map(ParamSpec::name).toList();
    assertEquals(Arrays.stream(embedder.params()).map(p -> p.name()).sorted().toList(), names.stream().sorted().toList(),
        "every Param Spark knows, once");
    assertEquals(List.of("inputCol", "model", "maxLength"), names.subList(0, 3), "superclass Params first, as declared");
    assertTrue(names.indexOf("modelVariant") < names.indexOf("pooling"), names.toString());

    Map<String, ParamSpec> spec = byName(specs);
    assertEquals(new ParamSpec("maxBatchTokens", "max-batch-tokens", ValueType.INT, 0,
        embedder.maxBatchTokens().doc(), List.of()), spec.get("maxBatchTokens"));
    assertEquals("model-sha256", spec.get("modelSha256").flag());
    assertEquals(List.of("auto", "mean", "cls", "max", "pooler", "none"), spec.get("pooling").allowed());
    assertEquals("auto", spec.get("pooling").defaultValue());
    assertEquals(List.of("auto", "cpu", "cuda", "cuda:N"), spec.get("device").allowed());
    assertEquals(List.of("truncate", "chunk"), spec.get("longText").allowed());
    assertEquals(ValueType.BOOLEAN, spec.get("normalize").type());
    assertEquals(List.of("auto", "softmax", "sigmoid", "none"),
        byName(StageParams.of(new TextClassifier())).get("functionToApply").allowed());
    ParamSpec labels = byName(StageParams.of(new ZeroShotClassifier())).get("candidateLabels");
    assertEquals(ValueType.STRING_LIST, labels.type());
    assertEquals(List.of(), labels.defaultValue());
  }

  @Test
  void setsTypedValuesFromStringsAndFromJavaValues() {
    TextEmbedder embedder = new TextEmbedder();
    StageParams.set("embed", embedder, StageParams.find("embed", embedder, "batch-size"), "7");
    assertEquals(7, embedder.getBatchSize());
    StageParams.set("embed", embedder, StageParams.find("embed", embedder, "batchSize"), 9);
    assertEquals(9, embedder.getBatchSize());
    StageParams.set("embed", embedder, StageParams.find("embed", embedder, "normalize"), "false");
    assertFalse((Boolean) embedder.getOrDefault(embedder.normalize()));
    StageParams.set("embed", embedder, StageParams.find("embed", embedder, "device"), "cuda:1");
    assertEquals("cuda:1", embedder.getDevice());

    ZeroShotClassifier zeroShot = new ZeroShotClassifier();
    ParamSpec labels = StageParams.find("zero-shot", zeroShot, "candidate-labels");
    // A HOCON or Python list arrives as a list: its items are used as written, commas and quotes included.
    StageParams.set("zero-shot", zeroShot, labels, List.of("food, drink", "say \"hi\""));
    assertEquals(List.of("food, drink", "say \"hi\""), List.of(zeroShot.getCandidateLabels()));
    // One string (command line, SQL option value) is comma-separated, quotes protecting commas.
    StageParams.set("zero-shot", zeroShot, labels, "\"food, drink\", sports");
    assertEquals(List.of("food, drink", "sports"), List.of(zeroShot.getCandidateLabels()));
  }

  @Test
  void badNamesAndValuesFailWithCodesAndFacts() {
    TextEmbedder embedder = new TextEmbedder();
    SparkScoreException unknown = assertThrows(SparkScoreException.class,
        () -> StageParams.find("embed", embedder, "bacth-size"));
    assertEquals("UNKNOWN_OPTION", unknown.getErrorCode());
    assertEquals("bacth-size", unknown.facts().get("option"));
    assertTrue(unknown.getMessage().contains("did you mean 'batch-size'"), unknown.getMessage());

    SparkScoreException choice = assertThrows(SparkScoreException.class,
        () -> StageParams.set("embed", embedder, StageParams.find("embed", embedder, "pooling"), "meen"));
    assertEquals("INVALID_OPTION_VALUE", choice.getErrorCode());
    assertEquals(Map.of("stage", "embed", "option", "pooling", "value", "meen"),
        Map.of("stage", choice.facts().get("stage"), "option", choice.facts().get("option"),
            "value", choice.facts().get("value")));
    assertTrue(choice.getMessage().contains("auto, mean, cls, max, pooler, none"), choice.getMessage());
    assertTrue(choice.getMessage().contains("did you mean 'mean'"), choice.getMessage());

    ParamSpec batchSize = StageParams.find("embed", embedder, "batch-size");
    int before = embedder.getBatchSize();
    for (Object bad : List.of("lots", 2.5, List.of("1"), true)) {
      SparkScoreException e = assertThrows(SparkScoreException.class, () -> StageParams.set("embed", embedder, batchSize, bad));
      assertEquals("INVALID_OPTION_VALUE", e.getErrorCode(), e.getMessage());
      // Facts are plain values so that the error serializes from an executor: a list is kept as its text.
      assertEquals(bad instanceof List ? bad.toString() : bad, e.facts().get("value"));
    }
    SparkScoreException range = assertThrows(SparkScoreException.class, () -> StageParams.set("embed", embedder, batchSize, 0));
    assertEquals("INVALID_OPTION_VALUE", range.getErrorCode());
    assertEquals(before, embedder.getBatchSize(), "a refused value leaves the stage as it was");
    SparkScoreException device = assertThrows(SparkScoreException.class,
        () -> StageParams.set("embed", embedder, StageParams.find("embed", embedder, "device"), "gpu"));
    assertEquals("gpu", device.facts().get("value"));
  }
}
