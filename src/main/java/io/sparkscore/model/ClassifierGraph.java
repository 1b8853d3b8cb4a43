package io.sparkscore.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hugging Face style sequence-classification directory from a sentence encoder and a head
 * trained on its embeddings: one ONNX graph (the encoder's nodes, then attention-masked mean or CLS
 * pooling, L2 normalisation when the head was trained on normalised vectors, and the head's dense
 * layers, ending in {@code logits}), {@code config.json} with {@code id2label}, and the encoder's
 * tokenizer files. TextClassifier, plain ONNX Runtime and other Hugging Face-compatible runtimes
 * load it as they load any exported classifier.
 */
public final class ClassifierGraph {
  /** The head as trained, with its provenance, kept beside the graph. */
  public static final String HEAD_FILE = "sparkscore_head.json";
  private static final List<String> TOKENIZER_FILES =
      List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "sentence_bert_config.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PREFIX = "sparkscore_head/";
  /**
   * The default sentiment model: the embedded MiniLM and the head {@code train} fitted on SST-2
   * (its weights, labels and provenance are the resource {@link #DEFAULT_HEAD}), joined into a
   * classifier directory in the model cache the first time a JVM asks for it.
   */
  public static final String DEFAULT_SENTIMENT = "minilm-sentiment";
  static final String DEFAULT_HEAD = "io/sparkscore/models/minilm-sentiment/head.json";

  private ClassifierGraph() {}

  /** Writes the directory into {@code out}, which must not exist yet or be empty. */
  public static void write(ModelDirectory encoder, ClassifierHead head, Path out) throws IOException {
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(encoder.onnxFile()));
    ModelProto classifier = build(model, head, encoder.name());
    Files.createDirectories(out.resolve("onnx"));
    try (OutputStream file = Files.newOutputStream(out.resolve("onnx/model.onnx"))) {
      classifier.writeTo(file);
    }
    for (String name : TOKENIZER_FILES) {
      Path source = encoder.root().resolve(name);
      if (Files.isRegularFile(source)) {
        Files.copy(source, out.resolve(name));
      }
    }
    Files.writeString(out.resolve("config.json"), config(encoder, head));
    head.write(out.resolve(HEAD_FILE));
  }

  static Path embeddedSentiment(Path cacheRoot, String variant) throws IOException {
    byte[] json;
    try (var in = ModelLocator.classLoader().getResourceAsStream(DEFAULT_HEAD)) {
      if (in == null) {
        throw new SparkScoreException(SparkScoreException.Kind.INTERNAL, "resource " + DEFAULT_HEAD + " is missing from the jar");
      }
      json = in.readAllBytes();
    }
    ClassifierHead head = ClassifierHead.read(new java.io.ByteArrayInputStream(json), DEFAULT_HEAD);
    ModelDirectory encoder = ModelLocator.locate(head.encoder(), variant);
    String key = new String(json, java.nio.charset.StandardCharsets.UTF_8) + "#" + variant;
    Path target = cacheRoot.resolve("embedded").resolve(DEFAULT_SENTIMENT + "-" + ModelLocator.digest(key));
    return ModelLocator.writeAtomically(target, staging -> write(encoder, head, staging));
  }

  /** The encoder's config with the labels of the head. */
  private static String config(ModelDirectory encoder, ClassifierHead head) throws IOException {
    Path source = encoder.root().resolve("config.json");
    ObjectNode config = Files.isRegularFile(source)
        ? (ObjectNode) JSON.readTree(source.toFile())
        : JSON.createObjectNode();
    config.remove("architectures");
    ObjectNode id2label = config.putObject("id2label");
    ObjectNode label2id = config.putObject("label2id");
    for (int i = 0; i < head.labels().size(); i++) {
      id2label.put(Integer.toString(i), head.labels().get(i));
      label2id.put(head.labels().get(i), i);
    }
    config.put("problem_type", "single_label_classification");
    return JSON.writeValueAsString(config) + "\n";
  }

  static ModelProto build(ModelProto encoder, ClassifierHead head, String encoderName) {
    GraphProto.Builder graph = encoder.getGraph().toBuilder();
    ValueInfoProto states = graph.getOutputList().stream()
        .filter(o -> o.getType().getTensorType().getShape().getDimCount() == 3)
        .findFirst()
        .orElseThrow(() -> SparkScoreException.user(
            "model %s: its graph has no [batch, tokens, hidden] output to pool (outputs: %s)", encoderName,
            graph.getOutputList().stream().map(ValueInfoProto::getName).toList()));
    long hidden = states.getType().getTensorType().getShape().getDim(2).getDimValue();
    if (hidden != head.inputSize()) {
      throw SparkScoreException.user("model %s gives %d-wide token vectors but the head takes %d",
          encoderName, hidden, head.inputSize());
    }
    Nodes nodes = new Nodes(graph, opset(encoder));
    String pooled = head.pooling().equals("cls")
        ? nodes.add("Gather", List.of(states.getName(), nodes.scalarInt64("zero", 0)), axis(1))
        : meanPooling(nodes, states.getName());
    String x = head.normalize() ? normalize(nodes, pooled) : pooled;
    for (int i = 0; i < head.layers().size(); i++) {
      ClassifierHead.Layer layer = head.layers().get(i);
      String weights = nodes.floats("w" + i, flatten(layer.weights()), layer.weights().length, layer.bias().length);
      String bias = nodes.floats("b" + i, layer.bias(), layer.bias().length);
      x = nodes.add("Add", List.of(nodes.add("MatMul", List.of(x, weights)), bias));
      if (layer.activation().equals(ClassifierHead.SIGMOID)) {
        x = nodes.add("Sigmoid", List.of(x));
      }
    }
    graph.addNode(NodeProto.newBuilder().setName(PREFIX + "logits").setOpType("Identity").addInput(x).addOutput("logits"));
    graph.clearOutput();
    graph.addOutput(ValueInfoProto.newBuilder().setName("logits").setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
            .addDim(states.getType().getTensorType().getShape().getDim(0))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(head.labels().size()))))));
    return encoder.toBuilder().setGraph(graph).setProducerName("sparkscore").build();
  }

  /** As sentence-transformers: the mask-weighted mean of the token vectors, the count clamped at 1e-9. */
  private static String meanPooling(Nodes nodes, String states) {
    String mask = nodes.add("Cast", List.of("attention_mask"),
        AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
            .setI(TensorProto.DataType.FLOAT_VALUE).build());
    String mask3 = nodes.withAxes("Unsqueeze", List.of(mask), 2, null);
    String sum = nodes.withAxes("ReduceSum", List.of(nodes.add("Mul", List.of(states, mask3))), 1, 0L);
    String count = nodes.withAxes("ReduceSum", List.of(mask3), 1, 0L);
    String clamped = nodes.add("Max", List.of(count, nodes.floats("min_count", new float[] {1e-9f})));
    return nodes.add("Div", List.of(sum, clamped));
  }

  /** As torch.nn.functional.normalize: divides by the L2 norm clamped at 1e-12. */
  private static String normalize(Nodes nodes, String x) {
    String squares = nodes.withAxes("ReduceSum", List.of(nodes.add("Mul", List.of(x, x))), 1, 1L);
    String norm = nodes.add("Max", List.of(nodes.add("Sqrt", List.of(squares)), nodes.floats("min_norm", new float[] {1e-12f})));
    return nodes.add("Div", List.of(x, norm));
  }

  private static AttributeProto axis(long value) {
    return AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static long opset(ModelProto model) {
    return model.getOpsetImportList().stream()
        .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
        .mapToLong(OperatorSetIdProto::getVersion)
        .findFirst()
        .orElseThrow(() -> SparkScoreException.user("the encoder graph imports no default ONNX opset"));
  }

  private static float[] flatten(float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[r].length);
    }
    return flat;
  }

  /** Appends nodes and initializers under one name prefix, in the encoder's opset. */
  private static final class Nodes {
    private final GraphProto.Builder graph;
    private final long opset;
    private int count;

    Nodes(GraphProto.Builder graph, long opset) {
      this.graph = graph;
      this.opset = opset;
    }

    String add(String op, List<String> inputs, AttributeProto... attributes) {
      String output = PREFIX + op.toLowerCase(java.util.Locale.ROOT) + "_" + count++;
      NodeProto.Builder node = NodeProto.newBuilder().setName(output).setOpType(op).addAllInput(inputs).addOutput(output);
      for (AttributeProto attribute : attributes) {
        node.addAttribute(attribute);
      }
      graph.addNode(node);
      return output;
    }

    /** Unsqueeze and ReduceSum took their axes as an attribute before opset 13 and as an input since. */
    String withAxes(String op, List<String> inputs, long axis, Long keepDims) {
      AttributeProto keep = keepDims == null ? null : AttributeProto.newBuilder().setName("keepdims")
          .setType(AttributeProto.AttributeType.INT).setI(keepDims).build();
      if (opset >= 13) {
        String axes = initializer(TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(1).addInt64Data(axis), "axes");
        List<String> all = new java.util.ArrayList<>(inputs);
        all.add(axes);
        return keep == null ? add(op, all) : add(op, all, keep);
      }
      AttributeProto axes = AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS)
          .addInts(axis).build();
      return keep == null ? add(op, inputs, axes) : add(op, inputs, axes, keep);
    }

    String floats(String name, float[] values, long... dims) {
      TensorProto.Builder tensor = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE);
      for (long dim : dims) {
        tensor.addDims(dim);
      }
      for (float value : values) {
        tensor.addFloatData(value);
      }
      return initializer(tensor, name);
    }

    String scalarInt64(String name, long value) {
      return initializer(TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(value), name);
    }

    private String initializer(TensorProto.Builder tensor, String name) {
      String full = PREFIX + name + "_" + count++;
      graph.addInitializer(tensor.setName(full));
      return full;
    }
  }
}
