"""The private parts of Twisted and Autobahn the doors rely on are still there.

The doors reach past the public API where it had no way to do what they
need (see each ``why`` below), which is why ``pyproject.toml`` holds Twisted
and Autobahn to the release series they were written against. Before
widening that pin, run this file against the new release: each failure
names the attribute, the door that uses it and what for, so the door can
be fixed first instead of failing in production in some odd way.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import pytest
from autobahn.twisted.websocket import WebSocketServerProtocol
from autobahn.websocket.protocol import WebSocketProtocol
from fakes import FakeEngine
from twisted.conch.telnet import DO, DONT, IAC, WILL, WONT, TelnetTransport
from twisted.internet.abstract import FileDescriptor
from twisted.internet.testing import StringTransport
from twisted.protocols.policies import ProtocolWrapper, WrappingFactory
from twisted.web.http import HTTPChannel, Request

from fwbot.doors.sessions import SessionStore
from fwbot.doors.websocket import ChatSocketFactory
from fwbot.service import Bot

VERSIONS = f"Twisted {version('twisted')}, autobahn {version('autobahn')}"


def moved(owner: Any, name: str, door: str, why: str) -> str:
    kind = owner if isinstance(owner, type) else type(owner)
    return (f"{kind.__module__}.{kind.__qualname__}.{name} is gone or changed in {VERSIONS}; "
            f"{door} relies on it: {why}. Fix the door before widening the pin in "
            f"pyproject.toml.")


def open_chat_socket() -> Any:
    """A ChatSocket after its opening handshake, as the WebSocket door holds it."""
    import base64
    import os

    from twisted.internet.task import Clock

    factory = ChatSocketFactory(Bot(FakeEngine()), SessionStore(Clock(), idle_seconds=60))
    protocol = factory.buildProtocol(None)
    wire = StringTransport()
    protocol.makeConnection(wire)
    protocol.dataReceived(
        b"GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Origin: null\r\nSec-WebSocket-Key: " + base64.b64encode(os.urandom(16))
        + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
    assert wire.value().startswith(b"HTTP/1.1 101"), wire.value()[:200]
    return protocol


def tcp_connection() -> Any:
    """A ``twisted.internet.tcp.Connection`` on a real (unconnected) socket."""
    import socket

    from twisted.internet import tcp

    sock = socket.socket()
    connection = tcp.Connection(sock, None)
    sock.close()
    return connection


def ssl_endpoint() -> Any:
    """What ``serverFromString`` builds for an ``ssl:`` string, with a test certificate."""
    import tempfile
    from pathlib import Path

    from certs import TestCA
    from twisted.internet import reactor
    from twisted.internet.endpoints import serverFromString

    issued = TestCA().issue(Path(tempfile.mkdtemp(prefix="fwbot-pinned-")))
    return serverFromString(reactor, issued.endpoint(0))


# (what builds an object holding the attribute, its name, the door, why the door needs it)
ATTRIBUTES: list[tuple[Callable[[], Any], str, str, str]] = [
    (TelnetTransport, "options", "the line door (LineTransport.sends_binary)",
     "whether BINARY is on our side decides the CR before an answer"),
    (TelnetTransport, "commandReceived", "the line door (LineTransport._parse)",
     "the door's own parser hands each command to Twisted's option negotiation"),
    (FileDescriptor, "dataBuffer", "the line door (unsent_bytes)",
     "the output a client has not read yet is measured to drop a client that never reads"),
    (FileDescriptor, "offset", "the line door (unsent_bytes)", "as dataBuffer"),
    (FileDescriptor, "_tempDataLen", "the line door (unsent_bytes)", "as dataBuffer"),
    (FileDescriptor, "bufferSize", "the line door (LineTransport.connectionMade)",
     "--line-output-pause is when TCP pauses the door as a producer"),
    (tcp_connection, "socket", "the line and WebSocket doors (sendnow.send_now)",
     "an answer is sent on the socket at once when nothing waits in Twisted's buffer"),
    (tcp_connection, "_tempDataBuffer", "the line and WebSocket doors (sendnow.send_now)",
     "bytes Twisted still holds must go out before a direct send"),
    (tcp_connection, "_writeDisconnected", "the line and WebSocket doors (sendnow.send_now)",
     "no direct send after the write side was shut"),
    (tcp_connection, "disconnecting", "the line and WebSocket doors (sendnow.send_now)",
     "no direct send while the connection is closing"),
    (tcp_connection, "_aborting", "the line and WebSocket doors (sendnow.send_now)",
     "no direct send after abortConnection (the socket closes only on the next turn)"),
    (HTTPChannel, "_respondToBadRequestAndDisconnect", "the HTTP door (FwbotChannel)",
     "a malformed request or header flood is answered with a JSON body"),
    (HTTPChannel, "_receivedHeaderSize", "the HTTP door (FwbotChannel)",
     "a header flood is told apart from a bad request (431, not 400)"),
    (HTTPChannel, "_receivedHeaderCount", "the HTTP door (FwbotChannel)",
     "as _receivedHeaderSize"),
    (HTTPChannel, "requests", "the HTTP door (FwbotChannel._too_slow, shut_down)",
     "an idle keep-alive connection is closed without a 408"),
    (lambda: Request, "_disconnected", "the HTTP door (deliver, processingFailed)",
     "a late answer is not written to a client that left"),
    (ssl_endpoint, "_sslContextFactory", "every ssl: door (fwbot.tls)",
     "the certificate Twisted read from the endpoint string is replaced by one a HUP "
     "reloads; it is what listenSSL hands the TLS layer"),
    (lambda: ssl_endpoint()._sslContextFactory, "certificate", "every ssl: door (fwbot.tls)",
     "the log says which certificate is served (subject, expiry)"),
    (lambda: ProtocolWrapper(WrappingFactory(None), None), "wrappedProtocol",
     "the connection gate and the drain", "SIGTERM reaches the door behind the gate"),
    (open_chat_socket, "_dataReceived", "the WebSocket door (ChatSocket.dataReceived)",
     "reads skip Autobahn's eagerly formatted debug log"),
    (open_chat_socket, "send_queue", "the WebSocket door (ChatSocket.sendData)",
     "the fast send path is taken only when nothing is queued"),
    (open_chat_socket, "logOctets", "the WebSocket door (ChatSocket.sendData)",
     "octet logging still goes through Autobahn"),
    (open_chat_socket, "trafficStats", "the WebSocket door (ChatSocket.sendData)",
     "the fast send path counts the octets Autobahn would"),
    (open_chat_socket, "maxMessagePayloadSize", "the WebSocket door (ChatSocket._send_bytes)",
     "the limit on incoming messages is lifted while the server sends a long answer"),
    (open_chat_socket, "sendCloseFrame", "the WebSocket door (ChatSocket.shut_down)",
     "SIGTERM closes with 1001, which sendClose refuses"),
]


def test_a_counted_message_shows_in_the_metrics() -> None:
    """``Metrics.received``, ``answered`` and ``responded`` keep plain counts that the
    exposition (and the counters, when read) add in: none is lost on the way."""
    from fwbot.metrics import Metrics

    metrics = Metrics()
    metrics.received("line")
    metrics.received("line")
    metrics.answered("line", "describe")
    metrics.responded(200)
    assert metrics.requests.labels("line")._value.get() == 2
    metrics.received("line")
    text = metrics.exposition().decode()
    assert 'fwbot_requests_total{door="line"} 3.0' in text
    assert 'fwbot_http_responses_total{status="200"} 1.0' in text
    assert 'fwbot_answers_total{door="line",intent="describe"} 1.0' in text


@pytest.mark.parametrize(("holder", "name", "door", "why"), ATTRIBUTES,
                         ids=[name for _, name, _, _ in ATTRIBUTES])
def test_the_attribute_is_still_there(holder: Callable[[], Any], name: str, door: str,
                                      why: str) -> None:
    owner = holder()  # an instance where the attribute is set in __init__ or on opening
    assert hasattr(owner, name), moved(owner, name, door, why)


def test_the_telnet_option_state_the_line_door_reads() -> None:
    """``LineTransport`` parses the wire itself and leaves the options to Twisted:
    ``commandReceived`` must still refuse, accept and ignore as RFC 1143 says, and
    ``getOptionState`` must still tell the state the way the door reads it."""
    why = "LineTransport.offer_binary and sends_binary read this option state"
    door = "the line door"

    class Binary(TelnetTransport):
        def enableLocal(self, option: bytes) -> bool:
            return option == b"\x00"

        def enableRemote(self, option: bytes) -> bool:
            return option == b"\x00"

    telnet = Binary()
    wire = StringTransport()
    telnet.makeConnection(wire)
    telnet.commandReceived(DO, b"\x01")  # refused
    telnet.commandReceived(DONT, b"\x01")  # already off: ignored
    telnet.commandReceived(DO, b"\x00")  # accepted
    telnet.commandReceived(DO, b"\x00")  # already on: ignored
    assert wire.value() == IAC + WONT + b"\x01" + IAC + WILL + b"\x00", moved(
        telnet, "commandReceived", door, "its negotiation answers")
    state = telnet.getOptionState(b"\x00")
    assert telnet.options[b"\x00"] is state, moved(telnet, "options", door, why)
    assert (state.us.state, state.him.state, state.him.negotiating) == ("yes", "no", False), \
        moved(telnet, "getOptionState", door, why)
    telnet.do(b"\x00")
    assert state.him.negotiating, moved(telnet, "getOptionState", door, why)


def test_autobahn_reads_and_sends_the_way_the_fast_paths_copy() -> None:
    """``ChatSocket`` replaces two Autobahn methods with what they do minus a debug log."""
    door = "the WebSocket door (ChatSocket)"
    received = inspect.getsource(WebSocketServerProtocol.dataReceived)
    assert "self._dataReceived(data)" in received, moved(
        WebSocketServerProtocol, "dataReceived", door,
        "ChatSocket.dataReceived calls _dataReceived directly, as Autobahn's did")
    send = inspect.signature(WebSocketProtocol.sendData)
    assert list(send.parameters) == ["self", "data", "sync", "chopsize"], moved(
        WebSocketProtocol, "sendData", door, "ChatSocket.sendData overrides it")
    source = inspect.getsource(WebSocketProtocol.sendData)
    for step in ("self.transport.write(data)", "outgoingOctetsWireLevel += len(data)"):
        assert step in source, moved(
            WebSocketProtocol, "sendData", door,
            f"ChatSocket.sendData's fast path copies its plain write ({step})")
    close = inspect.signature(WebSocketProtocol.sendCloseFrame)
    assert {"code", "reasonUtf8", "isReply"} <= set(close.parameters), moved(
        WebSocketProtocol, "sendCloseFrame", door, "ChatSocket.shut_down passes these")
    for state in ("STATE_OPEN", "STATE_CLOSING"):
        assert hasattr(WebSocketProtocol, state), moved(
            WebSocketProtocol, state, door, "ChatSocket checks the socket's state")


def test_autobahn_refuses_handshakes_the_way_chat_socket_answers_them() -> None:
    """``ChatSocket.failHandshake`` replaces Autobahn's (reason phrase, no body, raw log)
    and tells a refused Origin by the words Autobahn's reason starts with."""
    from autobahn.websocket.protocol import WebSocketServerProtocol as Server

    door = "the WebSocket door (ChatSocket.failHandshake)"
    fail = inspect.signature(Server.failHandshake)
    assert list(fail.parameters) == ["self", "reason", "code", "responseHeaders"], moved(
        Server, "failHandshake", door, "it is overridden with the same parameters")
    assert "WebSocket connection denied: origin" in inspect.getsource(Server.processHandshake), \
        moved(Server, "processHandshake", door, "a refused Origin is told by its reason")
    assert "wasNotCleanReason" in inspect.getsource(WebSocketProtocol.dropConnection), moved(
        WebSocketProtocol, "dropConnection", door,
        "it logs wasNotCleanReason unless wasClean, which the override sets")


def test_twisted_web_parses_forms_the_way_bounded_request_skips_it() -> None:
    """``BoundedRequest.requestReceived`` turns off twisted.web's form parsing for a JSON
    body by the per-request switch ``requestReceived`` reads."""
    from twisted.web.http import Request as HttpRequest

    door = "the HTTP door (BoundedRequest.requestReceived)"
    source = inspect.getsource(HttpRequest.requestReceived)
    for step in ("self._parsePOSTFormSubmission", "_parseContentType(ctype)"):
        assert step in source, moved(HttpRequest, "requestReceived", door,
                                     f"a JSON body skips the form parse it makes ({step})")
    assert "self._parsePOSTFormSubmission =" in inspect.getsource(HttpRequest.__init__), moved(
        HttpRequest, "__init__", door, "the switch is set per request, then read")
