"""The chat page over https, its socket over wss, in headless Chromium that trusts
a test CA -- the way a browser meets fwbot facing the internet without a proxy.

The CA goes into an NSS database in a home directory of the test's own (what
Chromium on Linux reads user-trusted roots from; ``certutil`` is Debian's
``libnss3-tools``, installed by ``.ci/run``), so Chromium verifies the chain
as it would a real one: the same browser without that database refuses the
page, which shows that the trust comes from the CA and not from ignoring
errors.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from certs import TestCA
from fwbot_process import Server, running_server

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
expect.set_options(timeout=8000)

ANSWERS = ".msg.bot:not(.greeting)"


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


@pytest.fixture(scope="module")
def tls_server(ca: TestCA, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("fwbot-tls")
    with running_server(workdir, "--db=none", tls=ca.issue(workdir / "tls")) as server:
        yield server


@pytest.fixture(scope="module")
def trusting_browser(ca: TestCA, launch: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Chromium with the test CA among its trusted roots."""
    if shutil.which("certutil") is None:
        pytest.fail("certutil is missing (Debian's libnss3-tools; .ci/run installs it)")
    home = tmp_path_factory.mktemp("home")
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    ca_file = home / "ca.pem"
    ca_file.write_bytes(ca.pem)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nssdb}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nssdb}", "-n", "fwbot test CA",
                    "-t", "C,,", "-i", str(ca_file)], check=True)
    return launch(env={"HOME": str(home)})


def test_the_page_over_https_talks_over_wss(tls_server: Server,
                                            trusting_browser: Any) -> None:
    context = trusting_browser.new_context(locale="uk-UA")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        response = page.goto(tls_server.url("/"))
        assert response is not None and response.ok
        assert response.security_details() is not None  # loaded over TLS, verified
        expect(page.locator("#status")).to_have_attribute("data-state", "online")
        assert sockets == [tls_server.ws_url]  # wss://, not ws://
        page.locator("#input").fill("Що таке Django?")
        page.locator("#input").press("Enter")
        answer = page.locator(ANSWERS).first
        expect(answer).to_have_attribute("data-intent", "describe")
        expect(answer.locator(".card h3")).to_have_text("Django")
        assert errors == []
    finally:
        context.close()


def test_a_browser_without_the_ca_refuses_the_page(tls_server: Server, browser: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        with pytest.raises(sync_api.Error, match="ERR_CERT_AUTHORITY_INVALID"):
            page.goto(tls_server.url("/"))
    finally:
        context.close()
