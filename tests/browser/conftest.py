"""Browser fixtures: a real ``twistd -n fwbot`` and one headless Chromium per module.

Chromium is Debian's (``/usr/bin/chromium``; ``.ci/run`` installs it), never a
browser that playwright downloads. Each test gets a fresh browser context and
a ``Watched`` page that records console errors, page errors and dialogs, so a
test can assert that nothing went wrong in the page.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from fwbot_process import Server, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything here drives Chromium against a real process."""
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("fwbot")) as s:
        yield s


@pytest.fixture(scope="module")
def launch() -> Iterator[Any]:
    """``launch(**options)``: a headless Debian Chromium (playwright's ``launch``
    options, e.g. ``env``), closed at the end of the module."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # .ci/run installs it: missing means CI is broken
            pytest.fail("Debian's chromium is missing at /usr/bin/chromium")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    launched: list[Any] = []
    with sync_api.sync_playwright() as playwright:

        def launcher(**options: Any) -> Any:
            launched.append(playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, **options))
            return launched[-1]

        try:
            yield launcher
        finally:
            for chromium in launched:
                chromium.close()


@pytest.fixture(scope="module")
def browser(launch: Any) -> Any:
    return launch()


@dataclass
class Watched:
    """A page plus everything it complained about."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self) -> Watched:
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        return self

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """``open_page(url, locale=..., **context_options)``: a fresh context, a watched page.

    An empty ``url`` leaves the page blank, for a test that routes before it loads.
    """
    contexts: list[Any] = []

    def opener(url: str, locale: str = "en-US", **options: Any) -> Watched:
        context = browser.new_context(locale=locale, **options)
        contexts.append(context)
        watched = Watched(context.new_page()).attach()
        return watched if url == "" else _goto(watched, url)

    yield opener
    for context in contexts:
        context.close()


def _goto(watched: Watched, url: str) -> Watched:
    watched.page.goto(url)
    return watched
