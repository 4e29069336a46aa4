#!/usr/bin/env python3
"""Reference fits for PlanCast's damped-trend ETS and Theta (DampedTrendETSTests, ThetaTests).

Reads ets_theta_series.csv (copied rows, with their source: the log of Changsha nominal GDP
2000-2018 from Models/czt-2025/data/observations.csv and the M3 yearly series Y1, Y152, Y500
from shared/benchmarks/m3-yearly/train.csv) and writes ets_theta_reference.json with, per
series:

- ets: statsmodels.tsa.exponential_smoothing.ets.ETSModel(error="add", trend="add",
  damped_trend=True) on log(value) with default settings: parameters, log-likelihood, 6 point
  forecasts (log scale);
- etsBest: the same model refitted from 16 starting points (alpha in {0.1, 0.5, 0.9, 0.999},
  beta/alpha in {0.01, 0.5}, phi in {0.85, 0.97}); the fit with the highest log-likelihood
  (L-BFGS-B from the default start can stop at a local optimum on short series);
- holtwinters: statsmodels.tsa.holtwinters.ExponentialSmoothing(trend="add",
  damped_trend=True) on log(value): parameters (smoothing_trend is Holt's beta*), SSE and
  6 point forecasts;
- theta: statsmodels.tsa.forecasting.theta.ThetaModel(deseasonalize=False) on value (original
  scale, the standard method): alpha, b0 and 6 point forecasts (theta = 2).

Usage: pip install statsmodels pandas; python3 ets_theta_reference.py
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

HERE = os.path.dirname(os.path.abspath(__file__))
HORIZON = 6


def main():
    data = pd.read_csv(os.path.join(HERE, "ets_theta_series.csv"))
    out = {"statsmodels": statsmodels.__version__, "horizon": HORIZON, "series": []}
    for sid, group in data.groupby("series_id", sort=False):
        group = group.sort_values("year")
        values = group["value"].to_numpy(dtype=float)
        logs = np.log(values)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ETSModel(logs, error="add", trend="add", damped_trend=True)
            ets = model.fit(disp=False)
            best = ets
            for a in (0.1, 0.5, 0.9, 0.999):
                for r in (0.01, 0.5):
                    for phi in (0.85, 0.97):
                        start = [a, a * r, phi, logs[0], logs[1] - logs[0]]
                        fit = model.fit(start_params=start, disp=False)
                        if fit.llf > best.llf:
                            best = fit
            hw = ExponentialSmoothing(
                logs, trend="add", damped_trend=True, initialization_method="estimated"
            ).fit()
            theta = ThetaModel(values, deseasonalize=False).fit()
        p = dict(zip(ets.model.param_names, np.asarray(ets.params, dtype=float)))
        q = dict(zip(best.model.param_names, np.asarray(best.params, dtype=float)))
        hp = hw.params
        out["series"].append(
            {
                "id": sid,
                "years": [int(y) for y in group["year"]],
                "values": [float(v) for v in values],
                "ets": {
                    "alpha": p["smoothing_level"],
                    "beta": p["smoothing_trend"],
                    "phi": p["damping_trend"],
                    "level0": p["initial_level"],
                    "trend0": p["initial_trend"],
                    "loglike": float(ets.llf),
                    "forecast": [float(v) for v in ets.forecast(HORIZON)],
                },
                "etsBest": {
                    "alpha": q["smoothing_level"],
                    "beta": q["smoothing_trend"],
                    "phi": q["damping_trend"],
                    "level0": q["initial_level"],
                    "trend0": q["initial_trend"],
                    "loglike": float(best.llf),
                    "forecast": [float(v) for v in best.forecast(HORIZON)],
                },
                "holtwinters": {
                    "alpha": float(hp["smoothing_level"]),
                    "betaStar": float(hp["smoothing_trend"]),
                    "phi": float(hp["damping_trend"]),
                    "level0": float(hp["initial_level"]),
                    "trend0": float(hp["initial_trend"]),
                    "sse": float(hw.sse),
                    "forecast": [float(v) for v in hw.forecast(HORIZON)],
                },
                "theta": {
                    "alpha": float(theta.params["alpha"]),
                    "b0": float(theta.params["b0"]),
                    "forecast": [float(v) for v in theta.forecast(HORIZON)],
                },
            }
        )
    with open(os.path.join(HERE, "ets_theta_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for s in out["series"]:
        print(
            s["id"], "ETS llf", s["ets"]["loglike"], "best", s["etsBest"]["loglike"],
            (s["etsBest"]["alpha"], s["etsBest"]["beta"], s["etsBest"]["phi"]),
            "theta alpha", s["theta"]["alpha"],
        )


if __name__ == "__main__":
    main()
