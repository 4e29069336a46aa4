#!/usr/bin/env python3
"""Writes the regression benchmark's CSV: ROWS × COLUMNS regressors x1…xk and a response y, from
numpy's seeded PCG64 (the same file for the same arguments on any machine).

  python3 Benchmarks/whole/make_regression_csv.py OUT.csv            # 20000 rows, 20 regressors
  python3 Benchmarks/whole/make_regression_csv.py OUT.csv --rows 20000 --columns 20 --seed 17

y = 1 + Σ_j β_j x_j + ε with β_j = j/k, x_j ~ N(0, 1) plus a shared factor (so the regressors are
correlated, as real data are), ε ~ N(0, 1). Values are written with 17 significant digits
(round-trip exact), about 8 MB at the default size.
"""

import argparse

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--columns", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    n, k = args.rows, args.columns
    factor = rng.standard_normal((n, 1))
    x = rng.standard_normal((n, k)) + 0.5 * factor
    beta = np.arange(1, k + 1) / k
    y = 1 + x @ beta + rng.standard_normal(n)
    data = np.column_stack([y, x])
    header = ",".join(["y"] + [f"x{j}" for j in range(1, k + 1)])
    np.savetxt(args.out, data, delimiter=",", header=header, comments="", fmt="%.17g")


if __name__ == "__main__":
    main()
