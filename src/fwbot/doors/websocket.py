"""The WebSocket door: JSON messages at ``/ws`` (contract: ``protocols/websocket.md``).

Each socket gets a session from the store it shares with the HTTP door, so a
browser page that reconnects can send ``{"type": "hello", "session": id}``
and carry on. A bad message costs an error message, never the socket; only
Autobahn's own protocol checks (a message over the size limit, invalid
UTF-8 in a text frame) close it, with the RFC 6455 close code.
"""

from __future__ import annotations

import json
from typing import Any, cast

from autobahn.twisted.websocket import WebSocketServerFactory, WebSocketServerProtocol
from twisted.internet.interfaces import IReactorTime
from twisted.logger import Logger
from twisted.python.failure import Failure
from twisted.web.http import RESPONSES

from fwbot.conversation import Conversation, Refusal, SlowDown, Store
from fwbot.doors.gate import IConnection, beneath_gate, peer_host
from fwbot.doors.hold import ReadHold
from fwbot.doors.http_json import accept_language_lang, error_body
from fwbot.doors.sendnow import send_now
from fwbot.doors.sessions import SessionStore
from fwbot.doors.wsframes import text_frame_in, text_frame_out
from fwbot.feedback import Refused
from fwbot.logsafe import printable
from fwbot.reply import Reply
from fwbot.service import Bot

log = Logger(namespace="fwbot.websocket")

DOOR = "websocket"
REPLY_TYPE = Reply.member("type", "reply")


class ChatSocket(WebSocketServerProtocol):
    """One browser (or script) conversation over a WebSocket."""

    factory: ChatSocketFactory
    transport: IConnection  # the connection beneath the gate (see ``makeConnection``)
    # Options Autobahn copies from the factory onto each socket when it connects:
    logOctets: bool
    logFrames: bool
    maxMessagePayloadSize: int
    maxFramePayloadSize: int
    autoFragmentSize: int
    maskServerFrames: bool
    applyMask: bool
    utf8validateIncoming: bool
    session_id: str | None = None
    # What the messages mean -- asks, the language, ratings, the rate, the texts --
    # is the conversation's (``fwbot.conversation``); this door is JSON frames.
    conversation: Conversation

    # -- life -----------------------------------------------------------------

    def makeConnection(self, transport: Any) -> None:
        """Take the connection under the gate's wrapper: the TLS layer on ``ssl:``, or TCP.

        Autobahn reads TLS details (the channel binding, the peer's
        certificate) from any transport that says ``ISSLTransport`` and
        requires it to be Twisted's TLS protocol itself; the gate's wrapper
        says it too, so Autobahn raised after the 101 and no hello followed.
        Reads and the close still come up through the gate, which counts the
        connection until it closes; frames go straight down, as the wrapper
        only passed them on (and ``send_now`` never sends past TLS).
        """
        # The rule of holding is shared with the line door (doors/hold.py).
        self._hold = ReadHold(self.factory.clock.callLater, self._hold_reading, self._read_again)
        super().makeConnection(beneath_gate(transport))

    _hold: ReadHold  # over the rate: frames are not read until then (made with the connection)

    @property
    def wire(self) -> Any:
        """The connection under the gate (TCP or TLS: a transport and a push producer)."""
        return self.transport

    def onOpen(self) -> None:
        """Say hello with a fresh session id, stored only once the user asks something.

        The store is bounded (``--max-sessions``, least recently used out
        first): a client opening sockets in a loop must not push every other
        user's conversation out, so opening one stores nothing, and storing a
        new conversation at its first question is limited per address
        (``--session-rate``, ``--session-burst``; see ``_ask``).
        """
        bot = self.factory.bot
        host = peer_host(self.wire.getPeer())
        self.session_id, session = self.factory.sessions.fresh()
        # ``new``: this socket's session is stored (and counted per address) at its
        # first question.
        self.conversation = Conversation(bot, DOOR, session,
                                         bot.throttle(host, self.factory.clock), host, new=True)
        bot.metrics.connected(DOOR)
        self._hello(resumed=False)

    def onClose(self, wasClean: bool, code: int | None, reason: str | None) -> None:
        self._hold.cancel()
        if self.session_id is not None:  # it was opened (onOpen)
            self.factory.bot.metrics.disconnected(DOOR)

    def shut_down(self) -> None:
        """The server stops: a goodbye in the user's language, then close 1001."""
        if self.state == self.STATE_OPEN:
            self._refused(self.conversation.decline("shutting_down"))
            # sendClose allows only 1000 and 3000-4999; 1001 "going away" is the RFC code.
            self.sendCloseFrame(code=1001, reasonUtf8=b"server shutting down", isReply=False)
        elif self.state != self.STATE_CLOSING:
            self.dropConnection(abort=True)

    # -- the wire -------------------------------------------------------------

    # Autobahn's ``dataReceived`` and ``sendData`` call ``self.log.debug`` with
    # arguments built first -- ``hltype``/``hlval``: ``inspect`` plus
    # ``click.style`` -- on every read and every frame sent, debug on or not
    # (5-8% of the door's CPU under load). These two do the same work without
    # that; anything unusual (queued or chopped sends, octet logging, a socket
    # not open) still goes through Autobahn's own code. A frame is sent at
    # once when nothing is waiting (``send_now``), not on the next reactor turn.

    # Autobahn's own reading, without its logging: the method itself, not a call to
    # it (every read of every socket comes here).
    dataReceived = WebSocketServerProtocol._dataReceived

    def processData(self) -> bool:
        """Autobahn's next frame -- unless the client is over its rate (``_slow_down``).

        Returning False between two frames leaves the rest of what was read
        in Autobahn's buffer, unparsed, until the rate allows a message again.
        Once told to slow down, a client is held before its next frame is
        parsed, not refused after: the frames it sent meanwhile are answered
        at the rate, none skipped and with no second warning.
        """
        if self.current_frame is None and self.data:
            if self._hold.held:
                return False
            conversation = self.conversation
            if conversation.warned and self.state == self.STATE_OPEN:
                wait = conversation.holding()
                if wait > 0:
                    self._slow_down(wait)
                    return False
            if self._listeners is None and self._plain_frames():
                # The usual frame (doors/wsframes.py): one whole masked text frame.
                frame = text_frame_in(self.data, self._incoming_limit())
                if frame is not None:
                    return self._text_message(*frame)
        return bool(super().processData())

    def _plain_frames(self) -> bool:
        """Autobahn would read a text frame here with no step the fast path leaves out:
        open, not inside a fragmented message, nothing compressed, logged or timed,
        masks applied and UTF-8 checked, as a server does by default."""
        return (self.state == self.STATE_OPEN and not self.inside_message
                and not self.failedByMe and self._perMessageCompress is None
                and not self.logFrames and not self.trackedTimings and self.applyMask
                and self.utf8validateIncoming)

    def _incoming_limit(self) -> int:
        """The smaller of Autobahn's message and frame payload limits (0: none)."""
        message, frame = self.maxMessagePayloadSize, self.maxFramePayloadSize
        return min(message, frame) if message > 0 and frame > 0 else max(message, frame, 0)

    def _text_message(self, payload: bytes, size: int) -> bool:
        """A whole text frame read by ``text_frame_in``: counted as Autobahn counts it
        (``onFrameData``, ``onFrameEnd``), its auto-ping timeout reset, then the message."""
        self.data = self.data[size:]
        n = len(payload)
        stats = self.trafficStats
        stats.incomingOctetsWebSocketLevel += n
        stats.incomingOctetsAppLevel += n
        stats.incomingWebSocketFrames += 1
        if self.autoPingTimeoutCall and self.autoPingRestartOnAnyTraffic:
            self._cancelAutoPingTimeoutCall()
        stats.incomingWebSocketMessages += 1
        self.message_is_binary = False
        self._onMessage(payload, False)
        return len(self.data) > 0

    def sendData(self, data: bytes, sync: bool = False, chopsize: int | None = None) -> None:
        if sync or chopsize or self.send_queue or self.logOctets or self.state != self.STATE_OPEN:
            super().sendData(data, sync, chopsize)
            return
        send_now(self.transport, data)
        self.trafficStats.outgoingOctetsWireLevel += len(data)

    # -- messages -------------------------------------------------------------

    def onMessage(self, payload: bytes, isBinary: bool) -> None:
        conversation = self.conversation
        over = conversation.admit()
        if over is not None:
            self._slow_down(over.wait, over.warning)
            return
        if isBinary:
            self._refused(conversation.decline("binary_frame"))
            return
        raw = payload.decode("utf-8")  # Autobahn already closed the socket on bad UTF-8
        if not raw.lstrip().startswith(("{", "[")):
            self._answer(conversation.ask(raw))  # a bare text frame is a question
            return
        try:
            message = json.loads(raw)
        except (ValueError, RecursionError):
            message = None
        if not isinstance(message, dict):
            self._refused(conversation.decline("invalid_json"))
            return
        kind = message.get("type")
        if kind == "ask":
            self._answer(conversation.ask(message.get("text"), message.get("lang")))
        elif kind == "hello":
            self._resume(message.get("session"))
        elif kind == "feedback":
            self._store(conversation.rate(message.get("rating"), message.get("comment")))
        elif kind == "lang":
            self._answer(conversation.set_lang(message.get("lang")))
        else:
            self._refused(conversation.decline("unknown_type", type=str(kind)[:40]))

    def _slow_down(self, wait: float, warning: Refusal | None = None) -> None:
        """Over the rate: stop reading until the next message could pass (TCP back-pressure).

        Parsing and unmasking every frame of a flood only to drop it was what
        one client sending asks without reading cost everyone else; now its
        frames wait in the kernel, unread, and Autobahn's buffer holds at
        most one read of them.
        """
        if warning is not None:
            self._refused(warning)
        self._hold.start(wait)

    def _hold_reading(self) -> None:
        self.wire.pauseProducing()

    def _read_again(self) -> None:
        if self.state in (self.STATE_OPEN, self.STATE_CLOSING):
            self.wire.resumeProducing()
            self.consumeData()

    def _answer(self, out: Reply | Refusal | SlowDown) -> None:
        """Send an answer (its session is in use: kept in the store), or why there is none."""
        if isinstance(out, Reply):
            assert self.session_id is not None
            self.factory.sessions.keep(self.session_id, self.conversation.session)
            self._send_bytes(out.wire(REPLY_TYPE, self._session_member()))
            if out.close:
                self._end()
        elif isinstance(out, SlowDown):
            self._slow_down(out.wait, out.warning)
        else:
            self._refused(out)

    def _store(self, out: Store | Refusal) -> None:
        """``{"type": "feedback", ...}``: acknowledged with ``rated`` once committed."""
        if isinstance(out, Refusal):
            self._refused(out)
            return
        conversation = self.conversation

        def stored(row_id: int) -> None:
            if self.state == self.STATE_OPEN:
                rated = conversation.rated(out, row_id)
                self._send_json({"type": "rated", "rating": rated.rating, "id": rated.id})

        def failed(failure: Failure) -> None:
            if self.state == self.STATE_OPEN:  # logged by the bot if unexpected
                refused = Refused.of(failure)
                self._refused(conversation.not_rated(refused.code, refused.retry_after))

        self.factory.bot.rate(DOOR, out.answered, out.rating, out.comment,
                              conversation.host).addCallbacks(stored, failed)

    def _resume(self, session_id: Any) -> None:
        """Continue a conversation the store still holds, else keep this one."""
        found = self.factory.sessions.get(session_id) if isinstance(session_id, str) else None
        if found is not None and session_id != self.session_id:
            if self.conversation.session.turns == 0 and self.session_id is not None:
                self.factory.sessions.discard(self.session_id)  # never used: forget it
            self.session_id = session_id
            self.conversation.resume(found)
        self._hello(resumed=found is not None)

    def _end(self) -> None:
        """``/quit``: the goodbye is sent; forget the session and close cleanly."""
        if self.session_id is not None:
            self.factory.sessions.discard(self.session_id)
        self.sendClose(code=1000, reason="bye")

    # -- a refused opening handshake ------------------------------------------

    def failHandshake(self, reason: str, code: int = 400,
                      responseHeaders: list[tuple[str, str]] | None = None) -> None:
        """Refuse the opening handshake: a JSON error body and a fixed reason phrase.

        Autobahn would send ``reason`` -- which often quotes a client's
        header -- as the HTTP reason phrase, with no body, and log it raw.
        A refused ``Origin`` is ``403 origin_not_allowed``; anything else
        keeps Autobahn's status (400, 405, 505, ...) as ``bad_handshake``.
        """
        bot = self.factory.bot
        denied = reason.startswith("WebSocket connection denied: origin")
        error, code = ("origin_not_allowed", 403) if denied else ("bad_handshake", code)
        log.info("refused a WebSocket opening handshake ({status}): {reason}", status=code,
                 reason=printable(reason))
        headers = getattr(self, "http_headers", None) or {}
        lang = accept_language_lang(str(headers.get("accept-language", "")))
        body = error_body(error, bot.text(error, lang))
        lines = [b"HTTP/1.1 %d %s" % (code, RESPONSES.get(code, b"Error")),
                 b"content-type: application/json", b"x-content-type-options: nosniff",
                 b"content-length: %d" % len(body), b"connection: close"]
        lines += [f"{name}: {value}".encode("latin-1") for name, value in responseHeaders or []]
        bot.metrics.error(DOOR, error)
        bot.metrics.responded(code)
        self.sendData(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        # Logged above; Autobahn would warn again with the raw reason on the drop.
        self.wasClean = True
        self.dropConnection(abort=False)

    # -- output ---------------------------------------------------------------

    def _session_member(self) -> bytes:
        """``"session":"<id>"`` encoded once per id, not once per answer."""
        cached = getattr(self, "_session_wire", None)
        if cached is None or cached[0] != self.session_id:
            cached = self._session_wire = (self.session_id,
                                           Reply.member("session", self.session_id))
        return cached[1]

    def _hello(self, resumed: bool) -> None:
        conversation = self.conversation
        self._send_json({"type": "hello", "session": self.session_id,
                         "lang": conversation.lang, "resumed": resumed,
                         "greeting": conversation.greeting()})

    def _refused(self, refusal: Refusal) -> None:
        self._send_json({"type": "error", "code": refusal.code, "message": refusal.message})

    def _send_json(self, message: dict[str, Any]) -> None:
        """Send one JSON message, however long.

        Autobahn applies ``maxMessagePayloadSize`` to outgoing messages too
        and raises ``PayloadExceededError``: with ``--ws-max-message=1024`` a
        long answer would kill the socket. The limit is about what clients
        send, so it is lifted for the (synchronous) send of our own message.
        """
        self._send_bytes(json.dumps(message, ensure_ascii=False).encode("utf-8"))

    def _send_bytes(self, payload: bytes) -> None:
        if (self.state == self.STATE_OPEN and self._perMessageCompress is None
                and not self.autoFragmentSize and not self.maskServerFrames
                and not self.logFrames and not self.trackedTimings and not self.send_queue
                and not self.logOctets):
            # One text frame, built and counted as ``sendMessage`` and ``sendFrame``
            # would (doors/wsframes.py), sent as ``sendData`` does; the incoming
            # limit is not applied to our own message, as below.
            raw = text_frame_out(payload)
            n = len(payload)
            stats = self.trafficStats
            stats.outgoingWebSocketMessages += 1
            stats.outgoingOctetsAppLevel += n
            stats.outgoingOctetsWebSocketLevel += n
            stats.outgoingWebSocketFrames += 1
            stats.outgoingOctetsWireLevel += len(raw)
            send_now(self.transport, raw)
            return
        limit = self.maxMessagePayloadSize
        self.maxMessagePayloadSize = 0
        try:
            self.sendMessage(payload)
        finally:
            self.maxMessagePayloadSize = limit


def with_port(origin: str) -> str:
    """An origin pattern as Autobahn matches it: ``scheme://host:port``.

    Autobahn compares patterns with the Origin header rewritten to carry its
    port, so ``https://fwbot.example`` would never match; the scheme's
    default port is added to a pattern that names none.
    """
    scheme, sep, rest = origin.partition("://")
    if not sep or rest.endswith("*") or ":" in rest.rsplit("]", 1)[-1]:
        return origin
    default = {"http": "80", "https": "443"}.get(scheme.lower())
    return f"{origin}:{default}" if default else origin


class ChatSocketFactory(WebSocketServerFactory):
    """Holds what every socket shares: the bot and the session store.

    The Autobahn options are set all at once because ``setProtocolOptions``
    resets ``allowNullOrigin`` to False when not passed (a page opened from a
    file sends ``Origin: null``), and ``failByDrop=False`` makes an
    over-limit message end in a clean 1009 close instead of a dropped TCP
    connection. ``autoPingInterval`` keeps idle sockets alive through
    proxies and ``autoPingTimeout`` drops a peer that stopped answering.
    The HTTP part of the opening handshake is bounded by the Site's
    timeout, not ``openHandshakeTimeout`` (see STYLE.md).
    """

    protocol = ChatSocket  # type: ignore[assignment]  # Autobahn's factory is an unparameterised Factory: no protocol with a typed factory fits

    def __init__(self, bot: Bot, sessions: SessionStore, clock: IReactorTime | None = None) -> None:
        super().__init__()
        if clock is None:
            from twisted.internet import reactor

            clock = cast(IReactorTime, reactor)
        self.bot = bot
        self.sessions = sessions
        self.clock = clock
        limits = bot.limits
        origins = [with_port(origin) for origin in limits.ws_origins]
        self.setProtocolOptions(
            maxMessagePayloadSize=limits.ws_message_bytes,
            maxFramePayloadSize=limits.ws_message_bytes,
            failByDrop=False,
            allowedOrigins=origins,
            # A page opened from a file says "Origin: null": allowed only when any origin is.
            allowNullOrigin="*" in origins,
            openHandshakeTimeout=limits.http_timeout_seconds,
            closeHandshakeTimeout=5,
            autoPingInterval=limits.ws_ping_interval or None,
            autoPingTimeout=limits.ws_ping_timeout or None,
        )
