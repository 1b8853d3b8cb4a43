"""The generated wrappers carry the JVM stages' Params: names, docs, defaults, validation."""
import pydoc

import pytest

import sparkscore
from sparkscore import SparkScoreError, TextEmbedder, TextTokenizer


def _jvm_stage(jvm, stage):
    return getattr(jvm.io.sparkscore.stages, type(stage).__name__)("jvm")


@pytest.mark.parametrize("name", sparkscore.stages.__all__)
def test_every_param_has_the_jvm_name_doc_and_default(spark, jvm, name):
    stage = getattr(sparkscore, name)()
    java = _jvm_stage(jvm, stage)
    java_params = {p.name(): p for p in java.params()}
    assert sorted(java_params) == sorted(p.name for p in stage.params)
    for param in stage.params:
        jp = java_params[param.name]
        assert param.doc == jp.doc()
        assert stage.hasDefault(param) == java.hasDefault(jp)
        if stage.hasDefault(param):
            expected = java.getDefault(jp).get()
            if hasattr(expected, "__iter__") and not isinstance(expected, str):
                expected = list(expected)
            assert stage.getOrDefault(param) == expected, param.name


def test_help_shows_the_class_and_param_docs(spark):
    text = pydoc.render_doc(TextEmbedder)
    assert "Text column → sentence embedding" in text
    assert "io.sparkscore.stages.TextEmbedder" in text
    assert "most sequences per model run (> 0)" in text


def test_constructors_and_setparams_are_keyword_only(spark):
    with pytest.raises(TypeError):
        TextEmbedder("minilm")
    stage = TextEmbedder(model="minilm", batchSize=8).setParams(pooling="cls").setNormalize(True)
    assert (stage.getModel(), stage.getBatchSize(), stage.getPooling(), stage.getNormalize()) == ("minilm", 8, "cls", True)
    assert stage.getOutputCol() == "embedding"


def _jvm_message(monkeypatch, call):
    """The message the JVM throws for the call, read past sparkscore's and pyspark's converters."""
    import py4j.java_gateway
    import py4j.protocol
    from py4j.protocol import Py4JJavaError

    with monkeypatch.context() as raw:
        raw.setattr(py4j.java_gateway, "get_return_value", py4j.protocol.get_return_value)
        try:
            call()
        except Py4JJavaError as e:
            return e.java_exception.getMessage()
    raise AssertionError("the JVM accepted it")


@pytest.mark.parametrize("param,value", [("batchSize", 0), ("pooling", "average"), ("maxLength", -1)])
def test_a_bad_value_fails_at_the_setter_with_the_jvm_message(spark, jvm, monkeypatch, param, value):
    stage = TextEmbedder()
    setter = getattr(stage, "set" + param[0].upper() + param[1:])
    with pytest.raises(SparkScoreError) as raised:
        setter(value)
    java = jvm.io.sparkscore.stages.TextEmbedder(stage.uid)
    assert raised.value.message == _jvm_message(monkeypatch, lambda: getattr(java, "set" + param[0].upper() + param[1:])(value))
    assert raised.value.kind == "USER"
    assert not stage.isSet(getattr(stage, param)), "a refused value is not kept"
    with pytest.raises(SparkScoreError):
        TextEmbedder(**{param: value})


def test_a_wrong_type_is_a_type_error(spark):
    with pytest.raises(TypeError):
        TextTokenizer(maxLength="long")
