package io.sparkscore.io;

import io.sparkscore.SparkScoreException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Finds where input files are malformed. CSV quoting is checked file by file, in Spark, because a
 * quote that is never closed makes Spark's reader swallow the following records into one value
 * without flagging anything; records the readers do flag are located by line on the driver.
 */
final class MalformedInput {
  private MalformedInput() {}

  /** A problem at a line of a file. */
  record Problem(String file, long line, String message) implements Serializable {
    @Override
    public String toString() {
      return file + (line > 0 ? " line " + line : " (line not found)") + ": " + message;
    }
  }

  /**
   * The first quoting problem of each CSV file under {@code path}, by file URI. Quoting is RFC 4180:
   * a field that starts with {@code "} ends at the next lone {@code "}, which must be followed by the
   * separator, a line end or the end of the file; {@code ""} inside it is a quote.
   */
  static Map<String, Problem> brokenQuoting(SparkSession spark, String path, char separator) {
    List<Tuple2<String, Problem>> found = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .binaryFiles(path)
        .filter(file -> !hidden(file._1()))
        .flatMap(file -> {
          try (InputStream in = new BufferedInputStream(file._2().open(), 1 << 16)) {
            Problem problem = scanQuoting(new Path(file._1()).toString(), in, separator);
            return (problem == null ? List.<Tuple2<String, Problem>>of() : List.of(new Tuple2<>(file._1(), problem)))
                .iterator();
          }
        })
        .collect();
    Map<String, Problem> byFile = new LinkedHashMap<>();
    found.forEach(t -> byFile.put(t._1(), t._2()));
    return byFile;
  }

  /** Spark's file sources skip these (_SUCCESS, .crc files). */
  private static boolean hidden(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    return name.startsWith("_") || name.startsWith(".");
  }

  /** Scans bytes: in UTF-8 no byte of a multi-byte character is a quote, separator or line end. */
  static Problem scanQuoting(String file, InputStream in, char separator) throws IOException {
    long line = 1;
    long openedAt = 0;
    boolean inQuotes = false;
    boolean closed = false;
    boolean fieldStart = true;
    int c = in.read();
    while (c >= 0) {
      int next = in.read();
      if (inQuotes) {
        if (c == '"' && next == '"') {
          next = in.read();
        } else if (c == '"') {
          inQuotes = false;
          closed = true;
        } else if (c == '\n') {
          line++;
        }
      } else if (closed && c != separator && c != '\n' && c != '\r') {
        return new Problem(file, openedAt, "the quoted field that starts here ends at line " + line
            + ", followed by " + describe(c) + " instead of a separator or line end; the file was not read");
      } else {
        closed = false;
        if (c == '"' && fieldStart) {
          inQuotes = true;
          openedAt = line;
        }
        fieldStart = c == separator || c == '\n';
        if (c == '\n') {
          line++;
        }
      }
      c = next;
    }
    return inQuotes
        ? new Problem(file, openedAt, "the quoted field that starts here is never closed; the file was not read")
        : null;
  }

  private static String describe(int c) {
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
  }

  /**
   * Locates each sample's raw record in its file: the line where the first of its lines appears,
   * matching repeated records to successive lines. Reads only the files named, up to the last match.
   */
  static List<Problem> locate(SparkSession spark, List<RowAccounting.Malformed> samples) {
    Map<String, List<RowAccounting.Malformed>> byFile = new LinkedHashMap<>();
    for (RowAccounting.Malformed sample : samples) {
      byFile.computeIfAbsent(sample.file(), f -> new ArrayList<>()).add(sample);
    }
    List<Problem> located = new ArrayList<>();
    var conf = spark.sparkContext().hadoopConfiguration();
    for (Map.Entry<String, List<RowAccounting.Malformed>> entry : byFile.entrySet()) {
      Path file = new Path(entry.getKey());
      String name = file.toString();
      List<RowAccounting.Malformed> pending = new ArrayList<>(entry.getValue());
      Set<Long> used = new HashSet<>();
      try (FileSystem fs = FileSystem.newInstance(file.toUri(), conf);
          BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        long number = 0;
        for (String line = reader.readLine(); line != null && !pending.isEmpty(); line = reader.readLine()) {
          number++;
          for (var it = pending.iterator(); it.hasNext(); ) {
            RowAccounting.Malformed sample = it.next();
            if (sample.record() != null && firstLine(sample.record()).equals(line) && used.add(number)) {
              located.add(new Problem(name, number, sample.reason() + ": " + abbreviate(line)));
              it.remove();
              break;
            }
          }
        }
      } catch (IOException e) {
        throw SparkScoreException.user(e, "cannot reread input file %s to locate malformed records: %s",
            entry.getKey(), e.getMessage());
      }
      pending.forEach(s -> located.add(new Problem(name, 0, s.reason())));
    }
    located.sort((a, b) -> a.file().equals(b.file()) ? Long.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
    return located;
  }

  private static String firstLine(String record) {
    int end = record.indexOf('\n');
    return (end < 0 ? record : record.substring(0, end)).replaceAll("\r$", "");
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
