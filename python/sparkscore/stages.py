# Generated from the JVM stages' Params by io.sparkscore.python.PythonStages: do not edit.
# Regenerate: mvn -q test -Dtest=PythonStagesTest -Dsparkscore.python.regenerate=true
# (PythonStagesTest fails while this file differs from what the stages declare.)
from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters

from sparkscore._wrapper import SparkScoreStage

_JAVA_PACKAGE = "io.sparkscore.stages"
__all__ = ["EmbeddingZeroShotClassifier", "MaskFiller", "PairClassifier", "QuestionAnswerer", "TextClassifier", "TextEmbedder", "TextTokenizer", "TokenClassifier", "TokenDecoder", "ZeroShotClassifier"]


class EmbeddingZeroShotClassifier(SparkScoreStage):
    """Zero-shot classification by embedding similarity, the fast path: the cosine similarity between
    the text's sentence embedding and each label's (the label put into the hypothesis template),
    pooled as ``TextEmbedder`` pools with pooling ``auto``. Scores are the softmax of
    similarity / ``temperature`` across the row's labels; with ``multiLabel``, each label's
    cosine similarity itself (in [-1, 1]). Runs on any encoder, the embedded default MiniLM included.

    Cost grows with texts + labels: each distinct label is embedded once per partition and reused
    for every row.

    Null text or a null labels cell gives nulls; an empty labels array gives empty arrays and a
    null label. Empty text is embedded as its special tokens alone, as ``TextEmbedder`` does.

    Runs the JVM stage ``io.sparkscore.stages.EmbeddingZeroShotClassifier``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.EmbeddingZeroShotClassifier"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    candidateLabels = Param(Params._dummy(), "candidateLabels", "the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set", typeConverter=TypeConverters.toListString)
    candidateLabelsCol = Param(Params._dummy(), "candidateLabelsCol", "array<string> column with each row's candidate labels (empty = use candidateLabels)", typeConverter=TypeConverters.toString)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    hypothesisTemplate = Param(Params._dummy(), "hypothesisTemplate", "the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    labelCol = Param(Params._dummy(), "labelCol", "output column: the best label (string)", typeConverter=TypeConverters.toString)
    labelsCol = Param(Params._dummy(), "labelsCol", "output column: the candidate labels, best first (array<string>)", typeConverter=TypeConverters.toString)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    multiLabel = Param(Params._dummy(), "multiLabel", "score each label on its own instead of sharing one distribution across the labels", typeConverter=TypeConverters.toBoolean)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    scoresCol = Param(Params._dummy(), "scoresCol", "output column: their scores, in the same order (array<double>)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)
    temperature = Param(Params._dummy(), "temperature", "divides the cosine similarities before the softmax across labels (> 0); lower is more decisive. 0.05 is the scale sentence-transformers trains its similarity losses with", typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, batchSize=64, candidateLabels=[], candidateLabelsCol="", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0, temperature=0.05):
        super().__init__()
        self._setDefault(batchSize=64, candidateLabels=[], candidateLabelsCol="", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0, temperature=0.05)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, candidateLabels=[], candidateLabelsCol="", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0, temperature=0.05):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCandidateLabels(self, value):
        """Sets candidateLabels: the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set"""
        return self._set_checked(candidateLabels=value)

    def getCandidateLabels(self):
        """candidateLabels (default []): the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set"""
        return self.getOrDefault(self.candidateLabels)

    def setCandidateLabelsCol(self, value):
        """Sets candidateLabelsCol: array<string> column with each row's candidate labels (empty = use candidateLabels)"""
        return self._set_checked(candidateLabelsCol=value)

    def getCandidateLabelsCol(self):
        """candidateLabelsCol (default ""): array<string> column with each row's candidate labels (empty = use candidateLabels)"""
        return self.getOrDefault(self.candidateLabelsCol)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setHypothesisTemplate(self, value):
        """Sets hypothesisTemplate: the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')"""
        return self._set_checked(hypothesisTemplate=value)

    def getHypothesisTemplate(self):
        """hypothesisTemplate (default "This example is {}."): the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')"""
        return self.getOrDefault(self.hypothesisTemplate)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLabelCol(self, value):
        """Sets labelCol: output column: the best label (string)"""
        return self._set_checked(labelCol=value)

    def getLabelCol(self):
        """labelCol (default "label"): output column: the best label (string)"""
        return self.getOrDefault(self.labelCol)

    def setLabelsCol(self, value):
        """Sets labelsCol: output column: the candidate labels, best first (array<string>)"""
        return self._set_checked(labelsCol=value)

    def getLabelsCol(self):
        """labelsCol (default "labels"): output column: the candidate labels, best first (array<string>)"""
        return self.getOrDefault(self.labelsCol)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setMultiLabel(self, value):
        """Sets multiLabel: score each label on its own instead of sharing one distribution across the labels"""
        return self._set_checked(multiLabel=value)

    def getMultiLabel(self):
        """multiLabel (default False): score each label on its own instead of sharing one distribution across the labels"""
        return self.getOrDefault(self.multiLabel)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setScoresCol(self, value):
        """Sets scoresCol: output column: their scores, in the same order (array<double>)"""
        return self._set_checked(scoresCol=value)

    def getScoresCol(self):
        """scoresCol (default "scores"): output column: their scores, in the same order (array<double>)"""
        return self.getOrDefault(self.scoresCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)

    def setTemperature(self, value):
        """Sets temperature: divides the cosine similarities before the softmax across labels (> 0); lower is more decisive. 0.05 is the scale sentence-transformers trains its similarity losses with"""
        return self._set_checked(temperature=value)

    def getTemperature(self):
        """temperature (default 0.05): divides the cosine similarities before the softmax across labels (> 0); lower is more decisive. 0.05 is the scale sentence-transformers trains its similarity losses with"""
        return self.getOrDefault(self.temperature)


class MaskFiller(SparkScoreStage):
    """Text with mask tokens (``[MASK]``, ``<mask>`` …) → the masked-LM head's best fillers, as
    Hugging Face's ``pipeline("fill-mask")`` gives them: per mask, in text order, the ``topK``
    tokens by softmax probability over the vocabulary, each as ``struct<score: double, token: int,
    token_str: string, sequence: string>`` (``token_str`` the token decoded alone, ``sequence``
    the text with this token in the mask's place, decoded without special tokens; with several masks the
    others stay and the special tokens too, as the pipeline decodes them). The column is always one
    array per mask, which is the pipeline's shape for several masks; for one mask it is its first element.

    ``targets`` restricts the candidates to those tokens (probabilities still over the whole
    vocabulary, ``topK`` capped at their number): a target that is not a vocabulary entry stands for
    the first token it encodes to, and one that encodes to nothing is left out, each with a warning.

    Null text gives null; a text with no mask token left within ``maxLength`` tokens gives null
    with status ``no_mask`` (the pipeline raises). The model needs a masked-LM head: a graph whose
    ``logits`` output is (batch, sequence, vocabulary), as ``AutoModelForMaskedLM`` exports.

    Runs the JVM stage ``io.sparkscore.stages.MaskFiller``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.MaskFiller"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol", "output column: per mask token, its best fillers as array<array<struct<score, token, token_str, sequence>>>", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)
    targets = Param(Params._dummy(), "targets", "only these tokens may fill a mask (empty = the whole vocabulary); a word that is not a token stands for its first token", typeConverter=TypeConverters.toListString)
    topK = Param(Params._dummy(), "topK", "fillers per mask, best first (> 0; at most the number of targets)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="fills", sortByLength=True, statusCol="", stride=0, targets=[], topK=5):
        super().__init__()
        self._setDefault(batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="fills", sortByLength=True, statusCol="", stride=0, targets=[], topK=5)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="fills", sortByLength=True, statusCol="", stride=0, targets=[], topK=5):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setOutputCol(self, value):
        """Sets outputCol: output column: per mask token, its best fillers as array<array<struct<score, token, token_str, sequence>>>"""
        return self._set_checked(outputCol=value)

    def getOutputCol(self):
        """outputCol (default "fills"): output column: per mask token, its best fillers as array<array<struct<score, token, token_str, sequence>>>"""
        return self.getOrDefault(self.outputCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)

    def setTargets(self, value):
        """Sets targets: only these tokens may fill a mask (empty = the whole vocabulary); a word that is not a token stands for its first token"""
        return self._set_checked(targets=value)

    def getTargets(self):
        """targets (default []): only these tokens may fill a mask (empty = the whole vocabulary); a word that is not a token stands for its first token"""
        return self.getOrDefault(self.targets)

    def setTopK(self, value):
        """Sets topK: fillers per mask, best first (> 0; at most the number of targets)"""
        return self._set_checked(topK=value)

    def getTopK(self):
        """topK (default 5): fillers per mask, best first (> 0; at most the number of targets)"""
        return self.getOrDefault(self.topK)


class PairClassifier(SparkScoreStage):
    """Two text columns → what a sequence-classification model says about each pair, as Hugging Face's
    ``pipeline("text-classification")`` does with {@code {"text": …, "text_pair": …}} inputs, and
    as sentence-transformers' ``CrossEncoder.predict`` scores (query, passage) pairs for reranking
    and semantic similarity. The pair is encoded with the model's pair template (``[CLS] a [SEP]
    b [SEP]``, ``<s> a </s></s> b </s>`` …); a pair longer than ``maxLength`` tokens loses
    tokens from its longer text first (``truncation=True``). Outputs as ``TextClassifier``'s:
    ``label``, ``score`` and the ranked ``scores``.

    ``functionToApply auto`` takes the activation a CrossEncoder saved in ``config.json``
    (``Sigmoid``, ``Identity`` = none, ``Softmax``) and otherwise follows the pipeline:
    none for regression, sigmoid for one logit (a reranker's relevance score) or multi-label,
    softmax otherwise. ``CrossEncoder.predict`` gives a model without a saved activation sigmoid
    for one logit and the raw logits for several: ``none`` reproduces the latter.

    A null in either column gives nulls (status ``null_text``); empty text is scored as the
    pipeline scores it, the special tokens standing for it (status ``empty_text``).

    Runs the JVM stage ``io.sparkscore.stages.PairClassifier``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.PairClassifier"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    functionToApply = Param(Params._dummy(), "functionToApply", "score function over the logits: auto (the activation a sentence-transformers CrossEncoder saved in config.json, else as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    labelCol = Param(Params._dummy(), "labelCol", "output column: the best label (string)", typeConverter=TypeConverters.toString)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    pairCol = Param(Params._dummy(), "pairCol", "string column holding the second text of each pair (text_pair)", typeConverter=TypeConverters.toString)
    scoreCol = Param(Params._dummy(), "scoreCol", "output column: the best label's score (double)", typeConverter=TypeConverters.toString)
    scoresCol = Param(Params._dummy(), "scoresCol", "output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)
    topK = Param(Params._dummy(), "topK", "how many labels scoresCol keeps, best first (0 = all)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", pairCol="text_pair", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0):
        super().__init__()
        self._setDefault(batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", pairCol="text_pair", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", pairCol="text_pair", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setFunctionToApply(self, value):
        """Sets functionToApply: score function over the logits: auto (the activation a sentence-transformers CrossEncoder saved in config.json, else as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none"""
        return self._set_checked(functionToApply=value)

    def getFunctionToApply(self):
        """functionToApply (default "auto"): score function over the logits: auto (the activation a sentence-transformers CrossEncoder saved in config.json, else as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none"""
        return self.getOrDefault(self.functionToApply)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLabelCol(self, value):
        """Sets labelCol: output column: the best label (string)"""
        return self._set_checked(labelCol=value)

    def getLabelCol(self):
        """labelCol (default "label"): output column: the best label (string)"""
        return self.getOrDefault(self.labelCol)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setPairCol(self, value):
        """Sets pairCol: string column holding the second text of each pair (text_pair)"""
        return self._set_checked(pairCol=value)

    def getPairCol(self):
        """pairCol (default "text_pair"): string column holding the second text of each pair (text_pair)"""
        return self.getOrDefault(self.pairCol)

    def setScoreCol(self, value):
        """Sets scoreCol: output column: the best label's score (double)"""
        return self._set_checked(scoreCol=value)

    def getScoreCol(self):
        """scoreCol (default "score"): output column: the best label's score (double)"""
        return self.getOrDefault(self.scoreCol)

    def setScoresCol(self, value):
        """Sets scoresCol: output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)"""
        return self._set_checked(scoresCol=value)

    def getScoresCol(self):
        """scoresCol (default "scores"): output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)"""
        return self.getOrDefault(self.scoresCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)

    def setTopK(self, value):
        """Sets topK: how many labels scoresCol keeps, best first (0 = all)"""
        return self._set_checked(topK=value)

    def getTopK(self):
        """topK (default 0): how many labels scoresCol keeps, best first (0 = all)"""
        return self.getOrDefault(self.topK)


class QuestionAnswerer(SparkScoreStage):
    """Question and context columns → the answer span an extractive question-answering model finds in
    the context, as Hugging Face's ``pipeline("question-answering")`` finds it (transformers 4.x;
    5 removed that pipeline): ``struct<answer, score, start, end>``, or with ``topK`` above 1
    an array of them, best first. ``start`` and ``end`` are code point offsets into the context.

    The question comes first and is kept whole; a context longer than the window (``maxLength``,
    0 = the model's limit, at most 384, as the pipeline's ``max_seq_len``) is cut into windows
    sharing ``docStride`` tokens, and the best spans of every window compete (answers of the same
    text add their scores). Spans are widened to whole words and at most ``maxAnswerLength`` tokens
    long; with ``handleImpossibleAnswer`` the empty answer (start = end = 0) competes with the
    [CLS] token's score. A question longer than ``maxQuestionLength`` tokens keeps its first ones
    (as the pipeline does with slow tokenizers; its fast-tokenizer path keeps it whole). A question that
    leaves no room for the context beside the stride is refused (the pipeline's tokenizer fails on it):
    its row gets a null answer and an error status, or fails without a status column. Null question
    or context gives null; an empty or blank one gives null with status empty_text.

    Runs the JVM stage ``io.sparkscore.stages.QuestionAnswerer``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.QuestionAnswerer"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    contextCol = Param(Params._dummy(), "contextCol", "string column holding the context the answer is taken from", typeConverter=TypeConverters.toString)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    docStride = Param(Params._dummy(), "docStride", "tokens consecutive windows of a long context share (-1 = the pipeline's default: half the window, at most 128)", typeConverter=TypeConverters.toInt)
    handleImpossibleAnswer = Param(Params._dummy(), "handleImpossibleAnswer", "let the empty answer (start = end = 0) compete, scored by the model's [CLS] token", typeConverter=TypeConverters.toBoolean)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxAnswerLength = Param(Params._dummy(), "maxAnswerLength", "longest answer, in tokens (> 0)", typeConverter=TypeConverters.toInt)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    maxQuestionLength = Param(Params._dummy(), "maxQuestionLength", "most question tokens kept; a longer question keeps its first ones (> 0)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol", "output column: struct<answer: string, score: double, start: int, end: int>, or an array of them, best first, when topK is above 1", typeConverter=TypeConverters.toString)
    questionCol = Param(Params._dummy(), "questionCol", "string column holding the question", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)
    topK = Param(Params._dummy(), "topK", "answers to give, best first (> 0; above 1 the output is an array)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, contextCol="context", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", docStride=-1, handleImpossibleAnswer=False, inputCol="text", intraOpThreads=0, longText="truncate", maxAnswerLength=15, maxBatchTokens=0, maxLength=0, maxQuestionLength=64, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="answer", questionCol="question", sortByLength=True, statusCol="", stride=0, topK=1):
        super().__init__()
        self._setDefault(batchSize=64, contextCol="context", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", docStride=-1, handleImpossibleAnswer=False, inputCol="text", intraOpThreads=0, longText="truncate", maxAnswerLength=15, maxBatchTokens=0, maxLength=0, maxQuestionLength=64, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="answer", questionCol="question", sortByLength=True, statusCol="", stride=0, topK=1)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, contextCol="context", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", docStride=-1, handleImpossibleAnswer=False, inputCol="text", intraOpThreads=0, longText="truncate", maxAnswerLength=15, maxBatchTokens=0, maxLength=0, maxQuestionLength=64, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="answer", questionCol="question", sortByLength=True, statusCol="", stride=0, topK=1):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setContextCol(self, value):
        """Sets contextCol: string column holding the context the answer is taken from"""
        return self._set_checked(contextCol=value)

    def getContextCol(self):
        """contextCol (default "context"): string column holding the context the answer is taken from"""
        return self.getOrDefault(self.contextCol)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setDocStride(self, value):
        """Sets docStride: tokens consecutive windows of a long context share (-1 = the pipeline's default: half the window, at most 128)"""
        return self._set_checked(docStride=value)

    def getDocStride(self):
        """docStride (default -1): tokens consecutive windows of a long context share (-1 = the pipeline's default: half the window, at most 128)"""
        return self.getOrDefault(self.docStride)

    def setHandleImpossibleAnswer(self, value):
        """Sets handleImpossibleAnswer: let the empty answer (start = end = 0) compete, scored by the model's [CLS] token"""
        return self._set_checked(handleImpossibleAnswer=value)

    def getHandleImpossibleAnswer(self):
        """handleImpossibleAnswer (default False): let the empty answer (start = end = 0) compete, scored by the model's [CLS] token"""
        return self.getOrDefault(self.handleImpossibleAnswer)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxAnswerLength(self, value):
        """Sets maxAnswerLength: longest answer, in tokens (> 0)"""
        return self._set_checked(maxAnswerLength=value)

    def getMaxAnswerLength(self):
        """maxAnswerLength (default 15): longest answer, in tokens (> 0)"""
        return self.getOrDefault(self.maxAnswerLength)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMaxQuestionLength(self, value):
        """Sets maxQuestionLength: most question tokens kept; a longer question keeps its first ones (> 0)"""
        return self._set_checked(maxQuestionLength=value)

    def getMaxQuestionLength(self):
        """maxQuestionLength (default 64): most question tokens kept; a longer question keeps its first ones (> 0)"""
        return self.getOrDefault(self.maxQuestionLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setOutputCol(self, value):
        """Sets outputCol: output column: struct<answer: string, score: double, start: int, end: int>, or an array of them, best first, when topK is above 1"""
        return self._set_checked(outputCol=value)

    def getOutputCol(self):
        """outputCol (default "answer"): output column: struct<answer: string, score: double, start: int, end: int>, or an array of them, best first, when topK is above 1"""
        return self.getOrDefault(self.outputCol)

    def setQuestionCol(self, value):
        """Sets questionCol: string column holding the question"""
        return self._set_checked(questionCol=value)

    def getQuestionCol(self):
        """questionCol (default "question"): string column holding the question"""
        return self.getOrDefault(self.questionCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)

    def setTopK(self, value):
        """Sets topK: answers to give, best first (> 0; above 1 the output is an array)"""
        return self._set_checked(topK=value)

    def getTopK(self):
        """topK (default 1): answers to give, best first (> 0; above 1 the output is an array)"""
        return self.getOrDefault(self.topK)


class TextClassifier(SparkScoreStage):
    """Text column → the label a sequence-classification model gives it, as Hugging Face's
    ``pipeline("text-classification")`` (alias ``sentiment-analysis``) does: ``label``
    (string), its ``score`` (double) and ``scores``, every label with its score as {@code
    array<struct<label: string, score: double>>}, best first (ties in label id order), cut to
    ``topK``.

    With no model it runs ``minilm-sentiment``: the embedded English MiniLM with a logistic
    head SparkScore's ``train`` fitted on SST-2 (NEGATIVE, POSITIVE).

    Labels are the model's ``config.json`` ``id2label`` (``LABEL_i`` when it has none
    but the graph has a ``logits`` output). ``functionToApply`` ``auto`` follows the
    pipeline: none for ``problem_type: regression``, sigmoid for {@code
    multi_label_classification} or a one-output head, softmax otherwise.

    Null text gives null in every output column. Empty text is classified as Hugging Face
    classifies it: the model's special tokens alone. Text longer than ``maxLength`` tokens is
    truncated, or with ``longText`` chunk classified window by window: each label's score is then
    the token-weighted mean of its scores in the windows (``chunkAggregation`` mean) or its
    highest (``max``).

    Runs the JVM stage ``io.sparkscore.stages.TextClassifier``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.TextClassifier"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    chunkAggregation = Param(Params._dummy(), "chunkAggregation", "with longText chunk, a label's score from its scores in the windows: mean (weighted by each window's tokens) or max", typeConverter=TypeConverters.toString)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    functionToApply = Param(Params._dummy(), "functionToApply", "score function over the logits: auto (as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    labelCol = Param(Params._dummy(), "labelCol", "output column: the best label (string)", typeConverter=TypeConverters.toString)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    scoreCol = Param(Params._dummy(), "scoreCol", "output column: the best label's score (double)", typeConverter=TypeConverters.toString)
    scoresCol = Param(Params._dummy(), "scoresCol", "output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)
    topK = Param(Params._dummy(), "topK", "how many labels scoresCol keeps, best first (0 = all)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, chunkAggregation="mean", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm-sentiment", modelSha256="", modelVariant="", optimization="all", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0):
        super().__init__()
        self._setDefault(batchSize=64, chunkAggregation="mean", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm-sentiment", modelSha256="", modelVariant="", optimization="all", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, chunkAggregation="mean", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", functionToApply="auto", inputCol="text", intraOpThreads=0, labelCol="label", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm-sentiment", modelSha256="", modelVariant="", optimization="all", scoreCol="score", scoresCol="scores", sortByLength=True, statusCol="", stride=0, topK=0):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setChunkAggregation(self, value):
        """Sets chunkAggregation: with longText chunk, a label's score from its scores in the windows: mean (weighted by each window's tokens) or max"""
        return self._set_checked(chunkAggregation=value)

    def getChunkAggregation(self):
        """chunkAggregation (default "mean"): with longText chunk, a label's score from its scores in the windows: mean (weighted by each window's tokens) or max"""
        return self.getOrDefault(self.chunkAggregation)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setFunctionToApply(self, value):
        """Sets functionToApply: score function over the logits: auto (as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none"""
        return self._set_checked(functionToApply=value)

    def getFunctionToApply(self):
        """functionToApply (default "auto"): score function over the logits: auto (as Hugging Face's pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none"""
        return self.getOrDefault(self.functionToApply)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLabelCol(self, value):
        """Sets labelCol: output column: the best label (string)"""
        return self._set_checked(labelCol=value)

    def getLabelCol(self):
        """labelCol (default "label"): output column: the best label (string)"""
        return self.getOrDefault(self.labelCol)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm-sentiment"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setScoreCol(self, value):
        """Sets scoreCol: output column: the best label's score (double)"""
        return self._set_checked(scoreCol=value)

    def getScoreCol(self):
        """scoreCol (default "score"): output column: the best label's score (double)"""
        return self.getOrDefault(self.scoreCol)

    def setScoresCol(self, value):
        """Sets scoresCol: output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)"""
        return self._set_checked(scoresCol=value)

    def getScoresCol(self):
        """scoresCol (default "scores"): output column: labels with their scores, best first, as array<struct<label: string, score: double>> (empty = no such column)"""
        return self.getOrDefault(self.scoresCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)

    def setTopK(self, value):
        """Sets topK: how many labels scoresCol keeps, best first (0 = all)"""
        return self._set_checked(topK=value)

    def getTopK(self):
        """topK (default 0): how many labels scoresCol keeps, best first (0 = all)"""
        return self.getOrDefault(self.topK)


class TextEmbedder(SparkScoreStage):
    """Text column → sentence embedding (``array<float>``). Pooling ``auto`` follows the model's
    sentence-transformers config (``1_Pooling/config.json``) and falls back to attention-mask
    weighted mean; ``normalize`` defaults to the model's Normalize module. Pooling ``none``
    gives every token's vector (``array<array<float>>``). Null text gives null; empty text is
    embedded as Hugging Face does (its special tokens alone). With ``longText`` chunk, a text
    longer than the window is embedded window by window and its embedding is the token-weighted mean
    of theirs (the element-wise max for max pooling), normalised afterwards when ``normalize`` is on.

    ``outputFormat`` vector gives the embedding as an MLlib ``Vector`` instead, the type
    every MLlib estimator's ``featuresCol`` takes (LogisticRegression, KMeans, LSH …).

    Runs the JVM stage ``io.sparkscore.stages.TextEmbedder``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.TextEmbedder"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    hiddenStatesCol = Param(Params._dummy(), "hiddenStatesCol", "when not empty, also output every hidden state the graph exposes (embeddings + each layer), pooled like the embedding, as array<array<float>>", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    normalize = Param(Params._dummy(), "normalize", "L2-normalise each embedding (unset: as the model's sentence-transformers modules.json says, else false)", typeConverter=TypeConverters.toBoolean)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol", "output column: array<float> (array<array<float>> for pooling none)", typeConverter=TypeConverters.toString)
    outputFormat = Param(Params._dummy(), "outputFormat", "type of outputCol: array (array<float>) or vector (an MLlib dense Vector, for MLlib estimators' featuresCol; not with pooling none)", typeConverter=TypeConverters.toString)
    pooling = Param(Params._dummy(), "pooling", "auto (the model's sentence-transformers pooling, else mean), mean (attention-mask weighted), cls, max, pooler (the graph's pooler_output) or none (one vector per token)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hiddenStatesCol="", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", normalize=None, optimization="all", outputCol="embedding", outputFormat="array", pooling="auto", sortByLength=True, statusCol="", stride=0):
        super().__init__()
        self._setDefault(batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hiddenStatesCol="", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="embedding", outputFormat="array", pooling="auto", sortByLength=True, statusCol="", stride=0)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hiddenStatesCol="", inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", normalize=None, optimization="all", outputCol="embedding", outputFormat="array", pooling="auto", sortByLength=True, statusCol="", stride=0):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setHiddenStatesCol(self, value):
        """Sets hiddenStatesCol: when not empty, also output every hidden state the graph exposes (embeddings + each layer), pooled like the embedding, as array<array<float>>"""
        return self._set_checked(hiddenStatesCol=value)

    def getHiddenStatesCol(self):
        """hiddenStatesCol (default ""): when not empty, also output every hidden state the graph exposes (embeddings + each layer), pooled like the embedding, as array<array<float>>"""
        return self.getOrDefault(self.hiddenStatesCol)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setNormalize(self, value):
        """Sets normalize: L2-normalise each embedding (unset: as the model's sentence-transformers modules.json says, else false)"""
        return self._set_checked(normalize=value)

    def getNormalize(self):
        """normalize (no default): L2-normalise each embedding (unset: as the model's sentence-transformers modules.json says, else false)"""
        return self.getOrDefault(self.normalize)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setOutputCol(self, value):
        """Sets outputCol: output column: array<float> (array<array<float>> for pooling none)"""
        return self._set_checked(outputCol=value)

    def getOutputCol(self):
        """outputCol (default "embedding"): output column: array<float> (array<array<float>> for pooling none)"""
        return self.getOrDefault(self.outputCol)

    def setOutputFormat(self, value):
        """Sets outputFormat: type of outputCol: array (array<float>) or vector (an MLlib dense Vector, for MLlib estimators' featuresCol; not with pooling none)"""
        return self._set_checked(outputFormat=value)

    def getOutputFormat(self):
        """outputFormat (default "array"): type of outputCol: array (array<float>) or vector (an MLlib dense Vector, for MLlib estimators' featuresCol; not with pooling none)"""
        return self.getOrDefault(self.outputFormat)

    def setPooling(self, value):
        """Sets pooling: auto (the model's sentence-transformers pooling, else mean), mean (attention-mask weighted), cls, max, pooler (the graph's pooler_output) or none (one vector per token)"""
        return self._set_checked(pooling=value)

    def getPooling(self):
        """pooling (default "auto"): auto (the model's sentence-transformers pooling, else mean), mean (attention-mask weighted), cls, max, pooler (the graph's pooler_output) or none (one vector per token)"""
        return self.getOrDefault(self.pooling)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)


class TextTokenizer(SparkScoreStage):
    """Text column → the model's token ids (``array<int>``, with its special tokens), attention
    mask and token strings, and on request token type ids and character offsets ({@code
    array<array<int>>} of [start, end), [0, 0] for special tokens). A pair column encodes text
    pairs with the model's pair template; a null or empty second text leaves the first alone, as
    transformers' tokenizers do with ``text_pair=""``. Null text gives nulls.

    Runs the JVM stage ``io.sparkscore.stages.TextTokenizer``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.TextTokenizer"

    addSpecialTokens = Param(Params._dummy(), "addSpecialTokens", "add the model's special tokens ([CLS], [SEP], <s> …)", typeConverter=TypeConverters.toBoolean)
    attentionMaskCol = Param(Params._dummy(), "attentionMaskCol", "output column for the attention mask, array<int>", typeConverter=TypeConverters.toString)
    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    idsCol = Param(Params._dummy(), "idsCol", "output column for token ids, array<int>", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    offsetsCol = Param(Params._dummy(), "offsetsCol", "output column for character offsets, array<array<int>> of [start, end) (empty = none)", typeConverter=TypeConverters.toString)
    pairCol = Param(Params._dummy(), "pairCol", "optional string column: the second text of a pair (empty = single texts)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    tokensCol = Param(Params._dummy(), "tokensCol", "output column for token strings, array<string> (empty = none)", typeConverter=TypeConverters.toString)
    truncation = Param(Params._dummy(), "truncation", "cut sequences at maxLength (off: keep every token)", typeConverter=TypeConverters.toBoolean)
    typeIdsCol = Param(Params._dummy(), "typeIdsCol", "output column for token type ids, array<int> (empty = none)", typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, addSpecialTokens=True, attentionMaskCol="attention_mask", batchSize=64, idsCol="input_ids", inputCol="text", maxBatchTokens=0, maxLength=0, model="minilm", offsetsCol="", pairCol="", sortByLength=True, statusCol="", tokensCol="tokens", truncation=True, typeIdsCol=""):
        super().__init__()
        self._setDefault(addSpecialTokens=True, attentionMaskCol="attention_mask", batchSize=64, idsCol="input_ids", inputCol="text", maxBatchTokens=0, maxLength=0, model="minilm", offsetsCol="", pairCol="", sortByLength=True, statusCol="", tokensCol="tokens", truncation=True, typeIdsCol="")
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, addSpecialTokens=True, attentionMaskCol="attention_mask", batchSize=64, idsCol="input_ids", inputCol="text", maxBatchTokens=0, maxLength=0, model="minilm", offsetsCol="", pairCol="", sortByLength=True, statusCol="", tokensCol="tokens", truncation=True, typeIdsCol=""):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setAddSpecialTokens(self, value):
        """Sets addSpecialTokens: add the model's special tokens ([CLS], [SEP], <s> …)"""
        return self._set_checked(addSpecialTokens=value)

    def getAddSpecialTokens(self):
        """addSpecialTokens (default True): add the model's special tokens ([CLS], [SEP], <s> …)"""
        return self.getOrDefault(self.addSpecialTokens)

    def setAttentionMaskCol(self, value):
        """Sets attentionMaskCol: output column for the attention mask, array<int>"""
        return self._set_checked(attentionMaskCol=value)

    def getAttentionMaskCol(self):
        """attentionMaskCol (default "attention_mask"): output column for the attention mask, array<int>"""
        return self.getOrDefault(self.attentionMaskCol)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setIdsCol(self, value):
        """Sets idsCol: output column for token ids, array<int>"""
        return self._set_checked(idsCol=value)

    def getIdsCol(self):
        """idsCol (default "input_ids"): output column for token ids, array<int>"""
        return self.getOrDefault(self.idsCol)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setOffsetsCol(self, value):
        """Sets offsetsCol: output column for character offsets, array<array<int>> of [start, end) (empty = none)"""
        return self._set_checked(offsetsCol=value)

    def getOffsetsCol(self):
        """offsetsCol (default ""): output column for character offsets, array<array<int>> of [start, end) (empty = none)"""
        return self.getOrDefault(self.offsetsCol)

    def setPairCol(self, value):
        """Sets pairCol: optional string column: the second text of a pair (empty = single texts)"""
        return self._set_checked(pairCol=value)

    def getPairCol(self):
        """pairCol (default ""): optional string column: the second text of a pair (empty = single texts)"""
        return self.getOrDefault(self.pairCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setTokensCol(self, value):
        """Sets tokensCol: output column for token strings, array<string> (empty = none)"""
        return self._set_checked(tokensCol=value)

    def getTokensCol(self):
        """tokensCol (default "tokens"): output column for token strings, array<string> (empty = none)"""
        return self.getOrDefault(self.tokensCol)

    def setTruncation(self, value):
        """Sets truncation: cut sequences at maxLength (off: keep every token)"""
        return self._set_checked(truncation=value)

    def getTruncation(self):
        """truncation (default True): cut sequences at maxLength (off: keep every token)"""
        return self.getOrDefault(self.truncation)

    def setTypeIdsCol(self, value):
        """Sets typeIdsCol: output column for token type ids, array<int> (empty = none)"""
        return self._set_checked(typeIdsCol=value)

    def getTypeIdsCol(self):
        """typeIdsCol (default ""): output column for token type ids, array<int> (empty = none)"""
        return self.getOrDefault(self.typeIdsCol)


class TokenClassifier(SparkScoreStage):
    """Text column → its named entities, as Hugging Face's ``pipeline("token-classification")``
    (alias ``ner``) finds them: ``array<struct<entity, score, index, word, start, end>>``, one
    per token, with ``aggregationStrategy`` none; with simple, first, average or max, tokens are
    grouped into words and B-/I- runs by the pipeline's rules into ``array<struct<entity_group,
    score, word, start, end>>``. ``start`` and ``end`` are code point offsets into the text
    (Python's, and Spark SQL's ``substring``'s); entities whose label is in ``ignoreLabels`` are
    left out.

    Text longer than the window is truncated, or with ``longText`` chunk cut into windows
    sharing ``stride`` tokens whose entities are merged as the pipeline's ``stride`` merges
    them (the longer of two overlapping entities wins, then the higher score). The pipeline refuses a
    stride with strategy none, and so does this stage. Null text gives null; empty or blank text gives
    null with status empty_text (the pipeline refuses nothing there, it finds no entity).

    Runs the JVM stage ``io.sparkscore.stages.TokenClassifier``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.TokenClassifier"

    aggregationStrategy = Param(Params._dummy(), "aggregationStrategy", "Hugging Face's aggregation_strategy: none (every token), simple (B-/I- runs of tokens), or first, average, max (a word takes its first token's label, its tokens' mean scores, or its most confident token's label, then B-/I- runs of words)", typeConverter=TypeConverters.toString)
    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    ignoreLabels = Param(Params._dummy(), "ignoreLabels", "labels (entity, or entity_group once grouped) left out of the output", typeConverter=TypeConverters.toListString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol", "output column: the entities, array<struct<entity, score, index, word, start, end>> with aggregationStrategy none, else array<struct<entity_group, score, word, start, end>>", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, aggregationStrategy="none", batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", ignoreLabels=["O"], inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="entities", sortByLength=True, statusCol="", stride=0):
        super().__init__()
        self._setDefault(aggregationStrategy="none", batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", ignoreLabels=["O"], inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="entities", sortByLength=True, statusCol="", stride=0)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, aggregationStrategy="none", batchSize=64, cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", ignoreLabels=["O"], inputCol="text", intraOpThreads=0, longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", optimization="all", outputCol="entities", sortByLength=True, statusCol="", stride=0):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setAggregationStrategy(self, value):
        """Sets aggregationStrategy: Hugging Face's aggregation_strategy: none (every token), simple (B-/I- runs of tokens), or first, average, max (a word takes its first token's label, its tokens' mean scores, or its most confident token's label, then B-/I- runs of words)"""
        return self._set_checked(aggregationStrategy=value)

    def getAggregationStrategy(self):
        """aggregationStrategy (default "none"): Hugging Face's aggregation_strategy: none (every token), simple (B-/I- runs of tokens), or first, average, max (a word takes its first token's label, its tokens' mean scores, or its most confident token's label, then B-/I- runs of words)"""
        return self.getOrDefault(self.aggregationStrategy)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setIgnoreLabels(self, value):
        """Sets ignoreLabels: labels (entity, or entity_group once grouped) left out of the output"""
        return self._set_checked(ignoreLabels=value)

    def getIgnoreLabels(self):
        """ignoreLabels (default ["O"]): labels (entity, or entity_group once grouped) left out of the output"""
        return self.getOrDefault(self.ignoreLabels)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setOutputCol(self, value):
        """Sets outputCol: output column: the entities, array<struct<entity, score, index, word, start, end>> with aggregationStrategy none, else array<struct<entity_group, score, word, start, end>>"""
        return self._set_checked(outputCol=value)

    def getOutputCol(self):
        """outputCol (default "entities"): output column: the entities, array<struct<entity, score, index, word, start, end>> with aggregationStrategy none, else array<struct<entity_group, score, word, start, end>>"""
        return self.getOrDefault(self.outputCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)


class TokenDecoder(SparkScoreStage):
    """Token ids (``array<int>`` or ``array<bigint>``) → text, exactly as Hugging Face's
    ``tokenizer.decode(ids, skip_special_tokens=…)`` gives it for the same model. Null ids give null.

    Runs the JVM stage ``io.sparkscore.stages.TokenDecoder``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.TokenDecoder"

    inputCol = Param(Params._dummy(), "inputCol", "token id column, array<int> or array<bigint>", typeConverter=TypeConverters.toString)
    model = Param(Params._dummy(), "model", "the model whose tokenizer produced the ids (name, directory or URI)", typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol", "output string column", typeConverter=TypeConverters.toString)
    skipSpecialTokens = Param(Params._dummy(), "skipSpecialTokens", "leave out special tokens such as [CLS] and [PAD]", typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, inputCol="input_ids", model="minilm", outputCol="decoded", skipSpecialTokens=True):
        super().__init__()
        self._setDefault(inputCol="input_ids", model="minilm", outputCol="decoded", skipSpecialTokens=True)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol="input_ids", model="minilm", outputCol="decoded", skipSpecialTokens=True):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setInputCol(self, value):
        """Sets inputCol: token id column, array<int> or array<bigint>"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "input_ids"): token id column, array<int> or array<bigint>"""
        return self.getOrDefault(self.inputCol)

    def setModel(self, value):
        """Sets model: the model whose tokenizer produced the ids (name, directory or URI)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): the model whose tokenizer produced the ids (name, directory or URI)"""
        return self.getOrDefault(self.model)

    def setOutputCol(self, value):
        """Sets outputCol: output string column"""
        return self._set_checked(outputCol=value)

    def getOutputCol(self):
        """outputCol (default "decoded"): output string column"""
        return self.getOrDefault(self.outputCol)

    def setSkipSpecialTokens(self, value):
        """Sets skipSpecialTokens: leave out special tokens such as [CLS] and [PAD]"""
        return self._set_checked(skipSpecialTokens=value)

    def getSkipSpecialTokens(self):
        """skipSpecialTokens (default True): leave out special tokens such as [CLS] and [PAD]"""
        return self.getOrDefault(self.skipSpecialTokens)


class ZeroShotClassifier(SparkScoreStage):
    """Zero-shot classification with an NLI model, as Hugging Face's {@code
    pipeline("zero-shot-classification")} computes it. Each (text, label) pair is encoded as premise
    = text, hypothesis = the template with the label, and all pairs of a window of rows are batched
    together. With one distribution across labels, the scores are the softmax of the entailment
    logits over the row's labels; with ``multiLabel`` (or a single label, as the pipeline does)
    each label scores softmax([contradiction, entailment])[entailment] on its own.

    The entailment logit is the first ``id2label`` entry starting with ``entail``
    (case-insensitive). Which logit multi-label scores weigh it against is ``contradictionLogit``:
    ``pipeline`` (default) repeats the pipeline's positional rule, index 0, or the last index
    when entailment is 0, which is the contradiction label in the usual MNLI and XNLI label orders;
    ``label`` takes the entry starting with ``contradict``.

    Null text or a null labels cell gives nulls; an empty labels array gives empty arrays and a
    null label. Empty text is scored as an empty premise (the pipeline refuses it).

    Runs the JVM stage ``io.sparkscore.stages.ZeroShotClassifier``; its Params, with the same names,
    defaults and docs, are set with keyword arguments, ``setParams`` or the ``setX`` methods.
    """

    _java_class = "io.sparkscore.stages.ZeroShotClassifier"

    batchSize = Param(Params._dummy(), "batchSize", "most sequences per model run (> 0)", typeConverter=TypeConverters.toInt)
    candidateLabels = Param(Params._dummy(), "candidateLabels", "the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set", typeConverter=TypeConverters.toListString)
    candidateLabelsCol = Param(Params._dummy(), "candidateLabelsCol", "array<string> column with each row's candidate labels (empty = use candidateLabels)", typeConverter=TypeConverters.toString)
    contradictionLogit = Param(Params._dummy(), "contradictionLogit", "the logit multi-label scores weigh entailment against: pipeline (as Hugging Face's zero-shot pipeline: index 0, or the last index when entailment is 0) or label (the id2label entry starting with 'contradict')", typeConverter=TypeConverters.toString)
    cpuArena = Param(Params._dummy(), "cpuArena", "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc", typeConverter=TypeConverters.toBoolean)
    cudaArenaExtendStrategy = Param(Params._dummy(), "cudaArenaExtendStrategy", "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo", typeConverter=TypeConverters.toString)
    cudaMemoryLimitMb = Param(Params._dummy(), "cudaMemoryLimitMb", "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU", typeConverter=TypeConverters.toInt)
    cudnnConvAlgoSearch = Param(Params._dummy(), "cudnnConvAlgoSearch", "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT", typeConverter=TypeConverters.toString)
    dedupe = Param(Params._dummy(), "dedupe", "score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way", typeConverter=TypeConverters.toBoolean)
    device = Param(Params._dummy(), "device", "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N", typeConverter=TypeConverters.toString)
    hypothesisTemplate = Param(Params._dummy(), "hypothesisTemplate", "the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')", typeConverter=TypeConverters.toString)
    inputCol = Param(Params._dummy(), "inputCol", "string column holding the text", typeConverter=TypeConverters.toString)
    intraOpThreads = Param(Params._dummy(), "intraOpThreads", "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)", typeConverter=TypeConverters.toInt)
    labelCol = Param(Params._dummy(), "labelCol", "output column: the best label (string)", typeConverter=TypeConverters.toString)
    labelsCol = Param(Params._dummy(), "labelsCol", "output column: the candidate labels, best first (array<string>)", typeConverter=TypeConverters.toString)
    longText = Param(Params._dummy(), "longText", "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)", typeConverter=TypeConverters.toString)
    maxBatchTokens = Param(Params._dummy(), "maxBatchTokens", "most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)", typeConverter=TypeConverters.toInt)
    maxLength = Param(Params._dummy(), "maxLength", "longest token sequence; longer text is truncated (0 = the model's limit)", typeConverter=TypeConverters.toInt)
    memoryPattern = Param(Params._dummy(), "memoryPattern", "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat", typeConverter=TypeConverters.toBoolean)
    model = Param(Params._dummy(), "model", "model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)", typeConverter=TypeConverters.toString)
    modelSha256 = Param(Params._dummy(), "modelSha256", "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)", typeConverter=TypeConverters.toString)
    modelVariant = Param(Params._dummy(), "modelVariant", "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it", typeConverter=TypeConverters.toString)
    multiLabel = Param(Params._dummy(), "multiLabel", "score each label on its own instead of sharing one distribution across the labels", typeConverter=TypeConverters.toBoolean)
    optimization = Param(Params._dummy(), "optimization", "ONNX Runtime graph optimisation level: all, extended, basic, none", typeConverter=TypeConverters.toString)
    scoresCol = Param(Params._dummy(), "scoresCol", "output column: their scores, in the same order (array<double>)", typeConverter=TypeConverters.toString)
    sortByLength = Param(Params._dummy(), "sortByLength", "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged", typeConverter=TypeConverters.toBoolean)
    statusCol = Param(Params._dummy(), "statusCol", "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)", typeConverter=TypeConverters.toString)
    stride = Param(Params._dummy(), "stride", "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, batchSize=64, candidateLabels=[], candidateLabelsCol="", contradictionLogit="pipeline", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0):
        super().__init__()
        self._setDefault(batchSize=64, candidateLabels=[], candidateLabelsCol="", contradictionLogit="pipeline", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0)
        self._set_checked(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, batchSize=64, candidateLabels=[], candidateLabelsCol="", contradictionLogit="pipeline", cpuArena=True, cudaArenaExtendStrategy="kSameAsRequested", cudaMemoryLimitMb=0, cudnnConvAlgoSearch="HEURISTIC", dedupe=True, device="auto", hypothesisTemplate="This example is {}.", inputCol="text", intraOpThreads=0, labelCol="label", labelsCol="labels", longText="truncate", maxBatchTokens=0, maxLength=0, memoryPattern=True, model="minilm", modelSha256="", modelVariant="", multiLabel=False, optimization="all", scoresCol="scores", sortByLength=True, statusCol="", stride=0):
        """Sets the given Params (keyword arguments only) and returns this stage."""
        return self._set_checked(**self._input_kwargs)

    def setBatchSize(self, value):
        """Sets batchSize: most sequences per model run (> 0)"""
        return self._set_checked(batchSize=value)

    def getBatchSize(self):
        """batchSize (default 64): most sequences per model run (> 0)"""
        return self.getOrDefault(self.batchSize)

    def setCandidateLabels(self, value):
        """Sets candidateLabels: the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set"""
        return self._set_checked(candidateLabels=value)

    def getCandidateLabels(self):
        """candidateLabels (default []): the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol is set"""
        return self.getOrDefault(self.candidateLabels)

    def setCandidateLabelsCol(self, value):
        """Sets candidateLabelsCol: array<string> column with each row's candidate labels (empty = use candidateLabels)"""
        return self._set_checked(candidateLabelsCol=value)

    def getCandidateLabelsCol(self):
        """candidateLabelsCol (default ""): array<string> column with each row's candidate labels (empty = use candidateLabels)"""
        return self.getOrDefault(self.candidateLabelsCol)

    def setContradictionLogit(self, value):
        """Sets contradictionLogit: the logit multi-label scores weigh entailment against: pipeline (as Hugging Face's zero-shot pipeline: index 0, or the last index when entailment is 0) or label (the id2label entry starting with 'contradict')"""
        return self._set_checked(contradictionLogit=value)

    def getContradictionLogit(self):
        """contradictionLogit (default "pipeline"): the logit multi-label scores weigh entailment against: pipeline (as Hugging Face's zero-shot pipeline: index 0, or the last index when entailment is 0) or label (the id2label entry starting with 'contradict')"""
        return self.getOrDefault(self.contradictionLogit)

    def setCpuArena(self, value):
        """Sets cpuArena: ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self._set_checked(cpuArena=value)

    def getCpuArena(self):
        """cpuArena (default True): ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc"""
        return self.getOrDefault(self.cpuArena)

    def setCudaArenaExtendStrategy(self, value):
        """Sets cudaArenaExtendStrategy: CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self._set_checked(cudaArenaExtendStrategy=value)

    def getCudaArenaExtendStrategy(self):
        """cudaArenaExtendStrategy (default "kSameAsRequested"): CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo"""
        return self.getOrDefault(self.cudaArenaExtendStrategy)

    def setCudaMemoryLimitMb(self, value):
        """Sets cudaMemoryLimitMb: CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self._set_checked(cudaMemoryLimitMb=value)

    def getCudaMemoryLimitMb(self):
        """cudaMemoryLimitMb (default 0): CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU"""
        return self.getOrDefault(self.cudaMemoryLimitMb)

    def setCudnnConvAlgoSearch(self, value):
        """Sets cudnnConvAlgoSearch: CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self._set_checked(cudnnConvAlgoSearch=value)

    def getCudnnConvAlgoSearch(self):
        """cudnnConvAlgoSearch (default "HEURISTIC"): CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT"""
        return self.getOrDefault(self.cudnnConvAlgoSearch)

    def setDedupe(self, value):
        """Sets dedupe: score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self._set_checked(dedupe=value)

    def getDedupe(self):
        """dedupe (default True): score a text repeated within a scoring window once and copy its values to the repeats (also texts the tokenizer normalises to the same tokens); outputs are the same either way"""
        return self.getOrDefault(self.dedupe)

    def setDevice(self, value):
        """Sets device: auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self._set_checked(device=value)

    def getDevice(self):
        """device (default "auto"): auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), cpu, cuda (required, no fallback) or cuda:N"""
        return self.getOrDefault(self.device)

    def setHypothesisTemplate(self, value):
        """Sets hypothesisTemplate: the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')"""
        return self._set_checked(hypothesisTemplate=value)

    def getHypothesisTemplate(self):
        """hypothesisTemplate (default "This example is {}."): the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')"""
        return self.getOrDefault(self.hypothesisTemplate)

    def setInputCol(self, value):
        """Sets inputCol: string column holding the text"""
        return self._set_checked(inputCol=value)

    def getInputCol(self):
        """inputCol (default "text"): string column holding the text"""
        return self.getOrDefault(self.inputCol)

    def setIntraOpThreads(self, value):
        """Sets intraOpThreads: ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self._set_checked(intraOpThreads=value)

    def getIntraOpThreads(self):
        """intraOpThreads (default 0): ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, at least spark.task.cpus)"""
        return self.getOrDefault(self.intraOpThreads)

    def setLabelCol(self, value):
        """Sets labelCol: output column: the best label (string)"""
        return self._set_checked(labelCol=value)

    def getLabelCol(self):
        """labelCol (default "label"): output column: the best label (string)"""
        return self.getOrDefault(self.labelCol)

    def setLabelsCol(self, value):
        """Sets labelsCol: output column: the candidate labels, best first (array<string>)"""
        return self._set_checked(labelsCol=value)

    def getLabelsCol(self):
        """labelsCol (default "labels"): output column: the candidate labels, best first (array<string>)"""
        return self.getOrDefault(self.labelsCol)

    def setLongText(self, value):
        """Sets longText: text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self._set_checked(longText=value)

    def getLongText(self):
        """longText (default "truncate"): text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk (score every window of maxLength tokens and combine their values)"""
        return self.getOrDefault(self.longText)

    def setMaxBatchTokens(self, value):
        """Sets maxBatchTokens: most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self._set_checked(maxBatchTokens=value)

    def getMaxBatchTokens(self):
        """maxBatchTokens (default 0): most padded tokens (rows x longest) per model run (0 = 16384 on CPU, 4096 on CPU when long text is chunked, 131072 on GPU)"""
        return self.getOrDefault(self.maxBatchTokens)

    def setMaxLength(self, value):
        """Sets maxLength: longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self._set_checked(maxLength=value)

    def getMaxLength(self):
        """maxLength (default 0): longest token sequence; longer text is truncated (0 = the model's limit)"""
        return self.getOrDefault(self.maxLength)

    def setMemoryPattern(self, value):
        """Sets memoryPattern: ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self._set_checked(memoryPattern=value)

    def getMemoryPattern(self):
        """memoryPattern (default True): ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only when batch shapes repeat"""
        return self.getOrDefault(self.memoryPattern)

    def setModel(self, value):
        """Sets model: model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self._set_checked(model=value)

    def getModel(self):
        """model (default "minilm"): model: an embedded model's short name (minilm, all-minilm-l6-v2, sentence-transformers/all-minilm-l6-v2, minilm-sentiment), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)"""
        return self.getOrDefault(self.model)

    def setModelSha256(self, value):
        """Sets modelSha256: SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self._set_checked(modelSha256=value)

    def getModelSha256(self):
        """modelSha256 (default ""): SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files (tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)"""
        return self.getOrDefault(self.modelSha256)

    def setModelVariant(self, value):
        """Sets modelVariant: ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self._set_checked(modelVariant=value)

    def getModelVariant(self):
        """modelVariant (default ""): ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU run model.onnx instead (with a warning), and device cpu refuses it"""
        return self.getOrDefault(self.modelVariant)

    def setMultiLabel(self, value):
        """Sets multiLabel: score each label on its own instead of sharing one distribution across the labels"""
        return self._set_checked(multiLabel=value)

    def getMultiLabel(self):
        """multiLabel (default False): score each label on its own instead of sharing one distribution across the labels"""
        return self.getOrDefault(self.multiLabel)

    def setOptimization(self, value):
        """Sets optimization: ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self._set_checked(optimization=value)

    def getOptimization(self):
        """optimization (default "all"): ONNX Runtime graph optimisation level: all, extended, basic, none"""
        return self.getOrDefault(self.optimization)

    def setScoresCol(self, value):
        """Sets scoresCol: output column: their scores, in the same order (array<double>)"""
        return self._set_checked(scoresCol=value)

    def getScoresCol(self):
        """scoresCol (default "scores"): output column: their scores, in the same order (array<double>)"""
        return self.getOrDefault(self.scoresCol)

    def setSortByLength(self, value):
        """Sets sortByLength: order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self._set_checked(sortByLength=value)

    def getSortByLength(self):
        """sortByLength (default True): order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged"""
        return self.getOrDefault(self.sortByLength)

    def setStatusCol(self, value):
        """Sets statusCol: when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self._set_checked(statusCol=value)

    def getStatusCol(self):
        """statusCol (default ""): when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row (its outputs are then null; without statusCol such a row fails the task)"""
        return self.getOrDefault(self.statusCol)

    def setStride(self, value):
        """Sets stride: with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self._set_checked(stride=value)

    def getStride(self):
        """stride (default 0): with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the special tokens)"""
        return self.getOrDefault(self.stride)
