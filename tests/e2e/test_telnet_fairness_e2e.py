"""A telnet client that abuses the wire does not slow the others down.

Two attacks on the line door, each from a process of its own on 127.0.0.1
while a victim on 127.0.0.2 asks a question every 0.2 s: a stream of
``IAC DO ECHO IAC DONT ECHO`` negotiations, and a flood of CR LF-terminated
lines. The victim's median answer latency must stay within 5x its calm
median and under 20 ms (a 2 ms floor on the 5x: a sub-millisecond calm
median on a busy 2-core machine would otherwise fail on scheduler noise).
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import figures
import pytest
from fwbot_process import Server, read_until, running_server

SAMPLES = 15
VICTIM = "127.0.0.2"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("telnet-fair")) as s:  # default limits
        yield s


def victim_latencies(server: Server) -> list[float]:
    """One polite user's answer latencies, from its own address."""
    sock = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10,
                                    source_address=(VICTIM, 0))
    with sock:
        read_until(sock, b"fwbot> ")
        samples = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            sock.sendall(b"What is Django?\n")
            assert b"Django" in read_until(sock, b"fwbot> ")
            samples.append(time.perf_counter() - started)
            time.sleep(0.2)  # within the default burst and rate
        return samples


# The attacker: one process, reconnecting whenever the server hangs up on it,
# sending as fast as the socket takes and reading (and dropping) all it gets.
ATTACKER = """
import signal, socket, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
port, seconds, kind = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
chunk = {"iac": b"\\xff\\xfd\\x01\\xff\\xfe\\x01" * 10000,
         "crlf": b"What is Flask?\\r\\n" * 4000}[kind]
sent = connections = 0
deadline = time.monotonic() + seconds
try:
    while time.monotonic() < deadline:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setblocking(False)
        connections += 1
        alive = True
        while alive and time.monotonic() < deadline:
            try:
                sent += sock.send(chunk)
            except BlockingIOError:
                time.sleep(0.001)
            except OSError:
                alive = False
            try:
                while True:
                    data = sock.recv(65536)
                    if not data:
                        alive = False
                        break
            except BlockingIOError:
                pass
            except OSError:
                alive = False
        sock.close()
finally:
    print(sent, connections, flush=True)
"""


def under_attack(server: Server, kind: str) -> tuple[list[float], int, int]:
    attacker = subprocess.Popen([sys.executable, "-c", ATTACKER, str(server.telnet_port),
                                 "8", kind], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)
        samples = victim_latencies(server)
    finally:
        attacker.terminate()
        out, _ = attacker.communicate(timeout=10)
    sent, connections = (int(x) for x in (out.split() or ["0", "0"]))
    return samples, sent, connections


@pytest.fixture(scope="module")
def calm(server: Server) -> float:
    samples = victim_latencies(server)
    figures.record(f"telnet fairness: calm victim p50 {statistics.median(samples) * 1000:.2f} ms, "
                   f"max {max(samples) * 1000:.2f} ms")
    return statistics.median(samples)


@pytest.mark.parametrize("kind", ["iac", "crlf"])
def test_an_abusive_telnet_client_does_not_slow_the_others(server: Server, calm: float,
                                                           kind: str) -> None:
    samples, sent, connections = under_attack(server, kind)
    p50 = statistics.median(samples)
    what = {"iac": "streamed IAC DO ECHO IAC DONT ECHO",
            "crlf": "flooded CR LF lines"}[kind]
    figures.record(f"telnet fairness: victim p50 {p50 * 1000:.2f} ms, max "
                   f"{max(samples) * 1000:.2f} ms while one client {what} ({sent} bytes over "
                   f"{connections} connection(s)); calm p50 {calm * 1000:.2f} ms "
                   f"({p50 / calm:.1f}x)")
    assert sent > 1_000_000, "the attack never got going"
    assert p50 <= max(5 * calm, 0.002)
    assert p50 < 0.020
