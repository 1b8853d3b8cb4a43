package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import java.util.Arrays;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the stages, with messages that name the stage, the column and what is there. */
final class Schemas {
  private Schemas() {}

  static void requireType(Identifiable stage, StructType schema, String column, DataType... allowed) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw SparkScoreException.user(
          "%s: input column '%s' does not exist; available columns: %s",
          stage.uid(), column, String.join(", ", schema.fieldNames()));
    }
    DataType actual = schema.apply(column).dataType();
    for (DataType type : allowed) {
      if (type.sameType(actual)) {
        return;
      }
    }
    throw SparkScoreException.user(
        "%s: column '%s' must be of type %s but is %s",
        stage.uid(), column,
        String.join(" or ", Arrays.stream(allowed).map(DataType::simpleString).toArray(String[]::new)),
        actual.simpleString());
  }

  static void requireAbsent(Identifiable stage, StructType schema, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw SparkScoreException.user(
          "%s: output column '%s' already exists; choose another name (columns: %s)",
          stage.uid(), column, String.join(", ", schema.fieldNames()));
    }
  }

  /** Adds output columns, refusing any that already exist, including one named twice. */
  static StructType addOutputs(Identifiable stage, StructType schema, StructField... outputs) {
    StructType out = schema;
    for (StructField field : outputs) {
      if (field.name().isEmpty()) {
        throw SparkScoreException.user("%s: an output column name is empty", stage.uid());
      }
      requireAbsent(stage, out, field.name());
      out = out.add(field);
    }
    return out;
  }
}
