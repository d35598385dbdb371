"""A read that is one whole line takes the framing's short way (``LineFraming.dataReceived``).

The short way must be invisible: any reads give the same bytes back, the
same questions to the engine and the same state after, whether the
framing's loop handles every read or the short way takes the whole-line
ones.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_door_line import Conn

from fwbot.doors.line_framing import LineFraming

LINE = st.one_of(
    st.binary(max_size=80),
    st.text(max_size=40).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"What is Django?", "що таке фласк".encode(), b"", b"x" * 64, b"x" * 65,
                     b"/rate up", b"/quit", b"a\x03b", b"a\x7fb", b"\x04", b"\xff\xfd\x00",
                     b"caf\xe9", b"tab\there", b"\r", b"\x00"]))
ENDING = st.sampled_from([b"\n", b"\r\n", b"\r", b"\r\x00", b""])
READS = st.lists(st.tuples(LINE, ENDING).map(lambda p: p[0] + p[1]), max_size=8)


def run(reads: list[bytes], short: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    with monkeypatch.context() as m:
        m.setattr(LineFraming, "whole_line_reads", short)
        conn = Conn()
        out = [conn.send(data) for data in reads]
        door = conn.door
        return (out, conn.engine.seen, bytes(door._buffer), door._overflow, door._after_cr,
                door._closing, conn.wire.disconnecting)


@settings(max_examples=300, deadline=None)
@given(READS)
def test_the_short_way_answers_as_the_loop(reads: list[bytes]) -> None:
    with pytest.MonkeyPatch.context() as m:
        assert run(reads, True, m) == run(reads, False, m)


@pytest.mark.parametrize("reads", [
    [b"What is Django?\n"], [b"What is Django?\r\n"], [b"\n"], [b"x" * 64 + b"\n"],
    [b"x" * 65 + b"\n"], [b"half", b" a line\n"], [b"one\ntwo\n"], [b"a\rb\n"],
    [b"line\r", b"\n"], [b"/quit\n", b"after\n"], [b"\x04\n"], [b"caf\xe9\n"],
])
def test_the_short_way_on_the_usual_reads(reads: list[bytes],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(reads, True, monkeypatch) == run(reads, False, monkeypatch)
