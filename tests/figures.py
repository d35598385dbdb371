"""Figures the hardening tests measure, kept in ``tests/artifacts/hardening-figures.txt``.

The file holds the figures of the latest test run only: the first figure a
run records empties it, later ones are appended. Appending across runs made
it grow with every ``make test`` and mixed figures of code long changed.
"""

from __future__ import annotations

import time
from pathlib import Path

FIGURES = Path(__file__).resolve().parent / "artifacts" / "hardening-figures.txt"

_started: set[Path] = set()  # files this test run has already emptied


def record(text: str, path: Path = FIGURES) -> None:
    """Print ``text`` and keep it in ``path``, which this run rewrites from the start."""
    print(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path not in _started:
        _started.add(path)
        path.write_text(f"# figures of the test run started {time.strftime('%Y-%m-%d %H:%M:%S')}"
                        "\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as out:
        out.write(text.rstrip("\n") + "\n")
