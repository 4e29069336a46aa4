#!/usr/bin/env python3
"""Whole-process benchmark of three `plancast` commands, each timed from outside (start-up,
loading, fitting, the work, output), with its peer or its other thread count in the same run:

  attain     plancast attain --draws 1000000 --format csv at --threads 1 and 2
  regress    plancast regress on a 20000×20 CSV (make_regression_csv.py) against pandas +
             statsmodels on the same file (regress_peer.py)
  forecast   plancast forecast --method auto --horizon 6 on the M3 yearly training file (645
             series) at --threads 1 and 2

The two commands of a pair run in turn (A B A B …), after one warm-up run each; the ratio is taken
pair by pair, so a drift in the machine's speed moves both alike. Every figure is printed as
median [min–max] of the runs, with the peak resident memory of each process (wait4's rusage) and
the load average before and after.

  swift build -c release
  python3 Benchmarks/whole/whole_process.py              # --runs 5 --only attain,regress,forecast
  python3 Benchmarks/whole/whole_process.py --plancast path/to/plancast --runs 9
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def run_once(command):
    """Wall seconds and peak resident MiB of one run of `command` (output discarded)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    error = child.stderr.read()
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({child.returncode}): {error.decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def summary(values, unit, digits=3):
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"[{min(values):.{digits}f}–{max(values):.{digits}f}]"
    )


def pair(name_a, a, name_b, b, runs):
    """Runs a and b in turn; prints each one's wall, CPU and peak, and the ratio b/a per pair."""
    run_once(a)
    run_once(b)
    results = {name_a: [], name_b: []}
    for _ in range(runs):
        results[name_a].append(run_once(a))
        results[name_b].append(run_once(b))
    for name in (name_a, name_b):
        walls = [r[0] for r in results[name]]
        cpus = [r[2] for r in results[name]]
        peaks = [r[1] for r in results[name]]
        print(
            f"  {name:<34} wall {summary(walls, ' s')}  cpu {summary(cpus, ' s')}  "
            f"peak {statistics.median(peaks):.0f} MiB"
        )
    ratios = [rb[0] / ra[0] for ra, rb in zip(results[name_a], results[name_b])]
    print(f"  {name_b} / {name_a} (wall, per pair): {summary(ratios, '×', 2)}")


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plancast", default=os.path.join(ROOT, ".build", "release", "plancast"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="attain,regress,forecast")
    parser.add_argument("--draws", type=int, default=1_000_000)
    args = parser.parse_args()
    only = set(args.only.split(","))
    plancast = args.plancast
    env_note = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"# {args.runs} runs per command, {os.cpu_count()} cores, OPENBLAS_NUM_THREADS {env_note}")
    print(f"# load average before: {load()}")
    with tempfile.TemporaryDirectory() as scratch:
        if "attain" in only:
            print(f"attain --draws {args.draws}")
            base = [plancast, "attain", "--draws", str(args.draws), "--format", "csv"]
            pair("plancast, 2 threads", base + ["--threads", "2"],
                 "plancast, 1 thread", base + ["--threads", "1"], args.runs)
        if "regress" in only:
            data = os.path.join(scratch, "regression-20000x20.csv")
            subprocess.run(
                [sys.executable, os.path.join(HERE, "make_regression_csv.py"), data], check=True
            )
            columns = ",".join(f"x{j}" for j in range(1, 21))
            size = os.path.getsize(data) / 2**20
            print(f"regress on 20000×20 ({size:.1f} MiB)")
            pair(
                "plancast regress",
                [plancast, "regress", "--data", data, "--y", "y", "--x", columns, "--format", "csv"],
                "pandas + statsmodels",
                [sys.executable, os.path.join(HERE, "regress_peer.py"), data, "--y", "y", "--x",
                 columns],
                args.runs,
            )
        if "forecast" in only:
            train = os.path.join(scratch, "m3-train.csv")
            with open(os.path.join(ROOT, "Benchmarks", "m3", "data", "train.csv")) as source, open(
                train, "w"
            ) as target:
                # year_index is a position; the benchmark uses it as the year (as run_m3.sh).
                target.write(source.readline().replace("year_index", "year"))
                target.write(source.read())
            print("forecast --method auto --horizon 6 on M3 yearly (645 series)")
            base = [plancast, "forecast", "--data", train, "--horizon", "6", "--method", "auto",
                    "--format", "csv"]
            pair("plancast, 2 threads", base + ["--threads", "2"],
                 "plancast, 1 thread", base + ["--threads", "1"], args.runs)
    print(f"# load average after: {load()}")


if __name__ == "__main__":
    main()
