"""The shipped systemd units work: twistd adopts listening sockets passed the way systemd does.

No systemd here: the test plays the socket unit. It opens the ports listed in
``deploy/fwbot.socket``, keeps them, and starts the ``ExecStart`` line of
``deploy/fwbot.service`` (with this venv's twistd and a temporary ``--db``)
with the sockets as fds 3, 4, ... and ``LISTEN_FDS``, ``LISTEN_PID`` (the pid
of the process that execs twistd) and ``LISTEN_FDNAMES``, as sd_listen_fds(3)
describes. Then it restarts the service and shows a client that connected
while it was down is answered: the ports are held across restarts.
"""

from __future__ import annotations

import configparser
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fwbot_process import REPO, TWISTD, Server, _server_env, _stop, ask, http, read_until

DEPLOY = REPO / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None,
                                       comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(_joined(DEPLOY / name))
    return parser


def _joined(path: Path) -> str:
    """The unit with repeated keys (ListenStream=) numbered so configparser keeps them all."""
    lines, seen = [], {}
    for line in path.read_text("utf-8").splitlines():
        key = line.split("=", 1)[0] if "=" in line and not line.startswith("#") else None
        if key == "ListenStream":
            seen[key] = seen.get(key, 0) + 1
            line = f"{key}.{seen[key]}={line.split('=', 1)[1]}"
        lines.append(line)
    return "\n".join(lines)


def listening_sockets() -> list[socket.socket]:
    """One loopback listener per ``ListenStream=`` of fwbot.socket, in its order."""
    listen = [v for k, v in unit("fwbot.socket")["Socket"].items()
              if k.startswith("ListenStream.")]
    assert listen == ["8023", "8080"]  # the line door first, then HTTP (the service's indexes)
    sockets = []
    for _ in listen:  # free ports stand in for 8023 and 8080
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        sockets.append(sock)
    return sockets


def exec_start(db: Path) -> list[str]:
    """The service's ExecStart, with this venv's twistd and a test --db."""
    service = unit("fwbot.service")["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0] == "/opt/fwbot/bin/twistd"
    assert "--telnet=systemd:domain=INET:index=0" in argv
    assert "--http=systemd:domain=INET:index=1" in argv
    assert service["ExecReload"] == "/bin/kill -HUP $MAINPID"
    return [str(TWISTD), *(f"--db={db}" if a.startswith("--db=") else a for a in argv[1:])]


@contextmanager
def started(workdir: Path, sockets: list[socket.socket]) -> Iterator[Server]:
    """twistd with ``sockets`` as fds 3.. and the LISTEN_* variables, as systemd passes them."""
    names = ":".join(["fwbot"] * len(sockets))  # FileDescriptorName=fwbot
    moves = " ".join(f"{3 + i}<&{s.fileno()}" for i, s in enumerate(sockets))
    script = (f'export LISTEN_PID=$$ LISTEN_FDS={len(sockets)} LISTEN_FDNAMES={names}; '
              f'exec "$@" {moves}')
    log_path = workdir / "twistd.log"
    with log_path.open("ab") as log:
        argv = ["bash", "-c", script, "bash", *exec_start(workdir / "db.sqlite3")]
        process = subprocess.Popen(argv, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                                   env=_server_env(), pass_fds=[s.fileno() for s in sockets])
    server = Server(process, sockets[0].getsockname()[1], sockets[1].getsockname()[1], log_path)
    try:
        # No wait for readiness: a client that connects early waits in the backlog.
        yield server
        assert process.poll() is None, server.log()
    finally:
        _stop(process)


def ask_line(server: Server, text: str) -> str:
    with socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10) as sock:
        read_until(sock, b"fwbot> ")
        sock.sendall(text.encode() + b"\n")
        return read_until(sock, b"fwbot> ").decode()


def test_the_service_adopts_the_sockets_and_they_outlive_a_restart(tmp_path: Path) -> None:
    sockets = listening_sockets()
    try:
        with started(tmp_path, sockets) as server:
            assert "Django" in ask_line(server, "What is Django?")
            assert ask(server, {"text": "Що таке Flask?"}).json()["frameworks"] == ["flask"]
            assert http(server.url("/openapi.json")).json()["openapi"].startswith("3.1")
            server.process.send_signal(signal.SIGHUP)  # ExecReload
            deadline = time.monotonic() + 30
            while "knowledge base reloaded" not in server.log():
                assert time.monotonic() < deadline, server.log()
                time.sleep(0.1)
        # Stopped: the ports are still open (held by "systemd", here the test),
        # so a client connecting now waits in the backlog instead of being refused.
        waiting = socket.create_connection(("127.0.0.1", sockets[0].getsockname()[1]),
                                           timeout=30)
        with waiting, started(tmp_path, sockets):
            assert b"fwbot> " in read_until(waiting, b"fwbot> ", timeout=30)
            waiting.sendall(b"What is Flask?\n")
            assert b"Flask" in read_until(waiting, b"fwbot> ")
    finally:
        for sock in sockets:
            sock.close()
