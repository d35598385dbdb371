"""The service tree ``twistd fwbot`` runs, composed from checked options.

``fwbot.tap.makeService`` imports this module only once it knows whether a
door speaks TLS (``fwbot.tap.without_tls``): everything here pulls in the
doors, Twisted's TCP transport and Autobahn, and with a TLS door pyOpenSSL.
``build`` puts together, on the reactor it is given, a listening service per
door, the shared ``Bot`` holding the engine, the SIGHUP reload (of the
knowledge base and of the ``ssl:`` doors' certificates, see ``fwbot.tls``),
the drain and the feedback store; what cannot be used is ``CannotStart``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twisted.application.internet import StreamServerEndpointService
from twisted.internet.endpoints import serverFromString
from twisted.internet.interfaces import IReactorCore, IStreamServerEndpoint
from twisted.logger import Logger

from fwbot import logsafe
from fwbot.doors import http, line
from fwbot.doors.drain import Drain
from fwbot.doors.gate import ConnectionGate, GatedFactory
from fwbot.doors.web import build_site
from fwbot.feedback import FeedbackLast, FeedbackStore, check_db
from fwbot.service import Bot, EngineLike, Limits, ReloadOnHangup, SettleMemory, data_loader
from fwbot.tap import CannotStart, Options, admin_token, plain_endpoint

if TYPE_CHECKING:
    from fwbot.tls import ReloadableCertificate

log = Logger(namespace="fwbot")


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


Endpoint = tuple[IStreamServerEndpoint, "ReloadableCertificate | None"]


def door_endpoint(reactor: IReactorCore, option: str, description: str, door: str) -> Endpoint:
    """The listening endpoint of ``--option=description`` on ``reactor``, or ``CannotStart``."""
    try:
        if plain_endpoint(description):
            return serverFromString(reactor, description), None
        from fwbot.tls import listening_endpoint  # pyOpenSSL: only for a TLS door

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
