"""``twistd fwbot``: options and the service tree (the plugin points here).

``makeService`` builds one ``MultiService``: a listening service per door from
Twisted endpoint strings (``tcp:``, ``unix:``, ``ssl:`` for TLS; ``none`` turns a
door off), the shared ``Bot`` holding the engine, and the SIGHUP reload (of the
knowledge base and of the ``ssl:`` doors' certificates, see ``fwbot.tls``). The
knowledge base is loaded while options are checked, so a broken one stops
``twistd`` before anything listens, with its ``file:line`` problems as the error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, ClassVar

from twisted.application.internet import StreamServerEndpointService
from twisted.application.service import MultiService
from twisted.internet.endpoints import serverFromString
from twisted.python import usage

from fwbot.feedback import default_db_path
from fwbot.service import (
    Bot,
    EngineLike,
    Limits,
    ReloadOnHangup,
    SettleMemory,
    data_loader,
)

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
        "tcp:0:interface=127.0.0.1, unix:..., or TLS: "
        "ssl:8443:privateKey=key.pem:certKey=cert.pem); 'none' turns a door off. "
        "kill -HUP reloads the knowledge base and the ssl: certificates and keys; "
        "a broken one keeps the old one serving. "
        "kill -TERM says goodbye to every user and exits within --shutdown-grace seconds."
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
        ["rate", None, DEFAULTS.rate,
         "Messages a second allowed per line/WebSocket connection and per HTTP session "
         "(token bucket); faster ones get a 'slow down' error.", _positive(float)],
        ["burst", None, DEFAULTS.burst,
         "Messages allowed at once before --rate applies.", _positive(int)],
        ["max-per-ip", None, DEFAULTS.max_per_ip,
         "Most open connections from one IP address, over all doors; more are refused.",
         _positive(int)],
        ["max-connections", None, DEFAULTS.max_connections,
         "Most open connections in all, over all doors; more are refused.", _positive(int)],
        ["line-output-pause", None, DEFAULTS.line_output_pause_bytes,
         "Stop reading from a line client once this many bytes of output wait unsent.",
         _positive(int)],
        ["line-output-max", None, DEFAULTS.line_output_max_bytes,
         "Drop a line client once this many bytes of output wait unsent.", _positive(int)],
        ["ws-origins", None, ",".join(DEFAULTS.ws_origins),
         "Comma-separated Origin patterns allowed to open /ws ('*' is any, e.g. "
         "'https://fwbot.example,http://localhost:*'); others are refused (400)."],
        ["ws-ping-interval", None, DEFAULTS.ws_ping_interval,
         "Ping an idle WebSocket every this many seconds.", _seconds],
        ["ws-ping-timeout", None, DEFAULTS.ws_ping_timeout,
         "Drop a WebSocket whose pong is this many seconds late.", _seconds],
        ["shutdown-grace", None, DEFAULTS.shutdown_grace_seconds,
         "On SIGTERM, wait at most this many seconds for goodbyes and in-flight requests.",
         _seconds],
        ["db", None, None,
         "SQLite file for ratings and unanswered questions (default: $XDG_STATE_HOME/fwbot/"
         "fwbot.sqlite3 if XDG_STATE_HOME is set, else ./fwbot.sqlite3); 'none' stores nothing."],
        ["admin-token", None, None,
         "Bearer token for POST /admin/reload and GET /admin/report (default: the "
         "FWBOT_ADMIN_TOKEN environment variable); without one /admin does not exist."],
        ["log-json", None, None,
         "Also write the log as JSON lines to this file ('-' for stdout)."],
    ]

    optFlags: ClassVar[list[list[Any]]] = [
        ["debug-log-text", None,
         "Log the text of every message (off by default: logs never hold what users wrote)."],
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
            except Exception as exc:  # ssl: a missing file, garbage, a key of another cert
                raise usage.UsageError(f"--{door}={description}: cannot use its certificate "
                                       f"or key ({type(exc).__name__}: {exc})") from exc
        if self["telnet"] is None and self["http"] is None:
            raise usage.UsageError("both doors are turned off (--telnet=none --http=none)")
        if self["data"] is not None:
            data = Path(self["data"])
            if not data.is_dir():
                raise usage.UsageError(f"--data={data}: not a directory")
            self["data"] = data.resolve()
        origins = [o.strip() for o in self["ws-origins"].split(",") if o.strip()]
        if not origins:
            raise usage.UsageError("--ws-origins: give at least one origin pattern, or '*'")
        self["ws-origins"] = tuple(origins)
        if self["admin-token"] is None:
            self["admin-token"] = os.environ.get("FWBOT_ADMIN_TOKEN") or None
        if self["db"] is None:
            self["db"] = default_db_path()
        elif self["db"].strip().lower() == "none":
            self["db"] = None
        else:
            self["db"] = Path(self["db"])
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
        """The parsed limit options as the one frozen ``Limits`` every door reads.

        Doors get this value, never the options, so a unit test builds a
        door with any limits without going through the command line.
        """
        return Limits(
            line_bytes=self["line-max-bytes"],
            line_idle_seconds=self["line-idle-timeout"],
            ws_message_bytes=self["ws-max-message"],
            http_body_bytes=self["http-max-body"],
            http_timeout_seconds=self["http-timeout"],
            session_idle_seconds=self["session-idle"],
            max_sessions=self["max-sessions"],
            rate=self["rate"],
            burst=self["burst"],
            max_per_ip=self["max-per-ip"],
            max_connections=self["max-connections"],
            line_output_pause_bytes=self["line-output-pause"],
            line_output_max_bytes=self["line-output-max"],
            ws_origins=tuple(self["ws-origins"]),
            ws_ping_interval=self["ws-ping-interval"],
            ws_ping_timeout=self["ws-ping-timeout"],
            shutdown_grace_seconds=self["shutdown-grace"],
        )


def makeService(options: Options) -> MultiService:
    """The fwbot service tree: the doors that are on, the reload signal, the drain."""
    from twisted.internet import reactor

    from fwbot.doors import http, line
    from fwbot.doors.drain import Drain
    from fwbot.doors.gate import ConnectionGate, GatedFactory
    from fwbot.doors.web import build_site
    from fwbot.feedback import FeedbackLast, FeedbackStore
    from fwbot.tls import listening_endpoint

    if options["log-json"]:
        start_json_log(options["log-json"])
    feedback = None
    if options["db"] is not None:
        try:
            feedback = FeedbackStore(options["db"])
        except Exception as exc:  # sqlite3 and OS errors: a path we cannot use
            raise usage.UsageError(f"--db={options['db']}: {exc}") from exc
    limits = options.limits()
    bot = Bot(options.engine, load=data_loader(options["data"]), limits=limits,
              feedback=feedback, log_text=options["debug-log-text"])
    gate = ConnectionGate(limits.max_per_ip, limits.max_connections)
    # Stopping stops the doors and the drain first, the feedback store once they are
    # done: its last write holds every unanswered question asked during the grace.
    top = FeedbackLast()
    if feedback is not None:
        feedback.on_dropped = bot.metrics.unanswered_dropped.inc
        feedback.setServiceParent(top)
    hangup = ReloadOnHangup(bot, reactor)
    hangup.setServiceParent(top)
    Drain(gate, reactor, limits.shutdown_grace_seconds).setServiceParent(top)

    def listen(name: str, door: str, factory: Any, refuse: Any) -> None:
        def count(why: str) -> None:
            bot.metrics.refused.labels(door, why).inc()

        endpoint, certificate = listening_endpoint(reactor, options[name], door)
        if certificate is not None:  # an ssl: door: HUP reloads its certificate too
            hangup.also.append(certificate.reload)
        service = StreamServerEndpointService(
            endpoint, GatedFactory(factory, gate, door, refuse, reactor, count))
        service.setName(name)
        service.setServiceParent(top)

    if options["telnet"] is not None:
        listen("telnet", "line", line.LineDoorFactory(bot), line.refusal(bot))
    if options["http"] is not None:
        listen("http", "http", build_site(bot, reactor, admin_token=options["admin-token"]),
               http.refusal(bot))
    top.bot = bot  # type: ignore[attr-defined]
    SettleMemory().setServiceParent(top)  # last: starts after the doors are listening
    return top


def start_json_log(target: str) -> None:
    """Add a JSON-lines observer (``twisted.logger.jsonFileLogObserver``) to the log."""
    from twisted.logger import globalLogPublisher, jsonFileLogObserver

    stream = sys.stdout if target == "-" else open(target, "a", encoding="utf-8")  # noqa: SIM115
    # No RFC 7464 record separator: one plain JSON object per line.
    globalLogPublisher.addObserver(jsonFileLogObserver(stream, recordSeparator=""))
