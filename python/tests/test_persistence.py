"""Pipelines cross languages: saved from Python, loaded by a JVM of its own, and the reverse, with equal output."""
import json
import os
import subprocess

import pyspark
import pytest
from pyspark.ml import Pipeline, PipelineModel

from conftest import ROOT, model
from sparkscore import TextClassifier, TextEmbedder, TextTokenizer, find_jar

TEXTS = [(0, "A soccer game with multiple males playing."), (1, ""), (2, None), (3, "Una tarde tranquila.")]


def _jvm_command(*args):
    """A JVM of this Spark line's build (the directory of the session's jar): its compiled test classes,
    its classpath (Spark included) and the Java 17 opens."""
    build = os.path.dirname(find_jar(pyspark.__version__))
    classpath_file = os.path.join(build, "launcher.classpath")
    test_classes = os.path.join(build, "test-classes")
    if not os.path.isfile(os.path.join(test_classes, "io", "sparkscore", "python", "PipelineExchange.class")):
        pytest.fail("%s has no PipelineExchange: run mvn test-compile for this line first" % test_classes)
    with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
        pom = f.read()
    opens = pom.split("<spark.java17.opens>")[1].split("</spark.java17.opens>")[0].split()
    with open(classpath_file, encoding="utf-8") as f:
        classpath = f.read().strip()
    return (["java", "-Xmx1g"] + opens
            + ["-Dlog4j2.configurationFile=" + os.path.join(ROOT, "conf", "log4j2.properties"), "-cp",
               os.pathsep.join([test_classes, os.path.join(build, "classes"), classpath]),
               "io.sparkscore.python.PipelineExchange"] + list(args))


def _read_json_dir(path):
    rows = []
    for name in sorted(os.listdir(path)):
        if name.endswith(".json"):
            with open(os.path.join(path, name), encoding="utf-8") as f:
                rows += [json.loads(line) for line in f if line.strip()]
    return {r["id"]: r for r in rows}


def test_pipelines_saved_in_one_language_load_in_the_other(spark, tmp_path):
    df = spark.createDataFrame(TEXTS, "id int, text string")
    python_model = Pipeline(stages=[
        TextTokenizer(model=model("tiny-bert"), maxLength=8),
        TextEmbedder(model=model("tiny-bert"), pooling="cls", normalize=True, batchSize=2)]).fit(df)
    python_dir = str(tmp_path / "python-model")
    python_model.write().save(python_dir)
    texts = str(tmp_path / "texts.json")
    df.coalesce(1).write.json(texts)

    jvm_dir = str(tmp_path / "jvm-model")
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    result = subprocess.run(_jvm_command(python_dir, texts, str(tmp_path / "python-out"), jvm_dir,
                                         str(tmp_path / "jvm-out"), model("tiny-bert-sentiment")),
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]

    # The JVM ran Python's pipeline: same rows as Python gets (JSON drops null fields).
    jvm_rows = _read_json_dir(str(tmp_path / "python-out"))
    for r in python_model.transform(df).collect():
        assert jvm_rows[r["id"]].get("input_ids") == r["input_ids"]
        if r["embedding"] is None:
            assert "embedding" not in jvm_rows[r["id"]]
        else:
            assert jvm_rows[r["id"]]["embedding"] == pytest.approx(r["embedding"], abs=1e-7)

    # Python loads the JVM's pipeline as sparkscore stages with the JVM's Params, and runs it alike.
    loaded = PipelineModel.load(jvm_dir)
    tokenizer, classifier = loaded.stages
    assert isinstance(tokenizer, TextTokenizer) and isinstance(classifier, TextClassifier)
    assert (tokenizer.getMaxLength(), tokenizer.getTokensCol()) == (12, "pieces")
    assert (classifier.getTopK(), classifier.getScoreCol(), classifier.getModel()) == (
        1, "confidence", model("tiny-bert-sentiment"))
    expected = _read_json_dir(str(tmp_path / "jvm-out"))
    for r in loaded.transform(df).collect():
        e = expected[r["id"]]
        assert e.get("pieces") == r["pieces"] and e.get("label") == r["label"]
        if r["confidence"] is not None:
            assert e["confidence"] == pytest.approx(r["confidence"], abs=1e-12)


def test_a_stage_round_trips_with_every_param(spark, tmp_path):
    stage = TextEmbedder(model=model("tiny-bert"), pooling="cls", normalize=True, batchSize=7, device="cpu")
    stage.save(str(tmp_path / "embedder"))
    loaded = TextEmbedder.load(str(tmp_path / "embedder"))
    assert loaded.uid == stage.uid
    assert {p.name: v for p, v in loaded.extractParamMap().items()} == {
        p.name: v for p, v in stage.extractParamMap().items()}
    with pytest.raises(Exception, match="already exists"):
        stage.save(str(tmp_path / "embedder"))
