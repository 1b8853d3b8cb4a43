"""``sparkscore.start()``: a local SparkSession with the SparkScore jar and Delta, offline."""
import glob
import os
import sys
import zipfile

__all__ = ["start", "find_jar", "JarNotFound"]

_BUILD_PROPERTIES = "io/sparkscore/build.properties"
_SQL_EXTENSION = "io.sparkscore.sql.SparkScoreExtensions"
_DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension"
_DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog"


class JarNotFound(RuntimeError):
    """No SparkScore jar matches the running pyspark, or one given does not."""


def scala_binary_version(spark_version):
    """The Scala line a Spark release is built with: 3.x → 2.12, 4.x → 2.13."""
    return "2.12" if int(spark_version.split(".")[0]) < 4 else "2.13"


def jar_info(path):
    """The versions a SparkScore jar was built against (its build.properties)."""
    try:
        with zipfile.ZipFile(path) as jar:
            text = jar.read(_BUILD_PROPERTIES).decode("utf-8")
            has_sql = _SQL_EXTENSION.replace(".", "/") + ".class" in jar.namelist()
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise JarNotFound("%s is not a SparkScore jar (%s)" % (path, e)) from None
    info = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            info[key.strip()] = value.strip()
    info["sql_extension"] = has_sql
    return info


def _search_dirs():
    """Build directories: each root's target/ and the per-line target/spark-<line>/ below it."""
    roots = [os.environ["SPARKSCORE_HOME"]] if os.environ.get("SPARKSCORE_HOME") else []
    # An editable install or a run from the checkout: the repository's own build.
    roots += [os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."), os.getcwd()]
    seen, unique = set(), []
    for root in roots:
        target = os.path.join(root, "target")
        for d in [target] + sorted(glob.glob(os.path.join(target, "spark-*"))):
            d = os.path.normpath(d)
            if d not in seen:
                seen.add(d)
                unique.append(d)
    return unique


def find_jar(spark_version, jar=None):
    """The SparkScore jar for ``spark_version``: ``jar``, else $SPARKSCORE_JAR, else the newest matching build.

    Builds are looked for in $SPARKSCORE_HOME/target, the checkout this package was installed from
    and ./target. A jar built for the other Scala line is refused, naming both.
    """
    scala = scala_binary_version(spark_version)
    given = jar or os.environ.get("SPARKSCORE_JAR")
    if given:
        info = jar_info(given)
        if info.get("scala.binary.version") != scala:
            raise JarNotFound(
                "%s is built for Spark %s (Scala %s), but this Python runs pyspark %s (Scala %s): use the "
                "sparkscore_%s jar" % (given, info.get("spark.version"), info.get("scala.binary.version"),
                                       spark_version, scala, scala))
        return given
    dirs = _search_dirs()
    matching, other = [], []
    for d in dirs:
        for path in glob.glob(os.path.join(d, "sparkscore*.jar")):
            name = os.path.basename(path)
            if name.startswith("original-"):  # the shade plugin's input, without the bundled libraries
                continue
            try:
                info = jar_info(path)
            except JarNotFound:
                continue
            (matching if info.get("scala.binary.version") == scala else other).append(path)
    if matching:
        return max(matching, key=os.path.getmtime)
    found = (": found only %s, built for the other Scala line" % ", ".join(sorted(other))) if other else ""
    raise JarNotFound(
        "no SparkScore jar for pyspark %s (Scala %s) in %s%s. Build it (mvn -DskipTests package for the "
        "default line), or pass start(jar=...) / set SPARKSCORE_JAR" % (spark_version, scala, ", ".join(dirs), found))


def delta_jars(info):
    """Delta's jars for the jar's Spark line, from the local Maven repository the build filled."""
    scala, version = info["scala.binary.version"], info["delta.version"]
    repo = os.environ.get("SPARKSCORE_MAVEN_REPO", os.path.expanduser("~/.m2/repository"))
    jars = [os.path.join(repo, "io/delta/delta-spark_%s/%s/delta-spark_%s-%s.jar" % (scala, version, scala, version)),
            os.path.join(repo, "io/delta/delta-storage/%s/delta-storage-%s.jar" % (version, version))]
    missing = [j for j in jars if not os.path.isfile(j)]
    if missing:
        raise JarNotFound(
            "Delta %s is not in the local Maven repository %s (missing %s): build SparkScore once with Maven, "
            "which fetches it, set SPARKSCORE_MAVEN_REPO, or start(delta=False)" % (version, repo, ", ".join(missing)))
    return jars


def start(app_name="sparkscore", master="local[*]", jar=None, delta=True, memory="4g", conf=None):
    """Starts (or returns the running) local SparkSession with SparkScore, ready to use offline.

    ``jar``: the SparkScore jar (default: found as ``find_jar`` says, matching the installed pyspark).
    ``delta``: put Delta Lake (from the local Maven repository) on the classpath and switch on its
    SQL extension and catalog. SparkScore's own SQL extension is switched on when the jar has it.
    ``memory``: the driver's heap. ``conf``: more Spark settings, which win over these.
    """
    import pyspark
    from pyspark.sql import SparkSession

    from sparkscore import errors

    path = find_jar(pyspark.__version__, jar)
    info = jar_info(path)
    jars = [path] + (delta_jars(info) if delta else [])
    extensions = ([_DELTA_EXTENSION] if delta else []) + ([_SQL_EXTENSION] if info["sql_extension"] else [])
    # DJL would otherwise try to reach its servers when it loads the tokenizers' native library.
    os.environ.setdefault("DJL_OFFLINE", "true")
    os.environ.setdefault("OPT_OUT_TRACKING", "true")
    # Python UDFs of a local session run on this interpreter, with its packages (Spark's default is python3 on PATH).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.jars", ",".join(jars))
               .config("spark.driver.memory", memory)
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.executorEnv.DJL_OFFLINE", "true")
               .config("spark.executorEnv.OPT_OUT_TRACKING", "true"))
    if extensions:
        builder = builder.config("spark.sql.extensions", ",".join(extensions))
    if delta:
        builder = builder.config("spark.sql.catalog.spark_catalog", _DELTA_CATALOG)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if path not in spark.sparkContext.getConf().get("spark.jars", ""):
        raise JarNotFound(
            "a SparkSession without %s is already running in this Python: stop it first (spark.stop()), "
            "or start it with spark.jars naming the jar" % path)
    spark.sparkContext.setLogLevel("WARN")
    errors.install()
    return spark
