#!/usr/bin/env bash
# Run a pytest selection N times in a row and stop at the first failure (flakiness check).
#   scripts/repeat_tests.sh 20 -m slow tests/test_concurrency.py
# Prints one line per run and the tally; exit status 1 when a run failed.
set -u
runs="$1"; shift
here="$(cd "$(dirname "$0")/.." && pwd)"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if "$here/.venv/bin/pytest" -q -p no:cacheprovider "$@" > "/tmp/repeat_tests.$$.log" 2>&1; then
    echo "run $i/$runs passed in $(( $(date +%s) - start )) s: $(tail -1 "/tmp/repeat_tests.$$.log")"
  else
    echo "run $i/$runs FAILED after $(( $(date +%s) - start )) s; log: /tmp/repeat_tests.$$.log"
    tail -30 "/tmp/repeat_tests.$$.log"
    exit 1
  fi
done
rm -f "/tmp/repeat_tests.$$.log"
echo "$runs of $runs runs passed"
