#!/usr/bin/env python3
"""Writes the CSV used to time `plancast regress` end to end: ROWS rows of a response y and
COLS regressors x1..xCOLS (default 20000 x 20, about 8 MB), seeded, 17 significant digits.

    python3 Benchmarks/csv/generate.py /tmp/regress-20000x20.csv [--rows 20000] [--cols 20]
"""
import argparse
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--cols", type=int, default=20)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    beta = [rng.uniform(-2, 2) for _ in range(args.cols)]
    with open(args.path, "w", newline="") as out:
        out.write(",".join(["y"] + [f"x{k + 1}" for k in range(args.cols)]) + "\n")
        for _ in range(args.rows):
            x = [rng.gauss(0, 1) for _ in range(args.cols)]
            y = 1.5 + sum(b * v for b, v in zip(beta, x)) + rng.gauss(0, 0.5)
            out.write(",".join(repr(v) for v in [y] + x) + "\n")


if __name__ == "__main__":
    main()
