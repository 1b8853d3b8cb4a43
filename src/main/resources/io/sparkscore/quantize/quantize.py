"""Quantises an ONNX transformer graph to int8 for `sparkscore quantize` (which runs this script).

static:  QDQ graph with fixed activation scales calibrated on token ids the command wrote (one JSON
         object per line: input_ids, attention_mask, token_type_ids of one text). A row's output then
         depends on that row alone, whatever shares its batch.
dynamic: DynamicQuantizeLinear graph (scales computed per run from the batch tensor); SparkScore runs
         such graphs one row per run so that their outputs do not depend on the batch either.
"""
import argparse
import json
import os
import sys
import tempfile

import numpy as np
import onnx
from onnx import version_converter
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                      quantize_dynamic, quantize_static)
from onnxruntime.quantization.shape_inference import quant_pre_process


class TokenIds(CalibrationDataReader):
    """Feeds the calibration texts one at a time, unpadded, with only the inputs the graph has."""

    def __init__(self, path, inputs):
        self.rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                self.rows.append({name: np.array([row[name]], dtype=np.int64) for name in inputs})
        self.next = iter(self.rows)

    def get_next(self):
        return next(self.next, None)

    def rewind(self):
        self.next = iter(self.rows)


# Per-channel DequantizeLinear (its `axis` attribute) needs opset 13; exporters of the MiniLM the jar
# embeds wrote opset 11, and ONNX Runtime refuses the quantised graph as invalid unless it is raised.
PER_CHANNEL_OPSET = 13


def upgrade_opset(path):
    model = onnx.load(path)
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset < PER_CHANNEL_OPSET:
        onnx.save(version_converter.convert_version(model, PER_CHANNEL_OPSET), path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--method", choices=["static", "dynamic"], required=True)
    parser.add_argument("--calibration", help="token ids, one JSON object per line (static)")
    parser.add_argument("--inputs", default="input_ids,attention_mask,token_type_ids")
    parser.add_argument("--calibrate-method", choices=["MinMax", "Percentile", "Entropy"], default="MinMax")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        # Shape inference and constant folding first, as the ONNX Runtime docs advise; symbolic shape
        # inference does not finish on exported BERT graphs, and is not needed for MatMul weights.
        prepared = os.path.join(work, "prepared.onnx")
        quant_pre_process(args.input, prepared, skip_symbolic_shape=True)
        upgrade_opset(prepared)
        if args.method == "dynamic":
            # Unsigned weights, per output channel: on CPUs without VNNI, ONNX Runtime's u8s8 int8 kernels
            # saturate (pmaddubsw), and the embedded MiniLM's cosine to fp32 fell to 0.90 on some texts;
            # u8u8 per channel gave min 0.988, mean 0.995 on 200 fortunes (docs/benchmarks.md).
            quantize_dynamic(prepared, args.output, weight_type=QuantType.QUInt8, per_channel=True)
        else:
            if not args.calibration:
                sys.exit("quantize.py: --calibration is required for static quantisation")
            reader = TokenIds(args.calibration, args.inputs.split(","))
            quantize_static(prepared, args.output, reader, quant_format=QuantFormat.QDQ, per_channel=True,
                            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                            calibrate_method=getattr(CalibrationMethod, args.calibrate_method),
                            op_types_to_quantize=["MatMul", "Gemm"])
    print(f"quantize.py: wrote {args.output} ({args.method})")


if __name__ == "__main__":
    main()
