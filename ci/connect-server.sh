#!/usr/bin/env bash
# Runs a local Spark Connect server of the Spark 4 line in the foreground, on loopback only, with
# SparkScore's classes and SQL extension on its classpath (Delta's too):
#   ci/connect-server.sh PORT
# The server is Spark's own (org.apache.spark:spark-connect_2.13 from Maven Central, the pom's Spark
# 4 version, copied into target/spark-4/connect). Stop it with SIGTERM. The Python Connect test starts
# and stops it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:?usage: ci/connect-server.sh PORT}"
build="$root/target/spark-4"
spark_version="$(grep -oE '<spark.version>4\.[0-9]+\.[0-9]+</spark.version>' "$root/pom.xml" | head -1 | sed -E 's:</?spark.version>::g')"
connect="$build/connect/spark-connect_2.13-$spark_version.jar"

# bin/sparkscore builds the Spark 4 line when it is missing or stale.
SPARKSCORE_SPARK=4 "$root/bin/sparkscore" help > /dev/null
if [[ ! -f "$connect" ]]; then
  (cd "$root" && mvn -q -B dependency:copy -Dartifact="org.apache.spark:spark-connect_2.13:$spark_version" \
    -DoutputDirectory="$build/connect" >&2)
fi

opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/pom.xml")"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# shellcheck disable=SC2086
exec java -Xmx"${SPARKSCORE_DRIVER_MEMORY:-2g}" $opens \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Dsparkscore.root="$root" \
  -Dspark.master="${SPARKSCORE_MASTER:-local[2]}" -Dspark.app.name=sparkscore-connect -Dspark.ui.enabled=false \
  -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 \
  -Dspark.connect.grpc.binding.address=127.0.0.1 -Dspark.connect.grpc.binding.port="$port" \
  -Dspark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,io.sparkscore.sql.SparkScoreExtensions \
  -Dspark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  -cp "$build/classes:$(cat "$build/launcher.classpath"):$connect" \
  org.apache.spark.sql.connect.service.SparkConnectServer
