"""The HTTP door's public JSON API (contract: ``protocols/openapi.yaml``, served at
``/openapi.json``).

``POST /api/ask``, ``POST /api/feedback``, ``GET /api/frameworks[/{id}]``,
``GET /healthz``, ``GET /metrics`` and ``GET /openapi.json``. Resources stay
thin: they decode the JSON body, hand its fields to the request's turn of
the conversation (``fwbot.conversation``), and encode what comes back. The
connection itself is ``http_channel``, the admin endpoints ``admin``, the
tree of them all ``web``.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import yaml
from twisted.python.failure import Failure
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Request

from fwbot import __version__
from fwbot.conversation import Conversation, Refusal, SlowDown
from fwbot.doors.gate import peer_host
from fwbot.doors.http_channel import refusal
from fwbot.doors.http_json import (
    DOOR,
    JSON,
    REASONS,
    JsonResource,
    deliver,
    error_body,
    header,
    request_lang,
)
from fwbot.doors.ratelimit import BucketsByKey, address_key
from fwbot.doors.sessions import SessionStore
from fwbot.feedback import Refused
from fwbot.metrics import CONTENT_TYPE_LATEST
from fwbot.paths import protocols_dir
from fwbot.reply import Lang, Reply
from fwbot.service import Bot

# ``refusal`` is the door's answer over the connection limits, for ``tap``.
__all__ = ["Ask", "Feedback", "Framework", "Frameworks", "Health", "JsonResource",
           "MetricsPage", "OpenApi", "openapi_json", "refusal"]

# The status of each refusal a JSON endpoint answers with (``protocols/openapi.yaml``).
STATUS = {"invalid_field": 400, "empty_text": 400, "nothing_to_rate": 404, "rate_limited": 429,
          "storage_full": 507, "storage_unavailable": 503}


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
        request.setResponseCode(status, REASONS.get(status))
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
