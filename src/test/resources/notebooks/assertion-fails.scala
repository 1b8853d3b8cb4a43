// Databricks notebook source
// MAGIC %md
// MAGIC Runner check: an assertion that fails stops the notebook at its cell; later cells do not run.

// COMMAND ----------

val x = 1
spark.range(1).createOrReplaceTempView("leaky_view")

// COMMAND ----------

assert(x == 2, s"x should be 2 but is $x")

// COMMAND ----------

throw new IllegalStateException("cell 4 ran after cell 3 failed")
