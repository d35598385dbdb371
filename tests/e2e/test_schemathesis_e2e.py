"""Schemathesis against ``/openapi.json`` of a live twistd: every response conforms.

Bounded: a few examples per operation, one worker, so the run stays well under a
minute. The summary is printed and kept in tests/artifacts/hardening-figures.txt.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import figures
import pytest
from fwbot_process import Server, running_server

ST = Path(sys.executable).parent / "st"
TOKEN = "schemathesis-token"


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("schemathesis"), "--rate=100000",
                        "--burst=100000", f"--admin-token={TOKEN}") as server:
        yield server


@pytest.mark.skipif(not ST.exists() and shutil.which("st") is None,
                    reason="schemathesis not installed")
def test_every_response_conforms_to_the_openapi_document(target: Server) -> None:
    command = [str(ST if ST.exists() else "st"), "run", target.url("/openapi.json"),
               "--url", target.url(""), "--checks", "all",
               "--max-examples", "50", "--workers", "1", "--request-timeout", "5",
               "--no-color", "--seed", "1", "-H", f"Authorization: Bearer {TOKEN}",
               # /ws is a WebSocket handshake (its 426 for plain GETs is tested elsewhere)
               "--exclude-path", "/ws"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                            cwd=target.log_path.parent)
    output = result.stdout + result.stderr
    summary = [line for line in output.splitlines() if line.strip()][-12:]
    figures.record("schemathesis:\n" + "\n".join(summary))
    assert result.returncode == 0, output[-6000:]
