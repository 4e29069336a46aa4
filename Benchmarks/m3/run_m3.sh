#!/usr/bin/env bash
# M3 yearly benchmark (645 series, horizon 6): `plancast forecast --method auto` and each single
# method, scored with `plancast forecast score` (the library's M3Metrics) next to the published
# M3 entries recomputed from their submitted forecasts with the same code, and statsmodels' damped
# ETS and Theta on the same data with their runtime.
#
#   Benchmarks/m3/run_m3.sh                # builds release into .build-m3 unless PLANCAST is set
#   PLANCAST=path/to/plancast THREADS=2 SKIP_PEERS=1 Benchmarks/m3/run_m3.sh
#
# Needs python3 with pandas and statsmodels for the peers (pip install statsmodels pandas).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA="$ROOT/Benchmarks/m3/data"
THREADS=${THREADS:-$(nproc)}
# auto-model: auto with the models' own interval widths (--intervals model).
METHODS=${METHODS:-"auto auto-model combo naive drift loglinear ar damped theta theta-log"}
OUT=${OUT:-$(mktemp -d -t m3-bench-XXXXXX)}
mkdir -p "$OUT"
if [[ -z "${PLANCAST:-}" ]]; then
  (cd "$ROOT" && swift build -c release --scratch-path .build-m3 --product plancast >&2)
  PLANCAST="$ROOT/.build-m3/release/plancast"
fi

# year_index is a position; the benchmark uses it as the year.
sed '1s/year_index/year/' "$DATA/train.csv" > "$OUT/train.csv"
sed '1s/year_index/year/' "$DATA/test.csv" > "$OUT/test.csv"

now() { date +%s.%N; }
echo "# plancast $("$PLANCAST" --version), threads $THREADS, $(nproc) cores, output in $OUT"
echo
echo "## Runtime (645 series, horizon 6, fit + forecast + intervals, wall clock)"
printf 'series_id,year,mean,median,lo80,hi80,lo95,hi95,method,note,run\n' > "$OUT/ours.csv"
for m in $METHODS; do
  args=(--method "$m")
  [[ "$m" == auto-model ]] && args=(--method auto --intervals model)
  start=$(now)
  "$PLANCAST" forecast --data "$OUT/train.csv" --horizon 6 "${args[@]}" --format csv \
    --threads "$THREADS" --quiet > "$OUT/f-$m.csv"
  end=$(now)
  awk -v s="$start" -v e="$end" -v m="$m" -v t="$THREADS" \
    'BEGIN { printf "plancast %-10s %7.2f s  (%d threads)\n", m, e - s, t }'
  # Append the run name as a last column (notes are quoted, and never hold line breaks).
  tail -n +2 "$OUT/f-$m.csv" | tr -d '\r' | awk -v m="$m" '{ print $0 "," m }' >> "$OUT/ours.csv"
done
if [[ "$METHODS" == *auto* && "$THREADS" != 1 ]]; then
  start=$(now)
  "$PLANCAST" forecast --data "$OUT/train.csv" --horizon 6 --method auto --format csv \
    --threads 1 > "$OUT/f-auto-1.csv"
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "plancast %-10s %7.2f s  (1 thread)\n", "auto", e - s }'
  if cmp -s "$OUT/f-auto.csv" "$OUT/f-auto-1.csv"; then
    echo "auto: output identical with $THREADS threads and 1 thread"
  else
    echo "auto: OUTPUT DIFFERS between $THREADS threads and 1 thread" >&2
  fi
fi
if [[ -z "${SKIP_PEERS:-}" ]]; then
  python3 "$ROOT/Benchmarks/m3/m3_peers.py" --out "$OUT"
fi

# The competition's own forecasts: year = n_train + horizon.
awk -F, 'NR == FNR { if (FNR > 1) n[$1] = $4; next }
  FNR == 1 { print "series_id,year,forecast,method"; next }
  $2 == "NAIVE2" || $2 == "THETA" || $2 == "ForecastPro" || $2 == "ForcX" || $2 == "RBF" ||
  $2 == "ROBUST-Trend" || $2 == "DAMPEN" || $2 == "B-J auto" {
    print $1 "," n[$1] + $3 "," $4 "," $2 }' \
  "$DATA/series.csv" "$DATA/competition-forecasts.csv" > "$OUT/competition.csv"

echo
echo "## Accuracy on the M3 yearly test years (sMAPE %, MASE, interval coverage %, scaled WIS)"
echo
echo "PlanCast (point forecast = median column):"
"$PLANCAST" forecast score --forecasts "$OUT/ours.csv" --actuals "$OUT/test.csv" \
  --training "$OUT/train.csv" --group-by run --format markdown
echo
echo "By horizon (each forecast year alone):"
"$PLANCAST" forecast score --forecasts "$OUT/ours.csv" --actuals "$OUT/test.csv" \
  --training "$OUT/train.csv" --group-by run --by-horizon --format markdown
if [[ -f "$OUT/peers.csv" ]]; then
  echo
  echo "statsmodels (point forecast = mean):"
  "$PLANCAST" forecast score --forecasts "$OUT/peers.csv" --actuals "$OUT/test.csv" \
    --training "$OUT/train.csv" --group-by method --format markdown
fi
echo
echo "M3 entries, recomputed here from competition-forecasts.csv with the same metric code:"
"$PLANCAST" forecast score --forecasts "$OUT/competition.csv" --point forecast \
  --actuals "$OUT/test.csv" --training "$OUT/train.csv" --group-by method --format markdown
echo
echo "Published (Hyndman et al. 2002 Table 12, sMAPE; Hyndman & Koehler 2006 Table 4, MASE):"
python3 - "$DATA/published-accuracy.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
mase = {r["method"].lower(): r["avg_1_6"] for r in rows if r["metric"] == "MASE"}
alias = {"forecastpro": "forecastpro", "theta": "theta", "forcx": "forecastx", "rbf": "rbf",
         "naive2": "naive2", "b-j automatic": "bj automatic"}
print("| method | h1 | h2 | h3 | h4 | h5 | h6 | avg 1-4 | avg 1-6 | MASE |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    name = r["method"].lower()
    if r["metric"] == "sMAPE" and name in alias:
        cells = [r[k] for k in ["h1", "h2", "h3", "h4", "h5", "h6", "avg_1_4", "avg_1_6"]]
        print(f"| {r['method']} | " + " | ".join(cells) + f" | {mase.get(alias[name], '')} |")
print(f"| Robust-Trend |  |  |  |  |  |  |  |  | {mase['robust-trend']} |")
EOF
