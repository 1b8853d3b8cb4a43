#!/usr/bin/env bash
# Every test SparkScore has, Java and Python, on every Spark line: the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B test
