"""``fwbot.tap.without_wamp``: the server loads Autobahn's WebSocket, not its WAMP.

Autobahn's Twisted package imports its WAMP session, and with it the
``cryptography`` bindings (8 to 11 MiB resident), for a server that speaks
no WAMP. Checked in a fresh interpreter, since this one has Autobahn loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from fwbot import tap
o = tap.Options()
o.parseOptions(["--http=tcp:0:interface=127.0.0.1", "--telnet=tcp:0:interface=127.0.0.1",
                "--db={db}"])
tap.makeService(o)
from autobahn.twisted.websocket import WebSocketServerFactory
print("cryptography" in sys.modules, "autobahn.twisted.wamp" in sys.modules)
import autobahn.twisted.wamp
print(autobahn.twisted.wamp.ApplicationSession.__module__)
"""


def test_a_started_service_leaves_wamp_and_cryptography_unloaded(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(db=tmp_path / "f.db")],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    unloaded, real = out.splitlines()[-2:]
    assert unloaded == "False False"
    assert real == "autobahn.twisted.wamp"  # a later import gets the real module


def test_it_does_nothing_once_autobahn_is_loaded() -> None:
    import autobahn.twisted  # noqa: F401

    from fwbot.tap import without_wamp
    assert without_wamp() is False
