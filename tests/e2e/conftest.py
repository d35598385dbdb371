"""End-to-end fixtures: one real ``twistd -n fwbot`` per test module.

Starting twistd once per module keeps the suite fast; tests that need a
process of their own (reload, a broken knowledge base) use
``fwbot_process.running_server`` directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fwbot_process import Server, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """fwbot with the built-in knowledge base and default limits."""
    with running_server(tmp_path_factory.mktemp("fwbot")) as s:
        yield s


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e starts a real process: mark it ``e2e``."""
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
