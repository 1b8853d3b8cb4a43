#!/usr/bin/env bash
# Spark resource discovery script for NVIDIA GPUs: prints this host's GPUs as Spark expects,
#   {"name":"gpu","addresses":["0","1"]}
# The addresses are nvidia-smi's indices, which SparkScore uses as CUDA device ordinals; set
# CUDA_DEVICE_ORDER=PCI_BUS_ID on executors (conf/spark-gpu.properties does) so CUDA numbers the
# GPUs in the same order as nvidia-smi. Set it as spark.worker.resource.gpu.discoveryScript
# (standalone) or spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes).
# Without a working driver it fails with a message instead of claiming GPUs that are not there.
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery.sh: nvidia-smi is not on PATH; no NVIDIA driver on $(hostname)" >&2
  exit 1
fi
if ! indices="$(nvidia-smi --query-gpu=index --format=csv,noheader)"; then
  echo "gpu-discovery.sh: nvidia-smi failed on $(hostname)" >&2
  exit 1
fi
addresses="$(printf '%s\n' "$indices" | tr -d ' \r' | sed -n 's/^\([0-9][0-9]*\)$/"\1"/p' | paste -sd, -)"
if [[ -z "$addresses" ]]; then
  echo "gpu-discovery.sh: nvidia-smi lists no GPUs on $(hostname)" >&2
  exit 1
fi
printf '{"name":"gpu","addresses":[%s]}\n' "$addresses"
