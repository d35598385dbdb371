"""The line door on a StringTransport: framing, telnet commands, limits, timeouts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes import FakeEngine, FakeFeedback
from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.conch.telnet import (
    AYT,
    BRK,
    DO,
    DONT,
    EC,
    EL,
    IAC,
    IP,
    NAWS,
    SB,
    SE,
    SGA,
    WILL,
    WONT,
)
from twisted.internet.address import IPv4Address
from twisted.internet.interfaces import IHalfCloseableProtocol
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport

from fwbot.doors.line import PROMPT, LineDoorFactory, LineTransport
from fwbot.reply import Reply, Session
from fwbot.service import Bot, Limits

P = PROMPT.encode()
TM = b"\x06"  # TIMING-MARK


class Conn:
    """One connection to the door through the real telnet transport.

    ``offer=False`` (most tests) turns the BINARY offer off, so the door
    behaves as ``nc`` sees it; ``offer=True`` keeps the limits' offer delay.
    """

    def __init__(self, limits: Limits | None = None, offer: bool = False) -> None:
        self.clock = Clock()
        self.engine = FakeEngine()
        limits = limits or Limits(line_bytes=64, line_idle_seconds=30)
        if not offer:
            limits = replace(limits, line_telnet_offer_seconds=0)
        self.bot = Bot(self.engine, limits=limits, clock=self.clock)
        self.wire = StringTransport()
        self.telnet: LineTransport = LineDoorFactory(self.bot, self.clock).buildProtocol(None)
        self.telnet.makeConnection(self.wire)
        self.door = self.telnet.protocol
        self.greeting = self.take()

    def send(self, data: bytes) -> bytes:
        self.telnet.dataReceived(data)
        return self.take()

    def take(self) -> bytes:
        out = self.wire.value()
        self.wire.clear()
        return out


@pytest.fixture
def conn() -> Conn:
    return Conn()


def test_greeting_is_bilingual_then_prompt(conn: Conn) -> None:
    assert conn.greeting.startswith("Привіт".encode())
    assert b"Hi! I am fwbot" in conn.greeting
    assert conn.greeting.endswith(b"\r\n" + P)
    assert b"\xff" not in conn.greeting


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r", b"\r\0"])
def test_each_line_ending_gives_exactly_one_answer(conn: Conn, ending: bytes) -> None:
    out = conn.send(b"What is Django?" + ending + b"next" + ending)
    assert conn.engine.seen == ["What is Django?", "next"]
    assert out.count(P) == 2
    assert out.startswith(b"fake: What is Django? (turn 1)\r\n")


@pytest.mark.parametrize("ending", [b"\r\n", b"\r\0"])
def test_cr_split_across_reads_gives_one_line(conn: Conn, ending: bytes) -> None:
    """A bare CR is answered at once; its LF or NUL in the next read is not a second line."""
    first = conn.send(b"django" + ending[:1])
    assert conn.engine.seen == ["django"]
    assert first.endswith(P)
    assert conn.send(ending[1:]) == b""
    conn.send(b"x\n")
    assert conn.engine.seen == ["django", "x"]


def test_line_split_across_reads(conn: Conn) -> None:
    conn.send(b"What is ")
    conn.send("Фласк".encode()[:3])
    conn.send("Фласк".encode()[3:] + b"?\n")
    assert conn.engine.seen == ["What is Фласк?"]


def test_empty_line_only_prompts(conn: Conn) -> None:
    assert conn.send(b"\n") == P
    assert conn.send(b"   \r\n") == P
    assert conn.engine.seen == []


def test_answer_lists_suggestions_and_uses_crlf(conn: Conn) -> None:
    out = conn.send(b"django\n")
    assert out == (b"fake: django (turn 1)\r\nYou could ask:\r\n"
                   + "  • Is it async?".encode() + b"\r\n" + P)


def test_invalid_utf8_is_an_error_line_and_the_session_goes_on(conn: Conn) -> None:
    out = conn.send(b"caf\xe9\n")
    assert b"UTF-8" in out and out.endswith(P)
    conn.send(b"still here\n")
    assert conn.engine.seen == ["still here"]
    assert conn.bot.metrics.errors.labels("line", "invalid_utf8")._value.get() == 1


def test_error_follows_the_users_language(conn: Conn) -> None:
    conn.send("привіт\n".encode())
    assert b"UTF-8" in conn.send(b"\xc3\x28\n")
    assert "надсилайте".encode() in conn.send(b"\xc3\x28\n")


def test_long_line_is_refused_without_buffering_it(conn: Conn) -> None:
    for _ in range(100):
        assert conn.send(b"x" * 50) == b""
        assert len(conn.door._buffer) <= 64
    out = conn.send(b"\n")
    assert b"too long" in out and b"64" in out and out.endswith(P)
    conn.send(b"short\n")
    assert conn.engine.seen == ["short"]


def test_line_at_the_limit_is_accepted(conn: Conn) -> None:
    conn.send(b"y" * 64 + b"\n")
    assert conn.engine.seen == ["y" * 64]


def test_control_characters_are_dropped(conn: Conn) -> None:
    conn.send(b"dj\x00an\x1bgo\tok\n")
    assert conn.engine.seen == ["django ok"]


def test_raw_ctrl_c_abandons_the_line(conn: Conn) -> None:
    out = conn.send(b"half a question\x03")
    assert out == b"\r\n" + P
    conn.send(b"django\n")
    assert conn.engine.seen == ["django"]


def test_telnet_interrupt_abandons_the_line(conn: Conn) -> None:
    conn.send(b"half a question")
    out = conn.send(IAC + IP + IAC + DO + TM)  # what telnet sends on Ctrl-C
    # The client hides output until our answer to DO TIMING-MARK: the prompt comes after it.
    assert out == IAC + WONT + TM + b"\r\n" + P
    conn.send(b"django\r\n")
    assert conn.engine.seen == ["django"]


def test_interrupt_and_timing_mark_in_separate_reads(conn: Conn) -> None:
    assert conn.send(IAC + IP) == b"\r\n" + P
    assert conn.send(IAC + DO + TM) == IAC + WONT + TM + b"\r\n" + P


def test_interrupt_then_a_line_in_the_same_read(conn: Conn) -> None:
    out = conn.send(b"junk\x03django\n")
    assert out.startswith(b"\r\n" + P + b"fake: django")
    assert out.count(P) == 2
    assert conn.send(b"x\x03\n") == b"\r\n" + P  # one prompt, not two


def test_break_erase_line_and_erase_char(conn: Conn) -> None:
    conn.send(b"abc" + IAC + BRK)
    conn.send(b"junk" + IAC + EL + "djangф".encode() + IAC + EC + b"o\n")
    assert conn.engine.seen == ["django"]


def test_are_you_there(conn: Conn) -> None:
    assert conn.send(IAC + AYT) == b"[fwbot is here]\r\n"


def test_options_are_refused_politely(conn: Conn) -> None:
    out = conn.send(IAC + WILL + NAWS + IAC + DO + SGA + IAC + SB + NAWS + b"\0P\0\x18" + IAC + SE)
    assert out == IAC + DONT + NAWS + IAC + WONT + SGA
    conn.send(b"django\n")
    assert conn.engine.seen == ["django"]


def test_unknown_iac_command_is_ignored_and_nothing_is_lost(conn: Conn) -> None:
    """IAC followed by a non-command makes TelnetTransport raise ValueError("Stumped")."""
    conn.send(b"dja" + IAC + b"\x01" + b"ngo\n" + IAC)
    conn.send(b"\x02more\n")
    assert conn.engine.seen == ["django", "more"]
    assert conn.wire.disconnecting is False


def test_escaped_ff_in_data_is_not_a_command(conn: Conn) -> None:
    out = conn.send(b"a" + IAC + IAC + b"\n")
    assert b"UTF-8" in out  # a lone 0xFF byte is not UTF-8


def test_ctrl_d_on_an_empty_line_says_goodbye_and_closes(conn: Conn) -> None:
    out = conn.send(b"\x04")
    assert out == b"bye\r\n"
    assert conn.wire.disconnecting
    assert conn.send(b"ignored\n") == b""
    assert conn.engine.seen == ["/quit"]


def test_ctrl_d_inside_a_line_is_ignored(conn: Conn) -> None:
    conn.send(b"dja\x04ngo\n")
    assert conn.engine.seen == ["django"]
    assert not conn.wire.disconnecting


def test_quit_closes_after_the_goodbye(conn: Conn) -> None:
    assert conn.send(b"/quit\nnever answered\n") == b"bye\r\n"
    assert conn.wire.disconnecting
    assert conn.engine.seen == ["/quit"]


def test_half_close_answers_the_buffered_line_then_closes(conn: Conn) -> None:
    assert IHalfCloseableProtocol.providedBy(conn.telnet)
    conn.send(b"What is Django?")
    conn.telnet.readConnectionLost()
    assert conn.take() == b"fake: What is Django? (turn 1)\r\nYou could ask:\r\n" + \
        "  • Is it async?".encode() + b"\r\n" + P
    assert conn.wire.disconnecting


def test_half_close_after_a_full_line(conn: Conn) -> None:
    conn.send(b"What is Django?\n")
    conn.telnet.readConnectionLost()
    assert conn.engine.seen == ["What is Django?"]
    assert conn.wire.disconnecting


def test_each_connection_has_its_own_session() -> None:
    a, b = Conn(), Conn()
    a.send(b"one\n")
    a.send(b"two\n")
    assert b"(turn 1)" in b.send(b"one\n")
    assert a.door.session is not b.door.session


def test_lang_command_is_passed_through(conn: Conn) -> None:
    conn.send(b"/lang uk\n")
    assert conn.door.session.lang == "uk"
    assert "надсилайте".encode() in conn.send(b"\xff\xff\n")


def test_idle_timeout_says_goodbye_in_the_users_language(conn: Conn) -> None:
    conn.send("привіт\n".encode())
    conn.clock.advance(29)
    conn.send("що таке джанго\n".encode())
    conn.clock.advance(29)
    assert not conn.wire.disconnecting
    conn.clock.advance(2)
    assert "Тиша".encode() in conn.take()
    assert conn.wire.disconnecting


def test_engine_failure_costs_one_answer_not_the_connection(conn: Conn) -> None:
    out = conn.send(b"boom\n")
    assert b"Sorry" in out and out.endswith(P)
    conn.send(b"django\n")
    assert conn.engine.seen[-1] == "django"


def test_metrics_count_connections_and_answers(conn: Conn) -> None:
    conn.send(b"django\n")
    m = conn.bot.metrics
    assert m.answers.labels("line", "describe")._value.get() == 1
    assert m.open_connections.labels("line")._value.get() == 1
    conn.telnet.connectionLost(None)
    assert m.open_connections.labels("line")._value.get() == 0


def test_reload_is_seen_by_an_open_connection(conn: Conn) -> None:
    conn.bot.engine = FakeEngine("new")
    assert conn.send(b"hi\n").startswith(b"new: hi")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=12))
def test_any_bytes_in_any_pieces_never_break_the_door(pieces: list[bytes]) -> None:
    """Whatever arrives -- stray IACs, bad UTF-8, control bytes -- no exception escapes."""
    conn = Conn()
    for piece in pieces:
        conn.telnet.dataReceived(piece)
        assert len(conn.door._buffer) <= conn.bot.limits.line_bytes
    out = conn.take()
    if not conn.wire.disconnecting:
        conn.telnet.readConnectionLost()
    # Every 0xFF the server sends is part of a telnet reply to the client's own IAC.
    assert b"\xff" not in out or any(b"\xff" in p for p in pieces)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_line_is_answered_or_refused(text: str) -> None:
    conn = Conn(Limits(line_bytes=256))
    out = conn.send(text.encode("utf-8", "surrogatepass") + b"\n")
    assert out.endswith(P) or conn.wire.disconnecting


# -- hardening: rate, back-pressure, ratings, shutdown ------------------------


def test_a_flood_is_told_to_slow_down_once_and_the_session_goes_on() -> None:
    conn = Conn(Limits(rate=1.0, burst=3))
    out = conn.send(b"".join(b"q%d\n" % i for i in range(50)))
    assert conn.engine.seen == ["q0", "q1", "q2"]
    assert out.count(b"slow down") == 1  # one notice per burst, not one per line
    conn.clock.advance(1.0)
    assert conn.send(b"again\n").startswith(b"fake: again")
    assert conn.bot.metrics.errors.labels("line", "rate_limited")._value.get() == 1


def test_slow_down_is_in_the_users_language() -> None:
    conn = Conn(Limits(rate=1.0, burst=1))
    conn.send("привіт\n".encode())
    assert "пригальмуйте".encode() in conn.send("ще\n".encode())


def test_control_characters_nul_and_c1_are_dropped() -> None:
    conn = Conn()
    conn.send(b"dj\x00an\x1b[31mgo\xc2\x85?\x01\n")
    assert conn.engine.seen == ["djan[31mgo?"]


def test_only_a_line_with_a_control_character_is_translated() -> None:
    """The door translates a line only when the check finds a character of the table:
    the check must find every one of them (C0, DEL, C1, tab) and nothing else."""
    from fwbot.doors.line import _ANY_CONTROL, _CONTROL

    found = {c for c in range(0x3000) if _ANY_CONTROL.search(chr(c))}
    assert found == set(_CONTROL)
    conn = Conn()
    conn.send("a\u0085b\u009fc\u00a0d\x1be\tf ґ\n".encode())  # (DEL: a backspace)
    assert conn.engine.seen == ["abc\u00a0de f ґ"]


def test_a_client_that_does_not_read_stops_being_read() -> None:
    """Paused (the TCP buffer is full): lines already read wait, answered on resume."""
    conn = Conn()
    conn.telnet.pauseProducing()
    assert conn.wire.producerState == "paused"
    conn.send(b"one\ntwo\n")
    assert conn.engine.seen == []
    conn.telnet.resumeProducing()
    assert conn.engine.seen == ["one", "two"]
    assert conn.wire.producerState == "producing"


def test_pausing_mid_read_keeps_the_rest_of_that_read() -> None:
    conn = Conn()
    original = conn.door._answer

    def answer_then_back_up(text: str) -> None:
        original(text)
        conn.telnet.pauseProducing()

    conn.door._answer = answer_then_back_up  # type: ignore[method-assign]
    conn.send(b"a\nb\nc\n")
    assert conn.engine.seen == ["a"]
    conn.telnet.resumeProducing()
    assert conn.engine.seen == ["a", "b"]


def test_output_past_the_hard_bound_drops_the_connection() -> None:
    conn = Conn(Limits(line_output_max_bytes=100))
    conn.wire.dataBuffer = b"x" * 200  # what a TCP transport holds unsent
    conn.wire.offset = 0
    conn.send(b"django\n")
    assert conn.wire.disconnecting
    assert conn.telnet.dropped
    assert conn.bot.metrics.errors.labels("line", "output_overflow")._value.get() == 1


def test_idle_timeout_of_a_backed_up_client_aborts() -> None:
    conn = Conn()
    conn.telnet.pauseProducing()
    conn.clock.advance(31)
    assert conn.wire.disconnecting


def rated_conn(hold: bool = False) -> tuple[Conn, FakeFeedback]:
    conn = Conn()
    feedback = FakeFeedback(hold=hold)
    conn.bot.feedback = feedback
    return conn, feedback


def test_rate_the_last_answer() -> None:
    conn, feedback = rated_conn()
    assert b"no answer to rate" in conn.send(b"/rate up\n")
    conn.send(b"What is Django?\n")
    out = conn.send("/rate down too short 👎\n".encode())
    assert out == b"Thanks for the rating!\r\n" + P
    door, answered, rating, comment = feedback.ratings[0]
    assert (door, answered.intent, rating, comment) == ("line", "describe", "down",
                                                       "too short 👎")
    assert b"/rate up" in conn.send(b"/rate sideways\n")
    assert conn.engine.seen == ["What is Django?"]  # /rate never reaches the engine


def test_thanks_comes_only_after_the_commit_and_before_later_answers() -> None:
    conn, feedback = rated_conn(hold=True)
    conn.send(b"django\n")
    assert conn.send(b"/rate up\nnext\n") == b""
    assert conn.wire.producerState == "paused" and conn.engine.seen == ["django"]
    feedback.waiting[0].callback(1)
    out = conn.take()
    assert out.index(b"Thanks") < out.index(b"fake: next")
    assert conn.wire.producerState == "producing"


def test_a_failed_commit_is_an_error_not_a_thanks() -> None:
    conn, feedback = rated_conn(hold=True)
    conn.send(b"django\n")
    conn.send(b"/rate up\n")
    feedback.waiting[0].errback(RuntimeError("disk full"))
    assert b"Could not save" in conn.take()


def test_unknown_questions_are_recorded() -> None:
    conn, feedback = rated_conn()
    conn.send(b"what is love\n")
    conn.send(b"django\n")
    assert feedback.unknown == [("line", "en", "what is love")]


def test_shutdown_says_goodbye_in_the_users_language() -> None:
    conn = Conn()
    conn.send(b"/lang uk\n")
    conn.telnet.shut_down()
    assert "Сервер зупиняється".encode() in conn.take()
    assert conn.wire.disconnecting


def test_under_a_tls_layer_output_goes_through_it() -> None:
    """On ``ssl:`` the TLS layer (a ``ProtocolWrapper``) sits between the door and
    the socket; the door must write to it, not to the socket beneath."""
    from twisted.internet.protocol import Protocol
    from twisted.protocols.policies import ProtocolWrapper, WrappingFactory

    bot = Bot(FakeEngine(), limits=Limits(line_idle_seconds=30))
    telnet = LineDoorFactory(bot, Clock()).buildProtocol(None)
    tls = ProtocolWrapper(WrappingFactory(None), Protocol())
    socket_level = StringTransport()
    tls.makeConnection(socket_level)
    encrypted: list[bytes] = []
    tls.write = encrypted.append  # type: ignore[method-assign]
    telnet.makeConnection(tls)
    assert telnet.socket_transport is tls
    assert b"Hi! I am fwbot" in b"".join(encrypted)
    assert socket_level.value() == b""


def test_ratings_past_the_address_limit_are_refused_on_a_second_connection_too() -> None:
    conn = Conn(Limits(rating_rate=0.01, rating_burst=2))
    feedback = FakeFeedback()
    conn.bot.feedback = feedback
    conn.send(b"django\n")
    assert [b"Thanks" in conn.send(b"/rate up\n") for _ in range(2)] == [True, True]
    other = LineDoorFactory(conn.bot, conn.clock).buildProtocol(None)
    other_wire = StringTransport()  # the same peer address: 192.168.1.1
    other.makeConnection(other_wire)
    other.dataReceived(b"flask\n/rate down\n")
    assert b"slow down" in other_wire.value() and len(feedback.ratings) == 2


@pytest.mark.parametrize(("code", "text"), [("storage_full", b"storage is full"),
                                            ("storage_unavailable", b"Could not save")])
def test_a_refused_rating_says_why(code: str, text: bytes) -> None:
    from fwbot.feedback import Refused

    conn, feedback = rated_conn(hold=True)
    conn.send(b"django\n")
    conn.send(b"/rate up\n")
    feedback.waiting[0].errback(Refused(code))
    out = conn.take()
    assert text in out and out.endswith(P)


# -- telnet negotiation: the BINARY offer, repeats, the budget -----------------

BINARY = b"\x00"
ECHO = b"\x01"
NOP = b"\xf1"


def test_a_silent_client_is_offered_binary_then_shown_the_prompt() -> None:
    conn = Conn(offer=True)
    assert conn.greeting.endswith(b"\r\n") and P not in conn.greeting
    assert b"\xff" not in conn.greeting
    conn.clock.advance(0.2)
    # CR first: on a raw terminal the prompt is drawn over the offer's bytes.
    assert conn.take() == IAC + DO + BINARY + b"\r" + P
    assert conn.send(IAC + WILL + BINARY) == b""  # the client's yes needs no answer
    assert conn.telnet.getOptionState(BINARY).him.state == "yes"
    conn.send("Коли створили Python?\n".encode())
    assert conn.engine.seen == ["Коли створили Python?"]


def test_a_client_that_sends_at_once_never_sees_a_telnet_byte() -> None:
    conn = Conn(offer=True)
    out = conn.send(b"What is Django?\n")
    assert out.startswith(P + b"fake: What is Django?")  # the owed prompt, then the answer
    conn.clock.advance(60)
    assert b"\xff" not in out + conn.take()


def test_a_client_that_speaks_telnet_first_is_offered_binary_at_once() -> None:
    conn = Conn(offer=True)
    naws = b"\x1f"
    assert conn.send(IAC + WILL + naws) == IAC + DONT + naws + IAC + DO + BINARY + P
    conn.clock.advance(1)
    assert conn.take() == b""  # offered once


def test_binary_is_accepted_both_ways_when_the_client_asks(conn: Conn) -> None:
    assert conn.send(IAC + WILL + BINARY + IAC + DO + BINARY) == (
        IAC + DO + BINARY + IAC + WILL + BINARY)
    assert conn.send(IAC + WILL + BINARY + IAC + DO + BINARY) == b""  # already on
    # The client's terminal echoes Enter as a bare LF now: the answer starts with CR.
    assert conn.send(b"django\n").startswith(b"\rfake: django")
    assert conn.send(IAC + DONT + BINARY + IAC + WONT + BINARY) == (
        IAC + WONT + BINARY + IAC + DONT + BINARY)
    assert conn.send(b"django\n").startswith(b"fake: django")


def test_a_request_repeated_within_a_read_is_answered_once(conn: Conn) -> None:
    out = conn.send((IAC + DO + ECHO + IAC + DONT + ECHO) * 100 + (IAC + AYT) * 50)
    assert out == IAC + WONT + ECHO + b"[fwbot is here]\r\n"


def test_every_timing_mark_is_answered(conn: Conn) -> None:
    """The client hides its output until each answer, so none is suppressed."""
    assert conn.send((IAC + DO + TM) * 3) == (IAC + WONT + TM) * 3


def test_commands_split_across_reads(conn: Conn) -> None:
    for piece in (b"dja" + IAC, DO, ECHO + b"ngo" + IAC, IAC + b"\n"):
        conn.send(piece)
    assert conn.wire.value() == b""
    conn.take()
    assert conn.engine.seen == []  # "django" + a 0xFF byte is not UTF-8
    conn.send(b"x" + IAC)
    conn.send(EC + b"django\n")
    assert conn.engine.seen == ["django"]


def test_subnegotiations_are_skipped_across_reads(conn: Conn) -> None:
    naws = b"\x1f"
    conn.send(b"dja" + IAC + SB + naws + b"\x00\x50" + IAC)
    conn.send(IAC + b"\x00" + IAC)
    conn.send(SE + b"ngo\n")
    assert conn.engine.seen == ["django"]


def test_an_endless_subnegotiation_hangs_up() -> None:
    conn = Conn()
    conn.send(IAC + SB + b"\x18" + b"x" * 4000)
    assert not conn.wire.disconnecting
    assert b"Too many telnet commands" in conn.send(b"x" * 200)
    assert conn.wire.disconnecting


def test_over_the_telnet_budget_the_door_says_why_and_hangs_up() -> None:
    conn = Conn(Limits(line_telnet_budget=10))
    assert conn.send((IAC + NOP) * 10) == b""
    conn.clock.advance(3)  # three commands earned back
    assert conn.send((IAC + NOP) * 3) == b""
    conn.send("привіт\n".encode())
    out = conn.send(IAC + DO + ECHO + b"django\n")  # the read that overdraws is not parsed
    assert "Забагато телнет-команд".encode() in out and IAC not in out
    assert conn.wire.disconnecting
    assert conn.send(b"more\n") == b""
    assert conn.engine.seen == ["привіт"]
    assert conn.bot.metrics.errors.labels("line", "telnet_flood")._value.get() == 1


def test_a_command_flood_costs_one_count_per_read() -> None:
    """Over the budget nothing is parsed: the door is not even asked about the text."""
    conn = Conn()
    seen: list[bytes] = []
    conn.door.dataReceived = seen.append  # type: ignore[method-assign]
    conn.telnet.dataReceived(b"text" + (IAC + DO + ECHO + IAC + DONT + ECHO) * 10_000)
    assert seen == [] and conn.telnet.hung_up


@pytest.mark.parametrize("erase", [b"\x08", b"\x7f", IAC + EC])
def test_backspace_erases_one_character_not_one_byte(conn: Conn, erase: bytes) -> None:
    conn.send("фласкжж".encode() + erase + erase + b"?\n")
    conn.send(b"ab" + erase * 5 + b"c\n")
    assert conn.engine.seen == ["фласк?", "c"]


# -- fairness: over the rate a client is not read; limits per address -----------------


def line_conn(bot: Bot, clock: Clock, host: str = "10.0.0.1") -> tuple[LineTransport,
                                                                        StringTransport]:
    wire = StringTransport(peerAddress=IPv4Address("TCP", host, 4321))
    telnet = LineDoorFactory(bot, clock).buildProtocol(None)
    telnet.makeConnection(wire)
    wire.clear()
    return telnet, wire


def test_over_its_rate_a_client_is_not_read_until_its_bucket_refills() -> None:
    conn = Conn(Limits(rate=1.0, burst=2, line_telnet_offer_seconds=0))
    out = conn.send(b"q0\nq1\nq2\nq3\nq4\n")
    assert conn.engine.seen == ["q0", "q1"] and out.count(b"slow down") == 1
    assert conn.wire.producerState == "paused"  # TCP back-pressure: the rest waits unread
    conn.clock.advance(0.9)
    assert conn.wire.producerState == "paused"
    conn.clock.advance(0.1)
    assert conn.wire.producerState == "producing"
    assert conn.send(b"q5\n").startswith(b"fake: q5")
    # Output back-pressure and the rate are separate holds: neither undoes the other.
    conn.send(b"q6\nq7\n")
    assert conn.wire.producerState == "paused"
    conn.telnet.pauseProducing()  # the output backs up meanwhile
    conn.clock.advance(1.0)  # the rate's hold ends, the output's does not
    assert conn.wire.producerState == "paused"
    conn.telnet.resumeProducing()
    assert conn.wire.producerState == "producing"


def test_reconnecting_gets_no_fresh_burst_from_the_same_address() -> None:
    clock = Clock()
    bot = Bot(FakeEngine(), limits=Limits(rate=10.0, burst=5, address_rate=1.0,
                                          address_burst=8, line_telnet_offer_seconds=0),
              clock=clock)
    first, _ = line_conn(bot, clock)
    first.dataReceived(b"".join(b"a%d\n" % i for i in range(5)))
    second, wire = line_conn(bot, clock)  # a fresh connection: a fresh bucket of its own
    second.dataReceived(b"".join(b"b%d\n" % i for i in range(5)))
    assert bot.engine.seen == [f"a{i}" for i in range(5)] + ["b0", "b1", "b2"]
    assert wire.value().count(b"slow down") == 1 and wire.producerState == "paused"
    neighbour, other = line_conn(bot, clock, "10.0.0.2")  # another address: unaffected
    neighbour.dataReceived(b"c0\nc1\nc2\n")
    assert bot.engine.seen[-3:] == ["c0", "c1", "c2"] and other.producerState == "producing"
    clock.advance(1.0)  # one address token: the second connection is read again
    assert wire.producerState == "producing"


def test_a_costly_message_makes_its_sender_wait_longer() -> None:
    clock, now = Clock(), [0.0]

    class Slow(FakeEngine):
        def reply(self, session: Session, text: str) -> Reply:
            now[0] += 0.024  # 24 ms: four more tokens at the default 5 ms a token
            return super().reply(session, text)

    bot = Bot(Slow(), limits=Limits(rate=1.0, burst=5, line_telnet_offer_seconds=0),
              clock=clock, timer=lambda: now[0])
    telnet, wire = line_conn(bot, clock)
    telnet.dataReceived(b"long\nnext\n")
    assert bot.engine.seen == ["long"] and b"slow down" in wire.value()
    clock.advance(0.9)
    assert wire.producerState == "paused"
    clock.advance(0.1)
    assert wire.producerState == "producing"
