"""sparkscore.start finds the jar of the running Spark line and says clearly when it cannot."""
import zipfile

import pyspark
import pytest

from sparkscore import JarNotFound, find_jar
from sparkscore.session import jar_info, scala_binary_version


def test_the_session_runs_the_jar_of_this_spark_line(spark):
    jar = find_jar(pyspark.__version__)
    assert jar_info(jar)["scala.binary.version"] == scala_binary_version(pyspark.__version__)
    assert jar in spark.sparkContext.getConf().get("spark.jars")
    assert spark.conf.get("spark.sql.catalog.spark_catalog").endswith("DeltaCatalog")


def test_a_jar_of_the_other_line_is_refused_naming_both(tmp_path):
    other = "2.13" if scala_binary_version(pyspark.__version__) == "2.12" else "2.12"
    jar = str(tmp_path / ("sparkscore_%s-0.1.0.jar" % other))
    with zipfile.ZipFile(jar, "w") as z:
        z.writestr("io/sparkscore/build.properties",
                   "spark.version=x\nscala.binary.version=%s\ndelta.version=y\n" % other)
    with pytest.raises(JarNotFound) as raised:
        find_jar(pyspark.__version__, jar)
    assert "Scala %s" % other in str(raised.value) and "pyspark %s" % pyspark.__version__ in str(raised.value)


def test_a_file_that_is_no_sparkscore_jar_is_named(tmp_path):
    path = tmp_path / "sparkscore-broken.jar"
    path.write_text("not a zip")
    with pytest.raises(JarNotFound, match="is not a SparkScore jar"):
        find_jar(pyspark.__version__, str(path))
