"""The HTTP door: a JSON API over twisted.web, every error a JSON body.

Routes (``protocols/openapi.yaml`` is the contract, served at
``/openapi.json``): ``POST /api/ask``, ``GET /api/frameworks[/{id}]``,
``GET /healthz``, ``GET /metrics``, ``GET /openapi.json`` and the page at
``/``. Resources stay thin: check the request, hand text to the bot, write
JSON. Anything twisted.web would answer with an HTML page (unknown path,
wrong method, a crash) is answered as ``{"error": {"code", "message"}}``
instead, so API clients only ever parse one shape.
"""

from __future__ import annotations

import hmac
import json
import math
from collections.abc import Callable
from functools import cache
from io import BytesIO
from typing import Any, ClassVar

import yaml
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import ITransport
from twisted.internet.protocol import connectionDone
from twisted.logger import Logger
from twisted.python.failure import Failure
from twisted.web.http import HTTPChannel
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Request, Site

from fwbot import __version__
from fwbot.conversation import Conversation, Refusal, SlowDown
from fwbot.doors.gate import IConnection, close_after_answer, peer_host
from fwbot.doors.ratelimit import BucketsByKey, address_key
from fwbot.doors.sessions import SessionStore
from fwbot.feedback import Refused
from fwbot.metrics import CONTENT_TYPE_LATEST
from fwbot.paths import protocols_dir
from fwbot.reply import LANGS, Lang, Reply
from fwbot.service import Bot

log = Logger(namespace="fwbot.http")

DOOR = "http"
JSON = b"application/json"
# On every response: a browser must never guess another type than the one sent.
NOSNIFF = b"x-content-type-options: nosniff\r\n"
# The status of each refusal a JSON endpoint answers with (``protocols/openapi.yaml``).
STATUS = {"invalid_field": 400, "empty_text": 400, "nothing_to_rate": 404, "rate_limited": 429,
          "storage_full": 507, "storage_unavailable": 503}
# Reason phrases twisted.web does not know (it would say "Unknown Status").
_REASONS = {408: b"Request Timeout", 426: b"Upgrade Required", 429: b"Too Many Requests",
            431: b"Request Header Fields Too Large", 507: b"Insufficient Storage"}


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
    _deadline: Any = None
    _hold_seconds = 0.0  # set by a 429: stop reading this long once the answer is out
    _in_row = 0  # pipelined requests answered one after another in this turn
    _replay: Any = None  # the deferred reading of what was pipelined (IDelayedCall)
    transport: IConnection | None  # the gate's wrapper; None before the connection is made
    site: Site  # set by the Site that builds the channel (``FwbotSite`` when served)

    # The Site's timeout restarts on every byte received, so a client that
    # sends one header byte a second would never time out. A request must
    # also arrive whole (headers and body) within that timeout of its start.

    def connectionMade(self) -> None:
        super().connectionMade()
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        if self.timeOut:
            self._deadline = self.callLater(self.timeOut, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None and self._deadline.active():
            self._deadline.cancel()
        self._deadline = None

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
        if self._replay is not None and self._replay.active():
            self._replay.cancel()
        self._replay = None
        super().connectionLost(reason)

    def _too_slow(self) -> None:
        """Headers or body still incomplete when the timeout ran out: 408 and close."""
        self._deadline = None
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
            bot.metrics.http_responses.labels(str(status)).inc()
            message = bot.text(code, "en")
        else:
            message = code
        body = error_body(code, message)
        if self.transport is None:  # the client is gone: nobody to answer
            return
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
            bot.metrics.http_responses.labels("413").inc()
            message = bot.text("body_too_large", lang, limit=self.max_body)
        else:
            message = f"The request body is too large (over {self.max_body} bytes)."
        body = error_body("body_too_large", message)
        transport = self.channel.transport
        if transport is None:  # the client is gone: nobody to answer
            return
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


def bounded_request(max_body: int) -> type[BoundedRequest]:
    """A ``BoundedRequest`` class with this site's body limit."""
    return type("BoundedRequest", (BoundedRequest,), {"max_body": max_body})


def error_body(code: str, message: str) -> bytes:
    """The documented error shape, ``{"error": {"code", "message"}}``, as UTF-8 JSON."""
    return json.dumps({"error": {"code": code, "message": message}},
                      ensure_ascii=False).encode("utf-8")


def header(request: Request, name: bytes) -> str:
    """A request header as text (latin-1, as HTTP defines), empty if absent."""
    value = request.getHeader(name)
    return value.decode("latin-1") if value is not None else ""


def request_lang(request: Request) -> Lang:
    """``uk`` if the client's Accept-Language ranks Ukrainian above English, else ``en``."""
    return accept_language_lang(header(request, b"accept-language"))


def accept_language_lang(header_value: str) -> Lang:
    """``uk`` if this Accept-Language value ranks Ukrainian above English, else ``en``."""
    ranked: list[tuple[float, int, Lang]] = []
    for position, item in enumerate(header_value.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        lang = next((known for known in LANGS if known == primary), None)
        if lang is not None and quality > 0:
            ranked.append((-quality, position, lang))
    return min(ranked)[2] if ranked else "en"


class JsonResource(Resource):
    """Base of every fwbot resource: JSON 404 for unknown children, JSON 405."""

    def __init__(self, bot: Bot) -> None:
        super().__init__()
        self.bot = bot

    def getChild(self, path: bytes, request: Request) -> Resource:
        return NotFound(self.bot)

    def render(self, request: Request) -> bytes | int:
        if self.isLeaf and request.postpath not in ([], [b""]):
            return NotFound(self.bot).render(request)  # e.g. /healthz/extra
        method = request.method.decode("ascii", "replace")
        # HEAD is GET without the body (twisted.web drops it); no GET, no HEAD.
        name = "GET" if method == "HEAD" else method
        handler: Callable[[Request], bytes | int] | None = (
            getattr(self, f"render_{name}", None) if name.isalpha() else None)
        if handler is None:
            allowed = self.allowed_methods()
            if not allowed:  # a path prefix such as /api, not an endpoint
                return NotFound(self.bot).render(request)
            request.setHeader(b"allow", ", ".join(allowed).encode("ascii"))
            return self.error(request, 405, "method_not_allowed", request_lang(request),
                              method=method, allowed=", ".join(allowed))
        return handler(request)  # (a HEAD's body is dropped by ``Headless``)

    def allowed_methods(self) -> list[str]:
        """The methods this resource answers, for 405's ``Allow`` header.

        Read from its ``render_*`` methods, so a new endpoint cannot forget
        to list one; HEAD goes with GET, as twisted.web serves it.
        """
        methods = {name[len("render_"):] for name in dir(self)
                   if name.startswith("render_") and name[len("render_"):].isupper()}
        methods.discard("HEAD")  # Resource defines render_HEAD; it only makes sense with GET
        if "GET" in methods:
            methods.add("HEAD")
        return sorted(methods)

    def json(self, request: Request, value: Any, status: int = 200) -> bytes:
        """``value`` as the UTF-8 JSON body (Cyrillic as is, not escaped), with its status."""
        request.setResponseCode(status)
        request.setHeader(b"content-type", JSON)
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    def error(self, request: Request, status: int, code: str, lang: str, **kw: Any) -> bytes:
        """An error response in the documented shape, message in the user's language."""
        self.bot.metrics.error(DOOR, code)
        request.setResponseCode(status, _REASONS.get(status))
        request.setHeader(b"content-type", JSON)
        return error_body(code, self.bot.text(code, lang, **kw))


class NotFound(JsonResource):
    """Any path fwbot does not serve, whatever the method."""

    isLeaf = True

    def render(self, request: Request) -> bytes:
        path = request.path.decode("utf-8", "replace")
        return self.error(request, 404, "not_found", request_lang(request), path=path)


class BadRequest(JsonResource):
    """A request fwbot will not route, such as one without a single ``Host``: JSON 400."""

    isLeaf = True

    def render(self, request: Request) -> bytes:
        return self.error(request, 400, "bad_request", request_lang(request))


class Headless(Resource):
    """A resource answering HEAD: the GET's status and headers, its length, no body."""

    isLeaf = True

    def __init__(self, inner: Resource) -> None:
        super().__init__()
        self.inner = inner

    def render(self, request: Request) -> bytes | int:
        body: bytes | int = self.inner.render(request)  # (Resource.render has no types)
        if isinstance(body, bytes):
            request.setHeader(b"content-length", b"%d" % len(body))
            return b""
        return body


class JsonPost(JsonResource):
    """A ``POST`` endpoint with a JSON object body, rate-limited per session or address."""

    isLeaf = True

    def __init__(self, bot: Bot, sessions: SessionStore, buckets: BucketsByKey) -> None:
        super().__init__(bot)
        self.sessions = sessions
        self.buckets = buckets

    def read_json(self, request: Request, lang: str) -> dict[str, Any] | bytes:
        """The body as a dict, or the error response to return instead."""
        content_type = header(request, b"content-type").split(";")[0].strip().lower()
        if content_type != "application/json":
            return self.error(request, 415, "unsupported_media_type", lang)
        # The body is in a BytesIO, or in a temporary file when it came chunked (its
        # length unknown up front): both read from the start, where twisted.web
        # put them back before rendering.
        content = request.content
        try:
            body = json.loads(content.read().decode("utf-8") if content is not None else "")
        except (ValueError, RecursionError):
            return self.error(request, 400, "invalid_json", lang)
        if not isinstance(body, dict):
            return self.error(request, 400, "invalid_json", lang)
        return body

    def conversation(self, request: Request, session_id: Any,
                     lang: Lang) -> tuple[Conversation, str, bool]:
        """This request's turn of its session's conversation: ``(conversation, session id,
        known)``; an unknown session is a fresh one, stored only once it is used.

        The rate limit is the session's bucket (or, without one, the
        address's) inside the address's own, over every door and connection.
        Refusals are in the session's language, or without one the request's
        (``Accept-Language``).
        """
        host = peer_host(request.getClientAddress())
        known = self.sessions.get(session_id) if isinstance(session_id, str) else None
        if known is not None:
            key, session = "session:" + session_id, known
        else:
            key = "host:" + str(address_key(host))
            session_id, session = self.sessions.fresh()
        throttle = self.bot.throttle(host, own=self.buckets.get(key))
        return (Conversation(self.bot, DOOR, session, throttle, host, new=known is None,
                             lang=None if known is not None else lang),
                session_id, known is not None)

    def refused(self, request: Request, refusal: Refusal) -> bytes:
        """The error response of a refusal, with ``Retry-After`` when it has one."""
        if refusal.retry_after is not None:
            request.setHeader(b"retry-after", b"%d" % refusal.retry_after)
        status = STATUS[refusal.code]
        request.setResponseCode(status, _REASONS.get(status))
        request.setHeader(b"content-type", JSON)
        return error_body(refusal.code, refusal.message)

    def slow_down(self, request: Request, over: SlowDown) -> bytes:
        """429 ``rate_limited`` with ``Retry-After``; the connection is read again in ``wait`` s.

        A client that pipelines on regardless waits in its kernel buffers.
        """
        hold = getattr(request.channel, "hold_reading", None)
        if hold is not None:
            hold(over.wait)
        request.setHeader(b"retry-after", b"%d" % max(1, math.ceil(over.wait)))
        assert over.warning is not None  # each request is a turn of its own: always warned
        return self.refused(request, over.warning)


class Ask(JsonPost):
    """``POST /api/ask``: one question in, the Reply and the session id out."""

    def render_POST(self, request: Request) -> bytes:
        lang = request_lang(request)  # (a body over the limit never gets here: 413)
        body = self.read_json(request, lang)
        if isinstance(body, bytes):
            return body
        given = body.get("session")
        conversation, session_id, known = self.conversation(request, given, lang)
        out: Reply | Refusal | SlowDown | None = conversation.admit()
        if out is None:
            if given is not None and not isinstance(given, str):
                out = conversation.decline("invalid_field", field="session")
            else:
                out = conversation.ask(body.get("text"), body.get("lang"))
        if isinstance(out, SlowDown):
            return self.slow_down(request, out)
        if isinstance(out, Refusal):
            return self.refused(request, out)
        if out.close:
            self.sessions.discard(session_id)
        elif not known:
            self.sessions.keep(session_id, conversation.session)
        request.setResponseCode(200)
        request.setHeader(b"content-type", JSON)
        return out.wire(tail=Reply.member("session", session_id))


class Feedback(JsonPost):
    """``POST /api/feedback``: rate the session's last answer; 200 only once it is stored."""

    def render_POST(self, request: Request) -> bytes | int:
        lang = request_lang(request)
        body = self.read_json(request, lang)
        if isinstance(body, bytes):
            return body
        given = body.get("session")
        conversation, _, _ = self.conversation(request, given, lang)
        over = conversation.admit()
        if over is not None:
            return self.slow_down(request, over)
        if not isinstance(given, str):
            return self.refused(request, conversation.decline("invalid_field", field="session"))
        out = conversation.rate(body.get("rating"), body.get("comment"))
        if isinstance(out, Refusal):
            return self.refused(request, out)

        def not_stored(failure: Failure) -> bytes:  # logged by the bot if unexpected
            refused = Refused.of(failure)
            return self.refused(request, conversation.not_rated(refused.code,
                                                                refused.retry_after))

        stored = self.bot.rate(DOOR, out.answered, out.rating, out.comment, conversation.host)
        answer = stored.addCallbacks(
            lambda row_id: self.json(request, {"status": "recorded", "id": row_id}), not_stored)
        deliver(request, answer)
        return NOT_DONE_YET


def deliver(request: Request, body: Deferred[bytes]) -> None:
    """Finish ``request`` with the bytes ``body`` fires with, if the client still waits."""

    def write(data: bytes) -> None:
        if not request._disconnected and not request.finished:
            request.setHeader(b"content-length", b"%d" % len(data))
            request.write(data)
            request.finish()

    body.addCallback(write).addErrback(
        lambda failure: log.failure("could not answer a request", failure=failure))


class AdminOnly(JsonResource):
    """An admin endpoint: ``Authorization: Bearer <--admin-token>`` or 401/403.

    Wrong tokens are counted per client address in ``failures`` (shared by
    every admin endpoint): past ``--admin-fail-burst`` of them, and then
    more than ``--admin-fail-rate`` a second, every admin request from that
    address gets 429 with ``Retry-After`` -- the right token too, or
    guessing would only have to be patient. Each wrong token is logged with
    the address (never the token), and so is the start of each lock-out.
    """

    isLeaf = True

    def __init__(self, bot: Bot, token: str, failures: BucketsByKey) -> None:
        super().__init__(bot)
        self._token = token.encode("utf-8")
        self.failures = failures

    def render(self, request: Request) -> bytes | int:
        lang = request_lang(request)
        peer = peer_host(request.getClientAddress())
        host = address_key(peer)  # limited per address, an IPv6 one by its /64
        bucket = self.failures.get(host) if host is not None else None
        if bucket is not None and not bucket.ready():
            request.setHeader(b"retry-after", b"%d" % bucket.retry_after())
            return self.error(request, 429, "too_many_attempts", lang)
        given = request.getHeader(b"authorization")
        if given is None or not given.lower().startswith(b"bearer "):
            request.setHeader(b"www-authenticate", b'Bearer realm="fwbot admin"')
            return self.error(request, 401, "unauthorized", lang)
        if not hmac.compare_digest(given[7:].strip(), self._token):
            if bucket is not None:
                bucket.take()
            locked = bucket is not None and not bucket.ready()
            log.warn("wrong admin token from {host}{locked}", host=peer or "a local socket",
                     locked=(f": its admin requests are refused for {bucket.retry_after()} s"
                             if locked and bucket is not None else ""))
            return self.error(request, 403, "forbidden", lang)
        return super().render(request)


class AdminReload(AdminOnly):
    """``POST /admin/reload``: what ``kill -HUP`` does, over HTTP.

    The answer waits for the reload (which loads in a thread, the other
    connections go on meanwhile), so 200 means the new knowledge base is
    the one answering and 422 that it was refused and the old one still is.
    """

    def render_POST(self, request: Request) -> int:
        lang = request_lang(request)
        result = self.bot.reload().addCallback(
            lambda reloaded: self.json(request, {"status": "reloaded"}) if reloaded
            else self.error(request, 422, "reload_failed", lang))
        deliver(request, result)
        return NOT_DONE_YET


class AdminReport(AdminOnly):
    """``GET /admin/report``: the unanswered questions and ratings (``fwbot.report``)."""

    def render_GET(self, request: Request) -> bytes | int:
        if self.bot.feedback is None:
            return self.error(request, 503, "storage_unavailable", request_lang(request))
        top = 20
        raw_top = request.args.get(b"top", [b"20"])[0]
        if raw_top.isdigit():
            top = max(1, min(int(raw_top), 1000))
        report = self.bot.feedback.report(top).addCallbacks(
            lambda value: self.json(request, value),
            lambda failure: self._unavailable(request, failure))
        deliver(request, report)
        return NOT_DONE_YET

    def _unavailable(self, request: Request, failure: Failure) -> bytes:
        """The report could not be read: log why, answer 503 ``storage_unavailable``."""
        log.failure("could not read the report", failure=failure)
        return self.error(request, 503, "storage_unavailable", request_lang(request))


class Frameworks(JsonResource):
    """``GET /api/frameworks``: every framework the knowledge base knows."""

    def getChild(self, path: bytes, request: Request) -> Resource:
        if path == b"":
            return self
        return Framework(self.bot, path.decode("utf-8", "replace"))

    def render_GET(self, request: Request) -> bytes:
        lang = request_lang(request)
        return self.json(request, {"frameworks": self.bot.engine.framework_list(lang),
                                   "lang": lang})


class Framework(JsonResource):
    """``GET /api/frameworks/{id}``: one framework's card, or a JSON 404."""

    isLeaf = True

    def __init__(self, bot: Bot, framework_id: str) -> None:
        super().__init__(bot)
        self.framework_id = framework_id

    def render_GET(self, request: Request) -> bytes:
        lang = request_lang(request)
        card = self.bot.engine.framework_card(self.framework_id, lang)
        if card is None:
            return self.error(request, 404, "unknown_framework", lang, id=self.framework_id)
        return self.json(request, card)


class Health(JsonResource):
    """``GET /healthz``: the process is up and its engine answers."""

    isLeaf = True

    def render_GET(self, request: Request) -> bytes:
        return self.json(request, {"status": "ok", "version": __version__})


class MetricsPage(JsonResource):
    """``GET /metrics``: Prometheus text exposition of this service's counters."""

    isLeaf = True

    def render_GET(self, request: Request) -> bytes:
        request.setHeader(b"content-type", CONTENT_TYPE_LATEST.encode("ascii"))
        return self.bot.metrics.exposition()


@cache
def openapi_json() -> bytes:
    """``protocols/openapi.yaml`` as JSON, read once per process."""
    document = yaml.safe_load((protocols_dir() / "openapi.yaml").read_text("utf-8"))
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


class OpenApi(JsonResource):
    """``GET /openapi.json``: the HTTP contract, from ``protocols/openapi.yaml``."""

    isLeaf = True

    def render_GET(self, request: Request) -> bytes:
        request.setHeader(b"content-type", JSON)
        return openapi_json()

