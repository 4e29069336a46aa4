#!/usr/bin/env python3
"""Build the china-14fyp model's observation file from the shared national series.

Reads ``shared/data/china-national.csv`` (``area,indicator,year,value,unit,source,note``;
documented in ``shared/data/china-national.md``), keeps the series the 14th plan's targets
are measured on (``INDICATORS`` below: one row per year in the shared file, so no vintage has
to be chosen), and writes ``data/observations.csv`` in PlanCast's format:

* ``city`` is the area (``China``), ``unit`` the model's unit id (``UNITS`` maps the shared
  file's unit text to it; an unknown unit text stops the script);
* ``vintage`` says which release the value is (the shared file's note says it row by row);
* ``source`` and ``note`` are copied verbatim.

Values are never changed, interpolated or derived. The GDP, energy-total, CO2-total,
non-fossil and services-share series of the shared file are not used by any 14th-plan
target and are left out (GDP and the services share also carry two vintages a year).

Usage (from the repository root)::

    python3 Models/china-14fyp/tools/build_data.py [--input PATH] [--output PATH] [--check]

``--check`` rebuilds in memory and exits 1 if the committed file differs. ``--output``
writes (or checks) another model's copy: ``Models/china-13fyp/data/observations.csv`` is
this same file (the 13th plan's targets are measured on the same national series).
Standard library only; deterministic output (sorted by indicator, year).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = MODEL_DIR.parent.parent.parent / "shared" / "data" / "china-national.csv"
OUTPUT = MODEL_DIR / "data" / "observations.csv"

# Indicator id in the shared file -> (unit text in the shared file, model unit id).
INDICATORS = {
    "urbanisation_rate": ("% of resident population urban", "pct"),
    "rnd_share": ("% of GDP", "pct"),
    "energy_intensity_change": ("% change y/y in energy use per unit GDP", "pct"),
    "co2_intensity_change": ("% change y/y in CO2 per unit GDP", "pct"),
    "life_expectancy": ("years at birth", "years"),
    "forest_cover": (None, "pct"),  # inventories quoted as "%" or "% of land area"
    "good_air_days_share": ("%", "pct"),
    "water_grade3_share": ("%", "pct"),
    "income_real_growth": (
        "% y/y real, per-capita disposable income (all residents)", "pct"),
}
FOREST_UNITS = {"%", "% of land area"}
VINTAGE = "as published (release named in the note)"
HEADER = ["city", "indicator", "year", "value", "unit", "vintage", "source", "note"]


def build(input_path: Path) -> str:
    rows = []
    seen = set()
    with input_path.open(newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            indicator = row["indicator"]
            if indicator not in INDICATORS:
                continue
            shared_unit, unit = INDICATORS[indicator]
            allowed = FOREST_UNITS if shared_unit is None else {shared_unit}
            if row["unit"] not in allowed:
                sys.exit(f"{input_path}:{line}: unit '{row['unit']}' of {indicator} is not "
                         f"one of {sorted(allowed)}; extend INDICATORS")
            key = (row["area"], indicator, row["year"])
            if key in seen:
                sys.exit(f"{input_path}:{line}: a second row for {key}; choose a vintage")
            seen.add(key)
            rows.append([row["area"], indicator, row["year"], row["value"], unit, VINTAGE,
                         row["source"], row["note"]])
    rows.sort(key=lambda r: (r[1], int(r[2])))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = build(args.input)
    if args.check:
        if args.output.read_text(encoding="utf-8") != text:
            sys.exit(f"{args.output} differs from a rebuild; run without --check")
        return
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
