"""Bench rows for PySpark users, measured in one run on one corpus and one local Spark:

  jvm_stage       TextEmbedder called on the JVM directly (py4j, no Python wrapper): the stage row
  pyspark_stage   the same stage through sparkscore.TextEmbedder, as a PySpark user runs it
  predict_batch   pyspark.ml.functions.predict_batch_udf with an onnxruntime session and the
                  tokenizers library over the same ONNX graph and tokenizer.json (mean pooling,
                  L2 normalisation, as the stage does for MiniLM)

Each row reads the corpus from Parquet and writes to Spark's noop sink, with the same partitions,
batch size (32) and ONNX Runtime threads per task (1). Reports docs/s (median of --reps after a
warm-up), the ratio to jvm_stage and peak memory: the Spark JVM's resident set (driver = executor in
local mode) and, for predict_batch, the Python workers' as well.

    .venv/spark35/bin/python python/benchmarks/pyspark_rows.py [--docs 1000] [--reps 3] [--json FILE]
"""
import argparse
import glob
import json
import os
import statistics
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
BATCH, THREADS, PARTITIONS = 32, 1, 2


def corpus(docs):
    jsonl = os.path.join(ROOT, "..", "shared", "data", "fortunes-en", "fortunes-en.jsonl")
    if os.path.isfile(jsonl):
        with open(jsonl, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        source = jsonl
    else:
        source = os.path.join(ROOT, "jobs", "data", "reviews.txt")
        with open(source, encoding="utf-8") as f:
            texts = [line.rstrip("\n") for line in f]
    return [texts[i % len(texts)] for i in range(docs)], source


def _peak_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _reset_peak(pid):
    # Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so each row reports its own peak.
    with open("/proc/%d/clear_refs" % pid, "w") as f:
        f.write("5")


def _python_workers(jvm_pid):
    """The Python processes this Spark JVM started (pyspark's daemon and its workers), and no one else's."""
    parents = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.split("/")[2])] = int(fields[1])
    descendants, frontier = set(), {jvm_pid}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - descendants
        descendants |= frontier
    return sorted(descendants)


def model_dir(spark):
    """The embedded MiniLM unpacked where the stage unpacks it (running the stage once puts it there)."""
    directory = spark.sparkContext._jvm.io.sparkscore.model.ModelLocator.locate("minilm", "")
    return str(directory.root().toString()), str(directory.onnxFile().toString())


def predict_fn_factory(model_path, onnx):
    def make_predict_fn():
        import numpy as np
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(os.path.join(model_path, "tokenizer.json"))
        tokenizer.enable_truncation(256)  # MiniLM's max_seq_length, as the stage uses
        tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(onnx, options, providers=["CPUExecutionProvider"])
        names = {i.name for i in session.get_inputs()}

        def predict(texts):
            encodings = tokenizer.encode_batch([str(t) for t in texts])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in names:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = session.run(None, feed)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            return pooled.astype(np.float32)

        return predict

    return make_predict_fn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()

    import sparkscore
    from pyspark.ml.functions import predict_batch_udf
    from pyspark.sql import DataFrame
    from pyspark.sql.types import ArrayType, FloatType

    spark = sparkscore.start(master="local[%d]" % PARTITIONS, memory="3g",
                             conf={"spark.ui.enabled": "false", "spark.sql.execution.arrow.maxRecordsPerBatch": "1024"})
    jvm_pid = int(spark.sparkContext._jvm.ProcessHandle.current().pid())
    texts, source = corpus(args.docs)
    work = tempfile.mkdtemp(prefix="sparkscore-pybench-")
    parquet = os.path.join(work, "corpus.parquet")
    # Written through the JVM (not createDataFrame), so no Python worker exists before the UDF row.
    jsonl = os.path.join(work, "corpus.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
    spark.read.schema("id long, text string").json(jsonl).repartition(PARTITIONS).write.parquet(parquet)

    def read():
        return spark.read.parquet(parquet)

    stage = sparkscore.TextEmbedder(model="minilm", batchSize=BATCH, intraOpThreads=THREADS)
    java_stage = (spark.sparkContext._jvm.io.sparkscore.stages.TextEmbedder()
                  .setModel("minilm").setBatchSize(BATCH).setIntraOpThreads(THREADS))
    stage.transform(read().limit(1)).write.format("noop").mode("overwrite").save()  # unpacks the embedded model
    model_path, onnx = model_dir(spark)
    udf = predict_batch_udf(predict_fn_factory(model_path, onnx), return_type=ArrayType(FloatType()), batch_size=BATCH)

    rows = {
        "jvm_stage": lambda: DataFrame(java_stage.transform(read()._jdf), spark),
        "pyspark_stage": lambda: stage.transform(read()),
        "predict_batch": lambda: read().withColumn("embedding", udf("text")),
    }
    results = {}
    for name, build in rows.items():
        build().write.format("noop").mode("overwrite").save()  # warm-up: sessions, workers, JIT
        _reset_peak(jvm_pid)
        workers_before = set(_python_workers(jvm_pid))
        for pid in workers_before:
            _reset_peak(pid)
        times = []
        for _ in range(args.reps):
            started = time.perf_counter()
            build().write.format("noop").mode("overwrite").save()
            times.append(time.perf_counter() - started)
        workers = _python_workers(jvm_pid)
        results[name] = {
            "docs_per_s": args.docs / statistics.median(times),
            "seconds": times,
            "jvm_peak_rss_mb": _peak_kb(jvm_pid) / 1024,
            "python_workers": len(workers),
            "python_workers_peak_rss_mb": sum(_peak_kb(p) for p in workers) / 1024,
        }
    # The two paths compute the same embeddings.
    ours = {r["id"]: r["embedding"] for r in rows["pyspark_stage"]().where("id < 20").collect()}
    theirs = {r["id"]: r["embedding"] for r in rows["predict_batch"]().where("id < 20").collect()}
    agreement = min(sum(a * b for a, b in zip(ours[i], theirs[i])) for i in ours)
    base = results["jvm_stage"]["docs_per_s"]
    for name, r in results.items():
        r["ratio_to_jvm_stage"] = r["docs_per_s"] / base
    report = {"docs": args.docs, "source": source, "batch_size": BATCH, "threads_per_task": THREADS,
              "partitions": PARTITIONS, "min_cosine_stage_vs_udf": agreement, "rows": results}
    print("%-14s %10s %8s %14s %18s" % ("row", "docs/s", "ratio", "JVM peak MB", "py workers peak MB"))
    for name, r in results.items():
        print("%-14s %10.1f %8.3f %14.0f %18.0f" % (name, r["docs_per_s"], r["ratio_to_jvm_stage"],
                                                    r["jvm_peak_rss_mb"], r["python_workers_peak_rss_mb"]))
    print("min cosine, stage vs predict_batch_udf embeddings: %.6f" % agreement)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    spark.stop()


if __name__ == "__main__":
    main()
