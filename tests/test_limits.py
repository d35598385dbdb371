"""Token buckets, the connection gate and the shutdown drain, on a Clock."""

from __future__ import annotations

from twisted.internet.address import IPv4Address, UNIXAddress
from twisted.internet.interfaces import IHalfCloseableProtocol
from twisted.internet.protocol import Factory, Protocol
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport

from fwbot.doors.drain import Drain
from fwbot.doors.gate import ConnectionGate, GatedFactory
from fwbot.doors.ratelimit import BucketsByKey, TokenBucket


def test_bucket_allows_a_burst_then_the_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate=2.0, burst=3)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    assert bucket.retry_after() == 1
    clock.advance(0.5)
    assert bucket.take() and not bucket.take()
    clock.advance(100)
    assert bucket.full
    assert sum(bucket.take() for _ in range(10)) == 3


def test_retry_after_rounds_up_to_whole_seconds() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate=0.25, burst=1)
    assert bucket.take() and not bucket.take()
    assert bucket.retry_after() == 4
    clock.advance(3.5)
    assert bucket.retry_after() == 1


def test_buckets_by_key_are_separate_and_bounded() -> None:
    clock = Clock()
    buckets = BucketsByKey(clock, rate=1.0, burst=1, max_keys=2)
    assert buckets.take("a") and not buckets.take("a")
    assert buckets.take("b")
    assert buckets.take("c")  # evicts "a", the least recently used
    assert len(buckets) == 2


class Echo(Protocol):
    def dataReceived(self, data: bytes) -> None:
        self.transport.write(data)


def connect(factory: GatedFactory,
            host: str | None = "10.0.0.1") -> tuple[Protocol, StringTransport]:
    address = IPv4Address("TCP", host, 1234) if host else UNIXAddress(b"/tmp/x")
    wire = StringTransport(peerAddress=address)
    protocol = factory.buildProtocol(address)
    protocol.makeConnection(wire)
    return protocol, wire


def gated(per_ip: int = 2, total: int = 3) -> tuple[GatedFactory, ConnectionGate, list[str]]:
    gate = ConnectionGate(per_ip=per_ip, total=total)
    refused: list[str] = []
    factory = GatedFactory(Factory.forProtocol(Echo), gate, "test",
                           lambda t: t.write(b"too many\n"), Clock(), refused.append)
    return factory, gate, refused


def test_gate_refuses_over_the_per_ip_limit_politely() -> None:
    factory, gate, refused = gated()
    first, _ = connect(factory)
    connect(factory)
    third, wire = connect(factory)
    assert wire.value() == b"too many\n" and refused == ["per_ip"]
    third.dataReceived(b"ignored")
    assert wire.value() == b"too many\n"
    assert gate.from_host("10.0.0.1") == 2
    first.connectionLost(None)
    assert gate.from_host("10.0.0.1") == 1
    _, wire = connect(factory)
    assert wire.value() == b""


def test_gate_refuses_over_the_total_and_unix_peers_count_only_there() -> None:
    factory, gate, refused = gated(per_ip=5, total=2)
    connect(factory, None)
    connect(factory, "10.0.0.2")
    _, wire = connect(factory, "10.0.0.3")
    assert refused == ["total"] and wire.value() == b"too many\n"
    assert len(gate) == 2


def test_admitted_connection_passes_data_and_half_close() -> None:
    factory, _, _ = gated()
    protocol, wire = connect(factory)
    protocol.dataReceived(b"hi")
    assert wire.value() == b"hi"
    assert not IHalfCloseableProtocol.providedBy(protocol)  # Echo is not half-closeable


def test_drain_shuts_every_connection_down_then_fires() -> None:
    clock = Clock()
    factory, gate, _ = gated(per_ip=5, total=5)
    factory.clock = clock
    closed: list[str] = []
    protocol, _ = connect(factory)
    protocol.wrappedProtocol.shut_down = lambda: closed.append("bye")  # type: ignore[attr-defined]
    drain = Drain(gate, clock, grace_seconds=1.0)
    drain.startService()
    fired: list[None] = []
    drain.stopService().addCallback(fired.append)
    assert closed == ["bye"] and not fired
    _, refused_wire = connect(factory)  # nothing new gets in while draining
    assert refused_wire.value() == b"too many\n"
    protocol.connectionLost(None)
    clock.advance(0.1)
    assert fired == [None]


def test_drain_aborts_what_outlives_the_grace_period() -> None:
    clock = Clock()
    factory, gate, _ = gated()
    _, wire = connect(factory)
    drain = Drain(gate, clock, grace_seconds=1.0)
    drain.startService()
    fired: list[None] = []
    drain.stopService().addCallback(fired.append)
    clock.pump([0.05] * 30)
    assert fired == [None] and wire.disconnecting
