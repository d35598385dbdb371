"""Run a real ``twistd -n fwbot`` on free loopback ports, and always stop it.

``running_server`` is a context manager: the process is stopped in a
``finally``, even when a test or the start-up itself fails, and a start-up
failure carries the process's log. ``http`` and ``ask`` are small urllib
clients that return error statuses instead of raising.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TWISTD = Path(sys.executable).parent / "twistd"
REPO = Path(__file__).resolve().parents[2]


# Ports handed out in this test run: a server started earlier may not have bound its
# ports yet when the next one asks, and the kernel can offer them again (a browser
# test's HTTP port once got another server's line door). None is handed out twice.
_HANDED: set[int] = set()


def free_port() -> int:
    """A loopback TCP port nobody listens on right now, not handed out before."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port: int = s.getsockname()[1]
        if port not in _HANDED:
            _HANDED.add(port)
            return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    telnet_port: int
    http_port: int
    log_path: Path
    tls: Any = None  # certs.Issued when both doors listen on ssl:

    def url(self, path: str) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.http_port}{path}"

    @property
    def ws_url(self) -> str:
        return f"{'wss' if self.tls else 'ws'}://127.0.0.1:{self.http_port}/ws"

    @property
    def ssl_context(self) -> ssl.SSLContext | None:
        """A client context that trusts the test CA (None without TLS)."""
        return ssl.create_default_context(cafile=str(self.tls.ca)) if self.tls else None

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def hup(self) -> None:
        self.process.send_signal(signal.SIGHUP)


def _wait_for_ports(server: Server, deadline: float) -> None:
    for port in (server.telnet_port, server.http_port):
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"twistd exited with {server.process.returncode}:\n"
                                   f"{server.log()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"twistd did not listen on {port}:\n{server.log()}") from None
                time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _server_env() -> dict[str, str]:
    """This environment, minus what would point the server's SQLite store outside the
    test's own directory (the default ``--db`` lives under ``$XDG_STATE_HOME``)."""
    env = {k: v for k, v in os.environ.items() if k != "XDG_STATE_HOME"}
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextmanager
def running_server(workdir: Path, *args: str, twistd: Path = TWISTD,
                   tls: Any = None) -> Iterator[Server]:
    """A twistd process for the duration of the block; stopped however it ends.

    With ``tls`` (a ``certs.Issued``) both doors listen on ``ssl:`` with it.
    """
    telnet_port, http_port = free_port(), free_port()
    log_path = workdir / "twistd.log"
    if tls is None:
        doors = [f"--telnet=tcp:{telnet_port}:interface=127.0.0.1",
                 f"--http=tcp:{http_port}:interface=127.0.0.1"]
    else:
        doors = [f"--telnet={tls.endpoint(telnet_port)}", f"--http={tls.endpoint(http_port)}"]
    command = [str(twistd), "-n", "--pidfile=", "fwbot", *doors, *args]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                                   env=_server_env())
    server = Server(process, telnet_port, http_port, log_path, tls)
    try:
        _wait_for_ports(server, time.monotonic() + 30)
        yield server
    finally:
        _stop(process)


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def http(url: str, method: str = "GET", body: bytes | None = None,
         headers: dict[str, str] | None = None,
         context: ssl.SSLContext | None = None) -> HttpResult:
    """One request with urllib; HTTP errors are results, not exceptions."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return HttpResult(response.status, {k.lower(): v for k, v in response.headers.items()},
                              response.read())
    except urllib.error.HTTPError as error:
        with error:
            return HttpResult(error.code, {k.lower(): v for k, v in error.headers.items()},
                              error.read())


def ask(server: Server, payload: Any, headers: dict[str, str] | None = None) -> HttpResult:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return http(server.url("/api/ask"), "POST", body,
                {"Content-Type": "application/json", **(headers or {})})


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in KiB (``VmRSS`` of ``/proc/PID/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def metric(server: Server, name: str, **labels: str) -> float:
    """One sample of ``/metrics`` (0 if absent)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())  # in declaration order
    for line in http(server.url("/metrics"), context=server.ssl_context).body.decode().splitlines():
        if line.startswith(f"{name}{{{wanted}}} ") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def line_client(server: Server, timeout: float = 5.0) -> socket.socket:
    """A connection to the line door (TLS on an ``ssl:`` server), past the greeting."""
    sock = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=timeout)
    if server.ssl_context is not None:
        sock = server.ssl_context.wrap_socket(sock, server_hostname="localhost")
    read_until(sock, b"fwbot> ")
    return sock


def read_until(sock: socket.socket, marker: bytes, limit: int = 1 << 20,
               timeout: float = 10.0) -> bytes:
    """Read until ``marker`` shows (or the peer closes); bounded in bytes and time."""
    data = b""
    deadline = time.monotonic() + timeout
    while marker not in data and len(data) < limit:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except (TimeoutError, ConnectionResetError, ssl.SSLError):  # SSLError: an unclean close
            break
        if not chunk:
            break
        data += chunk
    return data
