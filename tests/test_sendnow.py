"""``send_now``: an answer leaves at once, and nothing is reordered or lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from twisted.internet.testing import StringTransport

from fwbot.doors.sendnow import send_now


class FakeConnection:
    """The attributes of a ``twisted.internet.tcp.Connection`` that send_now reads,
    over a real socket; ``write`` records what Twisted would have buffered."""

    def __init__(self, sock: socket.socket) -> None:
        self.socket = sock
        self.connected = True
        self.disconnecting = False
        self._writeDisconnected = False
        self._tempDataBuffer: list[bytes] = []
        self.dataBuffer = b""
        self.offset = 0
        self.buffered: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.buffered.append(data)
        self._tempDataBuffer.append(data)


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    yield a, b
    a.close()
    b.close()


def test_an_answer_is_on_the_wire_before_the_reactor_turns(pair) -> None:
    ours, peer = pair
    conn = FakeConnection(ours)
    send_now(conn, b"answer\r\nfwbot> ")
    assert peer.recv(100) == b"answer\r\nfwbot> "
    assert conn.buffered == []


def test_behind_buffered_bytes_it_waits_its_turn(pair) -> None:
    ours, peer = pair
    conn = FakeConnection(ours)
    conn._tempDataBuffer.append(b"earlier")
    send_now(conn, b"later")
    assert conn.buffered == [b"later"]
    with pytest.raises(BlockingIOError):
        peer.recv(100)  # nothing overtook the earlier bytes


def test_what_the_kernel_does_not_take_goes_to_the_buffer(pair) -> None:
    ours, peer = pair
    ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    conn = FakeConnection(ours)
    data = bytes(range(256)) * 4096  # 1 MiB: more than any socket buffer holds
    send_now(conn, data)
    sent = b""
    while True:
        try:
            chunk = peer.recv(1 << 20)
        except BlockingIOError:
            break
        sent += chunk
    assert 0 < len(sent) < len(data)
    assert sent + b"".join(conn.buffered) == data


def test_a_closing_connection_gets_the_ordinary_write(pair) -> None:
    ours, _peer = pair
    conn = FakeConnection(ours)
    conn.disconnecting = True
    send_now(conn, b"bye")
    assert conn.buffered == [b"bye"]


def test_a_transport_without_a_socket_just_gets_write() -> None:
    transport = StringTransport()
    send_now(transport, b"hello")
    assert transport.value() == b"hello"


def test_a_real_twisted_connection_has_what_send_now_reads(pair) -> None:
    """If a Twisted upgrade renames these, send_now would silently fall back to
    plain writes (correct, but slower): fail here instead."""
    from twisted.internet import reactor, tcp
    from twisted.internet.protocol import Protocol

    ours, _peer = pair
    conn = tcp.Connection(ours, Protocol(), reactor)
    for name in ("socket", "connected", "disconnecting", "_writeDisconnected",
                 "_tempDataBuffer", "dataBuffer", "offset"):
        assert hasattr(conn, name), name
