#!/usr/bin/env python3
"""PlanCast vs numpy.linalg.lstsq vs statsmodels OLS on the same data, side by side.

Usage (from the repository root):
    swift build -c release --package-path Benchmarks
    python3 Benchmarks/peers/regression_peers.py [--fits 100000] [--sm-fits 2000] [--repetitions 5]

1. Generates the data once with numpy's seeded PCG64 generator: a pool of 1000 designs of 25x3
   (intercept + 2 normal regressors) and one 10000x20 design (intercept + 19), responses
   y = X.b + N(0, 1). Writes them as little-endian float64 files (header count, rows, columns;
   then per dataset y and the design columns, column-major) for the Swift benchmark.
2. Runs the Swift binary Benchmarks/.build/release/regression-bench --data DIR --json as a
   subprocess: PlanCast LinearRegression.fit plus every summary statistic (coefficients, SEs,
   t, p, CIs, R^2, adjusted R^2, F and its p-value, sigma, log-likelihood, AIC, BIC), and LAPACK
   dgels on the same data.
3. Times numpy.linalg.lstsq (coefficients only) and statsmodels OLS(y, X).fit() with params, bse,
   pvalues, conf_int(), rsquared, fvalue, f_pvalue on the same designs, cycling through the pool.
   The peers run in a child process with OPENBLAS_NUM_THREADS=1 and without OPENBLAS_CORETYPE /
   OPENBLAS_L2_SIZE (so numpy's bundled OpenBLAS picks its own kernel); the kernel it runs is
   reported from threadpoolctl.
Each figure is the median over repetitions of (total time / fits).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BINARY = os.path.join(ROOT, ".build", "release", "regression-bench")
SEED = 20240611


def write_problems(path, problems):
    import numpy as np

    rows, columns = problems[0][1].shape
    header = np.array([len(problems), rows, columns + 1], dtype="<f8")
    body = [np.concatenate([y, X.ravel(order="F")]) for y, X in problems]
    np.concatenate([header] + body).astype("<f8").tofile(path)


def make_data():
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(SEED))

    def problem(n, p):
        X = np.column_stack([np.ones(n), rng.normal(size=(n, p - 1))])
        beta = 0.1 * np.arange(1, p + 1)
        return X @ beta + rng.normal(size=n), X

    return [problem(25, 3) for _ in range(1000)], [problem(10000, 20)]


def peers(args):
    """Runs in the child process with the peers' environment: times numpy and statsmodels."""
    import numpy as np
    import statsmodels.api as sm
    from threadpoolctl import threadpool_info

    small, big = make_data()

    def median_per_fit(problems, fits, body):
        body(*problems[0])  # warm-up
        times = []
        for _ in range(args.repetitions):
            start = time.perf_counter()
            for k in range(fits):
                body(*problems[k % len(problems)])
            times.append((time.perf_counter() - start) / fits)
        return sorted(times)[len(times) // 2]

    def lstsq(y, X):
        return np.linalg.lstsq(X, y, rcond=None)[0]

    def statsmodels_ols(y, X):
        r = sm.OLS(y, X).fit()
        return (r.params, r.bse, r.pvalues, r.conf_int(), r.rsquared, r.fvalue, r.f_pvalue)

    result = {
        "blas": [
            {k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for info in threadpool_info()
            if info.get("user_api") == "blas"
        ],
        "numpy": np.__version__,
        "statsmodels": sm.__version__ if hasattr(sm, "__version__") else "",
    }
    import statsmodels

    result["statsmodels"] = statsmodels.__version__
    for label, problems, fits, sm_fits in (
        ("25x3", small, args.fits, args.sm_fits),
        ("10000x20", big, args.big_fits, args.big_fits),
    ):
        result[label] = {
            "numpy_lstsq_seconds": median_per_fit(problems, fits, lstsq),
            "statsmodels_seconds": median_per_fit(problems, sm_fits, statsmodels_ols),
            "numpy_fits": fits,
            "statsmodels_fits": sm_fits,
        }
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fits", type=int, default=100_000, help="25x3 fits per repetition")
    parser.add_argument(
        "--sm-fits", type=int, default=2000, help="25x3 statsmodels fits per repetition"
    )
    parser.add_argument("--big-fits", type=int, default=10, help="10000x20 fits per repetition")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--peers-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peers_only:
        peers(args)
        return

    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} not found: run `swift build -c release --package-path Benchmarks`")
    small, big = make_data()
    with tempfile.TemporaryDirectory() as directory:
        write_problems(os.path.join(directory, "small.f64"), small)
        write_problems(os.path.join(directory, "big.f64"), big)
        swift_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        swift = json.loads(
            subprocess.run(
                [BINARY, "--data", directory, "--json", "--fits", str(args.fits),
                 "--big-fits", str(args.big_fits), "--repetitions", str(args.repetitions)],
                env=swift_env, check=True, capture_output=True, text=True,
            ).stdout
        )
    peer_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        peer_env.pop(variable, None)
    peer = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--peers-only", "--fits", str(min(args.fits, 20_000)),
             "--sm-fits", str(args.sm_fits), "--big-fits", str(args.big_fits),
             "--repetitions", str(args.repetitions)],
            env=peer_env, check=True, capture_output=True, text=True,
        ).stdout
    )

    def us(seconds):
        return f"{seconds * 1e6:12.2f} µs" if seconds < 1e-3 else f"{seconds * 1e3:12.3f} ms"

    print(f"OLS per fit, median of {args.repetitions} repetitions, OPENBLAS_NUM_THREADS=1")
    print(f"peers: numpy {peer['numpy']}, statsmodels {peer['statsmodels']}, BLAS {peer['blas']}")
    print(
        f"{'size':10} {'PlanCast (full inf.)':>20} {'LAPACK dgels':>15} {'numpy lstsq':>15}"
        f" {'statsmodels':>15} {'lstsq/PlanCast':>15} {'sm/PlanCast':>12}"
    )
    for label in ("25x3", "10000x20"):
        ours = swift[label]["plancast_seconds"]
        floor = swift[label]["dgels_seconds"]
        lstsq = peer[label]["numpy_lstsq_seconds"]
        sm_time = peer[label]["statsmodels_seconds"]
        print(
            f"{label:10} {us(ours):>20} {us(floor):>15} {us(lstsq):>15} {us(sm_time):>15}"
            f" {lstsq / ours:14.1f}x {sm_time / ours:11.1f}x"
        )


if __name__ == "__main__":
    main()
