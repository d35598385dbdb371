"""Shared test set-up.

Its presence puts ``tests/`` on ``sys.path`` (pytest's default "prepend"
import mode), so helper modules here -- ``fakes`` (a stand-in engine for
door tests) and ``contracts`` (validation against ``protocols/``) -- import
by name from any test directory, ``tests/e2e`` included; so does ``figures``
(what the hardening tests measured, in ``tests/artifacts``); so does ``kbfiles``
(what the loader says of a broken knowledge base); so does ``asking`` (``ask``:
one message in a fresh session). The ``data`` fixture is a writable copy of the
built-in ``data/`` for a test to break; ``engine`` is one engine on the built-in
knowledge base, shared by the tests that only ask it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fwbot.engine import Engine
from fwbot.knowledge import default_data_dir


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine on the built-in knowledge base (a test module may define its own)."""
    return Engine.load()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the built-in knowledge base, under ``tmp_path``."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target
