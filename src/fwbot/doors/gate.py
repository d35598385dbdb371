"""The door in front of the doors: how many connections, from where.

``GatedFactory`` wraps a door's factory (the line door's, the HTTP
``Site``) in a ``ProtocolWrapper`` that counts every connection in one
``ConnectionGate`` shared by all doors: at most ``per_ip`` open at once
from one address and ``total`` in all. A connection over either limit gets
a polite refusal in the door's own terms (a text line, an HTTP 503 JSON
body) and is closed before its protocol is ever built.

The gate also knows every open connection, which is what a graceful
shutdown needs to say goodbye to each of them (``fwbot.doors.drain``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from twisted.internet.interfaces import (
    IAddress,
    IConsumer,
    IHalfCloseableProtocol,
    IProtocolNegotiationFactory,
    IPushProducer,
    IReactorTime,
    ITCPTransport,
    ITransport,
)
from twisted.internet.protocol import Protocol, connectionDone
from twisted.logger import Logger
from twisted.protocols.policies import ProtocolWrapper, WrappingFactory
from twisted.python.failure import Failure
from zope.interface import alsoProvides, directlyProvides, implementer, providedBy

from fwbot.doors.ratelimit import address_key

log = Logger(namespace="fwbot.gate")

Refusal = Callable[[ITransport], None]


class IConnection(ITCPTransport, IPushProducer, IConsumer):
    """What a door's connection is, for the type checker: one stream socket.

    A plain ``tcp.Connection`` (and a UNIX one, its subclass) provides all
    three -- ``abortConnection`` comes with ``ITCPTransport``, pausing its
    reading with ``IPushProducer``, a producer of our own with ``IConsumer``
    -- and so does the TLS layer over it and the gate's wrapper over either,
    both of which provide what the connection beneath provides
    (``directlyProvides`` in ``makeConnection``). No class declares this
    union; it only names what the doors rely on, in place of ``ITransport``,
    which has none of those calls.
    """


def peer_host(address: IAddress | None) -> str | None:
    """The client's IP address, or None for a peer without one (a UNIX socket)."""
    return getattr(address, "host", None)


def beneath_gate(transport: Any) -> Any:
    """The connection under the gate's wrapper: TCP, or the TLS layer on ``ssl:``.

    The line and WebSocket doors write there directly (the wrapper only
    passes writes on, see ``fwbot.doors.sendnow``), never past TLS, which
    must encrypt every byte.
    """
    while isinstance(transport, GatedProtocol):
        transport = transport.transport
    return transport


def close_after_answer(transport: Any, call_later: Callable[..., Any], linger: float) -> None:
    """Close a connection once the answer just written to it is out, unread bytes or not.

    Closing a socket with unread request bytes in the kernel sends a reset
    that can destroy the answer before the client reads it. Over TCP the
    connection stops writing (a half close), reads and discards, and is
    aborted ``linger`` seconds later. Over TLS a half close of the socket
    would cut the handshake and the answer short; TLS's own close sends the
    answer (after the handshake, if it is still going on), then its
    close_notify, and reads on until the client's -- aborted after
    ``linger`` too.
    """
    connection = beneath_gate(transport)
    if isinstance(connection, ProtocolWrapper) or not hasattr(connection,
                                                              "loseWriteConnection"):
        connection.loseConnection()
    else:
        connection.loseWriteConnection()

    def abort() -> None:
        if connection.connected:
            connection.abortConnection()

    call_later(linger, abort)


class ConnectionGate:
    """Counts open connections per client address and in all."""

    def __init__(self, per_ip: int, total: int) -> None:
        self.per_ip = per_ip
        self.total = total
        self._by_host: Counter[str] = Counter()
        self._open: set[GatedProtocol] = set()
        self.closing = False  # shutting down: refuse everything

    def __len__(self) -> int:
        return len(self._open)

    def __iter__(self) -> Iterator[GatedProtocol]:
        return iter(list(self._open))

    def from_host(self, host: str) -> int:
        """How many connections from ``host`` (an IPv6 one: its /64) are open now
        (what ``per_ip`` bounds)."""
        key = address_key(host)
        return self._by_host[key] if key is not None else 0

    def admit(self, connection: GatedProtocol) -> str | None:
        """Count ``connection`` in, or say why not: ``per_ip``, ``total`` or ``closing``."""
        if self.closing:
            return "closing"
        if len(self._open) >= self.total:
            return "total"
        # An IPv6 host may take any address of its /64: it counts as one address.
        key = address_key(connection.host)
        if key is not None and self._by_host[key] >= self.per_ip:
            return "per_ip"
        self._open.add(connection)
        if key is not None:
            self._by_host[key] += 1
        return None

    def release(self, connection: GatedProtocol) -> None:
        """Count a closed connection out; one never admitted is ignored.

        Refused connections close too, and must not free a place they never took.
        """
        if connection in self._open:
            self._open.discard(connection)
            key = address_key(connection.host)
            if key is not None:
                self._by_host[key] -= 1
                if self._by_host[key] <= 0:
                    del self._by_host[key]


@implementer(ITransport)
class GatedProtocol(ProtocolWrapper):
    """A connection that first has to get through the gate.

    It is the transport of the door's protocol (``ProtocolWrapper`` passes
    every ``ITransport`` call down), and provides whatever its own
    transport provides, as ``ProtocolWrapper`` does.
    """

    factory: GatedFactory
    transport: IConnection  # set by makeConnection, before anything reads it
    host: str | None = None
    refused: str | None = None
    _wrapped: Any = None

    # Reads of an admitted connection go straight to the door's protocol: the
    # connection calls ``dataReceived``, which is then the door's own bound
    # method, set on this instance (two Python calls a read fewer than this
    # class's, then ``ProtocolWrapper``'s). The door's protocol can change --
    # Autobahn's ``WebSocketResource`` puts the WebSocket in place of the HTTP
    # channel -- so the reads follow ``wrappedProtocol`` wherever it is set.

    @property
    def wrappedProtocol(self) -> Any:
        """The door's protocol this wrapper is the transport of."""
        return self._wrapped

    @wrappedProtocol.setter
    def wrappedProtocol(self, protocol: Any) -> None:
        self._wrapped = protocol
        own = vars(self)
        if "dataReceived" in own:  # admitted: the reads follow the protocol
            if protocol is None:  # the connection is gone (``connectionLost``)
                del own["dataReceived"]
            else:
                own["dataReceived"] = protocol.dataReceived

    def makeConnection(self, transport: ITransport) -> None:
        """``ProtocolWrapper.makeConnection``, behind the gate."""
        directlyProvides(self, providedBy(transport))
        if IHalfCloseableProtocol.providedBy(self.wrappedProtocol):
            alsoProvides(self, IHalfCloseableProtocol)  # ``printf q | nc -q1`` still works
        self.host = peer_host(transport.getPeer())
        Protocol.makeConnection(self, transport)
        self.refused = self.factory.gate.admit(self)
        if self.refused is None:
            self.factory.registerProtocol(self)
            vars(self)["dataReceived"] = self._wrapped.dataReceived  # see ``wrappedProtocol``
            self.wrappedProtocol.makeConnection(self)
            return
        log.info("refused a {door} connection: {why} limit", door=self.factory.door,
                 why=self.refused)
        self.factory.on_refused(self.refused)
        self.factory.refuse(transport)
        close_after_answer(transport, self.factory.clock.callLater, 1.0)

    def getHost(self) -> IAddress:
        """The server's end of the connection, asked of the socket once.

        twisted.web asks on every request (``Request.getHost``), and TCP
        asks the kernel each time (``getsockname``, a system call); a
        connection's own address does not change while it is open.
        """
        host: IAddress | None = vars(self).get("_own_address")
        if host is None:
            host = self._own_address = self.transport.getHost()
        return host

    def dataReceived(self, data: bytes) -> None:
        """Only a connection not admitted reads through here (see ``wrappedProtocol``)."""
        if self.refused is None:
            super().dataReceived(data)

    def readConnectionLost(self) -> None:
        """The client half-closed: tell the door (``IHalfCloseableProtocol``), if admitted.

        A refused connection has no door behind it, only the refusal being sent.
        """
        if self.refused is None:
            IHalfCloseableProtocol(self.wrappedProtocol).readConnectionLost()

    def writeConnectionLost(self) -> None:
        """The client stopped reading: tell the door, if admitted (as above)."""
        if self.refused is None:
            IHalfCloseableProtocol(self.wrappedProtocol).writeConnectionLost()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        if self.refused is None:
            self.factory.gate.release(self)
            super().connectionLost(reason)


class GatedFactory(WrappingFactory):
    """Wraps a door's factory; ``refuse`` writes that door's "too many" answer.

    It lists the ALPN protocols of the factory it wraps, when that one lists
    any (the HTTP door's ``Site``): under ``ssl:`` the TLS layer asks the
    factory right above it, which is this one (see :mod:`fwbot.tls`).
    """

    protocol = GatedProtocol

    def __init__(self, wrapped: Any, gate: ConnectionGate, door: str, refuse: Refusal,
                 clock: IReactorTime, on_refused: Callable[[str], None] | None = None) -> None:
        super().__init__(wrapped)
        self.gate = gate
        self.door = door
        self.refuse = refuse
        self.clock = clock
        self.on_refused = on_refused or (lambda why: None)
        if IProtocolNegotiationFactory.providedBy(wrapped):
            alsoProvides(self, IProtocolNegotiationFactory)

    def acceptableProtocols(self) -> list[bytes]:
        """The wrapped door's ALPN protocols (``IProtocolNegotiationFactory``)."""
        return list(self.wrappedFactory.acceptableProtocols())
