#!/usr/bin/env python3
"""SALib reference indices for PlanCast's sensitivity tests (Ishigami function).

Run from the repository root (pip install SALib numpy scipy):

    python3 Tests/PlanCastSensitivityTests/Fixtures/salib_reference.py

Writes Tests/PlanCastSensitivityTests/Fixtures/salib_ishigami.json with

* `sobolSequence`: the first 64 points of scipy's unscrambled 8-dimensional Sobol' sequence
  (Joe-Kuo direction numbers), which PlanCast's SobolSequence must reproduce bit for bit;
* `sobol`: SALib's Saltelli sample (calc_second_order=False, scramble=False, skip_values=N,
  the design PlanCast builds) for N = 1024, and SALib's sobol.analyze indices on the Ishigami
  outputs of that sample. The Swift test checks that PlanCast's design equals this sample and
  that its indices equal SALib's on it;
* `morris`: a SALib Morris sample (50 trajectories, 4 levels) with SALib's morris.analyze
  results, which PlanCast's MorrisAnalysis must reproduce on the same sample.

Bootstrap confidence half-widths depend on each library's resampling random numbers, so the
test compares them loosely; point estimates must agree to rounding.
"""
import json
import math
import os

import numpy as np
from scipy.stats import qmc
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = {
    "num_vars": 3,
    "names": ["x1", "x2", "x3"],
    "bounds": [[-math.pi, math.pi]] * 3,
}


def ishigami(x, a=7.0, b=0.1):
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def main():
    sequence = qmc.Sobol(d=8, scramble=False).random(64)

    n = 1024
    x = sobol_sample.sample(PROBLEM, n, calc_second_order=False, scramble=False, skip_values=n)
    y = ishigami(x)
    si = sobol_analyze.analyze(
        PROBLEM, y, calc_second_order=False, num_resamples=1000, conf_level=0.95, seed=11
    )

    xm = morris_sample.sample(PROBLEM, 50, num_levels=4, seed=7)
    ym = ishigami(xm)
    mi = morris_analyze.analyze(
        PROBLEM, xm, ym, num_resamples=1000, conf_level=0.95, num_levels=4, seed=13
    )

    out = {
        "sobolSequence": sequence.tolist(),
        "sobol": {
            "n": n,
            "sample": x.tolist(),
            "s1": si["S1"].tolist(),
            "s1Conf": si["S1_conf"].tolist(),
            "st": si["ST"].tolist(),
            "stConf": si["ST_conf"].tolist(),
        },
        "morris": {
            "levels": 4,
            "sample": xm.tolist(),
            "mu": mi["mu"].tolist(),
            "muStar": mi["mu_star"].tolist(),
            "sigma": mi["sigma"].tolist(),
            "muStarConf": mi["mu_star_conf"].tolist(),
        },
    }
    path = os.path.join(HERE, "salib_ishigami.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"wrote {path}")
    print("SALib Sobol  S1", np.round(si["S1"], 4), "ST", np.round(si["ST"], 4))
    print("SALib Morris mu*", np.round(mi["mu_star"], 4), "sigma", np.round(mi["sigma"], 4))


if __name__ == "__main__":
    main()
