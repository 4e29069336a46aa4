"""What the peer scripts share about PlanCast's targets (as exported by the Swift benchmarks)."""

import numpy as np


def is_met(t, q):
    """Whether quantity q (a number or a numpy array) meets target t: its comparator and value,
    the direction for "reach" (=), the tolerance for "about" (≈)."""
    c, v = t["comparator"], t["value"]
    if c == ">=":
        return q >= v
    if c == ">":
        return q > v
    if c == "<=":
        return q <= v
    if c == "<":
        return q < v
    if c == "=":
        return q >= v if t["direction"] >= 0 else q <= v
    return np.abs(q - v) <= (t["tolerance"] or 0)
