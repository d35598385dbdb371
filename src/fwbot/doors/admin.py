"""The admin endpoints: ``POST /admin/reload`` and ``GET /admin/report``.

They exist only when an admin token is configured (``--admin-token-file``,
``FWBOT_ADMIN_TOKEN`` or ``--admin-token``); ``protocols/openapi.yaml`` is
their contract too.
"""

from __future__ import annotations

import hmac

from twisted.python.failure import Failure
from twisted.web.server import NOT_DONE_YET, Request

from fwbot.doors.gate import peer_host
from fwbot.doors.http_json import JsonResource, deliver, log, request_lang
from fwbot.doors.ratelimit import BucketsByKey, address_key
from fwbot.service import Bot


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
