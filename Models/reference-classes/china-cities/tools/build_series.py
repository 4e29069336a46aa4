#!/usr/bin/env python3
"""Builds the reference-class series files from city-panel.csv (a verbatim copy of the shared
compilation, with its source column).

    build_series.py            # writes ../real-gdp-index.csv
    build_series.py --check    # exits 1 if the committed file differs from a fresh build

real-gdp-index.csv: one row per city and year, the real GDP level of the city as a chained index
(2000 = 100), i.e. the product of the yearly `gdp_index` values (previous year = 100) from 2001 on.
Only cities whose `gdp_index` runs without a gap from 2000 are kept, and no row carrying a FLAG is
used (none of the gdp_index rows carries one in this copy). Columns: series_id (city), province,
year, value, source (the rows of city-panel.csv it was chained from). This is the series that
`../shared/tools/panel_score.py prep` writes, so scores of `plancast forecast calibrate` on it and
of panel_score.py agree.
"""
import csv, os, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PANEL = os.path.join(HERE, "city-panel.csv")
OUT = os.path.join(HERE, "real-gdp-index.csv")


def build():
    index, province = defaultdict(dict), {}
    for r in csv.DictReader(open(PANEL, encoding="utf-8")):
        if r["indicator"] == "gdp_index" and "FLAG" not in r["note"]:
            index[r["city"]][int(r["year"])] = float(r["value"])
            province[r["city"]] = r["province"]
    rows = [["series_id", "province", "year", "value", "source"]]
    for city in sorted(index):
        years = sorted(index[city])
        if years[0] != 2000 or years != list(range(2000, years[-1] + 1)):
            continue
        level = 100.0
        for y in years:
            if y > 2000:
                level *= index[city][y] / 100
            span = "base year 2000 = 100" if y == 2000 else f"gdp_index 2001-{y} chained, 2000 = 100"
            rows.append([city, province[city], y, f"{level:.10g}", f"city-panel.csv {city} {span}"])
    return rows


def render(rows):
    from io import StringIO
    s = StringIO()
    csv.writer(s, lineterminator="\n").writerows(rows)
    return s.getvalue()


if __name__ == "__main__":
    text = render(build())
    if "--check" in sys.argv:
        current = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        sys.exit(0 if current == text else "real-gdp-index.csv is out of date: run build_series.py")
    open(OUT, "w", encoding="utf-8").write(text)
