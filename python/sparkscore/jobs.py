"""``sparkscore.run()``: a job file run by the same JVM runner as ``bin/sparkscore run``."""
import json
import os

__all__ = ["run"]

# The runner's classes, by package: the command-line layer's new home first, then the old one.
_RUN_COMMAND = ("io.sparkscore.cli.RunCommand", "io.sparkscore.jobs.RunCommand")
_JOB_RUNNER = ("io.sparkscore.run.JobRunner", "io.sparkscore.jobs.JobRunner")


def _arguments(config_path, overrides):
    """The run command's arguments: each keyword is its option (``id_col`` → ``--id-col``).

    True gives a flag, a list or tuple is comma-joined, and ``set`` takes a dict or a list of
    ``'key.path = value'`` HOCON snippets, as ``--set`` does.
    """
    args = ["--config", os.fspath(config_path)]
    for key, value in overrides.items():
        if key == "set":
            items = value.items() if isinstance(value, dict) else None
            snippets = ["%s = %s" % (k, json.dumps(v)) for k, v in items] if items is not None else list(value)
            for snippet in snippets:
                args += ["--set", snippet]
            continue
        option = "--" + key.replace("_", "-")
        if value is True:
            args.append(option)
        elif value is False or value is None:
            continue
        elif isinstance(value, (list, tuple)):
            args += [option, ",".join(str(v) for v in value)]
        else:
            args += [option, str(value)]
    return args


def run(config_path, spark=None, **overrides):
    """Runs the job in ``config_path`` on ``spark`` (default: the active session, else ``sparkscore.start()``).

    Keywords are the run command's options: ``run("jobs/reviews-embed.conf", output="/tmp/out",
    limit=100, set={"output.mode": "overwrite"})``. The job is checked before anything runs; a bad
    key or value raises SparkScoreError listing every problem. Prints what the command prints and
    returns the summary as a dict: ``run_id``, ``rows_in``, ``rows_written``, ``empty_text``,
    ``seconds``, ``rows_per_second``, ``batches``, ``report_dir`` and ``metrics`` (the run's
    metrics.json, or None when the run wrote nothing).
    """
    from pyspark.sql import SparkSession

    from sparkscore import errors
    from sparkscore.session import start

    spark = spark or SparkSession.getActiveSession() or start()
    jvm = spark.sparkContext._jvm
    errors.install()
    args = _arguments(config_path, overrides)
    jargs = spark.sparkContext._gateway.new_array(jvm.java.lang.String, len(args))
    for i, a in enumerate(args):
        jargs[i] = a
    buffer = jvm.java.io.ByteArrayOutputStream()
    out = jvm.java.io.PrintStream(buffer, True, "UTF-8")
    try:
        with errors.converted(arguments_are_ours=True):
            job = _jvm_class(jvm, _RUN_COMMAND).parse(jargs)
            summary = _jvm_class(jvm, _JOB_RUNNER).run(spark._jsparkSession, job, out)
    finally:
        printed = buffer.toString("UTF-8")
        if printed:
            print(printed, end="")
    report_dir = summary.reportDir()
    metrics_file = os.path.join(report_dir, "metrics.json") if report_dir else ""
    metrics = None
    if metrics_file and os.path.isfile(metrics_file):
        with open(metrics_file, encoding="utf-8") as f:
            metrics = json.load(f)
    return {
        "run_id": summary.runId(),
        "rows_in": summary.rowsIn(),
        "rows_written": summary.rowsWritten(),
        "empty_text": summary.emptyText(),
        "seconds": summary.seconds(),
        "rows_per_second": summary.rowsPerSecond(),
        "batches": summary.batches(),
        "report_dir": report_dir,
        "metrics": metrics,
    }


def _jvm_class(jvm, names):
    from py4j.java_gateway import JavaClass

    for name in names:
        obj = jvm
        for part in name.split("."):
            obj = getattr(obj, part)
        if isinstance(obj, JavaClass):
            return obj
    raise RuntimeError("the SparkScore jar has none of %s: is it a SparkScore jar?" % ", ".join(names))
