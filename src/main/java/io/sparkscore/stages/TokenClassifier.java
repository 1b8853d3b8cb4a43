package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Text column → its named entities, as Hugging Face's {@code pipeline("token-classification")}
 * (alias {@code ner}) finds them: {@code array<struct<entity, score, index, word, start, end>>}, one
 * per token, with {@code aggregationStrategy} none; with simple, first, average or max, tokens are
 * grouped into words and B-/I- runs by the pipeline's rules into {@code array<struct<entity_group,
 * score, word, start, end>>}. {@code start} and {@code end} are code point offsets into the text
 * (Python's, and Spark SQL's {@code substring}'s); entities whose label is in {@code ignoreLabels} are
 * left out.
 *
 * <p>Text longer than the window is truncated, or with {@code longText} chunk cut into windows
 * sharing {@code stride} tokens whose entities are merged as the pipeline's {@code stride} merges
 * them (the longer of two overlapping entities wins, then the higher score). The pipeline refuses a
 * stride with strategy none, and so does this stage. Null text gives null; empty or blank text gives
 * null with status empty_text (the pipeline refuses nothing there, it finds no entity).
 */
public final class TokenClassifier extends ModelStage<TokenClassifier> {
  private static final DefaultParamsReadable<TokenClassifier> READER = new DefaultParamsReadable<>() {};
  static final String LOGITS = "logits";

  private final Param<String> outputCol;
  private final Param<String> aggregationStrategy;
  private final StringArrayParam ignoreLabels;

  public TokenClassifier() {
    this(Identifiable.randomUID("tokenClassifier"));
  }

  public TokenClassifier(String uid) {
    super(uid);
    outputCol = new Param<>(this, "outputCol",
        "output column: the entities, array<struct<entity, score, index, word, start, end>> with aggregationStrategy "
            + "none, else array<struct<entity_group, score, word, start, end>>");
    aggregationStrategy = new Param<>(this, "aggregationStrategy",
        "Hugging Face's aggregation_strategy: none (every token), simple (B-/I- runs of tokens), or first, average, "
            + "max (a word takes its first token's label, its tokens' mean scores, or its most confident token's "
            + "label, then B-/I- runs of words)",
        ParamValidators.inArray(Entities.STRATEGIES));
    ignoreLabels = new StringArrayParam(this, "ignoreLabels",
        "labels (entity, or entity_group once grouped) left out of the output");
    setDefault(outputCol, "entities");
    setDefault(aggregationStrategy, Entities.NONE);
    setDefault(ignoreLabels, new String[] {"O"});
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public TokenClassifier setOutputCol(String value) {
    return with(outputCol, value);
  }

  public Param<String> aggregationStrategy() {
    return aggregationStrategy;
  }

  public String getAggregationStrategy() {
    return getOrDefault(aggregationStrategy);
  }

  public TokenClassifier setAggregationStrategy(String value) {
    return with(aggregationStrategy, value);
  }

  public StringArrayParam ignoreLabels() {
    return ignoreLabels;
  }

  public String[] getIgnoreLabels() {
    return getOrDefault(ignoreLabels);
  }

  public TokenClassifier setIgnoreLabels(String... value) {
    return with(ignoreLabels, value);
  }

  /** The output's element: the token's fields with strategy none, the group's otherwise. */
  static StructType entityType(boolean grouped) {
    StructType type = new StructType()
        .add(grouped ? "entity_group" : "entity", DataTypes.StringType, false)
        .add("score", DataTypes.DoubleType, false);
    if (!grouped) {
      type = type.add("index", DataTypes.IntegerType, false);
    }
    return type.add("word", DataTypes.StringType, false)
        .add("start", DataTypes.IntegerType, false)
        .add("end", DataTypes.IntegerType, false);
  }

  private boolean grouped() {
    return !getAggregationStrategy().equals(Entities.NONE);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    if (chunksLongText() && !grouped()) {
      throw SparkScoreException.user(
          "%s: longText '%s' needs an aggregationStrategy other than none: Hugging Face's pipeline refuses a "
              + "stride with aggregation_strategy none, as its windows' tokens cannot be merged",
          uid(), LongText.CHUNK);
    }
    return withStatusColumn(Schemas.addOutputs(this, schema, DataTypes.createStructField(
        getOutputCol(), DataTypes.createArrayType(entityType(grouped()), false), true)));
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LoadedModel model = ModelCache.get(modelSpec());
    model.tokenizer(tokenizerSettings());
    OnnxModel session = model.session(sessionSettings(), Device.CPU);
    List<String> labels = labels(model.directory(), session);
    EntityScorer scorer = new EntityScorer(schema.fieldIndex(getInputCol()), labels,
        getAggregationStrategy(), Set.of(getIgnoreLabels()), SubwordRules.of(model.directory()), tokenizerSettings());
    return scoring(modelSpec(), scorer);
  }

  /** id2label, after checking that the graph has a token-classification head with that many labels. */
  private List<String> labels(ModelDirectory dir, OnnxModel session) {
    long[] shape = session.outputShapes().get(LOGITS);
    if (shape == null || shape.length != 3) {
      throw SparkScoreException.user(
          "%s: model %s has no token-classification head: its graph has no %s output of shape [batch, sequence, "
              + "labels] (outputs: %s); export it as a ...ForTokenClassification model",
          uid(), dir.name(), LOGITS, session.outputShapes().keySet());
    }
    List<String> labels = dir.config().labels();
    if (labels.isEmpty() || (shape[2] > 0 && shape[2] != labels.size())) {
      throw SparkScoreException.user(
          "%s: model %s's token-classification head gives %d labels but its config.json's id2label has %s",
          uid(), dir.name(), shape[2], labels.isEmpty() ? "none" : labels.size() + ": " + labels);
    }
    return labels;
  }

  @Override
  public TokenClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TokenClassifier> read() {
    return READER.read();
  }

  public static TokenClassifier load(String path) {
    return read().load(path);
  }

  /** One sequence per window of a text; a sequence's value is its tokens' logits, tokens × labels. */
  private record EntityScorer(int textIndex, List<String> labels, String strategy, Set<String> ignore,
      SubwordRules rules, TokenizerSettings tokenizerSettings) implements RowScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (row.isNullAt(textIndex)) {
        return;
      }
      String text = row.getString(textIndex);
      if (RowStatus.blank(text)) {
        inputs.empty();
      } else {
        inputs.text(text);
      }
    }

    @Override
    public Set<String> outputNames(OnnxModel session) {
      return Set.of(LOGITS);
    }

    @Override
    public float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
      FloatTensor logits = outputs.get(LOGITS);
      int width = logits.dim(2);
      int tokens = encoding.getIds().length;
      float[] out = new float[tokens * width];
      System.arraycopy(logits.data(), index * logits.dim(1) * width, out, 0, out.length);
      return out;
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      if (inputs.isEmpty()) {
        return new Object[] {null};
      }
      Entities entities = new Entities(labels, strategy, ignore, rules, model.tokenizer(tokenizerSettings));
      boolean grouped = !strategy.equals(Entities.NONE);
      List<Row> out = new ArrayList<>();
      for (Entities.Entity e : entities.find(row.getString(textIndex), inputs.get(0))) {
        out.add(grouped
            ? RowFactory.create(e.label(), e.score(), e.word(), e.start(), e.end())
            : RowFactory.create(e.label(), e.score(), e.index(), e.word(), e.start(), e.end()));
      }
      return new Object[] {out.toArray(new Row[0])};
    }
  }
}
