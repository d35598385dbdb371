"""Hostile WebSocket frames and slow or flooding HTTP clients against a real twistd.

Raw sockets: a real opening handshake, then hand-made frames, so every RFC
6455 close code is checked on the wire; and HTTP requests sent byte by byte.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import struct
import time
from collections.abc import Iterator

import pytest
from fwbot_process import Server, http, read_until, running_server

GOOD_ORIGIN = "http://good.example"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("strict"), "--ws-max-message=1024",
                        "--http-timeout=2", f"--ws-origins={GOOD_ORIGIN}",
                        "--ws-ping-interval=1", "--ws-ping-timeout=1",
                        "--rate=1000", "--burst=1000") as server:
        yield server


def handshake(server: Server, origin: str = GOOD_ORIGIN) -> tuple[socket.socket, bytes]:
    sock = socket.create_connection(("127.0.0.1", server.http_port), timeout=5)
    key = base64.b64encode(os.urandom(16))
    sock.sendall(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nOrigin: " + origin.encode() + b"\r\n"
                 b"Sec-WebSocket-Key: " + key + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
    head = read_until(sock, b"\r\n\r\n")
    return sock, head


def frame(payload: bytes, opcode: int = 0x1, fin: bool = True, masked: bool = True,
          rsv: int = 0) -> bytes:
    head = bytes([(0x80 if fin else 0) | rsv << 4 | opcode])
    n = len(payload)
    mask_bit = 0x80 if masked else 0
    if n < 126:
        head += bytes([mask_bit | n])
    else:
        head += bytes([mask_bit | 126]) + struct.pack("!H", n)
    if not masked:
        return head + payload
    mask = os.urandom(4)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def read_frames(sock: socket.socket, timeout: float = 5.0) -> list[tuple[int, bytes]]:
    """Every server frame until the close frame or the end of the connection."""
    data = read_until(sock, b"\x88", timeout=timeout)  # the close opcode byte
    data += read_until(sock, b"\x00\x00never", timeout=0.3)
    frames = []
    while len(data) >= 2:
        opcode, n = data[0] & 0x0F, data[1] & 0x7F
        offset = 2
        if n == 126:
            n, offset = struct.unpack("!H", data[2:4])[0], 4
        elif n == 127:
            n, offset = struct.unpack("!Q", data[2:10])[0], 10
        frames.append((opcode, data[offset:offset + n]))
        data = data[offset + n:]
    return frames


def close_code(sock: socket.socket) -> int:
    frames = read_frames(sock)
    closes = [payload for opcode, payload in frames if opcode == 0x8]
    assert closes, frames
    return struct.unpack("!H", closes[0][:2])[0]


@pytest.mark.parametrize(("name", "bad", "code"), [
    ("invalid UTF-8 in a text frame", frame(b"caf\xe9 \xff"), 1007),
    ("unmasked client frame", frame(b"hello", masked=False), 1002),
    ("reserved opcode", frame(b"x", opcode=0x3), 1002),
    ("fragmented control frame", frame(b"p", opcode=0x9, fin=False), 1002),
    ("reserved bits without an extension", frame(b"x", rsv=0b100), 1002),
    ("message over --ws-max-message", frame(b"x" * 2000), 1009),
    ("fragmented message over the limit",
     frame(b"x" * 800, fin=False) + frame(b"y" * 800, opcode=0x0), 1009),
])
def test_protocol_violations_close_with_the_rfc_code(strict: Server, name: str, bad: bytes,
                                                     code: int) -> None:
    sock, head = handshake(strict)
    with sock:
        assert head.startswith(b"HTTP/1.1 101"), head
        sock.sendall(bad)
        assert close_code(sock) == code, name


def test_wrong_shape_json_keeps_the_socket_open(strict: Server) -> None:
    sock, _ = handshake(strict)
    with sock:
        sock.sendall(frame(json.dumps({"type": "ask", "text": 42}).encode()))
        sock.sendall(frame(json.dumps({"type": "ask", "text": "What is Django?"}).encode()))
        data = read_until(sock, b'"reply"')
        assert b'"empty_text"' in data and re.search(rb'"type":\s*"reply"', data)


def test_only_allowed_origins_may_open_a_socket(strict: Server) -> None:
    for origin in ("http://evil.example", "null"):
        sock, answer = handshake(strict, origin)
        answer += read_until(sock, b"\x00never", timeout=2)
        sock.close()
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 403 Forbidden\r\n"), (origin, head)
        assert json.loads(body)["error"]["code"] == "origin_not_allowed"
    sock, head = handshake(strict)
    sock.close()
    assert head.startswith(b"HTTP/1.1 101")


def test_idle_socket_is_pinged_and_a_dead_peer_dropped(strict: Server) -> None:
    sock, _ = handshake(strict)
    with sock:
        started = time.monotonic()
        data = read_until(sock, b"\x89", timeout=3)  # a ping frame
        assert b"\x89" in data
        # Never answer: the peer counts as dead after interval + timeout.
        rest = read_until(sock, b"\x00never", timeout=6)
        elapsed = time.monotonic() - started
        assert elapsed < 5.5, "a peer that never answers pings was not dropped"
        assert rest is not None


def test_slow_headers_time_out(strict: Server) -> None:
    sock = socket.create_connection(("127.0.0.1", strict.http_port), timeout=8)
    with sock:
        started = time.monotonic()
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        answer = b""
        for byte in b"X-Slow: " + b"a" * 40:  # one byte every 0.2 s: 8 s for the header
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.2)
            if time.monotonic() - started > 4:
                break
        answer = read_until(sock, b"}", timeout=3)
        elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b'"request_timeout"' in answer
    assert elapsed < 4.5


def test_slow_body_times_out(strict: Server) -> None:
    sock = socket.create_connection(("127.0.0.1", strict.http_port), timeout=8)
    with sock:
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"text\":")
        answer = read_until(sock, b"}", timeout=5)
    assert answer.startswith(b"HTTP/1.1 408"), answer


def test_handshake_that_never_finishes_times_out(strict: Server) -> None:
    sock = socket.create_connection(("127.0.0.1", strict.http_port), timeout=8)
    with sock:
        started = time.monotonic()
        sock.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n")
        read_until(sock, b"\x00never", timeout=5)
        assert time.monotonic() - started < 4


@pytest.mark.parametrize("request_bytes", [
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(500))
    + b"\r\n",
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
])
def test_header_flood_is_a_json_431(strict: Server, request_bytes: bytes) -> None:
    sock = socket.create_connection(("127.0.0.1", strict.http_port), timeout=5)
    with sock:
        sock.sendall(request_bytes)
        answer = read_until(sock, b"}}")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431"), head
    assert json.loads(body)["error"]["code"] == "header_too_large"


@pytest.mark.parametrize("path", ["/nope", "/api/nope", "/api/frameworks/django/extra",
                                  "/admin/reload", "/ws/below"])
def test_unknown_paths_are_json_404(strict: Server, path: str) -> None:
    response = http(strict.url(path))
    assert response.status == 404 and response.json()["error"]["code"] == "not_found"
