"""A built wheel is a real install: every door, the page and the contract, no checkout around.

The development venv is an editable install, so every other e2e test proves
that mode. This one builds the sdist and, from it, the wheel (``python -m
build`` does both, so a file missing from the sdist breaks the wheel too),
installs the wheel into a fresh venv and runs its ``twistd`` from a directory
far from the checkout, with no ``PYTHONPATH``, so nothing is found by accident.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
import websocket
from fwbot_process import REPO, Server, ask, http, running_server

import fwbot

pytestmark = pytest.mark.slow


def test_editable_install_is_the_checkout() -> None:
    assert Path(fwbot.__file__).resolve().is_relative_to(REPO / "src")


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it, as a release would be."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                            capture_output=True, text=True, timeout=600, env=_clean_env())
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its dependencies) installed."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    (wheel,) = dist.glob("fwbot-*.whl")
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=600, capture_output=True, env=_clean_env())
    return env


@pytest.fixture(scope="module")
def server(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("far-from-the-checkout")
    assert not workdir.resolve().is_relative_to(REPO)
    with running_server(workdir, twistd=installed / "bin" / "twistd") as server:
        yield server


def test_sdist_carries_what_the_wheel_is_built_from(dist: Path) -> None:
    (sdist,) = dist.glob("fwbot-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for path in ("data/messages.yaml", "data/frameworks/django.yaml", "protocols/openapi.yaml",
                 "src/fwbot/static/index.html", "twisted/plugins/fwbot_plugin.py",
                 "deploy/fwbot.service", "deploy/fwbot.socket"):
        assert path in names, path


def test_installed_twistd_finds_the_plugin(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(installed / "bin" / "twistd"), "fwbot", "--help"],
                            cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60,
                            env=_clean_env())
    for option in ("--telnet=", "--http=", "--data=", "--max-message-chars=",
                   "--line-max-bytes=", "--http-max-body="):
        assert option in result.stdout


def test_installed_package_carries_its_files(installed: Path, tmp_path: Path) -> None:
    probe = ("import fwbot, fwbot.knowledge as k, fwbot.paths as p; "
             "print(fwbot.__file__); print(k.default_data_dir()); print(p.protocols_dir())")
    result = subprocess.run([str(installed / "bin" / "python"), "-c", probe], cwd=tmp_path,
                            capture_output=True, text=True, check=True, timeout=60,
                            env=_clean_env())
    module, data, protocols = (Path(line) for line in result.stdout.split())
    site = module.parent
    assert "site-packages" in site.parts and site.is_relative_to(installed)
    assert data == site / "data" and (data / "frameworks" / "django.yaml").is_file()
    assert protocols == site / "protocols" and (protocols / "openapi.yaml").is_file()
    assert (site / "static" / "index.html").is_file()
    assert (site.parent / "twisted" / "plugins" / "fwbot_plugin.py").is_file()


def test_line_door_with_nc(server: Server) -> None:
    result = subprocess.run(["nc", "-N", "-w", "10", "127.0.0.1", str(server.telnet_port)],
                            input="Що таке Django?\n/quit\n".encode(), capture_output=True,
                            timeout=30)
    greeting, answer, goodbye = result.stdout.decode().split("fwbot> ")
    assert "fwbot" in greeting and "Django" in answer and "Django?" not in answer.split("\n")[0]
    assert "До побачення" in goodbye  # /quit answered in the language of the session


def test_websocket_door(server: Server) -> None:
    ws = websocket.create_connection(server.ws_url, timeout=10)
    try:
        assert json.loads(ws.recv())["type"] == "hello"
        ws.send(json.dumps({"type": "ask", "text": "порівняй Flask і FastAPI"}))
        reply = json.loads(ws.recv())
        assert reply["type"] == "reply" and reply["lang"] == "uk"
        assert set(reply["frameworks"]) == {"flask", "fastapi"}
    finally:
        ws.close()


def test_http_door(server: Server) -> None:
    answer = ask(server, {"text": "What is Django?"})
    assert answer.status == 200 and answer.json()["frameworks"] == ["django"]
    listing = http(server.url("/api/frameworks")).json()["frameworks"]
    assert len(listing) == len(list((REPO / "data" / "frameworks").glob("*.yaml")))


def test_page_and_its_assets_and_the_contract(server: Server) -> None:
    page = http(server.url("/"))
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'/static/[A-Za-z0-9_.-]+\?v=[0-9a-f]+', page.body.decode())
    assert assets, "the page names no stamped assets"
    for asset in assets:
        assert http(server.url(asset)).status == 200, asset
    spec = http(server.url("/openapi.json")).json()
    assert spec["openapi"].startswith("3.1") and "/api/ask" in spec["paths"]
