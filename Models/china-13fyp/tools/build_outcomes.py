#!/usr/bin/env python3
"""Build the china-13fyp model's outcome tables from the shared past-plan outcomes.

Reads ``shared/reference/china-13fyp-outcomes.csv`` (the 12th and 13th plans' targets with
their assessed outcomes, one row per target, sources in ``target_source`` and
``outcome_source``) and writes, with every column of the shared file kept verbatim:

* ``data/outcomes.csv``: the 13th plan's rows for the targets of ``targets.toml``, with the
  target id prepended (``TARGETS`` maps the shared file's indicator text to it);
* ``data/earlier-plan-outcomes.csv``: every 12th-plan row, the base rate a forecaster knew in
  2015.

Verdicts are never changed. Usage (from the repository root)::

    python3 Models/china-13fyp/tools/build_outcomes.py [--input PATH] [--check]

``--check`` rebuilds in memory and exits 1 if a committed file differs. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = (MODEL_DIR.parent.parent.parent / "shared" / "reference"
                 / "china-13fyp-outcomes.csv")
OUTCOMES = MODEL_DIR / "data" / "outcomes.csv"
EARLIER = MODEL_DIR / "data" / "earlier-plan-outcomes.csv"
PLAN = "13th FYP (2016-2020)"
EARLIER_PLAN = "12th FYP (2011-2015)"

# Indicator text of the shared file (13th plan) -> target id in targets.toml.
TARGETS = {
    "Urbanisation rate, resident population": "T01",
    "R&D expenditure intensity": "T02",
    "Energy use per unit of GDP, reduction vs 2015": "T03",
    "CO2 emissions per unit of GDP, reduction vs 2015": "T04",
    "Average life expectancy": "T05",
    "Forest coverage": "T06",
    "Good air quality days, prefecture-level cities": "T07",
    "Surface water Grade I-III share": "T08",
}


def render(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def build(input_path: Path) -> dict[Path, str]:
    with input_path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    plan = header.index("plan")
    indicator = header.index("indicator")
    outcomes = {}
    for row in rows:
        if row[plan] == PLAN and row[indicator] in TARGETS:
            target = TARGETS[row[indicator]]
            if target in outcomes:
                sys.exit(f"{input_path}: two rows for {row[indicator]}")
            outcomes[target] = [target] + row
    missing = sorted(set(TARGETS.values()) - set(outcomes))
    if missing:
        sys.exit(f"{input_path}: no 13th-plan row for {missing}")
    earlier = [row for row in rows if row[plan] == EARLIER_PLAN]
    return {
        OUTCOMES: render(["id"] + header, [outcomes[t] for t in sorted(outcomes)]),
        EARLIER: render(header, earlier),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    for path, text in build(args.input).items():
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                sys.exit(f"{path} differs from a rebuild; run without --check")
        else:
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
