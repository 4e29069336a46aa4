#!/usr/bin/env python3
"""The peer of `plancast regress` on a CSV file, as a whole process: pandas reads the file,
statsmodels fits OLS with an intercept, and every statistic `plancast regress` reports is computed
and printed (coefficients, standard errors, t, p, 95% confidence intervals, R², adjusted R², F and
its p-value, σ̂, log-likelihood, AIC, BIC, Durbin–Watson, condition number).

  python3 Benchmarks/whole/regress_peer.py FILE.csv --y y --x x1,x2,…
"""

import argparse
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--y", required=True)
    parser.add_argument("--x", required=True)
    args = parser.parse_args()
    frame = pd.read_csv(args.data)
    columns = args.x.split(",")
    design = sm.add_constant(frame[columns])
    fit = sm.OLS(frame[args.y], design).fit()
    ci = fit.conf_int()
    out = sys.stdout
    out.write("term,estimate,std_error,t,p,ci_low,ci_high\n")
    for name in design.columns:
        out.write(
            ",".join(
                [name]
                + [
                    repr(float(v))
                    for v in (
                        fit.params[name],
                        fit.bse[name],
                        fit.tvalues[name],
                        fit.pvalues[name],
                        ci.loc[name, 0],
                        ci.loc[name, 1],
                    )
                ]
            )
            + "\n"
        )
    stats = {
        "r_squared": fit.rsquared,
        "adj_r_squared": fit.rsquared_adj,
        "f": fit.fvalue,
        "f_p": fit.f_pvalue,
        "sigma": float(np.sqrt(fit.scale)),
        "log_likelihood": fit.llf,
        "aic": fit.aic,
        "bic": fit.bic,
        "durbin_watson": float(durbin_watson(fit.resid)),
        "condition_number": fit.condition_number,
    }
    for key, value in stats.items():
        out.write(f"{key},{float(value)!r}\n")


if __name__ == "__main__":
    main()
