"""Token buckets, the connection gate and the shutdown drain, on a Clock."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeEngine
from twisted.internet.address import IPv4Address, IPv6Address, UNIXAddress
from twisted.internet.interfaces import IHalfCloseableProtocol
from twisted.internet.protocol import Factory, Protocol
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport
from twisted.python import usage

from fwbot import tap
from fwbot.doors.drain import Drain
from fwbot.doors.gate import ConnectionGate, GatedFactory
from fwbot.doors.ratelimit import BucketsByKey, Throttle, TokenBucket, address_key
from fwbot.reply import Session
from fwbot.service import Bot, Limits, limit_fields, limits_table


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
    address: IPv4Address | IPv6Address | UNIXAddress
    if host is None:
        address = UNIXAddress(b"/tmp/x")
    elif ":" in host:
        address = IPv6Address("TCP", host, 1234)
    else:
        address = IPv4Address("TCP", host, 1234)
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


def test_gate_counts_an_ipv6_host_by_its_64() -> None:
    """One IPv6 host may use any address of its /64: its connections count together,
    so it cannot take every slot by changing address; the next /64 is not affected."""
    factory, gate, refused = gated(per_ip=2, total=10)
    connect(factory, "2001:db8:1:2::1")
    connect(factory, "2001:db8:1:2::2")
    _, wire = connect(factory, "2001:db8:1:2:ffff::3")
    assert refused == ["per_ip"] and wire.value() == b"too many\n"
    assert gate.from_host("2001:db8:1:2::9") == 2
    _, other = connect(factory, "2001:db8:1:3::1")
    assert other.value() == b""


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


# -- per-address limits ---------------------------------------------------------


def test_address_key_takes_ipv6_by_its_64_and_leaves_others_whole() -> None:
    assert address_key("10.0.0.1") == "10.0.0.1"
    assert address_key(None) is None
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:ffff::9") \
        == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:10.0.0.1") == "10.0.0.1"


def test_a_throttle_needs_both_its_own_token_and_its_address_token() -> None:
    clock = Clock()
    addresses = BucketsByKey(clock, rate=1.0, burst=3)
    first = Throttle(TokenBucket(clock, 1.0, 2), addresses, "10.0.0.1")
    assert [first.take() for _ in range(3)] == [True, True, False]  # its own bucket
    second = Throttle(TokenBucket(clock, 1.0, 2), addresses, "10.0.0.1")  # a reconnect
    assert [second.take() for _ in range(2)] == [True, False]  # the address has one left
    assert second.wait() == 1.0 and second.retry_after() == 1
    other = Throttle(TokenBucket(clock, 1.0, 2), addresses, "10.0.0.2")
    assert other.take() and other.take()  # another address is not affected
    clock.advance(1.0)
    assert second.take() and not first.take()
    local = Throttle(TokenBucket(clock, 1.0, 1), addresses, None)  # a UNIX socket
    assert local.take() and len(addresses) == 2


def test_a_charge_puts_a_bucket_in_debt_and_the_wait_says_how_long() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate=2.0, burst=4)
    bucket.take()
    bucket.charge(5)  # a costly message found afterwards: 3 left, 2 in debt
    assert not bucket.ready() and bucket.wait() == 1.5  # 3 tokens to one, at 2 a second
    clock.advance(1.4)
    assert not bucket.take()
    clock.advance(0.1)
    assert bucket.take()


def test_the_address_tables_stay_bounded() -> None:
    bot = Bot(FakeEngine(), limits=Limits(max_sessions=50), clock=Clock())
    for n in range(500):
        bot.throttle(f"10.0.{n // 256}.{n % 256}").take()
        bot.session_wait(f"10.1.{n // 256}.{n % 256}")
    assert len(bot.address_buckets) == 50 and len(bot.session_buckets) == 50


def test_new_sessions_per_address_are_limited() -> None:
    clock = Clock()
    bot = Bot(FakeEngine(), limits=Limits(session_rate=0.5, session_burst=2), clock=clock)
    assert [bot.session_wait("10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert bot.session_wait("10.0.0.1") == 2.0
    assert bot.session_wait("10.0.0.2") == 0.0 and bot.session_wait(None) == 0.0
    clock.advance(2.0)
    assert bot.session_wait("10.0.0.1") == 0.0


class SlowEngine(FakeEngine):
    """An engine whose answers take ``took`` seconds of a fake timer."""

    def __init__(self, timer: list[float], took: float) -> None:
        super().__init__()
        self.timer, self.took = timer, took

    def reply(self, session: Any, text: str) -> Any:
        self.timer[0] += self.took
        return super().reply(session, text)


def test_a_costly_message_costs_more_tokens() -> None:
    clock, now = Clock(), [0.0]
    engine = SlowEngine(now, took=0.0125)  # 12.5 ms: two tokens more at 5 ms a token
    bot = Bot(engine, limits=Limits(rate=1.0, burst=10, message_cost_ms=5.0), clock=clock,
              timer=lambda: now[0])
    throttle = bot.throttle("10.0.0.1")
    answered = 0
    while throttle.take():
        bot.ask("line", Session(), "ein langer Satz", throttle)
        answered += 1
    assert answered == 4  # 10 tokens, 3 a message
    engine.took = 0.001  # a cheap one costs its one token only
    clock.advance(100)
    cheap = 0
    while throttle.take():
        bot.ask("line", Session(), "hi", throttle)
        cheap += 1
    assert cheap == 10


class BusyEngine(FakeEngine):
    """Spends ``cpu`` seconds of the thread's CPU time, or sleeps ``idle`` seconds, per reply."""

    def __init__(self, cpu: float = 0.0, idle: float = 0.0) -> None:
        super().__init__()
        self.cpu, self.idle = cpu, idle

    def reply(self, session: Any, text: str) -> Any:
        end = time.thread_time() + self.cpu
        while time.thread_time() < end:
            pass
        time.sleep(self.idle)
        return super().reply(session, text)


def test_the_real_cpu_clock_charges_cpu_time_and_not_waiting() -> None:
    """With the default timer (the thread's CPU clock, read a second time only when
    the wall clock says the message may be over its cost): 12 ms of CPU at 5 ms a
    token costs two more tokens; 12 ms asleep costs none."""
    clock = Clock()
    limits = Limits(rate=1.0, burst=100, message_cost_ms=5.0)
    busy = Bot(BusyEngine(cpu=0.012), limits=limits, clock=clock)
    throttle = busy.throttle("10.0.0.1")
    busy.ask("line", Session(), "hi", throttle)
    assert throttle.own._tokens <= 100 - 2  # at least two more (more if preempted)
    sleepy = Bot(BusyEngine(idle=0.012), limits=limits, clock=clock)
    throttle = sleepy.throttle("10.0.0.2")
    sleepy.ask("line", Session(), "hi", throttle)
    assert throttle.own._tokens == 100  # no message token taken here, nothing charged
    cheap = Bot(BusyEngine(), limits=limits, clock=clock)
    throttle = cheap.throttle("10.0.0.3")
    cheap.ask("line", Session(), "hi", throttle)
    assert throttle.own._tokens == 100


# -- one declaration: options, Limits, --help and the README table -----------------


def test_every_limit_is_an_option_with_its_default_and_help() -> None:
    options = tap.Options()
    declared = {f.metadata["option"]: f for f in limit_fields()}
    assert set(declared) <= {row[0] for row in options.optParameters}
    assert options.limits() == Limits()
    helped = str(options)
    for name in declared:
        assert f"--{name}=" in helped
    assert "CPU time of the reactor thread" in helped


def test_new_limits_parse_and_reach_limits() -> None:
    options = tap.Options()
    options.parseOptions(["--address-rate=7", "--address-burst=70", "--session-rate=0.5",
                          "--session-burst=5", "--http-pipeline-batch=3",
                          "--message-cost-ms=2.5", "--ws-origins=https://a.example, http://b"])
    limits = options.limits()
    assert (limits.address_rate, limits.address_burst, limits.session_rate,
            limits.session_burst, limits.http_pipeline_batch, limits.message_cost_ms) \
        == (7.0, 70, 0.5, 5, 3, 2.5)
    assert limits.ws_origins == ("https://a.example", "http://b")
    for bad in ("--address-rate=0", "--session-burst=-1", "--http-pipeline-batch=x",
                "--ws-origins=,"):
        with pytest.raises(usage.UsageError):
            tap.Options().parseOptions([bad])


def test_the_readme_limits_table_is_the_declared_one() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert limits_table() in readme, (
        "README.md's limits table differs from fwbot.service.Limits: paste the output of "
        "python -c 'from fwbot.service import limits_table; print(limits_table())'")
    for declared in limit_fields():
        assert f"| `--{declared.metadata['option']}` |" in readme


def test_an_address_bucket_is_never_smaller_than_a_connections() -> None:
    """``--rate=1000 --burst=1000`` alone lifts the address's bucket too."""
    bot = Bot(FakeEngine(), limits=Limits(rate=1000.0, burst=1000), clock=Clock())
    throttle = bot.throttle("10.0.0.1")
    assert sum(throttle.take() for _ in range(1001)) == 1000
