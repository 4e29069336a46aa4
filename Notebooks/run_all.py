#!/usr/bin/env python3
"""Runs the PlanCast notebooks headless with nbclient (kernel "python3") and fails on any cell
error, naming the notebook and the cell.

    python3 Notebooks/run_all.py                 # every Notebooks/NN-*.ipynb, fresh exports
    python3 Notebooks/run_all.py 01-attainment-overview.ipynb
    python3 Notebooks/run_all.py --data Notebooks/data --figures /tmp/figures

By default the exports go to a new temporary folder, so that the run exercises the `plancast`
command line rather than files left from an earlier run; --data reuses a folder. PLANCAST
chooses the executable (see plancast_nb.py). The notebooks on disk are never modified: they are
committed without outputs (strip_outputs.py --check).

Exit status: 0 when every notebook ran, 1 when a cell failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent


def cell_summary(source: str, limit: int = 160) -> str:
    text = " ⏎ ".join(line for line in source.strip().splitlines() if line.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(path: Path, timeout: int, kernel: str) -> bool:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=kernel,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    started = time.monotonic()
    failed_cell = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                failed_cell = (index, cell)
                client.execute_cell(cell, index)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        index, cell = failed_cell if failed_cell else (-1, None)
        code_number = sum(1 for c in notebook.cells[: index + 1] if c.cell_type == "code")
        print(
            f"FAILED {path.name}: cell {index} (code cell {code_number}, "
            f"{cell.cell_type if cell else '?'}): {cell_summary(cell.source) if cell else ''}",
            file=sys.stderr,
        )
        print(str(error).rstrip(), file=sys.stderr)
        return False
    print(f"ok     {path.name} ({time.monotonic() - started:.1f} s)")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook files (default: Notebooks/NN-*.ipynb)")
    parser.add_argument("--data", help="exports folder to use and keep (default: a fresh temporary one)")
    parser.add_argument("--figures", help="also save every figure as PNG here")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    args = parser.parse_args()

    try:
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError as error:
        print(
            f"run_all.py: {error}; install the requirements: "
            "python3 -m pip install -r Notebooks/requirements.txt",
            file=sys.stderr,
        )
        return 2

    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        print(f"run_all.py: no such notebook: {', '.join(missing) or 'none found'}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="plancast-nb-") as scratch:
        os.environ["PLANCAST_NB_DATA"] = str(Path(args.data).resolve()) if args.data else scratch
        if args.figures:
            os.environ["PLANCAST_NB_FIGURES"] = str(Path(args.figures).resolve())
        failures = [p.name for p in paths if not run(p, args.timeout, args.kernel)]

    if failures:
        print(f"{len(failures)} of {len(paths)} notebooks failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    print(f"all {len(paths)} notebooks ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
