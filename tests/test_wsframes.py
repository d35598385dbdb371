"""The WebSocket door's fast frame paths (``fwbot.doors.wsframes``) do what Autobahn does.

Each case is run twice over the same door: once as it runs (the usual
frame read and written by ``wsframes``), once with the fast paths turned
off, so Autobahn parses and builds every frame itself. The bytes on the
wire, the answers and Autobahn's ``trafficStats`` must be the same.
"""

from __future__ import annotations

import os
import struct
from typing import Any

import pytest
from autobahn.websocket.xormasker import create_xor_masker
from test_door_websocket import CLOSE, TEXT, Door, Socket, frame, parse_frames

from fwbot.doors import wsframes
from fwbot.doors.websocket import ChatSocket
from fwbot.service import Limits

STATS = ("incomingOctetsWireLevel", "incomingOctetsWebSocketLevel", "incomingOctetsAppLevel",
         "incomingWebSocketFrames", "incomingWebSocketMessages", "outgoingOctetsWireLevel",
         "outgoingOctetsWebSocketLevel", "outgoingOctetsAppLevel", "outgoingWebSocketFrames",
         "outgoingWebSocketMessages")


def fixed_frame(payload: bytes, first: int = 0x80 | TEXT, mask: bytes = b"\x11\x22\x33\x44",
                length16: bool = False) -> bytes:
    """A masked client frame with a fixed mask (both runs see the same bytes)."""
    n = len(payload)
    if n < 126 and not length16:
        head = bytes([first, 0x80 | n])
    elif n < 65536:
        head = bytes([first, 0x80 | 126]) + struct.pack("!H", n)
    else:
        head = bytes([first, 0x80 | 127]) + struct.pack("!Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def run(reads: list[bytes], fast: bool, monkeypatch: pytest.MonkeyPatch,
        limits: Limits | None = None) -> tuple[Any, ...]:
    """The frames the door sends for ``reads`` (one ``dataReceived`` each), its
    traffic counts, whether it closed and what it raised."""
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(ChatSocket, "_plain_frames", lambda self: False)
        door = Door(limits)
        ws = Socket(door.factory)
        if not fast:  # a fragment size no answer reaches: sendMessage sends one frame
            ws.protocol.autoFragmentSize = 1 << 30
        stats = ws.protocol.trafficStats
        before = {name: getattr(stats, name) for name in STATS}
        out = []
        session = ws.hello["session"].encode()
        raised = None
        try:
            for data in reads:  # the session id is random: the same placeholder in both runs
                out += [(op, payload.replace(session, b"SESSION"))
                        for op, payload in ws.frames(data)]
        except RuntimeError as e:  # no producer for a failing drop; a send after the close
            raised = str(e)
            out += [(op, payload.replace(session, b"SESSION"))
                    for op, payload in parse_frames(ws.wire.value())]
        counts = {name: getattr(stats, name) - before[name] for name in STATS}
        return out, counts, bool(ws.wire.disconnecting), raised


CASES: dict[str, list[bytes]] = {
    "one small frame": [fixed_frame(b'{"type": "ask", "text": "What is Django?"}')],
    "a bare text frame in Ukrainian": [fixed_frame("що таке джанго?".encode())],
    "a 16-bit length": [fixed_frame(b"x" * 300)],
    "a long frame the masker unmasks": [fixed_frame("ї".encode() * 700)],
    "two frames in one read": [fixed_frame(b"one") + fixed_frame(b"two")],
    "a frame cut across reads": [fixed_frame(b"split me")[:5], fixed_frame(b"split me")[5:]],
    "a frame and half of the next": [fixed_frame(b"a") + fixed_frame(b"bcdef")[:4],
                                     fixed_frame(b"bcdef")[4:]],
    "a fragmented message": [fixed_frame(b"frag", first=TEXT),
                             fixed_frame(b"mented", first=0x80)],
    "a ping between frames": [fixed_frame(b"ping!", first=0x89) + fixed_frame(b"after")],
    "a 16-bit length not minimal": [fixed_frame(b"short", length16=True)],
    "invalid UTF-8": [fixed_frame(b"caf\xe9")],
    "UTF-8 cut in the middle of a letter": [fixed_frame("ї".encode()[:1])],
    "a surrogate in UTF-8": [fixed_frame(b"\xed\xa0\x80")],
    "an empty text frame": [fixed_frame(b"")],
    "an unmasked frame": [bytes([0x81, 3]) + b"abc"],
    "an RSV bit": [fixed_frame(b"rsv", first=0xC1)],
    "a binary frame": [fixed_frame(b"\x00\x01", first=0x82)],
    "over the message limit": [fixed_frame(b"x" * 2000)],
    "a frame then /quit": [fixed_frame(b"hi") + fixed_frame(b'{"type":"ask","text":"/quit"}')
                           + fixed_frame(b"after the close")],
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_fast_paths_send_and_count_what_autobahn_would(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = CASES[name]
    assert run(reads, True, monkeypatch) == run(reads, False, monkeypatch)


def test_the_fast_paths_run_for_the_usual_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a vacuous comparison: the usual frame is read and written without Autobahn's
    frame code."""
    from autobahn.websocket.protocol import WebSocketProtocol

    def no(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("Autobahn's frame path was taken")

    door = Door()
    ws = Socket(door.factory)
    monkeypatch.setattr(WebSocketProtocol, "onFrameBegin", no)
    monkeypatch.setattr(WebSocketProtocol, "sendFrame", no)
    (answer,) = ws.send({"type": "ask", "text": "What is Django?"})
    assert answer["type"] == "reply"


def test_a_reply_longer_than_the_limit_goes_out_on_the_fast_path() -> None:
    door = Door(Limits(ws_message_bytes=64))
    ws = Socket(door.factory)
    long = "x" * 50
    (op, payload), = ws.frames(frame(long.encode()))
    assert op == TEXT and len(payload) > 64 and ws.protocol.maxMessagePayloadSize == 64


def test_a_frame_over_the_frame_limit_closes_with_1009() -> None:
    door = Door(Limits(ws_message_bytes=10))
    ws = Socket(door.factory)
    out = ws.frames(frame(b"x" * 11))
    assert out[0][0] == CLOSE and struct.unpack("!H", out[0][1][:2])[0] == 1009


@pytest.mark.parametrize("n", [1, 3, 4, 5, 125, 126, 1024, 1025, 5000])
def test_unmask_is_autobahns_xor(n: int) -> None:
    mask, data = os.urandom(4), os.urandom(n)
    assert wsframes.unmask(mask, data) == bytes(create_xor_masker(mask, n).process(data))


@pytest.mark.parametrize("n", [0, 1, 125, 126, 65535, 65536])
def test_text_frame_out_is_a_final_unmasked_text_frame(n: int) -> None:
    payload = b"y" * n
    assert parse_frames(wsframes.text_frame_out(payload)) == [(TEXT, payload)]
    assert wsframes.text_frame_out(payload)[0] == 0x81
