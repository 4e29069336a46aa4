#!/usr/bin/env python3
"""Sobol indices on the CZT model: PlanCast against SALib + a numpy model of the same sweep.

    python3 Benchmarks/peers/sobol_peers.py [--plancast PATH] [--samples 16384] [--draws 256]

Both sides compute first-order and total Sobol indices (Saltelli design, N base samples, d = 4
baseline assumptions, N·(d+2) points; Saltelli-2010 S1, Jansen ST, 1000 bootstrap resamples) of
P(attain) and of the median target-year value of every projected target, each point estimated
from --draws Monte Carlo draws with common random numbers (the same draws at every point).

PlanCast: `plancast sweep sobol` end to end (process start, model fitting, simulation, points,
analysis, output), timed from outside.

numpy + SALib: the simulated draws come from PlanCast (`--dump-draws`: per series the raw
simulated paths before assumption effects — shocks, parameter draws — with observed values and
the definitions of assumptions and targets), loaded untimed. Timed: SALib's Saltelli sample
(scramble=False, skip_values=N, as PlanCast), the numpy model — assumption effects applied to
every draw at every point exactly as PlanCast's ScenarioEffects does, target quantities, P(attain)
and the median, vectorised over points × draws — and SALib's sobol.analyze. The numpy side thus
skips the time-series simulation (done once, 256 draws, a negligible share on either side) and
re-implements the per-point work that dominates. Its indices are compared with PlanCast's.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from targets import is_met

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def plancast_args(args, extra):
    return [args.plancast, "sweep", "sobol", "--model", os.path.join(ROOT, "Models/czt-2025"),
            "--samples", str(args.samples), "--draws", str(args.draws), "--threads",
            str(args.threads), "--seed", "20210602", "--format", "json"] + extra


def problem_of(dump):
    names, bounds, dists = [], [], []
    for f in dump["factors"]:
        d = f["distribution"]
        kind, params = d.split("(")[0], [float(x) for x in d[d.index("(") + 1:-1].split(",")]
        names.append(f["name"])
        if kind == "uniform":
            dists.append("unif")
            bounds.append(params)
        elif kind == "normal":
            dists.append("norm")
            bounds.append(params)
        else:
            raise SystemExit(f"factor distribution {d} not handled by this peer")
    return {"num_vars": len(names), "names": names, "bounds": bounds, "dists": dists}


class NumpyModel:
    """PlanCast's per-point work for one scenario over fixed draws, vectorised."""

    def __init__(self, dump, factor_names):
        self.draws = dump["draws"]
        self.series = dump["series"]
        self.assumptions = dump["assumptions"]
        self.targets = dump["targets"]
        n_a = len(self.assumptions)
        self.values = np.array(dump["values"]).reshape(self.draws, n_a)
        self.factor_index = {
            i: factor_names.index(a["name"]) for i, a in enumerate(self.assumptions)
            if a["name"] in factor_names}
        for s in self.series:
            s["raw"] = np.array(s["paths"]).reshape(self.draws, s["horizon"])
            s["obs"] = {int(y): v for y, v in s["observed"]}

    def value(self, k, x, a):
        """Assumption a's value: the point's (points × 1) or the draw's (1 × draws)."""
        if a in self.factor_index:
            return x[:, self.factor_index[a]][:, None]
        return self.values[:, a][None, :]

    def path(self, k, x):
        s = self.series[k]
        if s.get("product"):
            return self.product_path(s["product"], x)
        p = np.broadcast_to(s["raw"], (x.shape[0],) + s["raw"].shape).copy()
        for entry in s["assumptions"]:
            a, follows = entry["index"], entry["follows"]
            info = self.assumptions[a]
            v = self.value(k, x, a)
            kind = "level" if follows else s["kind"]
            mult = kind == "level" and (follows or s["trend"] != "difference")
            factor = np.ones((x.shape[0], self.draws))
            offset = np.zeros((x.shape[0], self.draws))
            for h in range(s["horizon"]):
                year = s["first_projected"] + h
                listed = info["years"] is None or year in info["years"]
                e = info["effect"]
                if e in ("growth_shift", "shock"):
                    if kind == "rate":
                        if listed:
                            p[:, :, h] += v
                        continue
                    if listed:
                        if mult or (kind == "level" and e == "shock"):
                            factor = factor * (1 + v / 100)
                        else:
                            offset = offset + v
                    p[:, :, h] = p[:, :, h] * factor + offset
                    if kind == "share":
                        p[:, :, h] = np.clip(p[:, :, h], 0, 100)
                elif e == "add":
                    if listed:
                        p[:, :, h] += v
                elif e == "fix":
                    if listed:
                        p[:, :, h] = v
        return p

    def product_path(self, m, x):
        """share / 100 × base from the components' adjusted paths (urban = rate × resident)."""
        share, base = self.path(m["share"], x), self.path(m["base"], x)
        shape = (x.shape[0], self.draws)

        def column(index, observed, p, h):
            if index[h] >= 0:
                return p[:, :, index[h]]
            return np.full(shape, observed[h] if index[h] == -1 else np.nan)

        horizon = len(m["share_index"])
        return np.stack(
            [column(m["share_index"], m["share_observed"], share, h) / 100
             * column(m["base_index"], m["base_observed"], base, h) for h in range(horizon)],
            axis=2)

    def quantity(self, t, p):
        s = self.series[t["series"]]

        def at(year):
            if year < s["first_projected"]:
                return np.full(p.shape[:2], s["obs"][year])
            return p[:, :, year - s["first_projected"]]

        years = range(t["first_year"], t["year"] + 1)
        if t["form"] in ("level", "share"):
            return at(t["year"])
        if t["form"] == "average_growth":
            prod = np.prod([1 + at(y) / 100 for y in years], axis=0)
            return 100 * (prod ** (1 / len(years)) - 1)
        if t["form"] == "change_vs_base":
            return 100 * (np.prod([1 + at(y) / 100 for y in years], axis=0) - 1)
        return np.sum([at(y) for y in years], axis=0)

    def evaluate(self, x, chunk=2048):
        """P(attain) and median per target at each row of x: two (points × targets) arrays."""
        n = x.shape[0]
        prob = np.empty((n, len(self.targets)))
        med = np.empty((n, len(self.targets)))
        for start in range(0, n, chunk):
            xc = x[start:start + chunk]
            paths = {}
            for j, t in enumerate(self.targets):
                k = t["series"]
                if k not in paths:
                    paths[k] = self.path(k, xc)
                q = self.quantity(t, paths[k])
                prob[start:start + chunk, j] = is_met(t, q).mean(axis=1)
                med[start:start + chunk, j] = np.median(q, axis=1)
        return prob, med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plancast", default=os.path.join(ROOT, ".build/release/plancast"))
    ap.add_argument("--samples", type=int, default=1 << 14)
    ap.add_argument("--draws", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        dump_path = os.path.join(tmp, "draws.json")
        subprocess.run(plancast_args(args, ["--samples", "2", "--dump-draws", dump_path]),
                       check=True, stdout=subprocess.DEVNULL)
        with open(dump_path) as f:
            dump = json.load(f)

    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        out = subprocess.run(plancast_args(args, []), check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
    plancast_time = min(times)
    ours = json.loads(out.stdout)
    points = ours["points"]

    problem = problem_of(dump)
    t0 = time.perf_counter()
    x = sobol_sample.sample(problem, args.samples, calc_second_order=False, scramble=False,
                            skip_values=args.samples)
    model = NumpyModel(dump, problem["names"])
    prob, med = model.evaluate(x)
    peer = {}
    for j, t in enumerate(model.targets):
        for name, y in (("probability", prob[:, j]), ("median", med[:, j])):
            if np.ptp(y) == 0:
                continue
            si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=1000,
                                       conf_level=0.95, seed=1)
            peer[(t["id"], name)] = si
    numpy_time = time.perf_counter() - t0

    diffs = []
    for row in ours["results"]:
        key = (row["target"], row["output"])
        if key in peer and row["S1"] is not None:
            j = problem["names"].index(row["factor"])
            diffs.append(max(abs(row["S1"] - peer[key]["S1"][j]), abs(row["ST"] - peer[key]["ST"][j])))

    print(f"Sobol indices, CZT baseline, d = {problem['num_vars']}, N = {args.samples} base samples, "
          f"{points} points × {args.draws} draws (CRN), 1000 bootstrap resamples")
    print(f"  PlanCast sweep sobol ({args.threads} threads, whole process, best of {args.repeats}): "
          f"{plancast_time:8.3f} s")
    print(f"  SALib + numpy model (sample, evaluate, analyse):               {numpy_time:8.3f} s")
    print(f"  ratio: PlanCast {numpy_time / plancast_time:.1f}× faster")
    print(f"  largest |S1|/|ST| difference between the two: {max(diffs):.2e} over {len(diffs)} indices")
    for (tid, name), si in sorted(peer.items()):
        print(f"    {tid} {name:11s} SALib S1 {np.round(si['S1'], 3)} ST {np.round(si['ST'], 3)}")


if __name__ == "__main__":
    sys.exit(main())
