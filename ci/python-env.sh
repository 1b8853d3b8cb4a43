#!/usr/bin/env bash
# Creates (or refreshes) the Python environment of one Spark line and prints its directory:
#   ci/python-env.sh spark4    .venv/spark4  with pyspark = the pom's Spark 4 version
#   ci/python-env.sh spark35   .venv/spark35 with pyspark = the pom's Spark 3.5 version
# It holds python/requirements-common.txt, python/requirements-<line>.txt and ./python (editable),
# all from PyPI by name. A second call is a no-op unless one of those inputs changed.
#   PYTHON   interpreter to build the environment from (default python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
line="${1:-}"
case "$line" in
  spark4) pattern='4\.[0-9]+\.[0-9]+' ;;
  spark35) pattern='3\.5\.[0-9]+' ;;
  *) echo "usage: ci/python-env.sh spark4|spark35" >&2; exit 2 ;;
esac

# pyspark must be the Spark the line's jar is built against: take it from the pom.
pyspark_version="$( (grep -oE "<spark.version>${pattern}</spark.version>" "$root/pom.xml" || true) | head -1 | sed -E 's:</?spark.version>::g')"
if [[ -z "$pyspark_version" ]]; then
  echo "ci/python-env.sh: pom.xml declares no Spark version matching ${pattern} for the $line line" >&2
  exit 2
fi

venv="$root/.venv/$line"
reqs=("$root/python/requirements-common.txt" "$root/python/requirements-$line.txt")
stamp_inputs="$(cat "${reqs[@]}" "$root/python/pyproject.toml"; echo "pyspark==$pyspark_version")"
stamp="$(printf '%s' "$stamp_inputs" | sha256sum | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && "$(cat "$venv/.sparkscore-env" 2>/dev/null)" == "$stamp" ]]; then
  echo "$venv"
  exit 0
fi

echo "ci/python-env.sh: preparing $venv (pyspark==$pyspark_version) ..." >&2
"${PYTHON:-python3}" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install "pyspark==$pyspark_version" -r "${reqs[0]}" -r "${reqs[1]}" >&2
"${pip[@]}" install -e "$root/python" >&2
printf '%s' "$stamp" > "$venv/.sparkscore-env"
echo "$venv"
