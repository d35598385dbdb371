"""One abusive client, run as a process of its own: ``python attacker.py KIND LINE HTTP SECONDS``.

The fairness test (``test_fairness_e2e.py``) starts it on 127.0.0.1 while
its victims ask from 127.0.0.2. A process of its own, so that the attack
does not share the test's interpreter lock with the victims being timed.
Plain sockets only (a hand-made WebSocket handshake and masked frames):
the attacker must be cheap for itself, or it would not push hard. On exit
it prints one JSON line: how many bytes it sent, connections it opened
and, where it applies, answers it got.

Kinds (issue 10, section 3):

- ``ws_noread``: WebSocket asks as fast as the socket takes them, never reading.
- ``iac``: the line door, a stream of ``IAC DO ECHO IAC DONT ECHO``.
- ``crlf``: the line door, CR LF-terminated questions as fast as possible, reading.
- ``pipeline``: HTTP, one connection streaming pipelined ``POST /api/ask``,
  ``GET /api/frameworks`` and ``GET /healthz`` (the GETs have no rate limit).
- ``reconnect``: a fresh line connection and a fresh HTTP connection for every
  burst of questions, to get a fresh per-connection bucket each time.
- ``ws_mint``: WebSocket connections opened and closed in a loop, each minting a session.
- ``costly``: eight line connections sending the costliest message found (125
  random Cyrillic words, each message new, so nothing is cached), reading the answers.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import signal
import socket
import sys
import time

HOST = "127.0.0.1"


def ws_frame(payload: bytes) -> bytes:
    """A masked client text frame (RFC 6455), payload under 64 KiB."""
    mask = os.urandom(4)
    head = b"\x81" + (bytes([0x80 | len(payload)]) if len(payload) < 126
                      else b"\xfe" + len(payload).to_bytes(2, "big"))
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


def ws_open(port: int) -> tuple[socket.socket, bytes]:
    """A WebSocket on /ws past the 101, and what came after it in the same read."""
    sock = socket.create_connection((HOST, port), timeout=5)
    key = base64.b64encode(os.urandom(16))
    sock.sendall(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                 b"Sec-WebSocket-Version: 13\r\n\r\n" % (port, key))
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed during the handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise ConnectionError(head[:60].decode("latin-1"))
    return sock, head.split(b"\r\n\r\n", 1)[1]


def drain(sock: socket.socket) -> bool:
    """Read and drop whatever is there without blocking; False once the peer closed."""
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return False
    except BlockingIOError:
        return True
    except OSError:
        return False


def stream(sock: socket.socket, chunk: bytes, deadline: float, read: bool) -> int:
    """Send ``chunk`` again and again until the deadline or the peer hangs up."""
    sock.setblocking(False)
    sent = 0
    while time.monotonic() < deadline:
        try:
            sent += sock.send(chunk)
        except BlockingIOError:
            time.sleep(0.001)
        except OSError:
            break
        if read and not drain(sock):
            break
    return sent


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    kind, line_port, http_port, seconds = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                           float(sys.argv[4]))
    deadline = time.monotonic() + seconds
    stats = {"kind": kind, "sent": 0, "connections": 0, "answers": 0, "refused": 0}
    ask = json.dumps({"type": "ask", "text": "What is Flask?"}).encode()
    body = json.dumps({"text": "What is Flask?"}).encode()
    post = (b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    try:
        while time.monotonic() < deadline:
            try:
                if kind == "ws_noread":
                    sock, _ = ws_open(http_port)
                    stats["connections"] += 1
                    with sock:
                        stats["sent"] += stream(sock, ws_frame(ask) * 500, deadline, read=False)
                elif kind in ("iac", "crlf"):
                    sock = socket.create_connection((HOST, line_port), timeout=5)
                    stats["connections"] += 1
                    chunk = (b"\xff\xfd\x01\xff\xfe\x01" * 10000 if kind == "iac"
                             else b"What is Flask?\r\n" * 4000)
                    with sock:
                        stats["sent"] += stream(sock, chunk, deadline, read=True)
                elif kind == "pipeline":
                    sock = socket.create_connection((HOST, http_port), timeout=5)
                    stats["connections"] += 1
                    with sock:
                        gets = (b"GET /api/frameworks HTTP/1.1\r\nHost: x\r\n\r\n"
                                b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                        stats["sent"] += stream(sock, (post + gets) * 200, deadline, read=True)
                elif kind == "reconnect":
                    reconnect_once(line_port, http_port, post, stats)
                elif kind == "costly":
                    costly(line_port, deadline, stats)
                elif kind == "ws_mint":
                    sock, data = ws_open(http_port)
                    with sock:
                        stats["connections"] += 1
                        while b'"hello"' not in data and b'"error"' not in data:
                            chunk = sock.recv(65536)
                            if not chunk:
                                break
                            data += chunk
                        stats["answers" if b'"hello"' in data else "refused"] += 1
                        stats["sent"] += 1
                else:
                    raise SystemExit(f"unknown attack {kind}")
            except (OSError, ConnectionError):
                stats["refused"] += 1
                time.sleep(0.001)
    finally:
        print(json.dumps(stats), flush=True)


def costly(line_port: int, deadline: float, stats: dict[str, int]) -> None:
    """Eight line connections, each sending 125-word Cyrillic lines whenever it can."""
    letters = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
    socks = [socket.create_connection((HOST, line_port), timeout=5) for _ in range(8)]
    stats["connections"] += len(socks)
    for sock in socks:
        sock.setblocking(False)
    try:
        while time.monotonic() < deadline:
            for sock in socks:
                words = (("".join(random.choices(letters, k=random.randint(3, 9))))
                         for _ in range(125))
                line = (" ".join(words) + "\n").encode()
                with contextlib.suppress(BlockingIOError):
                    stats["sent"] += sock.send(line)
                with contextlib.suppress(BlockingIOError):
                    stats["answers"] += sock.recv(65536).count(b"fwbot> ")
            time.sleep(0.002)
    finally:
        for sock in socks:
            sock.close()


def read_to_close(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    got = b""
    while chunk := sock.recv(65536):
        got += chunk
    return got


def reconnect_once(line_port: int, http_port: int, post: bytes, stats: dict[str, int]) -> None:
    """A burst of questions on a fresh line connection, then one on a fresh HTTP one.

    19 questions and ``/quit``: the default burst is 20.
    """
    with socket.create_connection((HOST, line_port), timeout=2) as sock:
        stats["connections"] += 1
        sock.sendall(b"What is Flask?\n" * 19 + b"/quit\n")
        got = read_to_close(sock)
        stats["answers"] += got.count(b"fwbot> ") - 1
        stats["sent"] += 19 * 15
    with socket.create_connection((HOST, http_port), timeout=5) as sock:
        stats["connections"] += 1
        last = post.replace(b"Host: x\r\n", b"Host: x\r\nConnection: close\r\n")
        sock.sendall(post * 19 + last)
        got = read_to_close(sock)
        stats["answers"] += got.count(b"HTTP/1.1 200")
        stats["refused"] += got.count(b"HTTP/1.1 429")
        stats["sent"] += 20 * len(post)


if __name__ == "__main__":
    main()
