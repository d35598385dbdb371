"""The twisted.web tree of the HTTP port: JSON API, WebSocket at ``/ws``, the page.

One ``Site`` serves both HTTP doors, so the browser page, its WebSocket and
the JSON API share one port, one origin and one session store.
"""

from __future__ import annotations

from autobahn.twisted.resource import WebSocketResource
from twisted.internet.interfaces import IReactorTime
from twisted.web.http import Request as HTTPRequest
from twisted.web.server import Request, Site

from fwbot.doors import admin, http, http_channel, http_json, page
from fwbot.doors.ratelimit import BucketsByKey
from fwbot.doors.sessions import SessionStore
from fwbot.doors.websocket import ChatSocketFactory
from fwbot.service import Bot


class SocketDoor(http_json.JsonResource):
    """``/ws``: hand WebSocket upgrades to Autobahn, answer anything else in JSON.

    ``WebSocketResource`` alone would serve Autobahn's HTML status page to a
    plain GET and swallow paths below ``/ws``.
    """

    isLeaf = True

    def __init__(self, bot: Bot, sockets: WebSocketResource) -> None:
        super().__init__(bot)
        self.sockets = sockets

    def render_GET(self, request: Request) -> bytes | int:
        upgrade = "websocket" in http_json.header(request, b"upgrade").lower()
        if request.method != b"GET" or not upgrade:
            request.setHeader(b"upgrade", b"websocket")
            return self.error(request, 426, "upgrade_required", http_json.request_lang(request))
        # NOT_DONE_YET once Autobahn has taken the connection over (untyped there).
        answer: bytes | int = self.sockets.render(request)
        return answer


class FwbotSite(Site):
    """A Site that counts responses by status and keeps requests' bodies bounded.

    Its ``timeout`` also bounds slow headers and bodies and the HTTP part of
    a WebSocket opening handshake.
    """

    # Twisted types ``protocol`` as its HTTP/2-switching wrapper; this Site serves
    # HTTP/1.1 only (``acceptableProtocols``), so the plain channel is the protocol.
    protocol = http_channel.FwbotChannel  # type: ignore[assignment]  # any HTTPChannel serves; stub wants its h2 wrapper

    def __init__(self, root: http_json.JsonResource, bot: Bot) -> None:
        bounded = http_channel.bounded_request(bot.limits.http_body_bytes)
        super().__init__(root, requestFactory=bounded,
                         timeout=bot.limits.http_timeout_seconds or None)  # 0: off
        self.bot = bot

    def acceptableProtocols(self) -> list[bytes]:
        """ALPN over ``ssl:``: HTTP/1.1 only.

        ``Site`` would also offer h2 whenever the ``h2`` package is importable,
        and a browser would then speak HTTP/2 to ``FwbotChannel``, which is
        an HTTP/1.1 channel (and the WebSocket upgrade is HTTP/1.1 only).
        """
        return [b"http/1.1"]

    def log(self, request: HTTPRequest) -> None:
        """Count the response; the access log itself stays off (no message text in logs)."""
        self.bot.metrics.responded(request.code)


def build_site(bot: Bot, clock: IReactorTime, admin_token: str | None = None) -> FwbotSite:
    """The whole HTTP port: routes of ``protocols/openapi.yaml`` plus ``/ws``.

    ``/admin/*`` exists only when an admin token is configured.
    """
    sessions = SessionStore(clock, bot.limits.session_idle_seconds, bot.limits.max_sessions)
    buckets = BucketsByKey(clock, bot.limits.rate, bot.limits.burst, bot.limits.max_sessions)
    root = http_json.JsonResource(bot)
    page.mount(root, bot, last_modified=clock.seconds())  # "/" and "/static/"
    root.putChild(b"healthz", http.Health(bot))
    root.putChild(b"metrics", http.MetricsPage(bot))
    root.putChild(b"openapi.json", http.OpenApi(bot))
    api = http_json.JsonResource(bot)
    api.putChild(b"ask", http.Ask(bot, sessions, buckets))
    api.putChild(b"feedback", http.Feedback(bot, sessions, buckets))
    api.putChild(b"frameworks", http.Frameworks(bot))
    root.putChild(b"api", api)
    if admin_token:
        admins = http_json.JsonResource(bot)
        failures = BucketsByKey(clock, bot.limits.admin_fail_rate, bot.limits.admin_fail_burst,
                                bot.limits.max_sessions)
        admins.putChild(b"reload", admin.AdminReload(bot, admin_token, failures))
        admins.putChild(b"report", admin.AdminReport(bot, admin_token, failures))
        root.putChild(b"admin", admins)
    sockets = ChatSocketFactory(bot, sessions, clock)
    root.putChild(b"ws", SocketDoor(bot, WebSocketResource(sockets)))
    return FwbotSite(root, bot)
