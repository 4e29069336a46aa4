#!/usr/bin/env python3
"""Writes many yearly series in long format (series_id,year,value) for the forecast memory and
speed benchmark, from numpy's seeded PCG64 (the same file for the same arguments anywhere).

  python3 Benchmarks/whole/make_long_series.py OUT.csv                    # 100000 series
  python3 Benchmarks/whole/make_long_series.py OUT.csv --series 100000 --years 20 --seed 5

Each series is a geometric random walk with its own drift (N(3 %, 2 %)) and volatility
(|N(0, 5 %)|) over 14 to --years years ending in 2024, starting at 100·e^N(0,1); values are
written with 6 significant digits: about 31 MB at the default size, like the M3 yearly file
scaled up 155-fold.
"""

import argparse

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("series_id,year,value\n")
        for s in range(args.series):
            length = int(rng.integers(14, args.years + 1))
            drift = rng.normal(0.03, 0.02)
            volatility = abs(rng.normal(0.0, 0.05))
            level = 100.0 * np.exp(rng.normal() + np.cumsum(drift + volatility * rng.standard_normal(length)))
            first = 2025 - length
            out.writelines(f"S{s:06d},{first + i},{v:.6g}\n" for i, v in enumerate(level))


if __name__ == "__main__":
    main()
