"""``twistd fwbot``: options and the service tree (the plugin points here).

``makeService`` builds one ``MultiService``: a listening service per door from
Twisted endpoint strings (so ``tcp:``, ``ssl:``, ``unix:`` all work and
``none`` turns a door off), the shared ``Bot`` holding the engine, and the
SIGHUP reload. The knowledge base is loaded while options are checked, so a
broken one stops ``twistd`` before anything listens, with its ``file:line``
problems as the error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, ClassVar

from twisted.application.internet import StreamServerEndpointService
from twisted.application.service import MultiService
from twisted.internet.endpoints import serverFromString
from twisted.python import usage

from fwbot.service import Bot, EngineLike, Limits, ReloadOnHangup, data_loader

DEFAULTS = Limits()


def _positive(kind: type) -> Any:
    def coerce(value: str) -> Any:
        number = kind(value)
        if number <= 0:
            raise ValueError(f"must be greater than 0, not {value}")
        return number

    coerce.coerceDoc = "Must be greater than 0."  # type: ignore[attr-defined]
    return coerce


def _seconds(value: str) -> float:
    seconds = float(value)
    if seconds < 0:
        raise ValueError(f"must be 0 or more, not {value}")
    return seconds


_seconds.coerceDoc = "Seconds; 0 turns the timeout off."  # type: ignore[attr-defined]


class Options(usage.Options):
    """Command-line options of ``twistd fwbot``."""

    synopsis = "[options]"
    longdesc = (
        "Serve fwbot, the bilingual Python framework advisor: a telnet/nc line door, "
        "and a JSON HTTP API with a WebSocket at /ws and a page at / on the HTTP port. "
        "Listen options are Twisted endpoint strings (tcp:8023, "
        "tcp:0:interface=127.0.0.1, ssl:..., unix:...); 'none' turns a door off. "
        "kill -HUP reloads the knowledge base; a broken one keeps the old one serving."
    )

    optParameters: ClassVar[list[list[Any]]] = [
        ["telnet", None, "tcp:8023",
         "Endpoint of the telnet/nc line door, or 'none'."],
        ["http", None, "tcp:8080",
         "Endpoint of the HTTP API, WebSocket (/ws) and page (/), or 'none'."],
        ["data", None, None,
         "Knowledge base directory (default: the built-in one)."],
        ["line-max-bytes", None, DEFAULTS.line_bytes,
         "Longest line the line door accepts, in bytes; longer lines get an error.",
         _positive(int)],
        ["line-idle-timeout", None, DEFAULTS.line_idle_seconds,
         "Close a line-door connection after this many idle seconds.", _seconds],
        ["ws-max-message", None, DEFAULTS.ws_message_bytes,
         "Largest WebSocket message/frame in bytes; larger ones close the socket (1009).",
         _positive(int)],
        ["http-max-body", None, DEFAULTS.http_body_bytes,
         "Largest HTTP request body in bytes; larger bodies get 413.", _positive(int)],
        ["http-timeout", None, DEFAULTS.http_timeout_seconds,
         "Drop an HTTP connection idle (or stuck sending a request) this many seconds.",
         _seconds],
        ["session-idle", None, DEFAULTS.session_idle_seconds,
         "Forget an HTTP/WebSocket session unused for this many seconds.", _positive(float)],
        ["max-sessions", None, DEFAULTS.max_sessions,
         "Most HTTP/WebSocket sessions kept; the least recently used goes first.",
         _positive(int)],
    ]

    compData = usage.Completions(optActions={"data": usage.CompleteDirs()})

    engine: EngineLike

    def postOptions(self) -> None:
        from twisted.internet import reactor

        for door in ("telnet", "http"):
            description = self[door]
            if description.strip().lower() == "none":
                self[door] = None
                continue
            try:
                serverFromString(reactor, description)
            except (ValueError, KeyError, TypeError) as exc:
                raise usage.UsageError(
                    f"--{door}={description}: not a Twisted endpoint ({exc})") from exc
        if self["telnet"] is None and self["http"] is None:
            raise usage.UsageError("both doors are turned off (--telnet=none --http=none)")
        if self["data"] is not None:
            data = Path(self["data"])
            if not data.is_dir():
                raise usage.UsageError(f"--data={data}: not a directory")
            self["data"] = data.resolve()
        self.engine = self.load_engine()

    def load_engine(self) -> EngineLike:
        """Load the knowledge base now: refuse to start on a broken one.

        The problems go to stderr alone and twistd exits with status 1; a
        ``UsageError`` would bury the ``file:line`` lines under the whole
        option list, although the options were fine.
        """
        from fwbot.knowledge import KnowledgeError

        try:
            return data_loader(self["data"])()
        except KnowledgeError as exc:
            where = self["data"] or "the built-in knowledge base"
            print(f"fwbot: refusing to start, {where} is broken:\n{exc}", file=sys.stderr)
            raise SystemExit(1) from exc

    def limits(self) -> Limits:
        return Limits(
            line_bytes=self["line-max-bytes"],
            line_idle_seconds=self["line-idle-timeout"],
            ws_message_bytes=self["ws-max-message"],
            http_body_bytes=self["http-max-body"],
            http_timeout_seconds=self["http-timeout"],
            session_idle_seconds=self["session-idle"],
            max_sessions=self["max-sessions"],
        )


def makeService(options: Options) -> MultiService:
    """The fwbot service tree: the doors that are on, and the reload signal."""
    from twisted.internet import reactor

    from fwbot.doors.line import LineDoorFactory
    from fwbot.doors.web import build_site

    bot = Bot(options.engine, load=data_loader(options["data"]), limits=options.limits())
    top = MultiService()
    ReloadOnHangup(bot, reactor).setServiceParent(top)
    if options["telnet"] is not None:
        line = StreamServerEndpointService(
            serverFromString(reactor, options["telnet"]), LineDoorFactory(bot))
        line.setName("telnet")
        line.setServiceParent(top)
    if options["http"] is not None:
        web = StreamServerEndpointService(
            serverFromString(reactor, options["http"]), build_site(bot, reactor))
        web.setName("http")
        web.setServiceParent(top)
    top.bot = bot  # type: ignore[attr-defined]
    return top
