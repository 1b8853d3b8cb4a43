"""SparkScore's JVM errors as Python exceptions: the error code and message, not a Py4J stack."""
from contextlib import contextmanager

import py4j.java_gateway
import py4j.protocol
from py4j.protocol import Py4JJavaError

__all__ = ["SparkScoreError"]

_JAVA_EXCEPTION = "io.sparkscore.SparkScoreException"


class SparkScoreError(Exception):
    """An error SparkScore raised on the JVM.

    ``code`` is SparkScore's error code, ``kind`` who has to act (``USER``: bad input, Param,
    configuration or model files; ``RESOURCES``: the device, memory or a native library;
    ``INTERNAL``: a SparkScore bug), ``message`` the JVM exception's message, word for word.
    """

    def __init__(self, message, code, kind, java_class):
        super().__init__(message)
        self.message = message
        self.code = code
        self.kind = kind
        self.java_class = java_class

    def __str__(self):
        return "[%s] %s" % (self.code, self.message)


def _origin(exc):
    """The Java throwable behind a Py4J error or one of pyspark's captured exceptions, if any."""
    if isinstance(exc, Py4JJavaError):
        return exc.java_exception
    return getattr(exc, "_origin", None)


def _causes(throwable):
    seen = 0
    while throwable is not None and seen < 32:
        yield throwable
        throwable = throwable.getCause()
        seen += 1


def _from_java(throwable, arguments_are_ours):
    """The SparkScoreError for a Java throwable, or None when it is not SparkScore's to report.

    A SparkScoreException anywhere in the cause chain (Spark wraps executor failures) is ours. An
    IllegalArgumentException is ours when it came from a call on a SparkScore stage: Spark's
    ParamValidators and SparkScore's option parsers throw it for a bad Param value.
    """
    for t in _causes(throwable):
        name = t.getClass().getName()
        if name == _JAVA_EXCEPTION:
            kind = t.kind().name()
            return SparkScoreError(t.getMessage(), _code(t, kind), kind, name)
    if arguments_are_ours and throwable.getClass().getName() == "java.lang.IllegalArgumentException":
        return SparkScoreError(throwable.getMessage(), "USER", "USER", "java.lang.IllegalArgumentException")
    return None


def _code(throwable, kind):
    """The exception's catalog code where the JVM has one, its kind otherwise."""
    try:
        return str(throwable.getErrorCode())
    except Py4JJavaError:
        raise
    except Exception:
        return kind


@contextmanager
def converted(arguments_are_ours=False):
    """Raises JVM errors from the block as SparkScoreError (chained to nothing: the JVM stack is noise)."""
    try:
        yield
    except Exception as e:
        origin = _origin(e)
        error = _from_java(origin, arguments_are_ours) if origin is not None else None
        if error is None:
            raise
        raise error from None


def install():
    """Makes every Py4J call report SparkScore's errors as SparkScoreError (collect, write, ...).

    pyspark replaces ``py4j.java_gateway.get_return_value`` with its own converter when a session
    starts; this wraps whatever is there, once, so pyspark's conversions still apply to other errors.
    """
    current = py4j.java_gateway.get_return_value
    if getattr(current, "_sparkscore", False):
        return

    def get_return_value(*args, **kwargs):
        with converted():
            return current(*args, **kwargs)

    get_return_value._sparkscore = True
    py4j.java_gateway.get_return_value = get_return_value
