// Databricks notebook source
Seq((1, "a"), (2, "b"), (3, "c")).toDF("id", "letter").createOrReplaceTempView("letters")

// COMMAND ----------

// MAGIC %sql
// MAGIC SELECT assert_true(count(*) = 3, 'three letters') FROM letters;
// MAGIC SELECT upper(letter) AS letter FROM letters ORDER BY id

// COMMAND ----------

// MAGIC %md
// MAGIC Runner check: each notebook has its own session, so a view from an earlier notebook is not there.

// COMMAND ----------

// MAGIC %sql
// MAGIC SELECT * FROM leaky_view
