#!/usr/bin/env python3
"""Choose the `auto` rule of `plancast forecast` on the M3 yearly TRAINING data only.

The last 6 training years of each of the 645 series are held out (the test years are never
read): every single method is fitted to the first n_train - 6 years and forecasts 6 years;
then every equal-weight combination of 2..5 single methods (mean or median of the members'
point forecasts) is scored on the held-out training years with the M3 sMAPE and MASE. The
interval coverage of the chosen combination is checked for the three pooling rules.

Usage (from the repository root, after `swift build -c release --scratch-path .build-m3`):
    python3 Benchmarks/m3/select_on_training.py [--plancast PATH] [--threads N]
"""

import argparse
import itertools
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
HOLD = 6
SINGLES = ["naive", "drift", "loglinear", "ar", "damped", "theta", "theta-log"]


def smape(a, f):
    return 200 * np.abs(a - f) / (np.abs(a) + np.abs(f))


def run(plancast, data, method, threads, extra=()):
    out = subprocess.run(
        [plancast, "forecast", "--data", data, "--horizon", str(HOLD), "--method", method,
         "--format", "csv", "--threads", str(threads), *extra],
        check=True, capture_output=True, text=True).stdout
    from io import StringIO
    df = pd.read_csv(StringIO(out))
    df["h"] = df.groupby("series_id").cumcount()
    return df


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--plancast", default=".build-m3/release/plancast")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    args = p.parse_args()

    train = pd.read_csv(os.path.join(DATA, "train.csv"))
    train = train.rename(columns={"year_index": "year"})
    n = train.groupby("series_id")["year"].transform("max")
    fit = train[train["year"] <= n - HOLD]
    val = train[train["year"] > n - HOLD].copy()
    val["h"] = val.groupby("series_id").cumcount()
    scale = fit.groupby("series_id")["value"].apply(lambda v: np.mean(np.abs(np.diff(v.values))))

    tmp = tempfile.mkdtemp(prefix="m3-select-")
    fit_path = os.path.join(tmp, "fit.csv")
    fit.to_csv(fit_path, index=False)

    actual = val.pivot(index="series_id", columns="h", values="value")
    ids = actual.index
    points, frames = {}, {}
    for m in SINGLES:
        df = run(args.plancast, fit_path, m, args.threads)
        frames[m] = df
        points[m] = df.pivot(index="series_id", columns="h", values="median").loc[ids]
        fallbacks = df.groupby("series_id")["method"].first().ne(m).sum()
        print(f"# {m}: {fallbacks} series fell back", file=sys.stderr)

    def score(f):
        s = smape(actual.values, f.values)
        mase = (np.abs(actual.values - f.values).mean(axis=1) / scale.loc[ids].values).mean()
        return s.mean(), s.mean(axis=0), mase

    rows = []
    for k in range(1, len(SINGLES) + 1):
        for members in itertools.combinations(SINGLES, k):
            stack = np.stack([points[m].values for m in members])
            for how in (["mean", "median"] if k > 2 else ["mean"]):
                f = stack.mean(axis=0) if how == "mean" else np.median(stack, axis=0)
                avg, _, mase = score(pd.DataFrame(f, index=ids))
                rows.append((f"{how}({','.join(members)})", k, avg, mase))
    table = pd.DataFrame(rows, columns=["rule", "members", "smape", "mase"])
    table["rank_smape"] = table["smape"].rank()
    table["rank_mase"] = table["mase"].rank()
    table["rank_sum"] = table["rank_smape"] + table["rank_mase"]
    pd.set_option("display.width", 200)
    print("## Single methods on the held-out training years (h = 1..6)")
    print(table[table.members == 1].sort_values("smape").to_string(index=False))
    print("\n## Best 25 rules by sMAPE rank + MASE rank")
    print(table.sort_values("rank_sum").head(25).to_string(index=False))

    # Stage 2: the member sets of the best 8 point rules, each with the three pooling rules of
    # `plancast forecast --method combo` (intervals too), scored the same way.
    table["set"] = table["rule"].str.replace(r"^(mean|median)", "", regex=True)
    sets = list(dict.fromkeys(table.sort_values("rank_sum")["set"]))[:8]
    rows = []
    for members in sets:
        chosen = members.strip("()")
        if "," not in chosen:
            continue
        for rule in ["mean", "median", "mixture", "median-mixture"]:
            df = run(args.plancast, fit_path, "combo", args.threads,
                     ["--combo-members", chosen, "--combination", rule])
            merged = df.merge(val[["series_id", "h", "value"]], on=["series_id", "h"])
            c80 = ((merged.lo80 <= merged.value) & (merged.value <= merged.hi80)).mean()
            c95 = ((merged.lo95 <= merged.value) & (merged.value <= merged.hi95)).mean()
            f = df.pivot(index="series_id", columns="h", values="median").loc[ids]
            avg, _, mase = score(f)
            rows.append((f"{rule}({chosen})", avg, mase, 100 * c80, 100 * c95))
    stage2 = pd.DataFrame(rows, columns=["combo", "smape", "mase", "coverage80", "coverage95"])
    stage2["rank_sum"] = stage2["smape"].rank() + stage2["mase"].rank()
    print("\n## Stage 2: pooling rules (plancast forecast --method combo) on the held-out years")
    print(stage2.sort_values("rank_sum").to_string(index=False))

if __name__ == "__main__":
    main()
