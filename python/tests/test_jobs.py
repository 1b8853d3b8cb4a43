"""sparkscore.run: a job file through the command line's runner, the summary as a dict."""
import os

import pytest

import sparkscore
from conftest import ROOT
from sparkscore import SparkScoreError

JOB = os.path.join(ROOT, "jobs", "reviews-embed.conf")


def test_run_returns_the_summary(spark, tmp_path):
    out = str(tmp_path / "embeddings")
    summary = sparkscore.run(JOB, spark=spark, input=os.path.join(ROOT, "jobs", "data", "reviews.jsonl"),
                             output=out, limit=12, progress="off", set={"output.mode": "overwrite"})
    assert summary["rows_in"] == 12 and summary["rows_written"] == 12
    assert summary["metrics"] is not None and summary["report_dir"].startswith(out)
    written = spark.read.format("delta").load(out)
    assert written.count() == 12 and "embedding" in written.columns


def test_a_bad_job_lists_its_problems_before_spark_runs(spark, tmp_path):
    with pytest.raises(SparkScoreError) as raised:
        sparkscore.run(JOB, spark=spark, output=str(tmp_path / "x"), mode="upsert")
    assert "output.mode: expected one of overwrite, append, merge" in raised.value.message
