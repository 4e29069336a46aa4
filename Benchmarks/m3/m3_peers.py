#!/usr/bin/env python3
"""statsmodels peers on the M3 yearly data: damped-trend ETS and the Theta method.

For each of the 645 series, fits on train.csv and forecasts 6 years with
  - ETSModel(error="add", trend="add", damped_trend=True) (ETS(A,Ad,N), ML), on the values;
  - ThetaModel(deseasonalize=False) (the standard Theta method);
with 80%/95% intervals, times each method over the whole set (fit + forecast, one process,
one thread), and writes a forecasts CSV `series_id,year,median,lo80,hi80,lo95,hi95,method` for
`plancast forecast score`.

Usage: python3 Benchmarks/m3/m3_peers.py --out DIR   (pip install statsmodels pandas)
"""

import argparse
import os

# One BLAS thread, as the PlanCast figures per thread (set before numpy is imported).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import time
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel

HERE = os.path.dirname(os.path.abspath(__file__))
H = 6


def ets_damped(y):
    fit = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
    pred = fit.get_prediction(start=len(y), end=len(y) + H - 1)
    f80 = pred.summary_frame(alpha=0.2)
    f95 = pred.summary_frame(alpha=0.05)
    mean = f80["mean"].to_numpy()
    bounds = lambda f: f[["pi_lower", "pi_upper"]].to_numpy()
    return mean, bounds(f80), bounds(f95)


def theta(y):
    fit = ThetaModel(y, period=1, deseasonalize=False).fit()
    mean = np.asarray(fit.forecast(H))
    f80 = np.asarray(fit.prediction_intervals(H, alpha=0.2))
    f95 = np.asarray(fit.prediction_intervals(H, alpha=0.05))
    return mean, f80, f95


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    args = p.parse_args()
    train = pd.read_csv(os.path.join(HERE, "data", "train.csv"))
    series = [(sid, pd.Series(g["value"].to_numpy(dtype=float)), int(g["year_index"].max()))
              for sid, g in train.groupby("series_id", sort=False)]
    rows = []
    print(f"statsmodels {statsmodels.__version__}, numpy {np.__version__}")
    for name, method in [("sm-ets-damped", ets_damped), ("sm-theta", theta)]:
        start = time.perf_counter()
        failures = 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for sid, y, last in series:
                try:
                    mean, f80, f95 = method(y)
                    if not np.all(np.isfinite(mean)):
                        raise ValueError("non-finite")
                except Exception:
                    failures += 1
                    mean = np.repeat(y.iloc[-1], H)
                    f80 = f95 = np.full((H, 2), np.nan)
                for h in range(H):
                    rows.append((sid, last + h + 1, mean[h], f80[h, 0], f80[h, 1], f95[h, 0],
                                 f95[h, 1], name))
        elapsed = time.perf_counter() - start
        print(f"{name}: {len(series)} series in {elapsed:.2f} s "
              f"({1000 * elapsed / len(series):.2f} ms/series), {failures} failures")
    out = pd.DataFrame(rows, columns=["series_id", "year", "median", "lo80", "hi80", "lo95",
                                      "hi95", "method"])
    out.to_csv(os.path.join(args.out, "peers.csv"), index=False)


if __name__ == "__main__":
    main()
