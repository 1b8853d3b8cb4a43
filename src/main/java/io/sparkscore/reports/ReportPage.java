package io.sparkscore.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A report as {@code metrics.json} and a self-contained {@code report.html}: the page template
 * with the shared head, the Chart.js build and the report's data inlined, so it opens offline.
 */
final class ReportPage {
  static final String CHART_JS = "chart.umd.min.js";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportPage() {}

  /** Writes {@code data} as both files into {@code dir} (any Hadoop filesystem). */
  static void write(String dir, Configuration hadoop, String template, Object data, String what) {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(hadoop);
      fs.mkdirs(root);
      String metrics = JSON.writeValueAsString(data);
      writeFile(fs, new Path(root, "metrics.json"), metrics);
      writeFile(fs, new Path(root, "report.html"), html(template, metrics));
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot write the %s to %s: %s", what, dir, e.getMessage());
    }
  }

  static String html(String template, String metricsJson) {
    // In a <script> element "</script>" would end it early; \u003c keeps the JSON equal and inert.
    String data = metricsJson.replace("<", "\\u003c");
    return resource(template)
        .replace("<!--{{PAGE_HEAD}}-->", resource("page-head.html"))
        .replace("/*{{CHART_JS}}*/", resource(CHART_JS))
        .replace("{{DATA_JSON}}", data);
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new SparkScoreException(SparkScoreException.Kind.INTERNAL, "resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFile(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
