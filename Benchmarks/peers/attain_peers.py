#!/usr/bin/env python3
"""Full CZT attainment at 10^6 draws: PlanCast (attain-bench) next to a numpy-vectorised
implementation of the same simulation, with the same fitted parameters.

The Swift benchmark exports every fitted series' parameters (`attain-bench --dump-json`):
coefficient estimates, the packed Cholesky factor of their covariance, σ̂ and ν, the AR
structure and starting lags, nominal GDP's real/deflator correlation, the shock correlation
factor, the scenario's assumptions and what each does to each path, and every target's form and
observed part. The numpy model draws its own random numbers (PCG64) but runs the same
algorithm, vectorised over draws:

  per draw and linear model   σ² = σ̂²·ν/χ²_ν,  β = β̂ + (σ/σ̂)·L·z   (AR: + bias-correction shift,
                              redrawn while |φ| ≥ 1, up to 100 times)
  shocks                      z ~ N(0, I) per year, correlated by the shock factor, × residual scale
  nominal GDP                 ρ from Fisher z, real AR and deflator AR, level × (1+r)(1+d)
  real growth, energy, ...    AR recursions, log-linear, logit-linear, energy with simulated growth
  scenario                    assumption draws, growth shifts / adds applied to paths
  targets                     level, average growth, change vs base; P(attain), quantiles,
                              annual change and required shift (as PlanCast summarises)

Both times are printed with their ratio, and the P(attain) of both with their Monte Carlo errors.
numpy runs in a child process with OPENBLAS_NUM_THREADS=1 and without OPENBLAS_CORETYPE /
OPENBLAS_L2_SIZE; its BLAS is reported from threadpoolctl.

  swift build -c release --package-path Benchmarks
  python3 Benchmarks/peers/attain_peers.py            # --draws, --repetitions, --threads
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from targets import is_met

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BENCH = os.path.join(HERE, "..", ".build", "release", "attain-bench")


# --------------------------------------------------------------------------------------------
# The numpy model


def lower_from_packed(packed, m):
    import numpy as np

    L = np.zeros((m, m))
    row = 0
    for i in range(m):
        L[i, : i + 1] = packed[row : row + i + 1]
        row += i + 1
    return L


def draw_linear(u, n, rng):
    """(β, σ) for n draws: σ² = σ̂²ν/χ²_ν, β = β̂ + ratio·L·z."""
    import numpy as np

    est = np.asarray(u["estimates"], dtype=float)
    beta = np.broadcast_to(est, (n, est.size)).copy()
    if not u["random"]:
        return beta, np.full(n, u["sigma"])
    nu = u["dof"]
    ratio = np.sqrt(nu / rng.chisquare(nu, n))
    idx = np.asarray(u["estimated"], dtype=int)
    m = idx.size
    L = lower_from_packed(u["factor"], m)
    z = rng.standard_normal((n, m))
    beta[:, idx] += ratio[:, None] * (z @ L.T)
    return beta, u["sigma"] * ratio


def stationary(phi):
    """Step-down test per row of phi (n × p): all partial autocorrelations |κ| < 1."""
    import numpy as np

    n, p = phi.shape
    ok = np.ones(n, dtype=bool)
    a = phi.copy()
    for m in range(p, 0, -1):
        kappa = a[:, m - 1]
        ok &= np.isfinite(kappa) & (np.abs(kappa) < 1)
        if m == 1:
            break
        den = 1 - kappa * kappa
        den = np.where(ok, den, 1.0)
        nxt = (a[:, : m - 1] + kappa[:, None] * a[:, m - 2 :: -1][:, : m - 1]) / den[:, None]
        a = nxt
    return ok


def draw_ar_parameters(m, n, rng):
    import numpy as np

    u = m["uncertainty"]
    shift = np.asarray(m["centre_shift"], dtype=float)
    beta, sigma = draw_linear(u, n, rng)
    beta += shift
    p = m["order"]
    if m["stationary"] and p > 0:
        first = 2 if m["trend"] else 1
        bad = ~stationary(beta[:, first : first + p])
        attempt = 1
        while bad.any() and attempt < 100:
            rows = np.flatnonzero(bad)
            b, s = draw_linear(u, rows.size, rng)
            beta[rows] = b + shift
            sigma[rows] = s
            bad[rows] = ~stationary(beta[rows, first : first + p])
            attempt += 1
    return beta, sigma


def calibrate(path, calibration, rates):
    """PlanCast's reference-class calibration of simulated growth paths (n × H), in place of
    none when `calibration` is None: on the cumulative log growth c_h, c'_h = m_h + b_h +
    λ_h·(c_h − m_h), with b_h = b_H·h/H and λ_h = λ_H beyond the calibrated horizons."""
    import numpy as np

    if calibration is None:
        return path
    bias = np.asarray(calibration["bias"], dtype=float)
    scale = np.asarray(calibration["scale"], dtype=float)
    centre = np.asarray(calibration["centre"], dtype=float)
    n, horizon = path.shape
    if horizon > centre.size:
        raise SystemExit("numpy peer: calibrated path longer than the exported centre path")
    calibrated_horizons = bias.size
    h = np.arange(1, horizon + 1)
    b = np.where(h <= calibrated_horizons, bias[np.minimum(h, calibrated_horizons) - 1],
                 bias[-1] * h / calibrated_horizons)
    lam = scale[np.minimum(h, calibrated_horizons) - 1]
    step = 100 * np.log1p(np.maximum(path, -99.99) / 100) if rates else path
    c = np.cumsum(step, axis=1)
    m = centre[:horizon]
    out = np.diff(m + b + lam * (c - m), axis=1, prepend=0.0)
    return 100 * np.expm1(out / 100) if rates else out


def simulate_ar_growth(m, z, rng):
    """Working growth for the z.shape[1] years after the model's last observation; z holds the
    innovations of those years (latent bridge years draw their own)."""
    import numpy as np

    n, horizon = z.shape
    beta, sigma = draw_ar_parameters(m, n, rng)
    p = m["order"]
    first = 2 if m["trend"] else 1
    last, ref, start = m["last_year"], m["reference"], m["start_year"]
    hist = [np.full(n, v) for v in m["initial_history"]]
    bridge = m["bridge"]
    out = np.empty((n, horizon))
    for year in range(start + 1, last + horizon + 1):
        if year <= last and bridge[year - start - 1] is not None:
            x = np.full(n, bridge[year - start - 1])
        else:
            mean = beta[:, 0].copy()
            if m["trend"]:
                mean += beta[:, 1] * (year - ref)
            for i in range(p):
                mean += beta[:, first + i] * hist[-1 - i]
            j = first + p
            for s in m["steps"]:
                if year >= s:
                    mean += beta[:, j]
                j += 1
            zz = z[:, year - last - 1] if year > last else rng.standard_normal(n)
            x = mean + sigma * zz
        hist.append(x)
        if year > last:
            out[:, year - last - 1] = x
    return calibrate(out, m.get("calibration"), m["input"] != "levels")


def simulate_series(s, innov, rng):
    """One series' paths (n × horizon) from its innovations (n × horizon × components)."""
    import numpy as np

    m = s["model"]
    n, horizon, _ = innov.shape
    kind = m["model"]
    if kind == "ar":
        g = simulate_ar_growth(m, innov[:, :, 0], rng)
        if m["input"] == "levels":
            return m["last_level"] * np.exp(np.cumsum(g / 100, axis=1))
        return g
    if kind == "nominal":
        real, defl = m["real"], m["deflator"]
        rho = np.full(n, m["correlation"])
        if m["correlation_years"] > 3:
            rho = np.tanh(
                np.arctanh(m["correlation"])
                + rng.standard_normal(n) / np.sqrt(m["correlation_years"] - 3)
            )
        comp = np.sqrt(1 - rho * rho)
        last = m["last_year"]
        rg, dg = last - real["last_year"], last - defl["last_year"]
        u, v = innov[:, :, 0], innov[:, :, 1]
        zr = np.concatenate([rng.standard_normal((n, rg)), u], axis=1)
        zd = np.concatenate([rng.standard_normal((n, dg)), rho[:, None] * u + comp[:, None] * v], axis=1)
        r = simulate_ar_growth(real, zr, rng)[:, rg:]
        d = simulate_ar_growth(defl, zd, rng)[:, dg:]
        return m["last_level"] * np.cumprod((1 + r / 100) * (1 + d / 100), axis=1)
    if kind == "loglinear":
        beta, sigma = draw_linear(m["uncertainty"], n, rng)
        ref = m["last_year"]
        years = ref + 1 + np.arange(horizon)
        mean = beta[:, [0]] + beta[:, [1]] * (years - ref)
        for j, b in enumerate(m["breaks"]):
            mean += beta[:, [2 + j]] * (years >= b)
        return np.exp(mean + sigma[:, None] * innov[:, :, 0])
    if kind == "logit":
        beta, sigma = draw_linear(m["uncertainty"], n, rng)
        h = 1 + np.arange(horizon)
        x = beta[:, [0]] + beta[:, [1]] * h + sigma[:, None] * innov[:, :, 0]
        return m["scale"] / (1 + np.exp(-x))
    if kind == "energy":
        beta, sigma = draw_linear(m["uncertainty"], n, rng)
        last = m["last_year"]
        growth = None
        if m["has_growth"]:
            gm = m["growth_model"]
            observed = {int(k): v for k, v in m["observed_growth"].items()}
            sim = None
            glast = last
            if gm is not None:
                glast = gm["last_year"]
                count = max(0, last + horizon - glast)
                z = np.empty((n, count))
                for i in range(count):
                    year = glast + i + 1
                    z[:, i] = innov[:, year - last - 1, 1] if year > last else rng.standard_normal(n)
                sim = simulate_ar_growth(gm, z, rng)
            growth = np.empty((n, horizon))
            for h in range(horizon):
                year = last + h + 1
                if year in observed:
                    growth[:, h] = observed[year]
                elif gm is None:
                    vals = m["scenario_growth"]
                    growth[:, h] = vals[min(h, len(vals) - 1)]
                else:
                    growth[:, h] = sim[:, year - glast - 1]
        years = last + 1 + np.arange(horizon)
        mean = np.broadcast_to(beta[:, [0]], (n, horizon)).copy()
        j = 1
        if m["trend"]:
            mean += beta[:, [1]] * (years - last)
            j = 2
        if m["has_growth"]:
            mean += beta[:, [j]] * growth
            j += 1
        for s_year in m["steps"]:
            mean += beta[:, [j]] * (years >= s_year)
            j += 1
        return mean + sigma[:, None] * innov[:, :, 0]
    if kind == "random_walk":
        dof = m["degrees_of_freedom"]
        s_draw = m["sigma"] * np.sqrt(dof / rng.chisquare(dof, n))
        c = np.zeros(n)
        if m["drift"]:
            c = m["drift_estimate"] + s_draw / np.sqrt(m["changes"]) * rng.standard_normal(n)
        return m["last_value"] + np.cumsum(c[:, None] + s_draw[:, None] * innov[:, :, 0], axis=1)
    raise SystemExit(f"numpy peer: unsupported model {kind}")


def assumption_values(assumptions, n, rng):
    import numpy as np

    values = []
    for a in assumptions:
        d, p = a["distribution"], a["parameters"]
        if d == "fixed":
            values.append(np.full(n, p[0]))
        elif d == "normal":
            values.append(p[0] + p[1] * rng.standard_normal(n))
        elif d == "uniform":
            values.append(rng.uniform(p[0], p[1], n))
        else:
            values.append(rng.triangular(p[0], p[1], p[2], n))
    return values


def apply_operations(s, path, values):
    import numpy as np

    for op in s["operations"]:
        v = values[op["assumption"]]
        listed = op["listed"]
        if op["kind"] == "add":
            for h, on in enumerate(listed):
                if on:
                    path[:, h] += v
        elif op["kind"] == "fix":
            for h, on in enumerate(listed):
                if on:
                    path[:, h] = v
        elif op["kind"] == "compound":
            factor = np.ones(path.shape[0])
            offset = np.zeros(path.shape[0])
            for h, on in enumerate(listed):
                if on:
                    if op["multiplicative"]:
                        factor = factor * (1 + v / 100)
                    else:
                        offset = offset + v
                path[:, h] = path[:, h] * factor + offset
                if op["clamp"]:
                    np.clip(path[:, h], 0, 100, out=path[:, h])


def product_path(m, share, base, n):
    """share / 100 × base per projected year, each from its path or its observed value."""
    import numpy as np

    def column(index, observed, path, h):
        if index[h] >= 0:
            return path[:, index[h]]
        return np.full(n, observed[h] if index[h] == -1 else np.nan)

    horizon = len(m["share_index"])
    return np.stack(
        [column(m["share_index"], m["share_observed"], share, h) / 100
         * column(m["base_index"], m["base_observed"], base, h) for h in range(horizon)],
        axis=1)


def target_quantity(t, s, path):
    import numpy as np

    lo, hi = t["projected"]
    form = t["form"]
    if form in ("level", "share"):
        if t["year"] <= s["last_observed"]:
            return np.full(path.shape[0], t["observed_part"])
        return path[:, t["year"] - s["first_projected"]].copy()
    part = t["observed_part"]
    if form == "cumulative":
        return part + path[:, lo:hi].sum(axis=1)
    product = part * np.prod(1 + path[:, lo:hi] / 100, axis=1)
    if form == "average_growth":
        return 100 * (product ** (1 / (t["years"][1] - t["years"][0] + 1)) - 1)
    return 100 * (product - 1)


def annual_change(t, s, path, q):
    import numpy as np

    lo, hi = t["projected"]
    if t["form"] in ("level", "share"):
        h = t["year"] - t["last_observed"]
        if t["shift"]["kind"] == "multiplicative":
            return 100 * ((q / t["last_observed_value"]) ** (1 / h) - 1)
        return (q - t["last_observed_value"]) / h
    r = path[:, lo:hi]
    if t["form"] == "cumulative":
        return r.mean(axis=1)
    return 100 * (np.prod(1 + r / 100, axis=1) ** (1 / (hi - lo)) - 1)


def required_shift(t, q):
    import numpy as np

    sh = t["shift"]
    if sh["kind"] == "multiplicative":
        if t["form"] in ("average_growth", "change_vs_base"):
            ratio = (1 + t["target_value"] / 100) / (1 + q / 100)
        else:
            ratio = t["target_value"] / q
        with np.errstate(invalid="ignore"):
            return np.where(ratio > 0, 100 * (ratio ** (1 / sh["exponent"]) - 1), np.nan)
    if sh["kind"] == "additive":
        return (t["target_value"] - q) / sh["weight"]
    return None


def simulate_chunk(d, n, rng):
    """Target quantities, annual changes and required shifts for n draws."""
    import numpy as np

    dim = d["dimension"]
    y0, y1 = d["shock_years"]
    years = y1 - y0 + 1
    # Column-major lower factor.
    L = np.asarray(d["correlation_factor"], dtype=float).reshape(dim, dim).T
    shocks = rng.standard_normal((n, years, dim)) @ L.T
    values = assumption_values(d["assumptions"], n, rng)
    paths = []
    # As PlanCast: a series no target reads (fitted and in the shock correlation, but its
    # target has no probability) is not simulated.
    read = {t["series"] for t in d["targets"]}
    for k in list(read):
        m = d["series"][k]["model"]
        if m["model"] == "product":
            read |= {m["share"], m["base"]}
    for k, s in enumerate(d["series"]):
        if k not in read or s["model"]["model"] == "product":
            paths.append(None)
            continue
        h, c, off = s["horizon"], s["components"], s["component_offset"]
        first = s["first_projected"] - y0
        innov = s["residual_scale"] * shocks[:, first : first + h, off : off + c]
        path = simulate_series(s, innov, rng)
        apply_operations(s, path, values)
        paths.append(path)
    # A product (urban population = rate / 100 × resident) from its components' adjusted paths.
    for k, s in enumerate(d["series"]):
        m = s["model"]
        if k in read and m["model"] == "product" and s["horizon"] > 0:
            paths[k] = product_path(m, paths[m["share"]], paths[m["base"]], n)
    out = []
    for t in d["targets"]:
        s = d["series"][t["series"]]
        q = target_quantity(t, s, paths[t["series"]])
        ch = annual_change(t, s, paths[t["series"]], q)
        sh = required_shift(t, q)
        out.append((q, ch, sh))
    return out


def numpy_attainment(d, draws, seed, chunk=200_000):
    """The full run: simulate in chunks, then summarise every target as PlanCast does."""
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(seed))
    parts = [simulate_chunk(d, min(chunk, draws - k), rng) for k in range(0, draws, chunk)]
    results = {}
    for i, t in enumerate(d["targets"]):
        q = np.concatenate([p[i][0] for p in parts])
        ch = np.concatenate([p[i][1] for p in parts])
        p_met = float(np.mean(is_met(t, q)))
        quant = np.quantile(q, [0.5, 0.1, 0.9, 0.025, 0.975])
        np.quantile(ch, 0.5)
        if parts[0][i][2] is not None:
            sh = np.concatenate([p[i][2] for p in parts])
            np.quantile(sh, [0.5, 0.8])
        results[t["id"]] = {
            "probability": p_met,
            "mc_se": (p_met * (1 - p_met) / draws) ** 0.5,
            "median": float(quant[0]),
        }
    return results


def child(args):
    """Runs in the child process with numpy's environment: times the numpy model."""
    import numpy as np

    try:
        from threadpoolctl import threadpool_info

        blas = [
            f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
            f"threads={i.get('num_threads')}"
            for i in threadpool_info()
        ]
    except ImportError:
        blas = ["threadpoolctl not installed"]
    with open(args.description) as f:
        d = json.load(f)
    times = []
    result = None
    for r in range(args.repetitions):
        start = time.perf_counter()
        cpu = time.process_time()
        result = numpy_attainment(d, args.draws, args.seed + r)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    print(json.dumps({"times": times, "result": result, "blas": blas, "numpy": np.__version__}))


def median(x):
    s = sorted(x)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--threads", default="1,2", help="PlanCast thread counts")
    parser.add_argument("--seed", type=int, default=20210602)
    parser.add_argument("--bench", default=DEFAULT_BENCH, help="attain-bench executable")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--description", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    with tempfile.TemporaryDirectory() as tmp:
        description = os.path.join(tmp, "czt.json")
        swift_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        subprocess.run([args.bench, "--dump-json", description], check=True, env=swift_env)
        load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        swift = json.loads(
            subprocess.run(
                [args.bench, "--draws", str(args.draws), "--threads", args.threads,
                 "--repetitions", str(args.repetitions), "--seed", str(args.seed),
                 "--json", "--floor"],
                check=True, env=swift_env, capture_output=True, text=True,
            ).stdout
        )
        peer_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            peer_env.pop(variable, None)
        peer = json.loads(
            subprocess.run(
                [sys.executable, __file__, "--child", "--description", description,
                 "--draws", str(args.draws), "--repetitions", str(args.repetitions),
                 "--seed", str(args.seed)],
                check=True, env=peer_env, capture_output=True, text=True,
            ).stdout
        )
        load_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    np_wall = median([t[0] for t in peer["times"]])
    np_cpu = median([t[1] for t in peer["times"]])
    print(f"Full CZT attainment (baseline), {args.draws:,} draws, median of {args.repetitions}")
    print(f"load: before {load.split('load average:')[-1].strip()}, "
          f"after {load_after.split('load average:')[-1].strip()}")
    print(f"numpy {peer['numpy']}; BLAS: {'; '.join(peer['blas'])}")
    print()
    print(f"| implementation | wall (s) | CPU (s) | numpy wall / this wall |")
    print(f"|---|---|---|---|")
    for run in swift["runs"]:
        print(f"| PlanCast, {run['threads']} thread{'s' if run['threads'] > 1 else ''} | "
              f"{run['median_seconds']:.3f} | {run['median_cpu_seconds']:.3f} | "
              f"{np_wall / run['median_seconds']:.1f}× |")
    print(f"| numpy (1 thread) | {np_wall:.3f} | {np_cpu:.3f} | 1.0× |")
    print()
    print("| target | PlanCast P ± se | numpy P ± se | difference / combined se |")
    print("|---|---|---|---|")
    run = swift["runs"][0]
    worst = 0.0
    for tid, p in run["probabilities"].items():
        se = run["standard_errors"][tid]
        q = peer["result"][tid]
        z = (p - q["probability"]) / (se * se + q["mc_se"] ** 2) ** 0.5 if se > 0 else 0.0
        worst = max(worst, abs(z))
        print(f"| {tid} | {p:.4f} ± {se:.4f} | {q['probability']:.4f} ± {q['mc_se']:.4f} | "
              f"{z:+.1f} |")
    print()
    f = swift["floor"]
    variates = swift["shock_normals_per_draw"] + swift["parameter_variates_per_draw"]
    print(f"floor (one thread): Philox ziggurat {f['ziggurat_per_second'] / 1e6:.1f} M normals/s, "
          f"Box–Muller {f['box_muller_per_second'] / 1e6:.1f} M/s; {variates} variates per draw "
          f"→ {swift['rng_floor_seconds_single_thread']:.3f} s per {args.draws:,} draws")
    print(f"draw store {f['store_bytes'] / 1e6:.0f} MB: first touch {f['first_touch_seconds']:.3f} s, "
          f"rewrite {f['rewrite_seconds']:.3f} s ({f['write_bandwidth_bytes_per_second'] / 1e9:.1f} GB/s)")
    print(f"agreement: worst |difference| = {worst:.1f} combined standard errors "
          f"({'within' if worst < 4 else 'OUTSIDE'} 4)")


if __name__ == "__main__":
    main()
