"""``send_now``: an answer leaves at once, and nothing is reordered or lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from twisted.internet import reactor, tcp
from twisted.internet.protocol import Protocol
from twisted.internet.testing import StringTransport
from twisted.protocols.policies import ProtocolWrapper, WrappingFactory

from fwbot.doors.sendnow import send_now


class FakeConnection(tcp.Connection):
    """A real ``twisted.internet.tcp.Connection`` over a socket pair, except that
    ``write`` records what Twisted would have buffered (no reactor involved)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__(sock, Protocol(), reactor)
        self.connected = True
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



def test_an_aborted_connection_sends_nothing_more(pair) -> None:
    """``abortConnection`` closes the socket only on the reactor's next turn; a
    plain ``write`` drops what comes after it, and so must send_now."""
    ours, peer = pair
    conn = FakeConnection(ours)
    conn._aborting = True
    send_now(conn, b"after-abort")
    assert conn.buffered == [b"after-abort"]
    with pytest.raises(BlockingIOError):
        peer.recv(100)


def test_under_tls_every_byte_goes_through_the_tls_layer(pair) -> None:
    """On an ``ssl:`` door the transport a door writes to is the TLS layer (a
    ``ProtocolWrapper``, like this stand-in): sending on the socket under it
    would put plaintext on a TLS connection."""
    ours, peer = pair
    tls = ProtocolWrapper(WrappingFactory(None), Protocol())
    tls.transport = FakeConnection(ours)
    written: list[bytes] = []
    tls.write = written.append  # type: ignore[method-assign]
    send_now(tls, b"secret answer")
    assert written == [b"secret answer"]
    with pytest.raises(BlockingIOError):
        peer.recv(100)
