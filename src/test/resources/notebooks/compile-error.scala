// Databricks notebook source
val fine = 1

// COMMAND ----------

// Runner check: x was defined by the previous notebook; the interpreter is reset between notebooks.
val y = x + 1
