"""One local SparkSession for the suite, started the way users start one (sparkscore.start)."""
import json
import os

import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.path.join(ROOT, "src", "test", "resources", "models")


def model(name):
    return os.path.join(MODELS, name)


def reference(name):
    with open(os.path.join(MODELS, name, "reference.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def spark():
    import sparkscore

    session = sparkscore.start(master="local[2]", memory="2g", conf={
        "spark.sql.shuffle.partitions": "2", "spark.ui.enabled": "false",
        "spark.driver.bindAddress": "127.0.0.1", "spark.driver.host": "127.0.0.1"})
    yield session
    session.stop()


@pytest.fixture(scope="session")
def jvm(spark):
    return spark.sparkContext._jvm
