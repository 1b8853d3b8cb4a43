"""Every stage from Python gives the Hugging Face references (the Java tests' tolerances) and the JVM's own output."""
import pytest
from pyspark.ml.linalg import Vectors  # noqa: F401  (imports pyspark.ml fully, as users do)

from conftest import model, reference
from sparkscore import (EmbeddingZeroShotClassifier, TextClassifier, TextEmbedder, TextTokenizer, TokenDecoder,
                        ZeroShotClassifier)

TOLERANCE = 1e-4  # EmbeddingFixtureTest, ClassifierFixtures


def _texts(spark, texts, pairs=None):
    rows = [(i, t, pairs[i] if pairs else None) for i, t in enumerate(texts)] + [(-1, None, None)]
    # Several partitions and small batches: batching must not change results.
    return spark.createDataFrame(rows, "id int, text string, pair string").repartition(2)


def _by_id(df):
    return {r["id"]: r for r in df.collect()}


def _max_diff(a, b):
    assert len(a) == len(b)
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0)


def _jvm_rows(spark, java_stage, df):
    from pyspark.sql import DataFrame

    return _by_id(DataFrame(java_stage.transform(df._jdf), spark))


@pytest.mark.parametrize("fixture", ["tiny-bert", "tiny-roberta"])
def test_tokenizer_and_decoder_match_transformers(spark, fixture):
    cases = reference(fixture)["tokenization"]
    df = _texts(spark, [c["text"] for c in cases], [c["text_pair"] for c in cases])
    tokenizer = TextTokenizer(model=model(fixture), typeIdsCol="token_type_ids", offsetsCol="offsets")
    singles = tokenizer.transform(df.filter("pair is null"))
    pairs = tokenizer.copy({tokenizer.pairCol: "pair"}).transform(df.filter("pair is not null"))
    out = singles.unionByName(pairs)
    decoded = TokenDecoder(model=model(fixture), outputCol="decoded").transform(out)
    rows = _by_id(TokenDecoder(model=model(fixture), skipSpecialTokens=False, outputCol="with_special").transform(decoded))
    assert rows[-1]["input_ids"] is None and rows[-1]["tokens"] is None and rows[-1]["decoded"] is None
    for i, c in enumerate(cases):
        row = rows[i]
        assert row["input_ids"] == c["input_ids"], c["text"]
        assert row["tokens"] == c["tokens"], c["text"]
        assert row["attention_mask"] == c["attention_mask"]
        assert row["token_type_ids"] == c["token_type_ids"]
        assert [list(o) for o in row["offsets"]] == c["offsets"]
        assert row["decoded"] == c["decoded"]
        assert row["with_special"] == c["decoded_with_special"]


@pytest.mark.parametrize("fixture,pooling,normalize,key", [
    ("tiny-bert", "mean", False, "mean"), ("tiny-bert", "mean", True, "mean_normalized"),
    ("tiny-bert", "cls", False, "cls"), ("tiny-roberta", "pooler", False, "pooler")])
def test_embedder_matches_pytorch_and_the_jvm_stage(spark, jvm, fixture, pooling, normalize, key):
    cases = reference(fixture)["embeddings"]
    df = _texts(spark, [c["text"] for c in cases])
    embedder = TextEmbedder(model=model(fixture), pooling=pooling, normalize=normalize, batchSize=3)
    rows = _by_id(embedder.transform(df))
    assert rows[-1]["embedding"] is None, "null text gives a null embedding"
    for i, c in enumerate(cases):
        assert _max_diff(rows[i]["embedding"], c[key]) < TOLERANCE, (fixture, pooling, i)
    java = (jvm.io.sparkscore.stages.TextEmbedder().setModel(model(fixture)).setPooling(pooling)
            .setNormalize(normalize).setBatchSize(3))
    assert _jvm_rows(spark, java, df) == rows


@pytest.mark.parametrize("fixture", ["tiny-bert-sentiment", "tiny-distilbert-sentiment", "tiny-bert-multilabel"])
def test_classifier_matches_the_text_classification_pipeline(spark, jvm, fixture):
    cases = reference(fixture)["classification"]
    df = _texts(spark, [c["text"] for c in cases])
    rows = _by_id(TextClassifier(model=model(fixture), batchSize=3).transform(df))
    assert rows[-1]["label"] is None and rows[-1]["score"] is None and rows[-1]["scores"] is None
    for i, c in enumerate(cases):
        expected = c["scores"]
        assert rows[i]["label"] == expected[0]["label"], c["text"]
        assert abs(rows[i]["score"] - expected[0]["score"]) < TOLERANCE
        assert [s["label"] for s in rows[i]["scores"]] == [e["label"] for e in expected]
        assert _max_diff([s["score"] for s in rows[i]["scores"]], [e["score"] for e in expected]) < TOLERANCE
    java = jvm.io.sparkscore.stages.TextClassifier().setModel(model(fixture)).setBatchSize(3)
    assert _jvm_rows(spark, java, df) == rows


def test_zero_shot_matches_the_zero_shot_pipeline(spark):
    for c in reference("tiny-nli")["zero_shot"]:
        stage = ZeroShotClassifier(model=model("tiny-nli"), candidateLabels=c["candidate_labels"],
                                   hypothesisTemplate=c["hypothesis_template"], multiLabel=c["multi_label"], batchSize=2)
        row = stage.transform(spark.createDataFrame([(0, c["text"])], "id int, text string")).first()
        assert row["labels"] == c["labels"], c["text"]
        assert _max_diff(row["scores"], c["scores"]) < TOLERANCE


def test_embedding_zero_shot_agrees_with_the_embedder(spark):
    labels = ["sports", "cooking"]
    df = spark.createDataFrame([(0, "The match ended in a draw."), (1, ""), (2, None)], "id int, text string")
    rows = _by_id(EmbeddingZeroShotClassifier(model=model("tiny-bert"), candidateLabels=labels,
                                              multiLabel=True).transform(df))
    assert rows[2]["label"] is None and rows[2]["scores"] is None
    texts = spark.createDataFrame([(0, "The match ended in a draw."), (1, "This example is sports."),
                                   (2, "This example is cooking.")], "id int, text string")
    e = {r["id"]: r["embedding"] for r in TextEmbedder(model=model("tiny-bert"), normalize=True).transform(texts).collect()}
    cosine = {lab: sum(x * y for x, y in zip(e[0], e[k])) for k, lab in ((1, "sports"), (2, "cooking"))}
    for lab, score in zip(rows[0]["labels"], rows[0]["scores"]):
        assert abs(score - cosine[lab]) < 1e-5, lab


def test_empty_text_is_special_tokens_only(spark):
    df = spark.createDataFrame([(0, "")], "id int, text string")
    row = TextTokenizer(model=model("tiny-bert")).transform(df).first()
    assert row["tokens"] == ["[CLS]", "[SEP]"]
    assert len(TextEmbedder(model=model("tiny-bert")).transform(df).first()["embedding"]) == 32
