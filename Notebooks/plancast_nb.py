"""Helpers the PlanCast notebooks share: find the `plancast` executable, run an export when its
file is missing, read exports into pandas, set up matplotlib for Chinese text, and label things
in English or Chinese.

Environment variables (all optional):

- ``PLANCAST``: the `plancast` executable to run. Default: ``.build/release/plancast`` or
  ``.build/debug/plancast`` in the repository, whichever exists (release first), else
  ``swift run -c release plancast``.
- ``PLANCAST_NB_DATA``: the folder exports are written to and read from (default
  ``Notebooks/data``; ``run_all.py`` points it at a fresh temporary folder).
- ``PLANCAST_NB_FIGURES``: when set, every figure shown with :func:`show` is also saved there
  as PNG.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

NOTEBOOKS = Path(__file__).resolve().parent
REPOSITORY = NOTEBOOKS.parent
MODEL = REPOSITORY / "Models" / "czt-2025"

#: Colours of the attainment statuses, as in PlanCast's SVG charts.
STATUS_COLOURS = {
    "on track": "#2e7d32",
    "at risk": "#f59e0b",
    "off track": "#c62828",
    # Settled by the data, without a probability (never on the dashboard's bars).
    "met": "#9aa5b1",
    "missed": "#9aa5b1",
    "stale data": "#9aa5b1",
    "no data": "#9aa5b1",
    "insufficient data": "#9aa5b1",
    "qualitative": "#9aa5b1",
}

_LABELS = {
    "probability": ("P(attain)", "实现概率"),
    "probability_pct": ("probability of meeting the target (%)", "实现目标的概率(%)"),
    "scenario": ("scenario", "情景"),
    "target": ("target", "目标"),
    "year": ("year", "年份"),
    "history": ("observed", "实际值"),
    "median": ("median", "中位数"),
    "band80": ("80% interval", "80%区间"),
    "band95": ("95% interval", "95%区间"),
    "goal": ("plan target", "规划目标"),
    "average_goal": ("is the {start}–{year} average, not one year's rate: not drawn here", "为{start}–{year}年均值,非单年增速: 此处不画"),
    "vintage_title": ("projected with the data to {vintage} (median, 80% and 95% bands) against the outturns (dots)", "仅用截至{vintage}年的数据预测(中位数及80%/95%区间),圆点为实际值"),
    "origin": ("forecast from", "预测起点"),
    "outturn": ("outturn", "实际值"),
    "swing": ("change in P(attain) from the base", "相对基准的概率变化"),
    "no_effect": ("no effect", "无影响"),
    "low": ("factor at low", "因素取低值"),
    "high": ("factor at high", "因素取高值"),
    "first_order": ("first-order S1", "一阶指数 S1"),
    "total_order": ("total ST", "总效应指数 ST"),
    "sobol_index": ("Sobol index", "Sobol 指数"),
    "model": ("model", "模型"),
    "mase": ("MASE (below 1 beats naive)", "MASE(小于1优于朴素预测)"),
    "coverage": ("interval coverage (%)", "预测区间覆盖率(%)"),
}


def label(key: str, lang: str) -> str:
    """A label in English (``lang == "en"``) or Chinese (``"zh"``)."""
    en, zh = _LABELS[key]
    return zh if lang == "zh" else en


def setup_matplotlib() -> None:
    """Fonts that render Chinese (Noto CJK, installed by scripts/bootstrap.sh --tests), with
    fallbacks, and a readable default size. Fails loudly when no CJK font is installed, rather
    than drawing empty boxes."""
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [
        name
        for name in (
            "Noto Sans CJK SC",
            "Noto Sans SC",
            "Source Han Sans SC",
            "WenQuanYi Micro Hei",
            "Microsoft YaHei",
            "PingFang SC",
        )
        if name in available
    ]
    if not cjk:
        raise RuntimeError(
            "no CJK font found for Chinese labels; install fonts-noto-cjk "
            "(scripts/bootstrap.sh --tests does)"
        )
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = cjk + ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    matplotlib.rcParams["savefig.dpi"] = 110
    matplotlib.rcParams["figure.figsize"] = (10, 5)


def year_axis(ax) -> None:
    """Whole years on the x axis (no 2007.5)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def broken_at_gaps(years, values):
    """Years and values with a NaN inserted inside every gap, so a line plot breaks where years
    are missing instead of drawing values nobody observed."""
    import numpy as np

    xs, ys = [], []
    for year, value in zip(years, values):
        if xs and year > xs[-1] + 1:
            xs.append(xs[-1] + 0.5)
            ys.append(np.nan)
        xs.append(year)
        ys.append(value)
    return xs, ys


def show(fig, name: str) -> None:
    """Shows a figure, and saves it as ``<name>.png`` when PLANCAST_NB_FIGURES is set."""
    folder = os.environ.get("PLANCAST_NB_FIGURES")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fig.savefig(Path(folder) / f"{name}.png", bbox_inches="tight")
    plt.show()
    plt.close(fig)


def plancast_command() -> list[str]:
    """The command that runs plancast (see the module docstring)."""
    explicit = os.environ.get("PLANCAST")
    if explicit:
        return shlex.split(explicit)
    for configuration in ("release", "debug"):
        candidate = REPOSITORY / ".build" / configuration / "plancast"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return ["swift", "run", "--package-path", str(REPOSITORY), "-c", "release", "plancast"]


class PlanCastError(RuntimeError):
    """plancast exited with an error."""


def run_plancast(arguments: list[str], check: bool = True) -> subprocess.CompletedProcess:
    """Runs plancast with the embedded model; raises PlanCastError with its message on failure."""
    command = plancast_command() + arguments
    if "--model" not in arguments:
        command += ["--model", str(MODEL)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY)
    if check and result.returncode != 0:
        raise PlanCastError(
            f"plancast failed (exit {result.returncode}): {shlex.join(command)}\n{result.stderr}"
        )
    return result


def data_folder() -> Path:
    folder = Path(os.environ.get("PLANCAST_NB_DATA", NOTEBOOKS / "data"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def export(what: str, lang: str, options: dict[str, object] | None = None) -> Path:
    """The folder holding ``plancast export --what WHAT --format json --lang LANG`` with
    ``options`` (e.g. ``{"draws": 5000}``), running the export when its files are missing.
    Each set of options has its own folder, with the run's manifest.json."""
    options = options or {}
    suffix = "".join(f"_{k}{v}".replace(":", "-") for k, v in sorted(options.items()))
    folder = data_folder() / f"{what}_{lang}{suffix}"
    if not (folder / "manifest.json").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        arguments = ["export", "--what", what, "--format", "json", "--lang", lang]
        for key, value in options.items():
            arguments += [f"--{key}", str(value)]
        run_plancast(arguments + ["--to", str(folder), "--force"])
    return folder


def read_table(folder: Path, table: str) -> pd.DataFrame:
    """One exported table (``<table>.json``) as a DataFrame, columns in export order."""
    document = json.loads((folder / f"{table}.json").read_text(encoding="utf-8"))
    columns = [c["key"] for c in document["columns"]]
    return pd.DataFrame(document["rows"], columns=columns)


def headers(folder: Path, table: str) -> dict[str, str]:
    """Column key → header in the export's language, for displaying a table."""
    document = json.loads((folder / f"{table}.json").read_text(encoding="utf-8"))
    return {c["key"]: c["header"] for c in document["columns"]}


def read_manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def sweep_available() -> tuple[bool, str]:
    """Whether this plancast has the `sweep` command, and what it said if not."""
    result = run_plancast(["sweep", "--help"], check=False)
    if result.returncode == 0 and "oat" in result.stdout:
        return True, ""
    return False, (result.stderr or result.stdout).strip()


def sweep_csv(method: str, lang: str, arguments: list[str]) -> pd.DataFrame:
    """``plancast sweep METHOD ARGUMENTS --format csv``, cached in the data folder."""
    key = "_".join(a.lstrip("-").replace("=", "-").replace(":", "_") for a in arguments)
    path = data_folder() / f"sweep_{method}_{lang}_{key}.csv"
    if not path.is_file():
        result = run_plancast(["sweep", method] + arguments + ["--format", "csv", "--lang", lang])
        temporary = path.with_suffix(".csv.tmp")
        temporary.write_text(result.stdout, encoding="utf-8")
        temporary.replace(path)
    return pd.read_csv(path)
