"""``twistd fwbot``: options and the service tree (the plugin points here).

The composition root, and only that: ``Options`` parses and checks the
options as options; ``makeService`` (with the reactor, twistd's by default)
builds one ``MultiService``: a listening service per door from Twisted
endpoint strings (``tcp:``, ``unix:``, ``ssl:`` for TLS; ``none`` turns a
door off), the shared ``Bot`` holding the engine, and the SIGHUP reload (of
the knowledge base and of the ``ssl:`` doors' certificates, see
``fwbot.tls``). It loads the knowledge base before anything listens: a broken
one -- or an unusable endpoint, database or admin token file -- stops
``twistd`` with its problems as one error on stderr, status 1.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from twisted.application.internet import StreamServerEndpointService
from twisted.internet.interfaces import IReactorCore, IStreamServerEndpoint
from twisted.logger import Logger
from twisted.python import usage

from fwbot import logsafe
from fwbot.doors import http, line
from fwbot.doors.drain import Drain
from fwbot.doors.gate import ConnectionGate, GatedFactory
from fwbot.doors.web import build_site
from fwbot.feedback import FeedbackLast, FeedbackStore, check_db, default_db_path
from fwbot.service import (
    Bot,
    EngineLike,
    Limits,
    ReloadOnHangup,
    SettleMemory,
    data_loader,
    limit_fields,
    shown_default,
)
from fwbot.tls import ReloadableCertificate, listening_endpoint

log = Logger(namespace="fwbot")


def limit_options() -> list[list[Any]]:
    """``optParameters`` rows of every declared limit (``fwbot.service.Limits``)."""
    return [[declared.metadata["option"], None, shown_default(declared),
             declared.metadata["help"], declared.metadata["parse"]]
            for declared in limit_fields()]


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
        ["db", None, None,
         "SQLite file for ratings and unanswered questions (default: $XDG_STATE_HOME/fwbot/"
         "fwbot.sqlite3 if XDG_STATE_HOME is set, else ./fwbot.sqlite3); 'none' stores nothing."],
        ["admin-token", None, None,
         "Bearer token for POST /admin/reload and GET /admin/report; without one /admin "
         "does not exist. Every local user can read it in ps and /proc/PID/cmdline: prefer "
         "--admin-token-file or the FWBOT_ADMIN_TOKEN environment variable."],
        ["admin-token-file", None, None,
         "Read the admin token from this file (its first line), instead of --admin-token."],
        ["log-json", None, None,
         "Also write the log as JSON lines to this file ('-' for stdout)."],
        *limit_options(),
    ]

    optFlags: ClassVar[list[list[Any]]] = [
        ["debug-log-text", None,
         "Log the text of every message (off by default: logs never hold what users wrote)."],
    ]

    compData = usage.Completions(optActions={"data": usage.CompleteDirs()})

    def postOptions(self) -> None:
        """Check the options as options: nothing is read, loaded, built or listened on.

        What needs a file, the knowledge base or the reactor -- the
        endpoints (an ``ssl:`` one reads its certificate), the admin token
        file, the database, the knowledge base -- is ``makeService``'s, which
        refuses to start with one line if any of them is unusable.
        """
        for door in ("telnet", "http"):
            if self[door].strip().lower() == "none":
                self[door] = None
        if self["telnet"] is None and self["http"] is None:
            raise usage.UsageError("both doors are turned off (--telnet=none --http=none)")
        if self["data"] is not None:
            data = Path(self["data"])
            if not data.is_dir():
                raise usage.UsageError(f"--data={data}: not a directory")
            self["data"] = data.resolve()
        if self["admin-token"] is not None and self["admin-token-file"] is not None:
            raise usage.UsageError("give --admin-token or --admin-token-file, not both")
        if self["db"] is None:
            self["db"] = default_db_path()
        elif self["db"].strip().lower() == "none":
            self["db"] = None
        else:
            self["db"] = Path(self["db"])

    def limits(self) -> Limits:
        """The parsed limit options as the one frozen ``Limits`` every door reads.

        Doors get this value, never the options, so a unit test builds a
        door with any limits without going through the command line. Each
        field comes from the option its declaration names.
        """
        values = {}
        for declared in limit_fields():
            value = self[declared.metadata["option"]]
            if isinstance(value, str) and not isinstance(declared.default, str):
                value = declared.metadata["parse"](value)  # a default, as --help shows it
            values[declared.name] = value
        return Limits(**values)


class CannotStart(Exception):
    """Why the server must not start: one line (or a knowledge base's problems) for stderr."""


def refuse_to_start(why: str) -> NoReturn:
    """Stop ``twistd`` before anything listens: ``why`` on stderr, exit status 1.

    A ``UsageError`` would bury the reason under the whole option list
    although the options were fine, and an exception would print a
    traceback or two for what is one line of news.
    """
    print(f"fwbot: refusing to start, {why}", file=sys.stderr)
    raise SystemExit(1)


def admin_token(options: Options) -> str | None:
    """The admin token: ``--admin-token``, ``--admin-token-file`` or ``FWBOT_ADMIN_TOKEN``.

    The plain option is visible to every local user (``ps``, ``/proc/PID/
    cmdline``); the file and the environment are readable only by the
    server's user (and root). A file that cannot be read, or holds no
    token, is ``CannotStart``.
    """
    if options["admin-token"] is not None:
        return str(options["admin-token"]) or None
    where = options["admin-token-file"]
    if where is None:
        return os.environ.get("FWBOT_ADMIN_TOKEN") or None
    try:
        with open(where, encoding="utf-8") as source:
            token = source.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CannotStart(f"--admin-token-file={where}: {getattr(exc, 'strerror', exc)}") from exc
    if not token:
        raise CannotStart(f"--admin-token-file={where}: the file holds no token")
    return token


def load_engine(data: Path | None) -> EngineLike:
    """Load the knowledge base now: a broken one is ``CannotStart`` with its problems."""
    from fwbot.knowledge import KnowledgeError

    try:
        return data_loader(data)()
    except KnowledgeError as exc:
        raise CannotStart(f"{data or 'the built-in knowledge base'} is broken:\n{exc}") from exc


def open_feedback(db: Path | None, limits: Limits) -> FeedbackStore | None:
    """The feedback store on ``--db`` (None: ``--db=none``); an unusable file is ``CannotStart``."""
    if db is None:
        return None
    problem = check_db(db)
    if problem is not None:
        raise CannotStart(f"--db={db}: {problem}")
    try:
        return FeedbackStore(db, max_ratings=limits.db_max_ratings,
                             max_unanswered=limits.db_max_unanswered,
                             comment_chars=limits.rating_comment_chars)
    except (sqlite3.Error, OSError) as exc:  # it passed the check, then changed
        raise CannotStart(f"--db={db}: {exc}") from exc


Endpoint = tuple[IStreamServerEndpoint, ReloadableCertificate | None]


def door_endpoint(reactor: IReactorCore, option: str, description: str, door: str) -> Endpoint:
    """The listening endpoint of ``--option=description`` on ``reactor``, or ``CannotStart``."""
    try:
        return listening_endpoint(reactor, description, door)
    except (ValueError, KeyError, TypeError) as exc:
        raise CannotStart(f"--{option}={description}: not a Twisted endpoint ({exc})") from exc
    except Exception as exc:  # ssl: a missing file, garbage, a key of another cert
        raise CannotStart(f"--{option}={description}: cannot use its certificate or key "
                          f"({type(exc).__name__}: {exc})") from exc


class FwbotService(FeedbackLast):
    """The service tree ``twistd`` runs, holding the ``Bot`` its doors share.

    ``bot`` lets a test (or a tool embedding fwbot) reach the engine holder,
    its metrics and its feedback store without rebuilding them.
    """

    def __init__(self, bot: Bot) -> None:
        super().__init__()
        self.bot = bot


def makeService(options: Options, reactor: Any = None) -> FwbotService:
    """The fwbot service tree on ``reactor`` (twistd's, by default); refuses to start,
    with one line on stderr and status 1, when ``build`` cannot."""
    if reactor is None:
        from twisted.internet import reactor
    try:
        return build(options, reactor)
    except CannotStart as why:
        refuse_to_start(str(why))


def build(options: Options, reactor: Any) -> FwbotService:
    """Compose the service tree: the doors that are on, the reload signal, the drain.

    What can refuse the start goes first, the cheapest first -- the token,
    the endpoints, the database -- and the knowledge base (half a second)
    last, so nothing listens and nothing is logged before all is known good.
    """
    token = admin_token(options)
    endpoints = {name: door_endpoint(reactor, name, options[name], door)
                 for name, door in DOORS if options[name] is not None}
    limits = options.limits()
    feedback = open_feedback(options["db"], limits)
    engine = load_engine(options["data"])
    logsafe.install()  # before twistd starts its log observers
    if options["log-json"]:
        start_json_log(options["log-json"])
    if token and options["admin-token"] is not None:
        log.warn("--admin-token is readable by every local user (ps, /proc/PID/cmdline): "
                 "prefer --admin-token-file or the FWBOT_ADMIN_TOKEN environment variable")
    bot = Bot(engine, load=data_loader(options["data"]), limits=limits, feedback=feedback,
              log_text=options["debug-log-text"], clock=reactor)
    # Stopping stops the doors and the drain first, the feedback store once they are
    # done: its last write holds every unanswered question asked during the grace.
    top = FwbotService(bot)
    if feedback is not None:
        feedback.on_dropped = bot.metrics.unanswered_dropped.inc
        feedback.setServiceParent(top)
    hangup = ReloadOnHangup(bot, reactor)
    hangup.setServiceParent(top)
    gate = ConnectionGate(limits.max_per_ip, limits.max_connections)
    Drain(gate, reactor, limits.shutdown_grace_seconds).setServiceParent(top)
    factories = {"telnet": (line.LineDoorFactory(bot, reactor), line.refusal(bot)),
                 "http": (build_site(bot, reactor, admin_token=token), http.refusal(bot))}
    for name, door in DOORS:
        if name in endpoints:
            listen(top, hangup, gate, reactor, name, door, endpoints[name], *factories[name])
    SettleMemory().setServiceParent(top)  # last: starts after the doors are listening
    return top


# The doors: option name, door name (metrics, logs, certificates).
DOORS = (("telnet", "line"), ("http", "http"))


def listen(top: FwbotService, hangup: ReloadOnHangup, gate: ConnectionGate, reactor: Any,
           name: str, door: str, endpoint: Endpoint, factory: Any, refuse: Any) -> None:
    """One door's listening service, behind the connection gate."""
    bot = top.bot

    def count(why: str) -> None:
        bot.metrics.refused.labels(door, why).inc()

    listening, certificate = endpoint
    if certificate is not None:  # an ssl: door: HUP reloads its certificate too
        hangup.also.append(certificate.reload)
    service = StreamServerEndpointService(
        listening, GatedFactory(factory, gate, door, refuse, reactor, count))
    service.setName(name)
    service.setServiceParent(top)


def start_json_log(target: str) -> None:
    """Add a JSON-lines observer (``twisted.logger.jsonFileLogObserver``) to the log."""
    from twisted.logger import globalLogPublisher, jsonFileLogObserver

    stream = sys.stdout if target == "-" else open(target, "a", encoding="utf-8")  # noqa: SIM115
    # No RFC 7464 record separator: one plain JSON object per line.
    globalLogPublisher.addObserver(jsonFileLogObserver(stream, recordSeparator=""))
