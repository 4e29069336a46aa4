#!/usr/bin/env python3
"""Generate statsmodels reference values for RegressionStatsmodelsTests.swift.

Usage:  python3 generate.py      (writes small.csv and reference.json next to this script)

Needs numpy (2.4) and statsmodels (0.15): `pip install statsmodels pandas`.

Datasets
* Longley: read from the NIST StRD fixture ../nist-linear/Longley.dat (y and x1..x6, 16 rows).
  WLS on Longley uses the deterministic weights w_i = 1e5 / x5_i (inverse population).
* small: 30 rows made here with numpy's PCG64 generator (seed 20240611): a trend x1, a
  uniform regressor x2, and AR(1) errors (rho = 0.6) whose scale grows with x2 (heteroskedastic
  and autocorrelated). Written to small.csv with 17 significant digits (exact round trip) together
  with WLS weights w = 1 / (0.5 + x2)^2.

Cases (each with an intercept column "const" first unless stated)
  longley_ols, longley_wls, small_ols, small_wls, small_noint_ols (no intercept: uncentred R^2).

For every case and covariance type (nonrobust, HC1, HAC) the script records params, bse,
tvalues, pvalues and conf_int(alpha=0.05), always with use_t=True so p-values and intervals are
Student-t based as in PlanCast.

HAC: statsmodels needs maxlags (no default) and its default is use_correction=False. PlanCast's
Newey-West estimator always applies the n/(n-k) small-sample factor, so the reference is fitted
with use_correction=True; the default-correction standard errors are stored as well
("HAC_uncorrected") so the test can check the documented factor between the two conventions.

Longley cases also carry "exact": HC1/HAC standard errors and prediction mean standard errors
in exact rational arithmetic (see exact_reference), because statsmodels' own HAC standard
errors on Longley are 1.8e-8 (OLS) and 6e-9 (WLS) off the exact values.

Fit-level values: rsquared, rsquared_adj, fvalue, f_pvalue, llf, aic, bic, scale (sigma^2),
ssr, durbin_watson(wresid) (as in statsmodels' summary), condition_number, df_resid, df_model.
With a robust cov_type statsmodels' fvalue becomes a Wald test with the robust covariance; those
values are stored under "robust_f" for documentation (PlanCast's F is the classical one).

Predictions: get_prediction(rows, weights=...).summary_frame(alpha=0.05) for 3 (Longley) or 4
(small; statsmodels rejects a weights vector as long as a row of the design) new rows,
recording mean, mean_se, mean_ci_lower/upper, obs_ci_lower/upper (nonrobust covariance).
"""

import decimal
import json
import os
import sys
from fractions import Fraction

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240611


def read_longley():
    path = os.path.join(HERE, "..", "nist-linear", "Longley.dat")
    lines = open(path).read().splitlines()
    start = [k for k, line in enumerate(lines) if line.strip().startswith("Data:")][-1]
    rows = [[float(v) for v in line.split()] for line in lines[start + 1 :] if line.strip()]
    data = np.array(rows)
    return data[:, 0], data[:, 1:]


def make_small():
    rng = np.random.Generator(np.random.PCG64(SEED))
    n = 30
    t = np.arange(n, dtype=float)
    x1 = np.round(t / 3 + rng.normal(0, 0.5, n), 6)
    x2 = np.round(rng.uniform(0, 2, n), 6)
    scale = 0.5 + x2
    e = np.empty(n)
    e[0] = rng.normal()
    for i in range(1, n):
        e[i] = 0.6 * e[i - 1] + rng.normal()
    y = np.round(1.5 + 0.8 * x1 - 2.0 * x2 + scale * e, 6)
    w = 1.0 / scale**2
    return y, np.column_stack([x1, x2]), w


def f17(x):
    return "%.17g" % x


def as_list(a):
    return [float(v) for v in np.asarray(a).ravel()]


def inference(res):
    ci = np.asarray(res.conf_int(alpha=0.05))
    return {
        "params": as_list(res.params),
        "bse": as_list(res.bse),
        "tvalues": as_list(res.tvalues),
        "pvalues": as_list(res.pvalues),
        "conf_int_lower": as_list(ci[:, 0]),
        "conf_int_upper": as_list(ci[:, 1]),
    }


def exact_reference(y, X, weights, maxlags, new_rows):
    """Exact rational-arithmetic values (the doubles in the fixture taken as exact), rounded once
    through 50-digit decimal square roots: HC1 and HAC (with the n/(n-k) correction) standard
    errors and prediction mean standard errors. Used where statsmodels' own rounding error is
    larger than PlanCast's (Longley's HAC: the meat is formed from the raw design)."""
    X = [[Fraction(v) for v in row] for row in np.asarray(X)]
    y = [Fraction(v) for v in y]
    w = [Fraction(v) for v in weights] if weights is not None else [Fraction(1)] * len(y)
    n, k = len(y), len(X[0])

    def solve(a, b):
        m = [row[:] + [bb] for row, bb in zip(a, b)]
        for c in range(k):
            pivot = next(i for i in range(c, k) if m[i][c] != 0)
            m[c], m[pivot] = m[pivot], m[c]
            for i in range(k):
                if i != c and m[i][c] != 0:
                    f = m[i][c] / m[c][c]
                    m[i] = [u - f * v for u, v in zip(m[i], m[c])]
        return [m[i][k] / m[i][i] for i in range(k)]

    gram = [[sum(w[t] * X[t][a] * X[t][b] for t in range(n)) for b in range(k)] for a in range(k)]
    beta = solve(gram, [sum(w[t] * X[t][a] * y[t] for t in range(n)) for a in range(k)])
    columns = [solve(gram, [Fraction(int(i == j)) for i in range(k)]) for j in range(k)]
    bread = [[columns[j][i] for j in range(k)] for i in range(k)]
    e = [y[t] - sum(X[t][a] * beta[a] for a in range(k)) for t in range(n)]
    scores = [[w[t] * X[t][a] * e[t] for a in range(k)] for t in range(n)]
    ctx = decimal.Context(prec=50)

    def sqrt(q):
        return float(ctx.divide(decimal.Decimal(q.numerator), decimal.Decimal(q.denominator)).sqrt(ctx))

    def sandwich_se(lags):
        meat = [[sum(s[a] * s[b] for s in scores) for b in range(k)] for a in range(k)]
        for lag in range(1, lags + 1):
            weight = 1 - Fraction(lag, lags + 1)
            for a in range(k):
                for b in range(k):
                    s = sum(scores[t][a] * scores[t - lag][b] for t in range(lag, n))
                    meat[a][b] += weight * s
                    meat[b][a] += weight * s
        left = [[sum(bread[a][c] * meat[c][b] for c in range(k)) for b in range(k)] for a in range(k)]
        return [
            sqrt(sum(left[a][c] * bread[c][a] for c in range(k)) * n / (n - k)) for a in range(k)
        ]

    sigma2 = sum(w[t] * e[t] ** 2 for t in range(n)) / (n - k)
    mean_se = []
    for row in np.asarray(new_rows):
        x0 = [Fraction(v) for v in row]
        quadratic = sum(x0[a] * bread[a][b] * x0[b] for a in range(k) for b in range(k))
        mean_se.append(sqrt(sigma2 * quadratic))
    return {"HC1_bse": sandwich_se(0), "HAC_bse": sandwich_se(maxlags), "mean_se": mean_se}


def case(name, y, x, columns, intercept, weights, maxlags, new_rows, new_weights):
    X = sm.add_constant(x, has_constant="add") if intercept else x
    names = (["const"] if intercept else []) + columns
    model = sm.WLS(y, X, weights=weights) if weights is not None else sm.OLS(y, X)
    res = model.fit(use_t=True)
    hc1 = model.fit(cov_type="HC1", use_t=True)
    hac = model.fit(
        cov_type="HAC", cov_kwds={"maxlags": maxlags, "use_correction": True}, use_t=True
    )
    hac_default = model.fit(cov_type="HAC", cov_kwds={"maxlags": maxlags}, use_t=True)
    rows = sm.add_constant(np.asarray(new_rows), has_constant="add") if intercept else new_rows
    pred_weights = np.asarray(new_weights) if weights is not None else None
    frame = res.get_prediction(np.asarray(rows), weights=pred_weights).summary_frame(alpha=0.05)
    exact = exact_reference(y, X, weights, maxlags, rows) if name.startswith("longley") else None
    return {
        "name": name,
        "exact": exact,
        "columns": names,
        "intercept": intercept,
        "y": as_list(y),
        "design": [as_list(row) for row in np.asarray(X)],
        "weights": as_list(weights) if weights is not None else None,
        "nobs": int(res.nobs),
        "df_resid": float(res.df_resid),
        "df_model": float(res.df_model),
        "fit": {
            "rsquared": float(res.rsquared),
            "rsquared_adj": float(res.rsquared_adj),
            "fvalue": float(res.fvalue),
            "f_pvalue": float(res.f_pvalue),
            "llf": float(res.llf),
            "aic": float(res.aic),
            "bic": float(res.bic),
            "scale": float(res.scale),
            "ssr": float(res.ssr),
            "durbin_watson": float(durbin_watson(res.wresid)),
            "condition_number": float(res.condition_number),
        },
        "cov": {
            "nonrobust": inference(res),
            "HC1": inference(hc1),
            "HAC": dict(inference(hac), maxlags=maxlags, use_correction=True),
            "HAC_uncorrected": {"bse": as_list(hac_default.bse), "maxlags": maxlags},
        },
        "robust_f": {
            "HC1": {"fvalue": float(hc1.fvalue), "f_pvalue": float(hc1.f_pvalue)},
            "HAC": {"fvalue": float(hac.fvalue), "f_pvalue": float(hac.f_pvalue)},
        },
        "prediction": {
            "rows": [as_list(r) for r in np.asarray(rows)],
            "weights": as_list(new_weights) if weights is not None else None,
            "mean": as_list(frame["mean"]),
            "mean_se": as_list(frame["mean_se"]),
            "mean_ci_lower": as_list(frame["mean_ci_lower"]),
            "mean_ci_upper": as_list(frame["mean_ci_upper"]),
            "obs_ci_lower": as_list(frame["obs_ci_lower"]),
            "obs_ci_upper": as_list(frame["obs_ci_upper"]),
        },
    }


def main():
    ly, lx = read_longley()
    longley_columns = ["x1", "x2", "x3", "x4", "x5", "x6"]
    longley_weights = 1e5 / lx[:, 4]
    longley_new = [
        [100.0, 400000.0, 3000.0, 2500.0, 115000.0, 1955.0],
        [110.0, 500000.0, 4000.0, 2700.0, 125000.0, 1961.0],
        [90.0, 300000.0, 2500.0, 1800.0, 110000.0, 1950.0],
    ]
    longley_new_weights = [1e5 / r[4] for r in longley_new]

    sy, sx, sw = make_small()
    with open(os.path.join(HERE, "small.csv"), "w") as out:
        out.write("y,x1,x2,w\n")
        for i in range(len(sy)):
            out.write(",".join(f17(v) for v in (sy[i], sx[i, 0], sx[i, 1], sw[i])) + "\n")
    # Re-read so the reference is computed from exactly the values in the CSV.
    table = np.loadtxt(os.path.join(HERE, "small.csv"), delimiter=",", skiprows=1)
    sy, sx, sw = table[:, 0], table[:, 1:3], table[:, 3]
    small_new = [[2.0, 0.5], [9.5, 1.8], [12.0, 0.1], [5.25, 1.0]]
    small_new_weights = [1 / (0.5 + r[1]) ** 2 for r in small_new]

    cases = [
        case("longley_ols", ly, lx, longley_columns, True, None, 2, longley_new, None),
        case(
            "longley_wls", ly, lx, longley_columns, True, longley_weights, 2,
            longley_new, longley_new_weights,
        ),
        case("small_ols", sy, sx, ["x1", "x2"], True, None, 3, small_new, None),
        case("small_wls", sy, sx, ["x1", "x2"], True, sw, 3, small_new, small_new_weights),
        case("small_noint_ols", sy, sx, ["x1", "x2"], False, None, 3, small_new, None),
    ]
    reference = {
        "generator": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "statsmodels": statsmodels.__version__,
            "seed": SEED,
        },
        "cases": cases,
    }
    with open(os.path.join(HERE, "reference.json"), "w") as out:
        json.dump(reference, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
