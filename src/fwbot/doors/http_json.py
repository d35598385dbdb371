"""What every HTTP resource of fwbot shares: the JSON error shape, the routing base,
the request's language.

Anything twisted.web would answer with an HTML page (unknown path, wrong
method) is answered as ``{"error": {"code", "message"}}`` instead, so API
clients only ever parse one shape; ``JsonResource`` is the base of every
resource that does so (``http``, ``admin``, ``page``, ``/ws``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from twisted.internet.defer import Deferred
from twisted.logger import Logger
from twisted.web.resource import Resource
from twisted.web.server import Request

from fwbot.reply import LANGS, Lang
from fwbot.service import Bot

log = Logger(namespace="fwbot.http")

DOOR = "http"
JSON = b"application/json"
# On every response: a browser must never guess another type than the one sent.
NOSNIFF = b"x-content-type-options: nosniff\r\n"
# Reason phrases twisted.web does not know (it would say "Unknown Status").
REASONS = {408: b"Request Timeout", 426: b"Upgrade Required", 429: b"Too Many Requests",
           431: b"Request Header Fields Too Large", 507: b"Insufficient Storage"}


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


@lru_cache(maxsize=1024)
def accept_language_lang(header_value: str) -> Lang:
    """``uk`` if this Accept-Language value ranks Ukrainian above English, else ``en``.

    Memoised (a pure function of the value): every HTTP request asks, and
    clients send the same few values again and again.
    """
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
        request.setResponseCode(status, REASONS.get(status))
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


def deliver(request: Request, body: Deferred[bytes]) -> None:
    """Finish ``request`` with the bytes ``body`` fires with, if the client still waits."""

    def write(data: bytes) -> None:
        if not request._disconnected and not request.finished:
            request.setHeader(b"content-length", b"%d" % len(data))
            request.write(data)
            request.finish()

    body.addCallback(write).addErrback(
        lambda failure: log.failure("could not answer a request", failure=failure))
