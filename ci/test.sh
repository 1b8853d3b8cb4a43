#!/usr/bin/env bash
# Every test SparkScore has, Java and Python, on every Spark line: the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B test

# The Python suite and notebooks of one Spark line, on its pyspark with its jar:
# python_suite <line> [Maven arguments that build that line's jar]. pytest exits non-zero
# (5) when it collects no test, which fails this script like a failed test.
python_suite() {
  local line="$1"
  shift
  mvn -B -q -DskipTests "$@" package
  "$(ci/python-env.sh "$line")/bin/python" -m pytest -p no:cacheprovider python/tests
}
python_suite spark35
