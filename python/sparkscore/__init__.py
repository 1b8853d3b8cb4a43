"""SparkScore's stages as PySpark ML transformers, run by the SparkScore jar on the JVM."""
