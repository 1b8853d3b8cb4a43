package io.sparkscore.python;

import io.sparkscore.stages.TextEmbedder;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import scala.Option;

/**
 * Writes {@code python/sparkscore/stages.py}: a PySpark wrapper per public stage of
 * {@code io.sparkscore.stages}, with the JVM stage's Params (name, type, default, doc) and its class
 * Javadoc, so Python never declares an option a second time. The stages are found by listing the
 * package, so a new stage needs no registration here.
 */
public final class PythonStages {
  static final String GENERATED = "python/sparkscore/stages.py";
  static final String STAGE_PACKAGE = TextEmbedder.class.getPackageName();

  private PythonStages() {}

  /** The public, concrete Transformer classes of the stage package, by name. */
  static List<Class<? extends Transformer>> stageClasses() {
    Path dir = classesRoot().resolve(STAGE_PACKAGE.replace('.', '/'));
    List<Class<? extends Transformer>> stages = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> c = Class.forName(STAGE_PACKAGE + "." + name.substring(0, name.length() - 6));
        int mods = c.getModifiers();
        if (Modifier.isPublic(mods) && !Modifier.isAbstract(mods) && Transformer.class.isAssignableFrom(c)) {
          stages.add(c.asSubclass(Transformer.class));
        }
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the stages in " + dir, e);
    }
    return stages;
  }

  private static Path classesRoot() {
    try {
      return Paths.get(TextEmbedder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The whole generated module. */
  static String generate(Path repoRoot) {
    StringBuilder out = new StringBuilder();
    out.append("# Generated from the JVM stages' Params by io.sparkscore.python.PythonStages: do not edit.\n")
        .append("# Regenerate: mvn -q test -Dtest=PythonStagesTest -Dsparkscore.python.regenerate=true\n")
        .append("# (PythonStagesTest fails while this file differs from what the stages declare.)\n")
        .append("from pyspark import keyword_only\n")
        .append("from pyspark.ml.param import Param, Params, TypeConverters\n\n")
        .append("from sparkscore._wrapper import SparkScoreStage\n\n");
    List<Class<? extends Transformer>> stages = stageClasses();
    out.append("_JAVA_PACKAGE = ").append(py(STAGE_PACKAGE)).append("\n");
    out.append("__all__ = [").append(String.join(", ", stages.stream().map(c -> py(c.getSimpleName())).toList()))
        .append("]\n");
    for (Class<? extends Transformer> stage : stages) {
      out.append("\n\n").append(stageClass(stage, javadoc(repoRoot, stage)));
    }
    return out.toString();
  }

  private static String stageClass(Class<? extends Transformer> type, String javadoc) {
    Transformer stage = instantiate(type);
    List<PyParam> params = new ArrayList<>();
    for (Param<?> p : stage.params()) {
      params.add(PyParam.of(stage, p));
    }
    String name = type.getSimpleName();
    StringBuilder c = new StringBuilder();
    c.append("class ").append(name).append("(SparkScoreStage):\n")
        .append("    \"\"\"").append(javadoc.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")).append("\n\n")
        .append("    Runs the JVM stage ``").append(type.getName()).append("``; its Params, with the same names,\n")
        .append("    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.\n")
        .append("    \"\"\"\n\n")
        .append("    _java_class = ").append(py(type.getName())).append("\n\n");
    for (PyParam p : params) {
      c.append("    ").append(p.name).append(" = Param(Params._dummy(), ").append(py(p.name)).append(", ")
          .append(py(p.doc)).append(", typeConverter=TypeConverters.").append(p.converter).append(")\n");
    }
    String signature = String.join(", ", params.stream().map(p -> p.name + "=" + p.literal).toList());
    c.append("\n    @keyword_only\n    def __init__(self, *, ").append(signature).append("):\n")
        .append("        super().__init__()\n")
        .append("        self._setDefault(")
        .append(String.join(", ", params.stream().filter(p -> p.hasDefault).map(p -> p.name + "=" + p.literal).toList()))
        .append(")\n        self._set_checked(**self._input_kwargs)\n\n")
        .append("    @keyword_only\n    def setParams(self, *, ").append(signature).append("):\n")
        .append("        \"\"\"Sets the given Params (keyword arguments only) and returns this stage.\"\"\"\n")
        .append("        return self._set_checked(**self._input_kwargs)\n");
    for (PyParam p : params) {
      String cap = Character.toUpperCase(p.name.charAt(0)) + p.name.substring(1);
      c.append("\n    def set").append(cap).append("(self, value):\n")
          .append("        \"\"\"Sets ").append(p.name).append(": ").append(docLine(p.doc)).append("\"\"\"\n")
          .append("        return self._set_checked(").append(p.name).append("=value)\n")
          .append("\n    def get").append(cap).append("(self):\n")
          .append("        \"\"\"").append(p.name).append(p.hasDefault ? " (default " + p.literal + ")" : " (no default)")
          .append(": ").append(docLine(p.doc)).append("\"\"\"\n")
          .append("        return self.getOrDefault(self.").append(p.name).append(")\n");
    }
    return c.toString();
  }

  private static String docLine(String doc) {
    return doc.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Transformer instantiate(Class<? extends Transformer> type) {
    try {
      return type.getConstructor(String.class).newInstance("python");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " needs a public (String uid) constructor", e);
    }
  }

  /** The class comment of {@code type}'s source as plain text: Javadoc tags become their text. */
  static String javadoc(Path repoRoot, Class<?> type) {
    Path source = repoRoot.resolve("src/main/java").resolve(type.getName().replace('.', '/') + ".java");
    String text;
    try {
      text = Files.readString(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + source, e);
    }
    Matcher m = Pattern.compile("/\\*\\*(.*?)\\*/\\s*public (?:final )?class " + type.getSimpleName() + "\\b", Pattern.DOTALL)
        .matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(source + ": the stage has no class Javadoc, which its Python wrapper shows");
    }
    String body = m.group(1).replaceAll("(?m)^\\s*\\* ?", "").trim();
    return body.replaceAll("\\{@(?:code|link|linkplain|literal) ([^{}]*)}", "``$1``").replace("<p>", "").trim()
        .replace("\n", "\n    ").replaceAll("(?m)^    $", "");
  }

  /** One Param as Python declares it. */
  private record PyParam(String name, String doc, String converter, boolean hasDefault, String literal) {
    static PyParam of(Transformer stage, Param<?> p) {
      Option<?> value = stage.getDefault(p);
      Object dflt = value.isDefined() ? value.get() : null;
      String converter = converter(stage, p, dflt);
      return new PyParam(p.name(), p.doc(), converter, dflt != null, dflt == null ? "None" : literal(dflt));
    }

    private static String converter(Transformer stage, Param<?> p, Object dflt) {
      if (p instanceof BooleanParam) {
        return "toBoolean";
      } else if (p instanceof IntParam || p instanceof LongParam) {
        return "toInt";
      } else if (p instanceof DoubleParam || p instanceof FloatParam) {
        return "toFloat";
      } else if (p instanceof StringArrayParam) {
        return "toListString";
      } else if (p instanceof IntArrayParam) {
        return "toListInt";
      } else if (p instanceof DoubleArrayParam) {
        return "toListFloat";
      }
      Class<?> type = dflt != null ? dflt.getClass() : getterType(stage, p);
      if (type == String.class) {
        return "toString";
      }
      throw new IllegalStateException(stage.getClass().getName() + "." + p.name() + " is a Param of " + type
          + ", which Python cannot type: declare it as a typed Param (IntParam, BooleanParam, ...) or Param<String>");
    }

    private static Class<?> getterType(Transformer stage, Param<?> p) {
      String getter = "get" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
      try {
        return stage.getClass().getMethod(getter).getReturnType();
      } catch (NoSuchMethodException e) {
        return Object.class;
      }
    }

    private static String literal(Object value) {
      if (value instanceof Boolean b) {
        return b ? "True" : "False";
      } else if (value instanceof String s) {
        return py(s);
      } else if (value instanceof Number) {
        return value.toString();
      } else if (value instanceof String[] a) {
        return "[" + String.join(", ", Stream.of(a).map(PythonStages::py).toList()) + "]";
      } else if (value instanceof int[] a) {
        return java.util.Arrays.toString(a);
      } else if (value instanceof double[] a) {
        return java.util.Arrays.toString(a);
      }
      throw new IllegalStateException("no Python literal for a default of " + value.getClass());
    }
  }

  /** A Python string literal. */
  static String py(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
