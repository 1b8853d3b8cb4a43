#!/usr/bin/env bash
# Peak and over-time resident memory of one chunked long document through MiniLM, per ONNX Runtime
# version: the same build's classpath with only the onnxruntime jar swapped (versions must be in the
# local Maven repository: mvn dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime:V).
# In local mode the driver JVM is the executor. docs/benchmarks.md records what it measured.
#   ci/ort-rss.sh DOCUMENT.txt VERSION [VERSION...]      (build first: bin/sparkscore --help)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 2 ]] || { echo "usage: ci/ort-rss.sh DOCUMENT.txt VERSION [VERSION...]" >&2; exit 2; }
document="$1"
shift
build="$root/target/spark-4"
repo="${MAVEN_REPO:-$HOME/.m2/repository}/com/microsoft/onnxruntime/onnxruntime"
opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/pom.xml")"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
for version in "$@"; do
  jar="$repo/$version/onnxruntime-$version.jar"
  [[ -f "$jar" ]] || { echo "ci/ort-rss.sh: $jar is missing" >&2; exit 2; }
  classpath="$(tr ':' '\n' < "$build/launcher.classpath" | sed "s:.*/onnxruntime-[0-9.]*\.jar\$:$jar:" | paste -sd:)"
  out="$(mktemp -d)"
  echo "== ONNX Runtime $version" >&2
  # shellcheck disable=SC2086
  "$root/ci/rss-probe.sh" --samples "$out/rss.txt" java -Xmx512m $opens \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Dsparkscore.root="$root" \
    -cp "$build/classes:$classpath" io.sparkscore.cli.SparkScoreMain embed --long-text chunk \
    --input "$document" --output "$out/table" --format parquet 2>&1 | grep -E "rss-probe|wrote|error" || true
  rm -rf "$out/table"
done
