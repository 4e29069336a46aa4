#!/usr/bin/env python3
"""How well `plancast forecast --method auto` calibrates its intervals, on M3 yearly TRAINING
years only (the test years are never read).

`auto` learns one stretch factor per horizon and level from the file's own series, each cut
before its last 6 years (`--intervals held-out`, see `IntervalCalibration`). To check that on
data it did not learn from, every training series is cut `cut` years before its end: PlanCast
forecasts the next 6 years from the years before the cut, calibrating on the 6 years before
*those*; the coverage is counted on the 6 years after the cut, which it never read. Cut 6
scores the last six training years (calibrated on years n-12..n-6), cut 12 the six before them
(calibrated on n-18..n-12). Both are compared with the models' own intervals
(`--intervals model`).

Usage (from the repository root, after `swift build -c release`):
    python3 Benchmarks/m3/calibrate_on_training.py [--plancast PATH] [--threads N]
"""

import argparse
import io
import os
import subprocess
import tempfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
HORIZON = 6


def coverage(plancast, train, cut, intervals, threads, tmp):
    n = train.groupby("series_id")["year"].transform("max")
    fit = train[train["year"] <= n - cut]
    fit = fit[fit.groupby("series_id")["year"].transform("count") >= 6]
    path = os.path.join(tmp, f"cut{cut}.csv")
    fit.to_csv(path, index=False)
    run = subprocess.run(
        [plancast, "forecast", "--data", path, "--horizon", str(HORIZON), "--method", "auto",
         "--intervals", intervals, "--format", "csv", "--threads", str(threads)],
        check=True, capture_output=True, text=True)
    f = pd.read_csv(io.StringIO(run.stdout))
    held = train[(train["year"] > n - cut) & (train["year"] <= n - cut + HORIZON)]
    m = f.merge(held[["series_id", "year", "value"]], on=["series_id", "year"])
    m["h"] = m.groupby("series_id").cumcount() + 1
    m["in80"] = (m.lo80 <= m.value) & (m.value <= m.hi80)
    m["in95"] = (m.lo95 <= m.value) & (m.value <= m.hi95)
    by_h = m.groupby("h")[["in80", "in95"]].mean() * 100
    line = run.stderr.strip().splitlines()[-1] if intervals == "held-out" else ""
    return m, by_h, line


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--plancast", default=".build/release/plancast")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    args = p.parse_args()
    train = pd.read_csv(os.path.join(HERE, "data", "train.csv"))
    train = train.rename(columns={"year_index": "year"})
    tmp = tempfile.mkdtemp(prefix="m3-calibrate-")
    for cut in (6, 12):
        print(f"## Cut {cut}: forecasts of training years n-{cut}+1 .. n-{cut}+6")
        for intervals in ("held-out", "model"):
            m, by_h, line = coverage(args.plancast, train, cut, intervals, args.threads, tmp)
            print(f"--intervals {intervals}: {m.series_id.nunique()} series, {len(m)} values; "
                  f"coverage 80 % {100 * m.in80.mean():.1f}, 95 % {100 * m.in95.mean():.1f}")
            if line:
                print(f"  {line}")
            print("  by horizon (80 / 95): " + "  ".join(
                f"h{h} {r.in80:.1f}/{r.in95:.1f}" for h, r in by_h.iterrows()))
        print()


if __name__ == "__main__":
    main()
