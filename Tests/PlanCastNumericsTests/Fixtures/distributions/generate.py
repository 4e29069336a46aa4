#!/usr/bin/env python3
"""Generate reference values for PlanCast's distribution tests (DistributionTests.swift).

Usage:  python3 generate.py            (writes reference.csv next to this script)

Deterministic: fixed parameter sets and probability grids, no randomness.
Needs mpmath (1.3) and scipy (1.17).

Where each reference value comes from (all values are exact functions of the double inputs
written to the CSV, evaluated in mpmath at WORKING_DPS significant digits and rounded once to
the nearest double):

* normal cdf/sf: mpmath.erfc at high precision.  scipy's ndtr is not used as the reference because
  it rounds x/sqrt(2) and loses relative accuracy in the far tails.
* chi2 cdf/sf:   regularized incomplete gamma P(k/2, x/2), Q(k/2, x/2) by the power series
  (x < a + 1) or Legendre continued fraction (otherwise) evaluated in mpmath arithmetic at high
  precision (mpmath.gammainc raises NoConvergence for some far-tail arguments), cross-checked
  against mpmath.gammainc and against a CHECK_DPS evaluation at sample points.
* t and F cdf/sf: regularized incomplete beta I_x(a, b).  mpmath.betainc (a 2F1 series) does not
  converge for the large parameters used here (a = b = 5e5 raises NoConvergence), so the
  reference is the Lentz continued fraction for I_x(a, b) evaluated entirely in mpmath arithmetic
  at high precision (prefactor from mpmath.loggamma, convergence tolerance 10^-(WORKING_DPS-5)),
  always on the side of the mean where it converges, and only ever returning the directly computed
  tail (a complement that would lose significance raises an error).  It is cross-checked against
  mpmath.betainc wherever that converges (all parameters <= 50) and against a second evaluation at
  CHECK_DPS digits.
* quantiles (ppf = inverse cdf, isf = inverse survival): the root of T(x) = p, with T the
  high-precision cdf or survival function above and p the exact double written to the CSV,
  found by a safeguarded Newton iteration in mpmath (log scale), started from scipy's ppf/isf.
  Relative tolerance 1e-30.

Additionally every body row (probability in [1e-3, 1 - 1e-3]) is compared with scipy as a
sanity check (cdf/sf must agree to 1e-9, ppf/isf to 1e-8; scipy is not the reference).

CSV columns: distribution,function,param1,param2,x_or_p,reference
  distribution: normal (param1 = mean, param2 = standard deviation), t (param1 = df),
                chi2 (param1 = df), f (param1 = numerator df, param2 = denominator df)
  function:     cdf, sf (x_or_p is x); ppf, isf (x_or_p is a probability)
"""

import math
import os
import sys

import mpmath as mp
from scipy import stats

WORKING_DPS = 45
CHECK_DPS = 70
mp.mp.dps = WORKING_DPS

TINY = 1e-300  # smallest probability kept (rows below it are dropped: subnormal range)

# --------------------------------------------------------------------------------------------
# High-precision special functions


def beta_cf(a, b, x, y):
    """I_x(a, b) by the Lentz continued fraction (valid/fast for x <= (a+1)/(a+b+2))."""
    eps = mp.mpf(10) ** (-(mp.mp.dps - 5))
    tiny = mp.mpf(10) ** (-(mp.mp.dps * 4))
    log_front = a * mp.log(x) + b * mp.log(y) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    qab = a + b
    qap = a + 1
    qam = a - 1
    c = mp.mpf(1)
    d = 1 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    m = 1
    while True:
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
        m += 1
        if m > 10_000_000:
            raise RuntimeError("beta continued fraction did not converge")
    return mp.exp(log_front) * h / a


def beta_pair(a, b, x, y):
    """(I_x(a,b), I_y(b,a)) with x + y = 1; the small side is computed directly."""
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if y == 0:
        return mp.mpf(1), mp.mpf(0)
    guard = mp.mpf(10) ** (-(mp.mp.dps - 15))
    if x <= (a + 1) / (a + b + 2):
        lo = beta_cf(a, b, x, y)
        up = 1 - lo
        if up < guard:
            raise RuntimeError("complement lost significance")
        return lo, up
    up = beta_cf(b, a, y, x)
    lo = 1 - up
    if lo < guard:
        raise RuntimeError("complement lost significance")
    return lo, up


def gamma_pair(a, x):
    """(P(a, x), Q(a, x)): series for x < a + 1, Legendre continued fraction otherwise."""
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    eps = mp.mpf(10) ** (-(mp.mp.dps - 5))
    tiny = mp.mpf(10) ** (-(mp.mp.dps * 4))
    guard = mp.mpf(10) ** (-(mp.mp.dps - 15))
    log_front = a * mp.log(x) - x - mp.loggamma(a + 1)
    if x < a + 1:
        s = mp.mpf(1)
        term = mp.mpf(1)
        k = a
        while True:
            k += 1
            term *= x / k
            s += term
            if term < s * eps:
                break
        lo = mp.exp(log_front) * s
        if 1 - lo < guard:
            raise RuntimeError("complement lost significance")
        return lo, 1 - lo
    bb = x + 1 - a
    c = 1 / tiny
    d = 1 / bb
    h = d
    i = 1
    while True:
        an = -i * (i - a)
        bb += 2
        d = an * d + bb
        if abs(d) < tiny:
            d = tiny
        c = bb + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
        i += 1
    up = a * mp.exp(log_front) * h
    if 1 - up < guard:
        raise RuntimeError("complement lost significance")
    return 1 - up, up


def mpf(v):
    return mp.mpf(v)


class Dist:
    """High-precision cdf / sf / pdf of one distribution with fixed double parameters."""

    def __init__(self, name, p1, p2=None):
        self.name, self.p1, self.p2 = name, p1, p2

    def positive(self):
        return self.name in ("chi2", "f", "t_abs")

    def tails(self, x):
        """(cdf, sf) at the double x, both computed without cancellation."""
        x = mpf(x)
        n = self.name
        if n == "normal":
            z = (x - mpf(self.p1)) / mpf(self.p2)
            return mp.erfc(-z / mp.sqrt(2)) / 2, mp.erfc(z / mp.sqrt(2)) / 2
        if n in ("t", "t_abs"):
            nu = mpf(self.p1)
            if x == 0:
                return mpf(0.5), mpf(0.5)
            xb = nu / (nu + x * x)
            yb = x * x / (nu + x * x)
            outer, inner = beta_pair(nu / 2, mpf(0.5), xb, yb)  # P(|T|>|x|), P(|T|<|x|)
            small = outer / 2
            big = mpf(0.5) + inner / 2
            return (small, big) if x < 0 else (big, small)
        if n == "chi2":
            if x <= 0:
                return mpf(0), mpf(1)
            a = mpf(self.p1) / 2
            return gamma_pair(a, x / 2)
        if n == "f":
            if x <= 0:
                return mpf(0), mpf(1)
            d1, d2 = mpf(self.p1), mpf(self.p2)
            xb = d1 * x / (d1 * x + d2)
            yb = d2 / (d1 * x + d2)
            return beta_pair(d1 / 2, d2 / 2, xb, yb)
        raise ValueError(n)

    def pdf(self, x):
        x = mpf(x)
        n = "t" if self.name == "t_abs" else self.name
        if n == "normal":
            return mp.npdf(x, mpf(self.p1), mpf(self.p2))
        if n == "t":
            nu = mpf(self.p1)
            return mp.exp(
                mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
                - (nu + 1) / 2 * mp.log1p(x * x / nu)
            )
        if n == "chi2":
            k = mpf(self.p1)
            return mp.exp((k / 2 - 1) * mp.log(x) - x / 2 - k / 2 * mp.log(2) - mp.loggamma(k / 2))
        if n == "f":
            d1, d2 = mpf(self.p1), mpf(self.p2)
            return mp.exp(
                d1 / 2 * mp.log(d1) + d2 / 2 * mp.log(d2) + (d1 / 2 - 1) * mp.log(x)
                - (d1 + d2) / 2 * mp.log(d1 * x + d2)
                - (mp.loggamma(d1 / 2) + mp.loggamma(d2 / 2) - mp.loggamma((d1 + d2) / 2))
            )
        raise ValueError(n)

    def scipy(self):
        n = self.name
        if n == "normal":
            return stats.norm(loc=self.p1, scale=self.p2)
        if n in ("t", "t_abs"):
            return stats.t(self.p1)
        if n == "chi2":
            return stats.chi2(self.p1)
        return stats.f(self.p1, self.p2)

    def solve(self, target, upper, rtol=mpf(10) ** -30):
        """x with sf(x) = target (upper) or cdf(x) = target, target an exact double."""
        target = mpf(target)
        if self.name == "t":
            # Symmetric: solve for |x| on the upper tail, in log scale (|x| can exceed 1e300).
            if target == mpf(0.5):
                return mpf(0)
            pos = Dist("t_abs", self.p1)
            x = pos.solve(target, True, rtol)
            return x if upper else -x
        lt = mp.log(target)
        sd = self.scipy()
        with_np = float(target)
        try:
            x0 = float(sd.isf(with_np) if upper else sd.ppf(with_np))
        except Exception:
            x0 = float("nan")
        positive = self.positive()
        if not math.isfinite(x0) or (positive and x0 <= 0):
            x0 = 1.0 if positive else 0.0

        # Work in u = log x for the positive distributions, u = x otherwise.
        def to_x(u):
            return mp.exp(u) if positive else u

        def g(u):
            x = to_x(u)
            lo, up = self.tails(x)
            t = up if upper else lo
            if t == 0:
                return (-mp.inf if True else 0), x, t
            return mp.log(t) - lt, x, t

        u = mp.log(mpf(x0)) if positive else mpf(x0)
        lo_u, hi_u = None, None  # bracket: g decreasing in u for upper, increasing for lower
        for _ in range(500):
            gv, x, t = g(u)
            if gv == 0:
                return x
            # sign bookkeeping: 'below' means u is left of the root
            below = (gv > 0) if upper else (gv < 0)
            if below:
                lo_u = u if lo_u is None else max(lo_u, u)
            else:
                hi_u = u if hi_u is None else min(hi_u, u)
            if t == 0 or not mp.isfinite(gv):
                step = None
            else:
                dens = self.pdf(x)
                deriv = (-dens / t if upper else dens / t) * (x if positive else 1)
                step = -gv / deriv if deriv != 0 else None
            if step is not None:
                step = max(min(step, mpf(50)), mpf(-50))
                new = u + step
            else:
                new = None
            if new is None or (lo_u is not None and new <= lo_u) or (hi_u is not None and new >= hi_u):
                if lo_u is not None and hi_u is not None:
                    new = (lo_u + hi_u) / 2
                elif lo_u is not None:
                    new = u + (1 if positive else max(1, abs(u)))
                else:
                    new = u - (1 if positive else max(1, abs(u)))
            scale = max(abs(new), mpf(1)) if positive else max(abs(new), mpf(10) ** -300)
            done = abs(new - u) <= rtol * scale
            if positive:
                done = abs(new - u) <= rtol  # relative in x
            u = new
            if done:
                return to_x(u)
        raise RuntimeError(f"no convergence {self.name} {self.p1} {self.p2} {target} {upper}")


# --------------------------------------------------------------------------------------------
# Parameter sets and grids

PARAMS = (
    [("normal", 0.0, 1.0), ("normal", 2.5, 0.5), ("normal", -3.0, 7.0)]
    + [("t", nu, None) for nu in (0.5, 1.0, 2.0, 3.0, 4.5, 10.0, 30.0, 250.0, 1e3, 1e6)]
    + [("chi2", k, None) for k in (0.5, 1.0, 2.0, 3.0, 7.5, 20.0, 100.0, 1e3, 1e6)]
    + [
        ("f", d1, d2)
        for d1, d2 in (
            (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (3.0, 2.0), (1.0, 10.0), (5.0, 2.5),
            (10.0, 100.0), (100.0, 10.0), (3.0, 1e3), (1e3, 3.0), (1e3, 1e3),
            (1.0, 1e6), (1e6, 1.0), (1e6, 1e6),
        )
    ]
)

SMALL = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.4]
PROBS = sorted(set(SMALL + [1.0 - p for p in SMALL if p >= 1e-12]))
EXTRA_X = {"t": [0.0, 0.5, 1.0, 2.0, 5.0, 100.0, 1e10], "chi2": [0.5, 1.0, 2.0, 10.0, 100.0],
           "f": [0.5, 1.0, 2.0, 10.0], "normal": [0.0, 1.0]}


def fmt(v):
    return repr(float(v))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "reference.csv")
    rows = []
    checks = 0
    for name, p1, p2 in PARAMS:
        d = Dist(name, p1, p2)
        sd = d.scipy()
        # x grid: quantiles of the small probabilities in both tails, rounded to 8 digits.
        xs = set(EXTRA_X.get(name, []))
        for p in SMALL:
            for upper in (False, True):
                x = d.solve(p, upper, rtol=mpf(10) ** -12)
                xf = float(mp.nstr(x, 8))
                if math.isfinite(xf) and abs(xf) < 1e300 and (xf == 0 or abs(xf) > 1e-300):
                    xs.add(xf)
        for x in sorted(xs):
            if d.positive() and x <= 0:
                continue
            lo, up = d.tails(x)
            for fn, ref in (("cdf", lo), ("sf", up)):
                if ref < TINY:
                    continue
                rows.append((name, p1, p2, fn, x, ref))
                if 1e-3 <= ref <= 1 - 1e-3:
                    s = sd.cdf(x) if fn == "cdf" else sd.sf(x)
                    if abs(s - float(ref)) > 1e-9 * float(ref):
                        raise RuntimeError(f"scipy disagrees: {name} {p1} {p2} {fn} {x} {s} {ref}")
                    checks += 1
        # quantile rows
        for p in PROBS:
            for fn in ("ppf", "isf"):
                upper = fn == "isf"
                # Solve on the tail that is the small one so the target is exact.
                if p <= 0.5:
                    x = d.solve(p, upper)
                else:
                    x = d.solve(mp.mpf(1) - mpf(p), not upper)
                if not mp.isfinite(x) or abs(x) >= 1e300 or (x != 0 and abs(x) < 1e-300):
                    continue
                rows.append((name, p1, p2, fn, p, x))
                if 1e-3 <= p <= 1 - 1e-3 and abs(x) > 1e-3:
                    s = sd.ppf(p) if fn == "ppf" else sd.isf(p)
                    if abs(s - float(x)) > 1e-8 * abs(float(x)):
                        raise RuntimeError(f"scipy disagrees: {name} {p1} {p2} {fn} {p} {s} {x}")
                    checks += 1
    # Cross-checks of the continued-fraction incomplete beta.
    for name, p1, p2 in PARAMS:
        if name not in ("t", "f"):
            continue
        a, b = (mpf(p1) / 2, mpf(0.5)) if name == "t" else (mpf(p1) / 2, mpf(p2) / 2)
        for xv in ("0.001", "0.2", "0.5", "0.8", "0.999"):
            x = mpf(xv)
            lo, up = beta_pair(a, b, x, 1 - x)
            with mp.workdps(CHECK_DPS):
                lo2, up2 = beta_pair(a, b, x, 1 - x)
            for u, v in ((lo, lo2), (up, up2)):
                if v != 0 and abs(u - v) > abs(v) * mpf(10) ** -35:
                    raise RuntimeError(f"precision check failed {a} {b} {x}")
            if max(a, b) <= 25:
                ref = mp.betainc(a, b, 0, x, regularized=True)
                if abs(ref - lo) > abs(ref) * mpf(10) ** -30:
                    raise RuntimeError(f"mpmath.betainc check failed {a} {b} {x}")
            checks += 1
    # Cross-checks of the incomplete gamma against mpmath.gammainc and a higher precision.
    for name, p1, p2 in PARAMS:
        if name != "chi2":
            continue
        a = mpf(p1) / 2
        for r in ("0.001", "0.5", "0.9", "1", "1.1", "2", "10"):
            x = a * mpf(r)
            lo, up = gamma_pair(a, x)
            with mp.workdps(CHECK_DPS):
                lo2, up2 = gamma_pair(a, x)
            pairs = [(lo, lo2), (up, up2)]
            try:
                rl = mp.gammainc(a, 0, x, regularized=True)
                ru = mp.gammainc(a, x, mp.inf, regularized=True)
                pairs += [(lo, rl), (up, ru)]
            except mp.libmp.libhyper.NoConvergence:
                pass  # mpmath's own series gives up here; the CHECK_DPS comparison remains
            for u, v in pairs:
                if v != 0 and abs(u - v) > abs(v) * mpf(10) ** -30:
                    raise RuntimeError(f"incomplete gamma check failed {a} {x}")
            checks += 1
    with open(out_path, "w") as f:
        f.write("distribution,function,param1,param2,x_or_p,reference\n")
        for name, p1, p2, fn, x, ref in rows:
            f.write(f"{name},{fn},{fmt(p1)},{'' if p2 is None else fmt(p2)},{fmt(x)},{fmt(ref)}\n")
    print(f"wrote {len(rows)} rows to {os.path.basename(out_path)} ({checks} cross-checks passed)")


if __name__ == "__main__":
    sys.exit(main())
