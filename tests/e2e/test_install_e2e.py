"""``pip install .`` (not editable) gives a working ``twistd fwbot``, data and contracts included.

The development venv is an editable install, so every other e2e test proves
that mode; this one builds a wheel into a fresh venv and runs it from a
directory far from the checkout, where nothing can be found by accident.
"""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest
from fwbot_process import REPO, ask, http, running_server

import fwbot

pytestmark = pytest.mark.slow


def test_editable_install_is_the_checkout() -> None:
    assert Path(fwbot.__file__).resolve().is_relative_to(REPO / "src")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with fwbot installed from the checkout as a regular wheel."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", str(REPO)],
                   check=True, timeout=600, capture_output=True)
    return env


def test_installed_twistd_lists_the_options(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(installed / "bin" / "twistd"), "fwbot", "--help"],
                            cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60)
    for option in ("--telnet=", "--http=", "--data=", "--line-max-bytes=", "--http-max-body="):
        assert option in result.stdout


def test_installed_package_carries_its_files(installed: Path, tmp_path: Path) -> None:
    probe = ("import fwbot, fwbot.knowledge as k, fwbot.paths as p; "
             "print(fwbot.__file__); print(k.default_data_dir()); print(p.protocols_dir())")
    result = subprocess.run([str(installed / "bin" / "python"), "-c", probe], cwd=tmp_path,
                            capture_output=True, text=True, check=True, timeout=60)
    module, data, protocols = (Path(line) for line in result.stdout.split())
    site = module.parent
    assert "site-packages" in site.parts
    assert data == site / "data" and (data / "frameworks" / "django.yaml").is_file()
    assert protocols == site / "protocols" and (protocols / "openapi.yaml").is_file()
    assert (site / "static" / "index.html").is_file()
    assert (site.parent / "twisted" / "plugins" / "fwbot_plugin.py").is_file()


def test_installed_server_answers(installed: Path, tmp_path: Path) -> None:
    with running_server(tmp_path, twistd=installed / "bin" / "twistd") as server:
        assert ask(server, {"text": "What is Django?"}).json()["frameworks"] == ["django"]
        assert http(server.url("/openapi.json")).json()["openapi"].startswith("3.1")
        assert http(server.url("/")).status == 200
