"""Reference AR fits for GrowthAutoregressionStatsmodelsTests.

Fits statsmodels AutoReg (conditional OLS, the estimator GrowthAutoregression uses) to the
Changsha real GDP growth series of Models/czt-2025/data/observations.csv, 2002-2021 (the
longest contiguous stretch: 2001 is missing), and writes estimates, residual scale, and
5-step dynamic point forecasts to ar_reference.json.

    pip install statsmodels pandas
    python3 Tests/PlanCastForecastingTests/Fixtures/statsmodels/ar_reference.py
"""

import csv
import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.ar_model import AutoReg

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[3]
OBS = ROOT / "Models" / "czt-2025" / "data" / "observations.csv"

rows = [
    r for r in csv.DictReader(OBS.open(encoding="utf-8"))
    if r["city"] == "Changsha" and r["indicator"] == "gdp_real_growth"
]
series = {int(r["year"]): float(r["value"]) for r in rows}
years = [y for y in range(2002, 2022)]
assert all(y in series for y in years), "Changsha real growth must be contiguous 2002-2021"
values = np.array([series[y] for y in years])
y = pd.Series(values, index=pd.RangeIndex(len(values)))

cases = []
for name, lags, trend, pulse in [
    ("ar1_const", 1, "c", False),
    ("ar1_trend", 1, "ct", False),
    ("ar2_trend", 2, "ct", False),
    ("ar1_trend_pulse2020", 1, "ct", True),
]:
    exog = None
    exog_oos = None
    if pulse:
        exog = pd.DataFrame({"pulse2020": [1.0 if yr == 2020 else 0.0 for yr in years]})
        exog_oos = pd.DataFrame({"pulse2020": [0.0] * 5}, index=pd.RangeIndex(len(values), len(values) + 5))
    model = AutoReg(y, lags=lags, trend=trend, exog=exog)
    fit = model.fit()
    forecast = fit.predict(start=len(values), end=len(values) + 4, dynamic=True, exog_oos=exog_oos)
    params = dict(zip(model.exog_names, [float(v) for v in fit.params]))
    # sigma2 of AutoReg is RSS/nobs; the OLS residual standard error uses RSS/(nobs - k).
    rss = float(np.sum(fit.resid ** 2))
    cases.append({
        "name": name,
        "lags": lags,
        "trend": trend,
        "pulse2020": pulse,
        "nobs": int(fit.nobs),
        "params": params,
        "bse": dict(zip(model.exog_names, [float(v) for v in fit.bse])),
        "rss": rss,
        "forecast": [float(v) for v in forecast],
    })

out = {
    "source": "statsmodels %s AutoReg, conditional OLS" % statsmodels.__version__,
    "series": "Changsha gdp_real_growth",
    "years": years,
    "values": values.tolist(),
    "cases": cases,
}
(HERE / "ar_reference.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
print("wrote", HERE / "ar_reference.json")
