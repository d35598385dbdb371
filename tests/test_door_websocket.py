"""The WebSocket door over a StringTransport: real handshake, real frames."""

from __future__ import annotations

import base64
import json
import os
import struct
from typing import Any

import pytest
from contracts import check_ws_server
from fakes import FakeEngine, FakeFeedback
from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.internet.error import ConnectionDone
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport
from twisted.python.failure import Failure

from fwbot.doors.sessions import SessionStore
from fwbot.doors.websocket import ChatSocketFactory
from fwbot.service import Bot, Limits

TEXT, BINARY, CLOSE = 0x1, 0x2, 0x8


def frame(payload: bytes, opcode: int = TEXT) -> bytes:
    """A masked client frame, as RFC 6455 requires clients to send."""
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack("!Q", n)
    mask = os.urandom(4)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def parse_frames(data: bytes) -> list[tuple[int, bytes]]:
    """The server's (unmasked) frames in ``data``."""
    frames = []
    while data:
        opcode, n = data[0] & 0x0F, data[1] & 0x7F
        offset = 2
        if n == 126:
            n, offset = struct.unpack("!H", data[2:4])[0], 4
        elif n == 127:
            n, offset = struct.unpack("!Q", data[2:10])[0], 10
        frames.append((opcode, data[offset : offset + n]))
        data = data[offset + n :]
    return frames


class Socket:
    """One WebSocket connection to the door, after the opening handshake."""

    def __init__(self, factory: ChatSocketFactory) -> None:
        self.wire = StringTransport()
        self.protocol = factory.buildProtocol(None)
        self.protocol.makeConnection(self.wire)
        key = base64.b64encode(os.urandom(16))
        self.protocol.dataReceived(
            b"GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nOrigin: null\r\nSec-WebSocket-Key: " + key
            + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
        head, _, rest = self.wire.value().partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head
        self.wire.clear()
        self.hello = json.loads(parse_frames(rest)[0][1])

    def frames(self, data: bytes) -> list[tuple[int, bytes]]:
        self.protocol.dataReceived(data)
        out = parse_frames(self.wire.value())
        self.wire.clear()
        return out

    def send(self, message: Any, opcode: int = TEXT) -> list[dict[str, Any]]:
        payload = message if isinstance(message, bytes) else (
            message.encode() if isinstance(message, str) else json.dumps(message).encode())
        out = self.frames(frame(payload, opcode))
        assert all(op == TEXT for op, _ in out), out
        return [json.loads(p) for _, p in out]

    def one(self, message: Any, opcode: int = TEXT) -> dict[str, Any]:
        (answer,) = self.send(message, opcode)
        return answer


class Door:
    def __init__(self, limits: Limits | None = None) -> None:
        self.clock = Clock()
        self.engine = FakeEngine()
        self.bot = Bot(self.engine, limits=limits or Limits(ws_message_bytes=1024),
                       clock=self.clock)
        self.sessions = SessionStore(self.clock, idle_seconds=60)
        self.factory = ChatSocketFactory(self.bot, self.sessions)

    def connect(self) -> Socket:
        return Socket(self.factory)


@pytest.fixture
def door() -> Door:
    return Door()


@pytest.fixture
def ws(door: Door) -> Socket:
    return door.connect()


def test_hello_on_open(door: Door, ws: Socket) -> None:
    assert ws.hello["type"] == "hello"
    assert ws.hello["session"] not in door.sessions  # stored at the first question
    assert ws.hello["lang"] == "en" and ws.hello["resumed"] is False
    assert "Привіт" in ws.hello["greeting"] and "Hi!" in ws.hello["greeting"]


def test_ask_gets_a_reply_with_the_session(ws: Socket) -> None:
    answer = ws.one({"type": "ask", "text": "What is Django?"})
    assert answer == {"type": "reply", "reply": "fake: What is Django? (turn 1)",
                      "intent": "describe", "lang": "en", "frameworks": ["django"],
                      "suggestions": ["Is it async?"], "details": {},
                      "session": ws.hello["session"]}


def test_bare_text_frame_is_an_ask(ws: Socket) -> None:
    assert ws.one("що таке джанго?")["reply"] == "fake: що таке джанго? (turn 1)"
    assert ws.one("42")["reply"] == "fake: 42 (turn 2)"


@pytest.mark.parametrize(("message", "code"), [
    ({"type": "nope"}, "unknown_type"),
    ({"text": "no type"}, "unknown_type"),
    ("{not json", "invalid_json"),
    ("[1, 2]", "invalid_json"),
    ({"type": "ask"}, "empty_text"),
    ({"type": "ask", "text": "  "}, "empty_text"),
    ({"type": "ask", "text": 5}, "empty_text"),
    ({"type": "ask", "text": "hi", "lang": "de"}, "invalid_field"),
    ({"type": "lang", "lang": "fr"}, "invalid_field"),
    ("   ", "empty_text"),
])
def test_bad_messages_get_an_error_and_the_socket_stays_open(
        door: Door, ws: Socket, message: Any, code: str) -> None:
    error = ws.one(message)
    assert error["type"] == "error" and error["code"] == code and error["message"]
    assert set(error) == {"type", "code", "message"}
    assert not ws.wire.disconnecting
    assert ws.one({"type": "ask", "text": "still here"})["type"] == "reply"
    assert door.engine.seen == ["still here"]


def test_binary_frame_gets_an_error(ws: Socket) -> None:
    error = ws.one(b"\x00\x01", opcode=BINARY)
    assert error["code"] == "binary_frame"
    assert ws.one("ok")["type"] == "reply"


def test_errors_speak_the_users_language(ws: Socket) -> None:
    ws.one("привіт")
    assert "Двійкові" in ws.one(b"x", opcode=BINARY)["message"]


def test_lang_message_is_the_lang_command(door: Door, ws: Socket) -> None:
    answer = ws.one({"type": "lang", "lang": "uk"})
    assert answer["type"] == "reply" and door.engine.seen == ["/lang uk"]
    assert ws.one({"type": "ask", "text": "hello"})["lang"] == "uk"


def test_resume_a_session_from_another_socket(door: Door, ws: Socket) -> None:
    ws.one("one")
    other = door.connect()
    hello = other.one({"type": "hello", "session": ws.hello["session"]})
    assert hello["type"] == "hello" and hello["resumed"] is True
    assert hello["session"] == ws.hello["session"]
    assert other.hello["session"] not in door.sessions  # the unused one is forgotten
    assert "(turn 2)" in other.one("two")["reply"]


def test_resume_an_unknown_session_keeps_the_own_one(ws: Socket) -> None:
    hello = ws.one({"type": "hello", "session": "forged"})
    assert hello["resumed"] is False and hello["session"] == ws.hello["session"]


def test_a_socket_stores_its_session_at_its_first_question(door: Door, ws: Socket) -> None:
    for _ in range(20):
        door.connect()  # opened and never used: nothing stored, nobody pushed out
    assert len(door.sessions) == 0
    ws.one("first")
    assert list(door.sessions._sessions) == [ws.hello["session"]]


def test_socket_keeps_its_session_alive_in_the_store(door: Door, ws: Socket) -> None:
    for _ in range(3):
        door.clock.advance(50)
        ws.one("ping")
    assert ws.hello["session"] in door.sessions


def test_quit_says_goodbye_then_closes_cleanly(door: Door, ws: Socket) -> None:
    out = ws.frames(frame(b'{"type": "ask", "text": "/quit"}'))
    assert json.loads(out[0][1])["intent"] == "bye"
    assert out[1][0] == CLOSE and struct.unpack("!H", out[1][1][:2])[0] == 1000
    assert ws.hello["session"] not in door.sessions


def test_message_over_the_limit_closes_with_1009(ws: Socket) -> None:
    out = ws.frames(frame(b"x" * 2000))
    assert out[0][0] == CLOSE and struct.unpack("!H", out[0][1][:2])[0] == 1009


def test_invalid_utf8_text_frame_closes_with_1007(ws: Socket) -> None:
    out = ws.frames(frame(b"caf\xe9"))
    assert out[0][0] == CLOSE and struct.unpack("!H", out[0][1][:2])[0] == 1007


def test_engine_failure_costs_one_answer(ws: Socket) -> None:
    assert ws.one("boom")["reply"].startswith("Sorry")
    assert ws.one("ok")["type"] == "reply"


def test_metrics(door: Door, ws: Socket) -> None:
    ws.one("django")
    ws.one(b"x", opcode=BINARY)
    m = door.bot.metrics
    assert m.answers.labels("websocket", "describe")._value.get() == 1
    assert m.errors.labels("websocket", "binary_frame")._value.get() == 1
    assert m.open_connections.labels("websocket")._value.get() == 1
    ws.protocol.connectionLost(Failure(ConnectionDone()))
    assert m.open_connections.labels("websocket")._value.get() == 0


def test_reload_is_seen_by_an_open_socket(door: Door, ws: Socket) -> None:
    door.bot.engine = FakeEngine("new")
    assert ws.one("hi")["reply"].startswith("new:")


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200),
                 st.dictionaries(st.sampled_from(["type", "text", "lang", "session", "rating",
                                                  "comment"]),
                                 st.one_of(st.none(), st.integers(), st.text(max_size=20),
                                           st.sampled_from(["ask", "hello", "lang", "uk",
                                                            "feedback", "up", "down"])),
                                 max_size=5).map(json.dumps)))
def test_any_text_frame_gets_one_well_formed_answer(message: str) -> None:
    door = Door()
    door.bot.feedback = FakeFeedback()
    ws = door.connect()
    ws.one("django")  # something to rate
    out = ws.frames(frame(message.encode("utf-8")))
    answers = [json.loads(p) for op, p in out if op == TEXT]
    assert len(answers) == 1
    check_ws_server(answers[0])


# -- hardening: rate, feedback, origins, shutdown -----------------------------


def test_a_flood_gets_one_rate_limited_error_then_is_answered_at_the_rate() -> None:
    door = Door(Limits(ws_message_bytes=1024, rate=1.0, burst=2))
    door.factory.clock = door.clock
    ws = door.connect()
    out = [ws.send(f"q{i}") for i in range(10)]
    assert [m["type"] for batch in out for m in batch] == ["reply", "reply", "error"]
    assert out[2][0]["code"] == "rate_limited" and "slow down" in out[2][0]["message"]
    check_ws_server(out[2][0])
    # Over the rate the socket is no longer read: the frames after the refused
    # one wait unparsed (in the kernel, on a real socket) instead of being
    # parsed only to be dropped.
    assert ws.wire.producerState == "paused"
    assert len(ws.protocol.data) == 7 * len(frame(b"q9"))  # q3..q9, unparsed
    door.clock.advance(1.0)  # a token: the next waiting question is answered, one only
    (reply,) = [json.loads(p) for _, p in parse_frames(ws.wire.value())]
    assert reply["type"] == "reply" and "q3" in reply["reply"]
    ws.wire.clear()
    door.clock.pump([0.5] * 20)  # the rest at the rate: none skipped, no second warning
    out = [json.loads(p) for _, p in parse_frames(ws.wire.value())]
    assert [m["reply"].split()[1] for m in out] == [f"q{i}" for i in range(4, 10)]
    assert ws.wire.producerState == "producing"
    ws.wire.clear()
    door.clock.advance(10)
    assert ws.one("again")["type"] == "reply"
    assert door.bot.metrics.errors.labels("websocket", "rate_limited")._value.get() == 1
    assert ws.one("r0")["type"] == "reply"
    assert ws.one("r1")["code"] == "rate_limited"  # a new burst, a new notice


def test_feedback_rates_the_last_reply_after_the_commit(door: Door, ws: Socket) -> None:
    feedback = FakeFeedback(hold=True)
    door.bot.feedback = feedback
    assert ws.one({"type": "feedback", "rating": "up"})["code"] == "nothing_to_rate"
    ws.one("What is Django?")
    assert ws.send({"type": "feedback", "rating": "down", "comment": "meh"}) == []
    feedback.waiting[0].callback(7)
    (_, payload), = parse_frames(ws.wire.value())
    rated = json.loads(payload)
    assert rated == {"type": "rated", "rating": "down", "id": 7}
    check_ws_server(rated)
    assert feedback.ratings[0][1].intent == "describe"


def test_shutdown_says_goodbye_then_closes_1001(ws: Socket) -> None:
    ws.one({"type": "lang", "lang": "uk"})
    ws.protocol.shut_down()
    (op1, goodbye), (op2, close) = parse_frames(ws.wire.value())
    assert op1 == TEXT and json.loads(goodbye)["code"] == "shutting_down"
    assert "зупиняється" in json.loads(goodbye)["message"]
    assert op2 == CLOSE and struct.unpack("!H", close[:2])[0] == 1001


def test_origins_are_configurable() -> None:
    door = Door(Limits(ws_origins=("https://fwbot.example",)))
    assert door.factory.allowedOrigins == ["https://fwbot.example:443"]
    assert door.factory.allowNullOrigin is False
    assert Door().factory.allowNullOrigin is True
    limits = Limits(ws_ping_interval=7, ws_ping_timeout=3)
    assert (Door(limits).factory.autoPingInterval, Door(limits).factory.autoPingTimeout) == (7, 3)


def test_a_reply_longer_than_the_incoming_limit_still_goes_out() -> None:
    door = Door(Limits(ws_message_bytes=64))
    ws = door.connect()
    answer = ws.one("What is Django? " + "x" * 40)
    assert answer["type"] == "reply" and len(json.dumps(answer)) > 64
    assert ws.protocol.maxMessagePayloadSize == 64


@pytest.mark.parametrize("code", ["storage_full", "storage_unavailable", "rate_limited"])
def test_a_refused_rating_is_an_error_with_its_code(door: Door, ws: Socket, code: str) -> None:
    from fwbot.feedback import Refused

    feedback = FakeFeedback(hold=True)
    door.bot.feedback = feedback
    ws.one("What is Django?")
    ws.send({"type": "feedback", "rating": "up"})
    feedback.waiting[0].errback(Refused(code))
    (_, payload), = parse_frames(ws.wire.value())
    error = json.loads(payload)
    assert error["type"] == "error" and error["code"] == code
    check_ws_server(error)


def test_ratings_past_the_address_limit_are_rate_limited() -> None:
    door = Door(Limits(ws_message_bytes=1024, rating_rate=0.01, rating_burst=1))
    door.bot.feedback = FakeFeedback()
    ws = door.connect()
    ws.one("django")
    assert ws.one({"type": "feedback", "rating": "up"})["type"] == "rated"
    assert door.connect().send("flask") and True
    again = door.connect()
    again.one("flask")
    assert again.one({"type": "feedback", "rating": "up"})["code"] == "rate_limited"


# -- fairness: new sessions and messages per address -------------------------------------


def test_new_sessions_from_one_address_are_limited_when_stored() -> None:
    door = Door(Limits(ws_message_bytes=1024, session_rate=1.0, session_burst=2))
    door.factory.clock = door.clock
    first, second, third = door.connect(), door.connect(), door.connect()
    assert third.hello["type"] == "hello"  # opening costs no session
    assert first.one("a")["type"] == second.one("b")["type"] == "reply"
    refused = third.send({"type": "ask", "text": "c", "lang": "uk"})
    assert [m["code"] for m in refused] == ["rate_limited"]
    assert "пригальмуйте" in refused[0]["message"]  # worded in the language it asked for
    check_ws_server(refused[0])
    assert third.send("d") == [] and third.wire.producerState == "paused"
    assert len(door.sessions) == 2 and door.engine.seen == ["a", "b"]
    assert first.one("a again")["type"] == "reply"  # stored sessions go on
    door.clock.advance(1.0)  # a session may start: "d", which waited, is answered
    (answer,) = [json.loads(p) for _, p in parse_frames(third.wire.value())]
    assert answer["type"] == "reply" and answer["session"] == third.hello["session"]
    assert len(door.sessions) == 3
    resumed = door.connect()  # resuming a stored session is not limited
    assert resumed.one({"type": "hello", "session": first.hello["session"]})["resumed"]
    assert resumed.one("more")["type"] == "reply"


def test_sockets_from_one_address_share_its_rate() -> None:
    door = Door(Limits(ws_message_bytes=1024, rate=10.0, burst=5, address_rate=1.0,
                       address_burst=6))
    door.factory.clock = door.clock
    first, second = door.connect(), door.connect()
    assert [first.one(f"a{i}")["type"] for i in range(5)] == ["reply"] * 5
    assert second.one("b0")["type"] == "reply"
    refused = second.one("b1")
    assert refused["code"] == "rate_limited"
    assert second.wire.producerState == "paused"
    door.clock.advance(1.0)
    assert second.wire.producerState == "producing"
    assert second.one("b2")["type"] == "reply"
