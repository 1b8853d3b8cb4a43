"""Bad input and bad Params raise SparkScoreError with the JVM's code and message; null and empty text as on the JVM."""
import pytest

from conftest import model
from sparkscore import SparkScoreError, TextEmbedder, TextTokenizer, TokenDecoder


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame([(1, "hello", None), (2, "", "x"), (3, None, "y")],
                                 "id int, text string, other string")


def test_a_missing_input_column_lists_the_columns(frame):
    stage = TextEmbedder(model=model("tiny-bert"), inputCol="body")
    with pytest.raises(SparkScoreError) as raised:
        stage.transform(frame)
    assert raised.value.message == stage.uid + ": input column 'body' does not exist; available columns: id, text, other"
    assert raised.value.kind == "USER" and raised.value.code
    assert raised.value.__cause__ is None and "Py4J" not in str(raised.value)


def test_transform_schema_checks_as_the_jvm_does(frame):
    stage = TextTokenizer(model=model("tiny-bert"), inputCol="id")
    with pytest.raises(SparkScoreError) as raised:
        stage.transformSchema(frame.schema)
    assert raised.value.message == stage.uid + ": column 'id' must be of type string but is int"
    out = TextTokenizer(model=model("tiny-bert")).transformSchema(frame.schema)
    assert out.fieldNames() == ["id", "text", "other", "input_ids", "attention_mask", "tokens"]


def test_a_bad_device_is_refused_before_any_work(frame):
    # device is a ChoiceParam: the value meets its validator on the JVM, which lists the allowed values.
    stage = TextEmbedder(model=model("tiny-bert"))
    with pytest.raises(SparkScoreError) as raised:
        stage.setDevice("tpu").transform(frame)
    assert raised.value.code == "INVALID_OPTION_VALUE"
    assert raised.value.message == stage.uid + ": device must be one of auto, cpu, cuda, cuda:N, got 'tpu' (did you mean 'cpu'?)"


def test_an_executor_failure_reaches_python_as_the_stage_error(spark):
    ids = spark.createDataFrame([([2, 999999, 3],)], "ids array<int>")
    out = TokenDecoder(model=model("tiny-bert"), inputCol="ids").transform(ids)
    with pytest.raises(SparkScoreError) as raised:
        out.collect()
    assert "column 'ids' holds token id 999999 at position 1, outside the vocabulary" in raised.value.message


def test_null_text_gives_nulls_and_empty_text_special_tokens(frame):
    rows = {r["id"]: r for r in TextEmbedder(model=model("tiny-bert"), statusCol="status").transform(frame).collect()}
    assert rows[3]["embedding"] is None and rows[3]["status"] == "null_text"
    assert len(rows[2]["embedding"]) == 32 and rows[2]["status"] == "empty_text"
