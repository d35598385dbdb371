"""A knowledge base to break: a writable copy of the built-in ``data/`` and what
the loader says of it, for the tests of the loader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from fwbot.knowledge import KnowledgeError, load


def problems_of(directory: Path) -> list[str]:
    """The ``file:line: ...`` problems the loader refuses ``directory`` with."""
    with pytest.raises(KnowledgeError) as caught:
        load(directory)
    return caught.value.problems
