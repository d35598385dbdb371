"""The hardening figures file holds one test run, not every run since the checkout."""

from __future__ import annotations

from pathlib import Path

import figures


def test_a_run_rewrites_the_figures_file_then_appends(tmp_path: Path) -> None:
    path = tmp_path / "artifacts" / "hardening-figures.txt"
    path.parent.mkdir()
    path.write_text("an old run's figure\n" * 1000, encoding="utf-8")
    figures.record("flood: 3.1 ms", path)
    figures.record("schemathesis:\n12 passed\n", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# figures of the test run started")
    assert lines[1:] == ["flood: 3.1 ms", "schemathesis:", "12 passed"]
