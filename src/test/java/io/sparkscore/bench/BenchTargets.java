package io.sparkscore.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/** The bench's targets, each printed as met or not with the figure it was judged on. */
final class BenchTargets {
  private BenchTargets() {}

  /** Ratios between figures of different parts, added to {@code figures}. */
  static void derive(Map<String, Object> figures) {
    ratio(figures, "int8_floor_vs_fp32_floor", "int8_floor_docs_per_s", "floor_docs_per_s");
    ratio(figures, "int8_stage_vs_fp32_floor", "int8_stage_docs_per_s", "floor_docs_per_s");
    ratio(figures, "pyspark_predict_batch_to_pyspark_stage", "pyspark_predict_batch_docs_per_s",
        "pyspark_pyspark_stage_docs_per_s");
    ratio(figures, "chunked_speed_vs_16384", "chunked_default_docs_per_s", "chunked_16384_docs_per_s");
  }

  private static void ratio(Map<String, Object> figures, String name, String numerator, String denominator) {
    if (figures.get(numerator) instanceof Number a && figures.get(denominator) instanceof Number b
        && b.doubleValue() > 0) {
      figures.put(name, BenchCommand.round(a.doubleValue() / b.doubleValue(), 3));
    }
  }

  static void print(Map<String, Object> figures, PrintStream out) {
    out.println("\ntargets");
    target(figures, out, "stage >= 0.9x floor", "stage_to_floor", v -> v >= 0.9);
    target(figures, out, "sql >= 0.95x stage", "sql_to_stage", v -> v >= 0.95);
    target(figures, out, "ner stage >= 0.9x floor", "ner_stage_to_floor", v -> v >= 0.9);
    target(figures, out, "qa stage >= 0.9x floor", "qa_stage_to_floor", v -> v >= 0.9);
    target(figures, out, "pyspark stage >= 0.97x jvm stage", "pyspark_pyspark_stage_to_jvm_stage", v -> v >= 0.97);
    target(figures, out, "predict_batch_udf < pyspark stage", "pyspark_predict_batch_to_pyspark_stage", v -> v < 1);
    target(figures, out, "padding waste < 5% (sorted)", "padding_waste_sorted", v -> v < 0.05);
    target(figures, out, "int8 stage >= 2.5x fp32 floor", "int8_stage_vs_fp32_floor", v -> v >= 2.5);
    target(figures, out, "dedupe costs < 1% (no repeats)", "dedupe_nodup_speedup", v -> v > 0.99);
    target(figures, out, "2 vs 1 cores >= 1.85x", "cores_2_vs_1", v -> v >= 1.85);
    target(figures, out, "2 vs 1 workers >= 1.85x", "workers_2_vs_1", v -> v >= 1.85);
    target(figures, out, "chunked doc RSS <= 1 GB", "chunked_default_peak_rss_mb", v -> v <= 1024);
    target(figures, out, "chunked speed loss < 5%", "chunked_speed_vs_16384", v -> v > 0.95);
    target(figures, out, "soak kills >= 20", "soak_kills", v -> v >= 20);
    target(figures, out, "soak rows lost = 0", "soak_rows_lost", v -> v == 0);
    target(figures, out, "soak rows duplicated = 0", "soak_rows_duplicated", v -> v == 0);
    target(figures, out, "10x rows <= 10.5x time", "scale_10x_time_ratio", v -> v <= 10.5);
    target(figures, out, "100x rows <= 105x time", "scale_100x_time_ratio", v -> v <= 105);
    if (figures.get("peak_heap_mb_1x") instanceof Double a && figures.get("peak_heap_mb_100x") instanceof Double b) {
      // Live heap moves by a few MB between collections; growth with rows would show as a multiple.
      out.printf(Locale.ROOT, "  %-32s %s (1x %.1f MB, 100x %.1f MB)%n", "peak heap flat with rows",
          b <= a * 1.25 + 16 ? "met" : "NOT met", a, b);
    }
  }

  private static void target(Map<String, Object> figures, PrintStream out, String name, String key, DoublePredicate met) {
    if (figures.get(key) instanceof Number n) {
      out.printf(Locale.ROOT, "  %-32s %s (%s)%n", name, met.test(n.doubleValue()) ? "met" : "NOT met", n);
    }
  }
}
