"""Shared test set-up.

Its presence puts ``tests/`` on ``sys.path`` (pytest's default "prepend"
import mode), so helper modules here -- ``fakes`` (a stand-in engine for
door tests) and ``contracts`` (validation against ``protocols/``) -- import
by name from any test directory, ``tests/e2e`` included; so does ``figures``
(what the hardening tests measured, in ``tests/artifacts``); so does ``kbfiles``
(what the loader says of a broken knowledge base). The ``data`` fixture is a
writable copy of the built-in ``data/`` for a test to break.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fwbot.knowledge import default_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the built-in knowledge base, under ``tmp_path``."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target
