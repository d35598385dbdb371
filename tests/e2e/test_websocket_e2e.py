"""The WebSocket door of a real twistd, through websocket-client; checked against the schema."""

from __future__ import annotations

import json
import struct
from typing import Any

import pytest
import websocket
from contracts import check_ws_client, check_ws_server
from fwbot_process import Server, ask


def receive(ws: websocket.WebSocket) -> dict[str, Any]:
    opcode, data = ws.recv_data()
    assert opcode == websocket.ABNF.OPCODE_TEXT, (opcode, data)
    message = json.loads(data)
    check_ws_server(message)
    return message


def send(ws: websocket.WebSocket, message: dict[str, Any]) -> dict[str, Any]:
    check_ws_client(message)
    ws.send(json.dumps(message))
    return receive(ws)


@pytest.fixture
def ws(server: Server) -> websocket.WebSocket:
    socket = websocket.create_connection(server.ws_url, timeout=10)
    socket.hello = receive(socket)  # type: ignore[attr-defined]
    yield socket
    socket.close()


def test_hello(ws: websocket.WebSocket) -> None:
    hello = ws.hello  # type: ignore[attr-defined]
    assert hello["type"] == "hello" and hello["resumed"] is False
    assert "Привіт" in hello["greeting"] and "Hi!" in hello["greeting"]


def test_ask_in_both_languages(ws: websocket.WebSocket) -> None:
    reply = send(ws, {"type": "ask", "text": "What is Django?"})
    assert reply["type"] == "reply" and reply["intent"] == "describe"
    assert reply["frameworks"] == ["django"] and reply["lang"] == "en"
    assert reply["session"] == ws.hello["session"]  # type: ignore[attr-defined]
    uk = send(ws, {"type": "ask", "text": "А чи він асинхронний?"})
    assert uk["lang"] == "uk" and uk["frameworks"] == ["django"]


def test_bare_text_frame(ws: websocket.WebSocket) -> None:
    ws.send("Що таке FastAPI?")
    reply = receive(ws)
    assert reply["type"] == "reply" and reply["frameworks"] == ["fastapi"]


@pytest.mark.parametrize(("frame", "code"), [
    ('{"type": "dance"}', "unknown_type"),
    ('{"type": "ask", "text": ', "invalid_json"),
    ("[1, 2, 3]", "invalid_json"),
    ('{"type": "ask", "text": ""}', "empty_text"),
    ('{"type": "ask"}', "empty_text"),
])
def test_bad_messages_get_an_error_and_the_socket_stays_open(
        ws: websocket.WebSocket, frame: str, code: str) -> None:
    ws.send(frame)
    error = receive(ws)
    assert error["type"] == "error" and error["code"] == code
    assert send(ws, {"type": "ask", "text": "What is Flask?"})["type"] == "reply"


def test_binary_frame_gets_an_error_and_the_socket_stays_open(ws: websocket.WebSocket) -> None:
    ws.send_binary(b"\x00\x01\x02")
    assert receive(ws)["code"] == "binary_frame"
    assert send(ws, {"type": "ask", "text": "What is Flask?"})["type"] == "reply"


def test_lang_message(ws: websocket.WebSocket) -> None:
    reply = send(ws, {"type": "lang", "lang": "uk"})
    assert reply["type"] == "reply" and reply["lang"] == "uk"
    assert send(ws, {"type": "ask", "text": "What is Flask?"})["lang"] == "uk"


def test_resume_a_session_after_reconnecting(server: Server, ws: websocket.WebSocket) -> None:
    send(ws, {"type": "ask", "text": "What is Pyramid?"})
    session = ws.hello["session"]  # type: ignore[attr-defined]
    ws.close()
    again = websocket.create_connection(server.ws_url, timeout=10)
    try:
        receive(again)
        hello = send(again, {"type": "hello", "session": session})
        assert hello == {**hello, "type": "hello", "session": session, "resumed": True}
        follow = send(again, {"type": "ask", "text": "Is it async?"})
        assert follow["frameworks"] == ["pyramid"] and follow["session"] == session
    finally:
        again.close()


def test_websocket_and_http_share_sessions(server: Server, ws: websocket.WebSocket) -> None:
    send(ws, {"type": "ask", "text": "What is CherryPy?"})
    session = ws.hello["session"]  # type: ignore[attr-defined]
    follow = ask(server, {"text": "Is it async?", "session": session}).json()
    assert follow["session"] == session and follow["frameworks"] == ["cherrypy"]


def test_unknown_session_is_not_resumed(ws: websocket.WebSocket) -> None:
    hello = send(ws, {"type": "hello", "session": "no-such-session"})
    assert hello["resumed"] is False
    assert hello["session"] == ws.hello["session"]  # type: ignore[attr-defined]


def test_quit_replies_then_closes_with_1000(ws: websocket.WebSocket) -> None:
    assert send(ws, {"type": "ask", "text": "/quit"})["intent"] == "bye"
    opcode, data = ws.recv_data(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert struct.unpack("!H", data[:2])[0] == 1000


def test_message_over_the_limit_closes_with_1009(ws: websocket.WebSocket) -> None:
    ws.send("x" * 20_000)  # the default limit is 16 KiB
    opcode, data = ws.recv_data(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert struct.unpack("!H", data[:2])[0] == 1009


def test_browser_origin_is_accepted(server: Server) -> None:
    for origin in (f"http://127.0.0.1:{server.http_port}", "null"):
        socket = websocket.create_connection(server.ws_url, timeout=10, origin=origin)
        try:
            assert receive(socket)["type"] == "hello"
        finally:
            socket.close()
