"""The base of every generated stage wrapper: a JavaTransformer whose JVM peer is a SparkScore stage."""
from pyspark import SparkContext
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaTransformer

from sparkscore import errors


class SparkScoreStage(JavaTransformer, JavaMLReadable, JavaMLWritable):
    """A PySpark ML transformer backed by the SparkScore JVM stage named by ``_java_class``."""

    _java_class = None
    # pyspark's JavaWrapper.__del__ reads it: a constructor refused before the JVM peer exists must not warn.
    _java_obj = None

    def __init__(self):
        super().__init__()
        if SparkContext._active_spark_context is None:
            raise RuntimeError(
                "%s needs a running SparkSession with the SparkScore jar: call sparkscore.start() "
                "or start one with spark.jars naming the jar" % type(self).__name__)
        errors.install()
        with errors.converted():
            self._java_obj = self._new_java_obj(self._java_class, self.uid)
        self._require_same_params()

    def _require_same_params(self):
        """Refuses a jar whose stage declares other Params than this package's (one of the two is stale)."""
        ours = {p.name for p in self.params}
        theirs = {p.name() for p in self._java_obj.params()}
        if ours != theirs:
            raise RuntimeError(
                "the SparkScore jar and the sparkscore package disagree on %s's Params (only in the package: %s; "
                "only in the jar: %s): build the jar and install the package from the same checkout"
                % (type(self).__name__, sorted(ours - theirs) or "none", sorted(theirs - ours) or "none"))

    def _set_checked(self, **kwargs):
        """Sets Params after the JVM stage's validators accept them, so a bad value fails here, as in Java."""
        for name, value in kwargs.items():
            if value is None:
                continue
            param = getattr(self, name)
            value = param.typeConverter(value)
            with errors.converted(arguments_are_ours=True):
                # Building the JVM ParamPair runs the Param's validator without setting anything.
                self._make_java_param_pair(param, value)
        return self._set(**kwargs)

    def _transform(self, dataset):
        with errors.converted(arguments_are_ours=True):
            return super()._transform(dataset)

    def transformSchema(self, schema):
        """The output schema the JVM stage gives ``schema`` (a StructType), checking it as ``transform`` does."""
        from pyspark.sql.types import _parse_datatype_json_string

        self._transfer_params_to_java()
        sc = SparkContext._active_spark_context
        with errors.converted(arguments_are_ours=True):
            jschema = sc._jvm.org.apache.spark.sql.types.DataType.fromJson(schema.json())
            return _parse_datatype_json_string(self._java_obj.transformSchema(jschema).json())

    @classmethod
    def read(cls):
        return _StageReader(cls)


class _StageReader(JavaMLReader):
    """pyspark derives the JVM class from the Python module's name; ours lives elsewhere."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return clazz._java_class
