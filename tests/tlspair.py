"""A real TLS connection in memory: Twisted's TLS layer on both ends, no sockets.

``TLSLink(server_factory, certificate)`` builds what ``listenSSL`` builds for
one connection -- ``TLSMemoryBIOFactory`` around the door's factory (the
gate's, as in production), over a ``StringTransport`` standing for TCP --
and a TLS client the same way. ``pump()`` carries bytes both ways until
neither side has anything more to say, so a test sees the handshake, ALPN
and every record exactly as OpenSSL produces them.
"""

from __future__ import annotations

from typing import Any

from twisted.internet.address import IPv4Address
from twisted.internet.error import ConnectionDone
from twisted.internet.protocol import Factory, Protocol
from twisted.internet.ssl import Certificate, optionsForClientTLS
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport
from twisted.protocols.tls import TLSMemoryBIOFactory, TLSMemoryBIOProtocol
from twisted.python.failure import Failure


class TCPStand(StringTransport):
    """A ``StringTransport`` standing for TCP: the HTTP channel sets TCP_NODELAY."""

    no_delay = False
    bufferSize = 65536  # FileDescriptor's: when TCP pauses its producer

    def setTcpNoDelay(self, enabled: bool) -> None:
        self.no_delay = enabled

    def getTcpNoDelay(self) -> bool:
        return self.no_delay

    write_closed = False

    def loseWriteConnection(self) -> None:
        """TCP's half close: nothing written from now on leaves."""
        self.write_closed = True

    def write(self, data: bytes) -> None:
        if not self.write_closed:
            super().write(data)


class Received(Protocol):
    """The client's application side: keeps what it reads."""

    def __init__(self) -> None:
        self.data = b""
        self.lost: Failure | None = None

    def dataReceived(self, data: bytes) -> None:
        self.data += data

    def connectionLost(self, reason: Failure) -> None:
        self.lost = reason

    def take(self) -> bytes:
        data, self.data = self.data, b""
        return data


class TLSLink:
    """One TLS connection between a client and ``server_factory``, in memory."""

    def __init__(self, server_factory: Any, certificate: Any, ca_pem: bytes,
                 alpn: list[bytes] | None = None, host: str = "127.0.0.1",
                 clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        peer = IPv4Address("TCP", host, 50000)
        self.server_tcp = TCPStand(peerAddress=peer)
        self.server: TLSMemoryBIOProtocol = TLSMemoryBIOFactory(
            certificate, False, server_factory, clock=self.clock).buildProtocol(peer)
        self.client_tcp = TCPStand()
        options = optionsForClientTLS("localhost", trustRoot=Certificate.loadPEM(ca_pem),
                                      acceptableProtocols=alpn)
        self.app = Received()
        self.client: TLSMemoryBIOProtocol = TLSMemoryBIOFactory(
            options, True, Factory.forProtocol(lambda: self.app),
            clock=self.clock).buildProtocol(None)
        self.server.makeConnection(self.server_tcp)
        self.client.makeConnection(self.client_tcp)

    closed = False

    def pump(self, rounds: int = 50) -> None:
        """Carry bytes both ways (and let Twisted flush its joined writes) until quiet;
        then, if either end closed its TCP, both ends hear the connection is lost."""
        for _ in range(rounds):
            self.clock.advance(0)
            to_server, to_client = self.client_tcp.value(), self.server_tcp.value()
            self.client_tcp.clear()
            self.server_tcp.clear()
            if not to_server and not to_client:
                break
            if to_server:
                self.server.dataReceived(to_server)
            if to_client:
                self.client.dataReceived(to_client)
        if not self.closed and (self.server_tcp.disconnecting or self.client_tcp.disconnecting):
            self.closed = True
            for end in (self.server, self.client):
                end.connectionLost(Failure(ConnectionDone()))

    def send(self, data: bytes) -> bytes:
        """Write as the client, pump, and return what the client read since."""
        self.client.write(data)
        self.pump()
        return self.app.take()

    @property
    def negotiated(self) -> bytes | None:
        """The ALPN protocol the server selected (None: none)."""
        return self.client.negotiatedProtocol

    def served_serial(self) -> int:
        """The serial number of the certificate the server presented (and the client
        verified: a failed verification closes the connection)."""
        assert self.app.lost is None, self.app.lost
        cert = self.client.getPeerCertificate()
        assert cert is not None, "no handshake"
        return cert.to_cryptography().serial_number
