"""The HTTP/1.1 connection of the HTTP port, hardened: every protocol error a JSON body.

twisted.web parses the requests; what this adds is bounds and fairness:
a request must arrive whole in ``--http-timeout``, a body over
``--http-max-body`` is refused before it is read, at most
``--http-pipeline-batch`` pipelined requests are answered per reactor
turn, a 429 stops reading the connection for as long as it says, and a
malformed request, a header flood or a missing ``Host`` gets the JSON
error shape instead of twisted.web's bare text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from typing import Any, ClassVar

from twisted.internet.interfaces import ITransport
from twisted.internet.protocol import connectionDone
from twisted.python.failure import Failure
from twisted.web.http import HTTPChannel, _parseContentType
from twisted.web.http_headers import Headers
from twisted.web.resource import Resource
from twisted.web.server import Request, Site

from fwbot.doors.gate import IConnection, beneath_gate, close_after_answer
from fwbot.doors.http_json import (
    DOOR,
    JSON,
    NOSNIFF,
    BadRequest,
    Headless,
    error_body,
    log,
    request_lang,
)
from fwbot.doors.sendnow import send_now
from fwbot.service import Bot


class FwbotChannel(HTTPChannel):
    """An HTTP connection whose own protocol errors are JSON too.

    twisted.web answers a malformed request line or a header flood (over
    ``maxHeaders`` headers or ``totalHeadersSize`` bytes) with a bare
    ``400 Bad Request`` and closes. The same close happens here, with a
    body of the documented error shape: 431 for too many or too long
    headers, 400 otherwise. (``_respondToBadRequestAndDisconnect`` is
    twisted.web's private hook for exactly this; its tests pin it.)
    """

    maxHeaders = 100
    totalHeadersSize = 16384
    _line_too_long = False
    _deadline: float | None = None  # when the request under way must be whole (clock time)
    _timer: Any = None  # the IDelayedCall that checks ``_deadline`` (see ``_arm``)
    _hold_seconds = 0.0  # set by a 429: stop reading this long once the answer is out
    _in_row = 0  # pipelined requests answered one after another in this turn
    _replay: Any = None  # the deferred reading of what was pipelined (IDelayedCall)
    transport: IConnection | None  # the gate's wrapper; None before the connection is made
    _head = b""  # a response's headers, sent with its first body bytes (``writeHeaders``)
    site: Site  # set by the Site that builds the channel (``FwbotSite`` when served)

    # The Site's timeout restarts on every byte received, so a client that
    # sends one header byte a second would never time out. A request must
    # also arrive whole (headers and body) within that timeout of its start.

    def connectionMade(self) -> None:
        super().connectionMade()
        # The clock of this channel's timers: the Site sets ``callLater`` to its
        # reactor's (a test's Clock); read once, every request stamps its deadline.
        clock: Any = getattr(self.callLater, "__self__", None)
        if not callable(getattr(clock, "seconds", None)):  # TimeoutMixin's: the reactor's
            from twisted.internet import reactor

            clock = reactor
        self._seconds: Callable[[], float] = clock.seconds
        # Where answers are written: the connection under the gate's wrapper (which
        # only passes writes on), TCP or the TLS layer (see ``_send``).
        self._wire: Any = beneath_gate(self.transport)
        self._arm()

    # -- one send per answer ----------------------------------------------------
    # twisted.web writes an answer's headers and its body separately and
    # Twisted's TCP buffers both until the reactor's next turn: one more
    # reactor dispatch and two epoll_ctl calls (register for writing, then
    # unregister) per request. Here the headers wait for the body and the
    # two go out in one send, at once when nothing is waiting
    # (``fwbot.doors.sendnow``: anything the kernel does not take, and TLS,
    # go through the transport's ``write`` as before). Every other write of
    # the channel sends the waiting headers first, so nothing overtakes them.

    def writeHeaders(self, version: bytes, code: bytes, reason: bytes, headers: Any) -> None:
        if not isinstance(headers, Headers) or self._head:
            self._flush_head()
            super().writeHeaders(version, code, reason, headers)
            return
        parts = [version, b" ", code, b" ", reason, b"\r\n"]
        for name, values in headers.getAllRawHeaders():
            for value in values:
                parts.extend((name, b": ", value, b"\r\n"))
        parts.append(b"\r\n")
        self._head = b"".join(parts)

    def write(self, data: bytes) -> None:
        head, self._head = self._head, b""
        self._send(head + data if head else data)

    def writeSequence(self, iovec: Any) -> None:
        head, self._head = self._head, b""
        self._send(b"".join([head, *iovec]))

    def _send(self, data: bytes) -> None:
        if self.transport is None:  # the WebSocket took the connection over
            return
        send_now(self._wire, data)

    def _flush_head(self) -> None:
        """Send headers still waiting for a body (a HEAD, a 204): before anything else."""
        if self._head:
            head, self._head = self._head, b""
            self._send(head)

    def loseConnection(self) -> None:
        self._flush_head()
        super().loseConnection()

    def _arm(self) -> None:
        """The next request must be whole within ``timeOut`` from now.

        Every keep-alive request arms and disarms it, so the deadline is a
        time, not a timer of its own: one timer per connection checks it
        when it fires and, if the deadline has moved on (later requests),
        waits again for what is left. A request then costs a clock read,
        where a ``callLater`` and a ``cancel`` per request cost the reactor
        a timer to make, queue and drop each time.
        """
        if not self.timeOut:
            self._deadline = None
            return
        self._deadline = self._seconds() + self.timeOut
        if self._timer is None:
            self._timer = self.callLater(self.timeOut, self._check_deadline)

    def _disarm(self) -> None:
        self._deadline = None  # the timer, if any, finds nothing to do when it fires

    def _check_deadline(self) -> None:
        self._timer = None
        deadline = self._deadline
        if deadline is None or self.transport is None:
            return
        left = deadline - self._seconds()
        if left > 0:
            self._timer = self.callLater(left, self._check_deadline)
            return
        self._deadline = None
        self._too_slow()

    def allContentReceived(self) -> None:
        self._disarm()
        super().allContentReceived()

    def hold_reading(self, seconds: float) -> None:
        """After the current answer, read nothing from this connection for ``seconds``."""
        self._hold_seconds = max(self._hold_seconds, seconds)

    def requestDone(self, request: Request) -> None:
        """The answer is out: go on with the next request -- now, or on a later turn.

        twisted.web parses what a client pipelined right away, request after
        request in one call, so one write of 2,000 POSTs kept the reactor
        from everyone else for half a second. After ``--http-pipeline-batch``
        requests in a row the rest waits for the next reactor turn; after a
        429 it waits until a request could pass. Meanwhile the connection
        is not read (TCP back-pressure), as while a request is answered:
        the request is still "being handled" for twisted.web, which puts
        what follows in ``_dataBuffer`` and plays it back in ``_read_on``.
        """
        self._flush_head()  # the answer had no body (HEAD): its headers go now
        hold, self._hold_seconds = self._hold_seconds, 0.0
        # What the client pipelined waits in _dataBuffer (after a body) or, after a
        # request without one, still in LineReceiver's own buffer, read on in this call.
        pipelined = any(self._dataBuffer) or bool(self._buffer)
        self._in_row = self._in_row + 1 if pipelined else 0
        bot: Bot | None = getattr(getattr(self, "site", None), "bot", None)
        batch = bot.limits.http_pipeline_batch if bot is not None else 8
        if self.persistent and self.transport is not None and (hold or self._in_row >= batch):
            self._in_row = 0
            if request is not self.requests[0]:
                raise TypeError
            del self.requests[0]
            self._networkProducer.pauseProducing()
            self._replay = self.callLater(hold, self._read_on)
            return
        super().requestDone(request)
        if self.persistent and self.transport is not None:
            self._arm()

    def _read_on(self) -> None:
        """``HTTPChannel.requestDone``'s second half, a turn (or a 429's wait) later."""
        self._replay = None
        if self.transport is None or not self.connected:
            return
        self._handlingRequest = False
        if self._savedTimeOut:
            self.setTimeout(self._savedTimeOut)
        if not self._waitingForTransport:
            self._networkProducer.resumeProducing()
        data, self._dataBuffer = b"".join(self._dataBuffer), []
        self.setLineMode(data)
        if self.persistent and self.transport is not None:
            self._arm()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self._disarm()
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        if self._replay is not None and self._replay.active():
            self._replay.cancel()
        self._replay = None
        super().connectionLost(reason)

    def _too_slow(self) -> None:
        """Headers or body still incomplete when the timeout ran out: 408 and close."""
        if self.transport is None:
            return
        if not self.requests:  # idle keep-alive: nothing to answer
            self.transport.abortConnection()
            return
        self._respond_and_close(408, b"Request Timeout", "request_timeout")
        self.callLater(2.0, self._abort)

    def _abort(self) -> None:
        """Close at once, unsent answer or not (the 408's client had its time)."""
        if self.transport is not None:
            self.transport.abortConnection()

    def lineLengthExceeded(self, line: bytes) -> None:
        """One header line over ``MAX_LENGTH``: LineReceiver would just hang up."""
        self._line_too_long = True
        self._respondToBadRequestAndDisconnect()

    def _respondToBadRequestAndDisconnect(self) -> None:
        flood = (self._line_too_long
                 or getattr(self, "_receivedHeaderSize", 0) > self.totalHeadersSize
                 or getattr(self, "_receivedHeaderCount", 0) > self.maxHeaders)
        status, reason, code = ((431, b"Request Header Fields Too Large", "header_too_large")
                                if flood else (400, b"Bad Request", "bad_request"))
        self._respond_and_close(status, reason, code)

    def _respond_and_close(self, status: int, reason: bytes, code: str) -> None:
        bot: Bot | None = getattr(self.site, "bot", None)
        if bot is not None:
            bot.metrics.error(DOOR, code)
            bot.metrics.responded(status)
            message = bot.text(code, "en")
        else:
            message = code
        body = error_body(code, message)
        if self.transport is None:  # the client is gone: nobody to answer
            return
        self._flush_head()
        self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\n"
                             b"%scontent-length: %d\r\nconnection: close\r\n\r\n%s"
                             % (status, reason, NOSNIFF, len(body), body))
        self.loseConnection()

    def shut_down(self) -> None:
        """SIGTERM: close when idle; a request under way is finished first."""
        self.persistent = False
        if not self.requests:
            self.loseConnection()


def refusal(bot: Bot) -> Callable[[ITransport], None]:
    """What an HTTP or WebSocket client over the connection limits gets: a JSON 503."""

    def refuse(transport: ITransport) -> None:
        message = " / ".join(bot.text("too_many_connections", lang) for lang in ("uk", "en"))
        body = error_body("too_many_connections", message)
        transport.write(b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
                        b"%sretry-after: 5\r\ncontent-length: %d\r\nconnection: close\r\n"
                        b"\r\n%s" % (NOSNIFF, len(body), body))

    return refuse


class BoundedRequest(Request):
    """A request that refuses a body over ``max_body`` bytes as soon as it shows.

    twisted.web would buffer the whole body before any resource sees it. Here
    a body declared too large (Content-Length) or found too large (chunked)
    is answered 413 at once, before it is read: the connection then stops
    sending, reads and discards what the client still sends for a moment
    (closing with unread data would make the kernel send a reset that can
    destroy the 413 before the client reads it), and is closed.
    ``max_body`` is set per site by ``bounded_request``.
    """

    max_body: ClassVar[int] = 64 * 1024
    linger_seconds: ClassVar[float] = 2.0
    body_too_large = False

    def gotLength(self, length: int | None) -> None:
        if length is not None and length > self.max_body:
            self._refuse_body()
            return
        super().gotLength(length)

    def handleContentChunk(self, data: bytes) -> None:
        if self.body_too_large:
            return
        assert self.content is not None  # gotLength made it, before any chunk
        if self.content.tell() + len(data) > self.max_body:
            self._refuse_body()
            return
        super().handleContentChunk(data)

    def requestReceived(self, command: bytes, path: bytes, version: bytes) -> None:
        """twisted.web's, without its form parsing of a JSON body.

        For every POST with a body twisted.web parses the Content-Type with
        ``email.message`` (about a fifth of a JSON API call's CPU) only to
        look for a form (``x-www-form-urlencoded``, ``multipart/form-data``)
        to put in ``args``. A Content-Type that is ``application/json``, with
        parameters or without, is never one: that parse is skipped for it
        and every other Content-Type is parsed as before. One that the
        standard library's email parser fails on ("text/plain;!*" raises
        IndexError inside it) is no form either: it is skipped too, so the
        endpoint answers it (415) instead of the connection dying unanswered.
        """
        types = self.requestHeaders.getRawHeaders(b"content-type")
        if types and (is_json_type(types[0]) or not _parses(types[0])):
            self._parsePOSTFormSubmission = False
        super().requestReceived(command, path, version)

    def process(self) -> None:
        if not self.body_too_large:  # already answered 413
            self.setHeader(b"x-content-type-options", b"nosniff")
            super().process()

    def render(self, resrc: Resource) -> None:
        """Render ``resrc`` -- unless the ``Host`` header is missing or repeated (400).

        HTTP/1.1 requires exactly one ``Host`` (RFC 9112 3.2); two of them
        could mean different sites to us and to a proxy in front. The 400
        closes the connection. A HEAD request gets the headers of the GET
        and no body, without twisted.web's log line about eating one.
        """
        hosts = self.requestHeaders.getRawHeaders(b"host") or []
        if len(hosts) > 1 or (not hosts and self.clientproto == b"HTTP/1.1"):
            bot: Bot | None = getattr(self.site, "bot", None)
            if bot is not None:
                self.channel.persistent = False  # closes once this answer is out
                self.setHeader(b"connection", b"close")
                resrc = BadRequest(bot)
        if self.method == b"HEAD":
            resrc = Headless(resrc)
        super().render(resrc)

    def _refuse_body(self) -> None:
        self.body_too_large = True
        self.content = BytesIO()
        bot: Bot | None = getattr(getattr(self.channel, "site", None), "bot", None)
        lang = request_lang(self)
        if bot is not None:
            bot.metrics.error(DOOR, "body_too_large")
            bot.metrics.responded(413)
            message = bot.text("body_too_large", lang, limit=self.max_body)
        else:
            message = f"The request body is too large (over {self.max_body} bytes)."
        body = error_body("body_too_large", message)
        transport = self.channel.transport
        if transport is None:  # the client is gone: nobody to answer
            return
        flush = getattr(self.channel, "_flush_head", None)
        if flush is not None:  # an answer's headers still waiting go first
            flush()
        transport.write(b"HTTP/1.1 413 Content Too Large\r\ncontent-type: application/json\r\n"
                        b"%scontent-length: %d\r\nconnection: close\r\n\r\n%s"
                        % (NOSNIFF, len(body), body))
        self.channel.persistent = False
        close_after_answer(transport, self.channel.callLater, self.linger_seconds)

    def processingFailed(self, reason: Failure) -> None:
        """A bug in a resource: log it and answer JSON 500, not an HTML traceback."""
        log.failure("HTTP request failed", failure=reason)
        if self.finished or self._disconnected:
            return
        body = error_body("internal_error", "internal error")
        self.setResponseCode(500)
        self.setHeader(b"content-type", JSON)
        self.setHeader(b"content-length", b"%d" % len(body))
        self.write(body)
        self.finish()


# ``application/json`` in any case, alone or with parameters in printable ASCII.
_JSON_TYPE = re.compile(rb"application/json(;[\x20-\x7e]*)?", re.IGNORECASE)


def is_json_type(content_type: bytes) -> bool:
    """A Content-Type ``email.message`` reads as ``application/json``, so never a form
    (and never one it fails on: no control or non-ASCII byte)."""
    return _JSON_TYPE.fullmatch(content_type) is not None


def _parses(content_type: bytes) -> bool:
    """Whether twisted.web's Content-Type parse (``email.message``) gets through it."""
    try:
        _parseContentType(content_type)
    except Exception:  # any failure inside the stdlib parser: no form it could read
        return False
    return True


def bounded_request(max_body: int) -> type[BoundedRequest]:
    """A ``BoundedRequest`` class with this site's body limit."""
    return type("BoundedRequest", (BoundedRequest,), {"max_body": max_body})
