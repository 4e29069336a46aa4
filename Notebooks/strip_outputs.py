#!/usr/bin/env python3
"""Clears outputs and execution counts from notebooks before they are committed.

    python3 Notebooks/strip_outputs.py            # strip every Notebooks/*.ipynb in place
    python3 Notebooks/strip_outputs.py --check    # exit 1 naming any notebook with outputs

Uses only the standard library (a notebook is JSON), so it runs before the requirements are
installed. Files are rewritten atomically (temporary file, then rename) and only when they change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent


def dirty_cells(notebook: dict) -> list[int]:
    return [
        i
        for i, cell in enumerate(notebook.get("cells", []))
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]


def strip(notebook: dict) -> dict:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    notebook.get("metadata", {}).pop("widgets", None)
    return notebook


def write_atomically(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook files (default: Notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="only report notebooks with outputs")
    args = parser.parse_args()
    paths = [Path(p) for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    dirty = []
    for path in paths:
        original = path.read_text(encoding="utf-8")
        notebook = json.loads(original)
        cells = dirty_cells(notebook)
        if args.check:
            if cells:
                dirty.append(f"{path.name} (cells {', '.join(map(str, cells))})")
            continue
        text = json.dumps(strip(notebook), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if text != original:
            write_atomically(path, text)
            print(f"stripped {path.name}")
    if dirty:
        print("notebooks with outputs: " + "; ".join(dirty) + "; run python3 Notebooks/strip_outputs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
