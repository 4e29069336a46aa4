#!/usr/bin/env python3
"""The peer of `plancast regress --data FILE --y y --x x1,...,xK`: pandas reads the same CSV,
statsmodels fits OLS with a constant and prints its summary. Time the whole process of both
(start-up and imports included), e.g. with /usr/bin/time -v.

    python3 Benchmarks/csv/regress_peer.py /tmp/regress-20000x20.csv
"""
import sys

import pandas as pd
import statsmodels.api as sm


def main():
    frame = pd.read_csv(sys.argv[1])
    x = sm.add_constant(frame[[c for c in frame.columns if c != "y"]])
    result = sm.OLS(frame["y"], x).fit()
    print(result.summary())


if __name__ == "__main__":
    main()
