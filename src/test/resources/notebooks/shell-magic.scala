// Databricks notebook source
// MAGIC %md
// MAGIC Runner check: a %sh cell makes the notebook unportable; it is rejected before any cell runs.

// COMMAND ----------

throw new IllegalStateException("cell 2 ran although cell 3 is a %sh cell")

// COMMAND ----------

// MAGIC %sh
// MAGIC ls /
