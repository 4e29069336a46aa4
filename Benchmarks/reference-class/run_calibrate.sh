#!/usr/bin/env bash
# Reference-class calibration of pooled, damped and auto (with the naive and drift peers) on the
# 296-city panel, origins 2006–2012, h = 1–5: accuracy, coverage, CRPS, Winkler, attainment-event
# Brier scores and skill, with a bootstrap over origin years. Output: results.txt beside this file.
#
#   Benchmarks/reference-class/run_calibrate.sh    # PLANCAST=path/to/plancast to skip the build
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [[ -z "${PLANCAST:-}" ]]; then
  (cd "$ROOT" && swift build -c release --product plancast >&2)
  PLANCAST="$ROOT/.build/release/plancast"
fi
cd "$ROOT"
"$PLANCAST" forecast calibrate \
  --data Models/reference-classes/china-cities/real-gdp-index.csv \
  --origins 2006:2012 --horizons 1:5 --method pooled,damped,auto --threads 2 \
  | tee Benchmarks/reference-class/results.txt
