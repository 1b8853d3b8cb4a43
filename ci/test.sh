#!/usr/bin/env bash
# Every test SparkScore has, Java and Python, on every Spark line: the README's test command.
#   The Spark 3.5 line runs the cross-line subset below (both full suites would not fit CI's budget
#   beside the Python ones), then the Spark 4 line (the default) runs the whole Java suite, whose
#   CrossLineTest runs models saved by each line on the other (so 3.5 goes first: it must be built).
#   Each line builds into target/spark-<line>. SPARKSCORE_TEST_LINES="3.5 4" (the default) picks
#   lines; a line's section is one function.
set -euo pipefail
cd "$(dirname "$0")/.."

# What must hold on both lines: stage parity with transformers, persistence, one job of each kind
# (single commands, job files, zero-shot, sentiment), incremental runs, the standalone cluster, and the
# listener/interpreter adapters that differ per line.
CROSS_LINE_SUBSET="StagePersistenceTest,EmbeddingFixtureTest,TokenizationFixtureTest,MiniLmReferenceTest,\
TextClassifierTest,ZeroShotClassifierTest,EmbeddingZeroShotClassifierTest,TokenClassifierTest,QuestionAnswererTest,\
ScoreCommandTest,ClassifyCommandsTest,\
RunJobTest,IncrementalRunTest,ProgressTest,StandaloneClusterTest,SqlFunctionsTest"

# The Python suite of one line, on its pyspark with its jar:
# python_suite <venv name> <Maven profile or ""> [pytest arguments]. pytest exits non-zero (5) when
# it collects no test, which fails this script like a failed test.
python_suite() {
  local venv="$1" profile="$2"
  shift 2
  echo "== Python suite on .venv/$venv"
  mvn -B -q -DskipTests ${profile:+"$profile"} package
  "$(ci/python-env.sh "$venv")/bin/python" -m pytest -p no:cacheprovider python/tests "$@"
}

# Every Python notebook runs on the default line; the 3.5 line runs the getting-started one (the
# others exercise the same wrappers and jar; all eight would add about five minutes to CI).
NOTEBOOKS_ON_3_5="not test_the_notebook_runs_and_its_checks_hold or getting"

# Spark 3.5 / Scala 2.12 / Delta 3: the cross-line subset.
spark_3_5() {
  echo "== Spark 3.5 line (Scala 2.12): Java cross-line subset"
  mvn -B -Pspark35 test -Dtest="$CROSS_LINE_SUBSET" -Dsurefire.failIfNoSpecifiedTests=false
  python_suite spark35 -Pspark35 -k "$NOTEBOOKS_ON_3_5"
}

# Spark 4 / Scala 2.13 / Delta 4, the default line: the whole Java suite.
spark_4() {
  echo "== Spark 4 line (Scala 2.13): Java suite"
  mvn -B test -Dsparkscore.crossline.required="$crossline_required"
  python_suite spark4 ""
}

lines="${SPARKSCORE_TEST_LINES:-3.5 4}"
# CrossLineTest needs the 3.5 line built before the 4 line's suite runs; with both lines here it must not skip.
crossline_required=false
if [[ " $lines " == *" 3.5 "*" 4 "* ]]; then crossline_required=true; fi
for line in $lines; do
  case "$line" in
    4) spark_4 ;;
    3.5) spark_3_5 ;;
    *) echo "ci/test.sh: unknown Spark line '$line' (4, 3.5)" >&2; exit 2 ;;
  esac
done
