"""Spark Connect: a local Spark Connect server (Spark 4 line) with SparkScore's SQL extension serves
the functions to a PySpark Connect client, with the results the stages give.

The test starts the server (ci/connect-server.sh) on a free loopback port and stops it; the
expected values come from the stages themselves, through ``bin/sparkscore`` on the same texts.
"""

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

import pyspark  # noqa: E402

if int(pyspark.__version__.split(".")[0]) < 4:
    pytest.skip("Spark Connect is tested on the Spark 4 line", allow_module_level=True)
pytest.importorskip("pyspark.sql.connect.session", reason="the PySpark Connect client is not installed")
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import expr  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TINY_BERT = str(ROOT / "src/test/resources/models/tiny-bert")
TEXTS = ["The quick brown fox jumps over the lazy dog.", "", "El niño comió paella en España, ¿verdad?", None]
STARTUP_SECONDS = 600


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, server, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the Connect server exited with {server.returncode}:\n{log.read_text()[-4000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(1)
    raise RuntimeError(f"the Connect server did not listen on {port} in {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(ROOT / "ci/connect-server.sh"), str(port)], stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        _wait_for(port, server, log)
        session = SparkSession.builder.remote(f"sc://127.0.0.1:{port}").getOrCreate()
        yield session
        session.stop()
    finally:
        # builder.remote() switches this process's pyspark to Connect; the suite's other modules run classic.
        os.environ.pop("SPARK_CONNECT_MODE_ENABLED", None)
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def stage_embeddings(tmp_path_factory):
    """id -> the TextEmbedder stage's embedding of TEXTS, via ``bin/sparkscore embed``."""
    work = tmp_path_factory.mktemp("stage")
    source = work / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(TEXTS)))
    subprocess.run([str(ROOT / "bin/sparkscore"), "embed", "--input", str(source), "--output", str(work / "out"),
                    "--format", "json", "--model", TINY_BERT], check=True, env={**os.environ, "SPARKSCORE_SPARK": "4"})
    rows = [json.loads(line) for part in sorted((work / "out").glob("part-*")) for line in part.read_text().splitlines()]
    return {row["id"]: row.get("embedding") for row in rows}


def _docs(spark):
    return spark.createDataFrame([(i, t) for i, t in enumerate(TEXTS)], "id long, text string")


def test_sql_embed_is_the_stage(spark, stage_embeddings):
    _docs(spark).createOrReplaceTempView("docs")
    rows = spark.sql(f"SELECT id, sparkscore_embed(text, '{TINY_BERT}') AS embedding FROM docs").collect()
    got = {row["id"]: row["embedding"] for row in rows}
    assert got.keys() == stage_embeddings.keys()
    for i, expected in stage_embeddings.items():
        # JSON carries the stage's floats as written; compare as float32 values.
        assert (got[i] is None) == (expected is None), i
        if expected is not None:
            assert [float(x) for x in got[i]] == pytest.approx(expected, rel=1e-6, abs=1e-7), i
    assert got[3] is None, "null text gives null"


def test_expr_in_the_dataframe_api(spark):
    df = _docs(spark).select("id", expr(f"sparkscore_tokenize(text, '{TINY_BERT}')").alias("t"))
    rows = {row["id"]: row["t"] for row in df.collect()}
    assert rows[3] is None
    assert rows[0]["tokens"][0] == "[CLS]" and rows[0]["tokens"][-1] == "[SEP]"
    assert len(rows[0]["input_ids"]) == len(rows[0]["attention_mask"]) == len(rows[0]["tokens"])


def test_explain_shows_the_batched_operator(spark):
    _docs(spark).createOrReplaceTempView("docs")
    plan = spark.sql(f"EXPLAIN SELECT sparkscore_embed(text, '{TINY_BERT}') FROM docs").collect()[0][0]
    assert "ScoreEval sparkscore_embed" in plan, plan


def test_analysis_errors_reach_the_client(spark):
    with pytest.raises(Exception, match=r"argument 2 \(model\) 'nosuchalias' is not a model alias"):
        spark.sql("SELECT sparkscore_embed('x', 'nosuchalias')").collect()


def test_a_stage_runs_through_ml_over_connect(spark, stage_embeddings):
    """Spark 4's ML over Connect builds a server-side Transformer named by the client, from those the
    server's jars list in META-INF/services/org.apache.spark.ml.Transformer: ours do, so a client-side
    JavaTransformer naming TextEmbedder runs the real stage on the server."""
    from pyspark.ml.param import Param, Params, TypeConverters
    from pyspark.ml.wrapper import JavaTransformer

    class TextEmbedder(JavaTransformer):
        inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", TypeConverters.toString)
        model = Param(Params._dummy(), "model", "model", TypeConverters.toString)

        def __init__(self, **params):
            super().__init__()
            self._java_obj = self._new_java_obj("io.sparkscore.stages.TextEmbedder", self.uid)
            self._set(**params)

    out = TextEmbedder(inputCol="text", model=TINY_BERT).transform(_docs(spark))
    got = {row["id"]: row["embedding"] for row in out.collect()}
    for i, expected in stage_embeddings.items():
        assert (got[i] is None) == (expected is None), i
        if expected is not None:
            assert [float(x) for x in got[i]] == pytest.approx(expected, rel=1e-6, abs=1e-7), i
