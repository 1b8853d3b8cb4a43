#!/usr/bin/env bash
# Runs a command (e.g. bin/sparkscore embed ...; in local mode the driver JVM is the executor) and samples
# its resident memory every second; prints the peak and the RSS at each quarter of the run, so growth
# over a run shows. docs/benchmarks.md records what it measured.
#   ci/rss-probe.sh [--samples FILE] COMMAND [ARG...]
set -euo pipefail
samples=""
if [[ "${1:-}" == "--samples" ]]; then samples="$2"; shift 2; fi
[[ $# -gt 0 ]] || { echo "usage: ci/rss-probe.sh [--samples FILE] COMMAND [ARG...]" >&2; exit 2; }
out="$(mktemp)"
"$@" &
pid=$!
start=$SECONDS
# bin/sparkscore execs java, so the pid stays the JVM's; sample until it is gone.
while kill -0 "$pid" 2>/dev/null; do
  kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
  [[ -n "$kb" ]] && echo "$((SECONDS - start)) $kb" >> "$out"
  sleep 1
done
wait "$pid" && status=0 || status=$?
[[ -n "$samples" ]] && cp "$out" "$samples"
awk -v status="$status" '
  { t[NR] = $1; kb[NR] = $2; if ($2 > peak) peak = $2 }
  END {
    if (NR == 0) { print "rss-probe: no samples (exit " status ")"; exit }
    line = sprintf("rss-probe: %d s, exit %d, peak %.0f MB; at 25%% %.0f, 50%% %.0f, 75%% %.0f, last %.0f MB",
      t[NR], status, peak / 1024, kb[int(NR * 0.25) + 1] / 1024, kb[int(NR * 0.5) + 1] / 1024,
      kb[int(NR * 0.75) + 1] / 1024, kb[NR] / 1024)
    print line
  }' "$out" >&2
rm -f "$out"
exit "$status"
