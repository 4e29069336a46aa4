#!/usr/bin/env python3
"""Build the CZT model's observation file from the shared public statistics.

Reads ``shared/data/public-statistics.csv`` (long format: city, indicator, year,
value, unit, source, note), keeps ONE vintage per (city, indicator) series by the
rules in ``RULES`` below, and writes

* ``data/observations.csv``: the rows kept, with the unit normalised to the
  model's unit id, a ``vintage`` label, and the source and note copied verbatim;
* ``data/excluded.csv``: every row left out, with its line in the shared file and
  the reason.

Values are never changed, interpolated or derived here. Regional ("CZT") values
are computed by PlanCast from the member cities, not by this script; the few
regional figures published as such are kept as observations so that tests can
compare them with the computed ones.

Usage (from the repository root)::

    python3 Models/czt-2025/tools/build_data.py [--input PATH] [--check]

``--check`` rebuilds in memory and exits 1 if the committed files differ.
Standard library only; deterministic output (sorted by area, indicator, year).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

MODEL_DIR = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = MODEL_DIR.parent.parent.parent / "shared" / "data" / "public-statistics.csv"

CITIES = ("Changsha", "Zhuzhou", "Xiangtan")
AREA_ORDER = {"CZT": 0, "Changsha": 1, "Zhuzhou": 2, "Xiangtan": 3, "Hunan": 4, "China": 5}

# Shared-file unit spellings -> the model's unit ids (declared in indicators.toml).
UNITS = {
    "100m yuan": "100m_yuan",
    "100m_yuan": "100m_yuan",
    "%": "pct",
    "pct": "pct",
    "% of GDP": "pct",
    "% change vs previous year": "pct",
    "10k persons": "10k_persons",
    "10k_persons": "10k_persons",
    "persons": "persons",
    "yuan": "yuan",
    "count": "count",
    "ug/m3": "ug_m3",
    "ug_m3": "ug_m3",
    "prev year=100": "prev_year_100",
}


@dataclass
class Row:
    line: int
    city: str
    indicator: str
    year: int
    value: str
    unit: str
    source: str
    note: str


# A rule decides, for one row, either a (rank, vintage) pair -- higher rank wins
# when several rows remain for one (city, indicator, year) -- or None with a
# reason for leaving the row out.
Decision = tuple[Optional[tuple[int, str]], str]
Rule = Callable[[Row], Decision]


def keep(vintage: str, rank: int = 0) -> Decision:
    return (rank, vintage), ""


def drop(reason: str) -> Decision:
    return None, reason


# Last year of the CSMAR city yearbook GDP series; later city levels are first-published.
CSMAR_LAST_YEAR = 2021


def census_basis(year: int) -> str:
    """The economic-census basis of a first-published or yearbook GDP level of ``year``."""
    if year <= 2018:
        return "pre-4th-economic-census"
    if year <= 2023:
        return "post-4th-economic-census"
    return "post-5th-economic-census"


def gdp_nominal(r: Row) -> Decision:
    if r.city in CITIES:
        if r.note.startswith("CSMAR"):
            return keep(f"city yearbook series (CSMAR), {census_basis(r.year)}")
        if r.year > CSMAR_LAST_YEAR:
            # The yearbook's 2021 values equal the first-published ones, so the series
            # continues on the same (first-published) vintage; 2024 starts the 5th-census basis.
            return keep(f"first published (bulletin or report), {census_basis(r.year)}")
        return drop("other vintage of a year the CSMAR yearbook series covers (one vintage per series)")
    if r.city == "Hunan":
        if "NBS current (REVISED)" in r.note:
            return keep("NBS current revised series")
        return drop("initial bulletin value; the NBS current revised series is used for Hunan")
    if r.city == "CZT":
        return keep(f"published regional figure (first published), {census_basis(r.year)}")
    return drop("area not in the model")


def gdp_real_growth(r: Row) -> Decision:
    if r.city in CITIES:
        if r.note.startswith("CSMAR GDPYoY"):
            return keep("city yearbook series (CSMAR)", 2)
        if r.city == "Zhuzhou" and r.year == 2019:
            return keep("preliminary (government work report), approximate", 1)
        return keep("statistical bulletin", 1)
    if r.city in ("Hunan", "CZT"):
        return keep("statistical bulletin (first published)")
    return drop("area not in the model")


def pop_resident(r: Row) -> Decision:
    if r.city in CITIES:
        if "298个地级市人口密度" in r.source:
            if r.year == 2010:
                return keep("revised to 2020 census (2010 = 6th census count, 1 Nov)")
            return keep("revised to 2020 census, year-end")
        return drop("pre-2020-census bulletin series or census point; the series revised to the 2020 census is used")
    if r.city == "Hunan":
        if "NBS CURRENT (post-2020-census back-revised)" in r.note:
            return keep("revised to 2020 census, year-end (NBS current)")
        return drop("pre-2020-census bulletin series or census point; the NBS series revised to the 2020 census is used")
    return drop("area not in the model")


def pop_census(r: Row) -> Decision:
    return keep("7th population census, 1 Nov 2020")


def pop_urban(r: Row) -> Decision:
    if r.city in CITIES:
        if "leiii/census" in r.source:
            return keep(f"population census {r.year}, 1 Nov")
        if r.year >= 2021:
            return keep("2020-census basis, year-end bulletin")
        return drop("pre-2020-census bulletin basis (consistent only with the unrevised population series)")
    if r.city == "Hunan":
        if r.year >= 2021:
            return keep("2020-census basis, year-end bulletin")
        return drop("pre-2020-census bulletin basis (consistent only with the unrevised population series)")
    return drop("area not in the model")


def urbanisation_rate(r: Row) -> Decision:
    if r.city in CITIES:
        if r.year >= 2021:
            return keep("2020-census basis, year-end bulletin")
        return drop("annual sample-survey rate on the pre-2020-census basis; census basis is used (2010 and 2020 census counts, bulletins from 2021)")
    if r.city == "Hunan":
        if "compiled thesis panel" in r.note:
            return keep("compiled panel, consistent with post-2020-census revision")
        return drop("bulletin value; the panel series consistent with the post-2020-census revision is used for Hunan")
    return drop("area not in the model")


def energy_intensity_change(r: Row) -> Decision:
    if "PROVISIONAL" in r.note:
        return drop("provisional headline ('expected to fall'), not a published statistic")
    if r.city == "China":
        if "revised after 2nd economic census" in r.note:
            return keep("latest revision (after 2nd economic census)", 3)
        if "revised with GDP after agricultural census" in r.note:
            return keep("revised after agricultural census", 2)
        if "INITIAL" in r.note or "PRELIMINARY" in r.note:
            return keep("initial estimate", 0)
        if r.year >= 2023:
            return keep("communique or bulletin, new definition (fossil energy only, from 2023)", 1)
        return keep("communique or bulletin", 1)
    if r.city in ("Hunan",) + CITIES:
        return keep("communique or bulletin")
    return drop("area not in the model")


def secondary_share(r: Row) -> Decision:
    if r.city in CITIES:
        basis = "pre-4th-economic-census" if r.year <= 2018 else "post-4th-economic-census"
        return keep(f"city yearbook series (CSMAR / identical panel), {basis}")
    if r.city == "Hunan":
        if "compiled thesis panel" in r.note:
            return keep("compiled panel", 1)
        return drop("initial communique value; the compiled panel is used for Hunan")
    return drop("area not in the model")


def single(vintage: str) -> Rule:
    def rule(r: Row) -> Decision:
        return keep(vintage)

    return rule


RULES: dict[str, Rule] = {
    "gdp_nominal": gdp_nominal,
    "gdp_real_growth": gdp_real_growth,
    "pop_resident": pop_resident,
    "pop_census": pop_census,
    "pop_urban": pop_urban,
    "urbanisation_rate": urbanisation_rate,
    "energy_intensity_change": energy_intensity_change,
    "secondary_share": secondary_share,
    "cpi": single("as published"),
    "urban_income": single("as published"),
    "rnd_share": single("as published"),
    "pm25": single("as published"),
    "good_air_days_share": single("as published"),
    "forest_cover": single("as published"),
    "hightech_va": single("as published"),
    "hightech_enterprises": single("as published"),
}

NOT_MODELLED = {
    "energy_intensity_level": "levels at different price bases cannot be chained; the model uses annual changes",
    "energy_total": "not used by any target or rule",
    "electricity_total": "not used by any target or rule",
    "gdp_share_hunan": "computed by a reporter, not an official figure",
    "pop_share_hunan_census": "not used by any target or rule",
    "gdp_real_growth_avg_2020_2021": "two-year average, derivable from the annual rates",
    "gdp_real_growth_avg_2021_2024": "four-year average, derivable from the annual rates",
    "gdp_nominal_growth": "nominal growth against a revised 2023 level that is not published; the model uses levels and real growth",
    "gdp_per_capita": "not used by any target or rule",
    "urban_income_growth": "a growth rate without the level it applies to; the model uses income levels",
}


def read_rows(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = []
        for rec in reader:
            rows.append(
                Row(
                    line=reader.line_num,
                    city=rec["city"],
                    indicator=rec["indicator"],
                    year=int(rec["year"]),
                    value=rec["value"].strip(),
                    unit=rec["unit"],
                    source=rec["source"],
                    note=rec["note"],
                )
            )
        return rows


def select(rows: list[Row]) -> tuple[list[tuple[Row, str]], list[tuple[Row, str]]]:
    best: dict[tuple[str, str, int], tuple[int, str, Row]] = {}
    excluded: list[tuple[Row, str]] = []
    for r in rows:
        if r.indicator in NOT_MODELLED:
            excluded.append((r, "indicator not modelled: " + NOT_MODELLED[r.indicator]))
            continue
        rule = RULES.get(r.indicator)
        if rule is None:
            raise SystemExit(f"line {r.line}: no selection rule for indicator {r.indicator!r}; add one to RULES")
        if r.unit not in UNITS:
            raise SystemExit(f"line {r.line}: unit {r.unit!r} has no model unit; add it to UNITS")
        decision, reason = rule(r)
        if decision is None:
            excluded.append((r, reason))
            continue
        rank, vintage = decision
        key = (r.city, r.indicator, r.year)
        current = best.get(key)
        if current is None:
            best[key] = (rank, vintage, r)
        elif rank > current[0]:
            excluded.append((current[2], f"lower-ranked vintage than line {r.line}"))
            best[key] = (rank, vintage, r)
        elif rank < current[0] or float(r.value) == float(current[2].value):
            excluded.append((r, f"duplicate of line {current[2].line} (same or preferred vintage)"))
        else:
            raise SystemExit(
                f"lines {current[2].line} and {r.line}: two different values for {key} at the same rank;"
                " refine the rule for this indicator"
            )
    kept = [(r, v) for (_, v, r) in best.values()]
    kept.sort(key=lambda p: (AREA_ORDER.get(p[0].city, 9), p[0].indicator, p[0].year))
    excluded.sort(key=lambda p: p[0].line)
    return kept, excluded


def render(kept: list[tuple[Row, str]], excluded: list[tuple[Row, str]]) -> tuple[str, str]:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["city", "indicator", "year", "value", "unit", "vintage", "source", "note"])
    for r, vintage in kept:
        w.writerow([r.city, r.indicator, r.year, r.value, UNITS[r.unit], vintage, r.source, r.note])
    ex = io.StringIO()
    w = csv.writer(ex, lineterminator="\n")
    w.writerow(["shared_line", "city", "indicator", "year", "value", "unit", "reason"])
    for r, reason in excluded:
        w.writerow([r.line, r.city, r.indicator, r.year, r.value, r.unit, reason])
    return out.getvalue(), ex.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--check", action="store_true", help="verify the committed files are up to date")
    args = parser.parse_args()
    kept, excluded = select(read_rows(args.input))
    observations, excluded_text = render(kept, excluded)
    targets = {MODEL_DIR / "data" / "observations.csv": observations, MODEL_DIR / "data" / "excluded.csv": excluded_text}
    digest = hashlib.sha256(args.input.read_bytes()).hexdigest()
    if args.check:
        stale = [p for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"out of date: {p}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # atomic on POSIX
    print(f"input sha256 {digest}")
    print(f"kept {len(kept)} rows, excluded {len(excluded)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
