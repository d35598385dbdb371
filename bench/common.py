"""What every bench script shares: the question set, percentiles, the machine's description.

The bench scripts run as plain files (``python bench/run.py``), so this module
is imported by its bare name from the scripts' own directory.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL_SET = ROOT / "tests" / "eval" / "single.yaml"


def eval_texts() -> list[str]:
    """The evaluation set's single messages: varied questions in both languages."""
    cases = yaml.safe_load(EVAL_SET.read_text(encoding="utf-8"))
    return [str(case["text"]) for case in cases]


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of already sorted values, nearest rank."""
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def versions(*dists: str) -> str:
    found = []
    for dist in dists:
        try:
            found.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def machine() -> str:
    """One line: Python, OS, CPU, cores."""
    return (f"Python {platform.python_version()} ({sys.implementation.name}) on "
            f"{platform.system()} {platform.release()} {platform.machine()}, "
            f"{cpu_model()}, {os.cpu_count()} cores")
