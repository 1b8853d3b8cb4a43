"""SparkScore's stages as PySpark ML transformers, run by the SparkScore jar on the JVM.

    import sparkscore
    from sparkscore import TextEmbedder

    spark = sparkscore.start()
    df = spark.createDataFrame([("a good day",)], ["text"])
    TextEmbedder(model="minilm").transform(df).show()
"""
import sys

from sparkscore import stages
from sparkscore.errors import SparkScoreError
from sparkscore.jobs import run
from sparkscore.session import JarNotFound, find_jar, start
from sparkscore.stages import *  # noqa: F401,F403  (the generated wrappers, one per JVM stage)

# pyspark finds the Python class of a loaded JVM stage (PipelineModel.load) by importing the JVM
# class's package name with "org.apache.spark" replaced by "pyspark": make io.sparkscore.stages
# resolve to the generated wrappers.
sys.modules.setdefault(stages._JAVA_PACKAGE, stages)

__all__ = ["start", "run", "find_jar", "SparkScoreError", "JarNotFound"] + stages.__all__
__version__ = "0.1.0"
