"""One client floods; another's answers stay within 10x of their unloaded latency."""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import figures
import pytest
from fwbot_process import Server, line_client, read_until, running_server

SAMPLES = 9


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("fair")) as s:  # default limits
        yield s


def latency(sock: socket.socket) -> float:
    started = time.perf_counter()
    sock.sendall(b"What is Django?\n")
    assert b"Django" in read_until(sock, b"fwbot> ")
    return time.perf_counter() - started


def median_latency(server: Server) -> float:
    with line_client(server) as sock:
        samples = []
        for _ in range(SAMPLES):
            samples.append(latency(sock))
            time.sleep(0.3)  # within the default burst: this client is polite
        return statistics.median(samples)


FLOODER = """
import signal, socket, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
sock.setblocking(False)
chunk = b"What is Flask?\\n" * 2000
sent, deadline = 0, time.monotonic() + float(sys.argv[2])
try:
    while time.monotonic() < deadline:
        try:
            sent += sock.send(chunk)
        except BlockingIOError:
            time.sleep(0.001)
        try:
            while sock.recv(65536):
                pass
        except BlockingIOError:
            pass
finally:
    print(sent, flush=True)
"""


def test_a_flood_does_not_slow_the_others(server: Server) -> None:
    unloaded = median_latency(server)
    # The flooder is a process of its own: a thread here would share this
    # process's GIL with the client being timed.
    flooder = subprocess.Popen([sys.executable, "-c", FLOODER, str(server.telnet_port), "12"],
                               stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.3)
        loaded = median_latency(server)
    finally:
        flooder.terminate()
        out, _ = flooder.communicate(timeout=10)
    sent = [int(out.strip() or 0)]
    line = (f"fairness: other client's median answer latency {unloaded * 1000:.2f} ms unloaded, "
            f"{loaded * 1000:.2f} ms while one client flooded {sent[0]} bytes of questions "
            f"({loaded / unloaded:.1f}x)")
    figures.record(line)
    assert sent[0] > 1_000_000, "the flood never got going"
    # 10x the unloaded latency, with a 20 ms floor: a sub-millisecond median on a
    # busy 2-core machine would otherwise fail on scheduler noise alone.
    assert loaded <= max(10 * unloaded, 0.020)
