"""Every door over TLS (``ssl:`` endpoints) on a real ``twistd -n fwbot``, through
real clients: ``openssl s_client`` on the line door, curl (ALPN) on HTTP, the
``websockets`` package on wss; a HUP that renews the certificate, one that
breaks it, the output bounds, the gate's refusals, and clients that connect
and close without a word (plain TCP too), which must free their gate place.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import figures
import pytest
from certs import TestCA
from fwbot_process import (
    Server,
    line_client,
    metric,
    read_until,
    rss_kb,
    running_server,
)

FAST = ("--rate=1000000", "--burst=1000000")  # every question gets a full answer
QUESTION = "Що таке Django?\n".encode()


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


@pytest.fixture(scope="module")
def tls_server(ca: TestCA, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Both doors on ssl: at once, with a certificate the test CA signed."""
    workdir = tmp_path_factory.mktemp("tls")
    with running_server(workdir, "--db=none", tls=ca.issue(workdir / "tls")) as server:
        yield server


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return result


def s_client(server: Server, port: int, text: bytes, *extra: str) -> subprocess.CompletedProcess:
    """``openssl s_client`` verifying the server against the test CA, fed ``text``."""
    command = ["openssl", "s_client", "-quiet", "-verify_return_error",
               "-connect", f"127.0.0.1:{port}", "-servername", "localhost",
               "-verify_hostname", "localhost", "-CAfile", str(server.tls.ca), *extra]
    return subprocess.run(command, input=text, capture_output=True, timeout=30, check=False)


def curl(server: Server, *args: str) -> subprocess.CompletedProcess:
    """curl trusting only the test CA, offering h2 and http/1.1 over ALPN as usual."""
    return subprocess.run(["curl", "-sS", "--http2", "--cacert", str(server.tls.ca),
                           "--max-time", "20", *args], capture_output=True, timeout=30,
                          check=False)


def served_serial(server: Server, port: int) -> int:
    """The serial number of the certificate a new connection to ``port`` is shown."""
    context = server.ssl_context
    assert context is not None
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname="localhost") as sock:
        der = sock.getpeercert(binary_form=True)
    from cryptography import x509

    return x509.load_der_x509_certificate(der).serial_number


# -- each door, with its real client -----------------------------------------------


def test_the_line_door_over_tls_with_openssl_s_client(tls_server: Server) -> None:
    result = s_client(tls_server, tls_server.telnet_port, QUESTION + b"/quit\n")
    out = result.stdout.decode()
    assert "Привіт! Я fwbot" in out and "Hi! I am fwbot" in out, result.stderr[-2000:]
    assert "Django" in out and "fwbot> " in out
    assert result.returncode == 0  # the certificate verified, the server closed after /quit


def test_http_over_tls_with_curl_selects_http11_by_alpn(tls_server: Server) -> None:
    result = curl(tls_server, "-w", "\n%{http_version} %{http_code}", "-v",
                  tls_server.url("/api/ask"), "-H", "Content-Type: application/json",
                  "-d", json.dumps({"text": "Коли створили Python?"}))
    body, _, status = result.stdout.decode().rpartition("\n")
    assert status == "1.1 200", result.stderr.decode()[-2000:]
    assert b"ALPN" in result.stderr and b"h2" in result.stderr  # h2 was offered
    answer = json.loads(body)
    assert answer["intent"] == "python" and answer["lang"] == "uk"


def test_a_body_too_large_gets_its_413_over_tls_every_time(tls_server: Server,
                                                         tmp_path: Path) -> None:
    body = tmp_path / "big.json"
    body.write_bytes(b"a" * 300_000)
    codes = [curl(tls_server, "-o", "/dev/null", "-w", "%{http_code}", tls_server.url("/api/ask"),
                  "-H", "Content-Type: application/json", "--data-binary", f"@{body}"
                  ).stdout.decode() for _ in range(15)]
    assert codes == ["413"] * 15


def test_wss_with_the_websockets_client(tls_server: Server) -> None:
    from websockets.asyncio.client import connect

    async def talk() -> list[dict[str, Any]]:
        async with connect(tls_server.ws_url, ssl=tls_server.ssl_context,
                           open_timeout=10) as ws:
            hello = json.loads(await asyncio.wait_for(ws.recv(), 10))
            await ws.send(json.dumps({"type": "ask", "text": "порівняй Flask і FastAPI"}))
            reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
            await ws.send(json.dumps({"type": "ask", "text": "/quit"}))
            bye = json.loads(await asyncio.wait_for(ws.recv(), 10))
            await asyncio.wait_for(ws.wait_closed(), 10)
            assert ws.close_code == 1000
            return [hello, reply, bye]

    hello, reply, bye = asyncio.run(talk())
    assert hello["type"] == "hello" and hello["session"]
    assert reply["type"] == "reply" and reply["intent"] == "compare"
    assert set(reply["frameworks"]) == {"flask", "fastapi"}
    assert bye["intent"] == "bye"


def admitted(server: Server) -> Any:
    """A line client past the greeting, once the gate lets one in (the start-up port
    probe may still hold the address's only place for a moment)."""
    context = server.ssl_context
    assert context is not None
    raw = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5)
    sock = context.wrap_socket(raw, server_hostname="localhost")
    if b"fwbot> " in read_until(sock, b"fwbot> ", timeout=5):
        return sock
    sock.close()  # refused
    return None


def test_refusals_over_the_limit_arrive_over_tls(ca: TestCA, tmp_path: Path) -> None:
    with running_server(tmp_path, "--db=none", "--max-per-ip=1",
                        tls=ca.issue(tmp_path / "tls")) as server, \
            wait_for(lambda: admitted(server), "a place") as held:
        line = s_client(server, server.telnet_port, b"")
        assert "Забагато з'єднань" in line.stdout.decode(), line.stderr[-2000:]
        assert "Too many connections" in line.stdout.decode()
        web = curl(server, "-w", "\n%{http_code}", server.url("/healthz"))
        body, _, status = web.stdout.decode().rpartition("\n")
        assert status == "503" and json.loads(body)["error"]["code"] == "too_many_connections"
        held.sendall(b"django\n")
        assert b"Django" in read_until(held, b"fwbot> ")


# -- a renewed certificate, without a restart ----------------------------------------


def test_hup_serves_a_renewed_certificate_and_keeps_the_old_one_if_broken(
        ca: TestCA, tmp_path: Path) -> None:
    issued = ca.issue(tmp_path / "tls")
    with running_server(tmp_path, "--db=none", tls=issued) as server, \
            line_client(server) as before:
        ports = (server.telnet_port, server.http_port)
        assert [served_serial(server, p) for p in ports] == [issued.serial] * 2
        renewed = ca.issue(issued.cert.parent)  # the same files, rewritten
        server.hup()
        wait_for(lambda: server.log().count("TLS certificate reloaded") == 2, "the reload")
        assert [served_serial(server, p) for p in ports] == [renewed.serial] * 2
        before.sendall(b"flask\n")  # opened before the renewal: still served
        assert b"Flask" in read_until(before, b"fwbot> ")

        issued.cert.write_text("-----BEGIN CERTIFICATE-----\ngarbage\n")
        server.hup()
        wait_for(lambda: server.log().count("not reloaded, still serving CN=localhost") == 2,
                 "the refusal")
        wait_for(lambda: server.log().count("knowledge base reloaded") == 2,
                 "the knowledge base reload, which a broken certificate does not stop")
        assert "Error" in server.log().rsplit("not reloaded", 1)[1].splitlines()[0]
        assert [served_serial(server, p) for p in ports] == [renewed.serial] * 2
        result = curl(server, server.url("/healthz"))
        assert json.loads(result.stdout)["status"] == "ok"
        assert server.process.poll() is None


# -- connect and close: the place in the gate is freed at once ----------------------


def _connect_and_close(server: Server) -> None:
    socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5).close()


def _handshake_and_close(server: Server) -> None:
    context = server.ssl_context
    assert context is not None
    raw = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5)
    with context.wrap_socket(raw, server_hostname="localhost"):
        pass


@pytest.mark.parametrize("secure", [False, True], ids=["tcp", "tls"])
def test_clients_that_connect_and_close_free_their_gate_place(
        ca: TestCA, tmp_path: Path, secure: bool) -> None:
    """Before, under TLS, a client that closed before the handshake was never noticed
    (reading was paused): CLOSE-WAIT, its place held until the idle timeout, and
    --max-per-ip such clients locked the address out of every door."""
    tls = ca.issue(tmp_path / "tls") if secure else None
    with running_server(tmp_path, "--db=none", "--max-per-ip=4", tls=tls) as server:
        ways = [_connect_and_close] + ([_handshake_and_close] if secure else [])
        for way in ways:
            for _ in range(3 * 4):  # three times what the address may hold open
                way(server)
        wait_for(lambda: metric(server, "fwbot_open_connections", door="line") == 0,
                 "every place freed", timeout=5)
        with line_client(server) as sock:  # the address is not locked out
            sock.sendall(b"django\n")
            assert b"Django" in read_until(sock, b"fwbot> ")
        assert metric(server, "fwbot_refused_connections_total", door="line",
                      why="per_ip") == 0


# -- the output bounds hold under TLS -----------------------------------------------


def flood_without_reading(server: Server, seconds: float, limit: int) -> tuple[int, Any]:
    """A TLS client that sends questions for ``seconds`` and never reads."""
    context = server.ssl_context
    assert context is not None
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window: fills soon
    raw.connect(("127.0.0.1", server.telnet_port))
    sock = context.wrap_socket(raw, server_hostname="localhost")
    sock.settimeout(0.2)
    chunk = QUESTION * 1024
    sent = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and sent < limit:
        try:
            sent += sock.send(chunk)
        except (TimeoutError, ssl.SSLWantWriteError):
            continue  # blocked: the server stopped reading
        except OSError:
            break  # dropped by the server
    return sent, sock


def test_a_tls_client_that_never_reads_is_paused_not_buffered(ca: TestCA,
                                                             tmp_path: Path) -> None:
    with running_server(tmp_path, "--db=none", *FAST, "--line-output-pause=65536",
                        tls=ca.issue(tmp_path / "tls")) as server:
        before = rss_kb(server.process.pid)
        sent, sock = flood_without_reading(server, seconds=2, limit=200 * 1024 * 1024)
        try:
            time.sleep(0.5)
            after = rss_kb(server.process.pid)
            figures.record(f"never-reading TLS client: {sent} bytes went out, kernel buffers "
                           f"included, before its sends blocked; RSS {before} KiB -> {after} KiB "
                           f"(+{after - before} KiB)")
            assert sent < 20 * 1024 * 1024, "the server kept reading a client that never reads"
            assert after - before < 30 * 1024
            with line_client(server) as other:  # everyone else is still served
                other.sendall(b"flask\n")
                assert b"Flask" in read_until(other, b"fwbot> ")
        finally:
            sock.close()


def test_output_past_the_hard_bound_drops_a_tls_client(ca: TestCA, tmp_path: Path) -> None:
    # Pause later than the drop, so the drop is what happens.
    with running_server(tmp_path, "--db=none", *FAST, "--line-output-pause=8388608",
                        "--line-output-max=262144", tls=ca.issue(tmp_path / "tls")) as server:
        before = rss_kb(server.process.pid)
        sent, sock = flood_without_reading(server, seconds=3, limit=100 * 1024 * 1024)
        try:
            wait_for(lambda: metric(server, "fwbot_errors_total", code="output_overflow",
                                    door="line") >= 1, "the drop", timeout=5)
            after = rss_kb(server.process.pid)
        finally:
            sock.close()
        figures.record(f"TLS hard bound (256 KiB unsent): dropped after {sent} bytes of "
                       f"questions; RSS {before} KiB -> {after} KiB (+{after - before} KiB)")
        assert after - before < 40 * 1024
        with line_client(server) as other:
            other.sendall(b"flask\n")
            assert b"Flask" in read_until(other, b"fwbot> ")
