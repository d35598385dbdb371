"""The running bot: the current engine, its reload, the limits and the counters.

Doors never keep an engine of their own; they ask the one ``Bot`` for
``bot.engine`` on every message. ``kill -HUP`` therefore swaps the knowledge
under every open telnet and WebSocket connection and every HTTP session
without touching them, and a reload that fails leaves ``bot.engine`` as it was.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Protocol

from twisted.application.service import Service
from twisted.internet.defer import Deferred, fail, maybeDeferred
from twisted.internet.interfaces import IReactorTime
from twisted.logger import Logger
from twisted.python.failure import Failure

from fwbot.doors.ratelimit import BucketsByKey
from fwbot.feedback import COMMENT_CHARS, MAX_ROWS, Answered, Refused
from fwbot.language import detect_lang, normalise, tokenise
from fwbot.metrics import Metrics
from fwbot.reply import Lang, Reply, Session

log = Logger(namespace="fwbot")


class FeedbackLike(Protocol):
    """What the doors need from ``fwbot.feedback.FeedbackStore``."""

    def rate(self, door: str, answered: Answered, rating: str,
             comment: str | None = None) -> Deferred[int]: ...
    def unanswered(self, door: str, lang: str, question: str) -> Deferred[int | None]: ...
    def report(self, top: int = 20) -> Deferred[dict[str, Any]]: ...


class EngineLike(Protocol):
    """What the doors need from ``fwbot.engine.Engine`` (its answer's fields: ``protocols/``)."""

    def reply(self, session: Session, text: str) -> Reply: ...
    def text(self, key: str, lang: str, **kw: Any) -> str: ...
    def greeting(self) -> str: ...
    def framework_list(self, lang: str) -> list[dict[str, Any]]: ...
    def framework_card(self, framework_id: str, lang: str) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Limits:
    """Every bound a door enforces, set from ``twistd fwbot`` options.

    Defaults are generous for people and tight enough that one client cannot
    make the server buffer much: a chat question is well under 2 KiB.
    """

    line_bytes: int = 4096
    line_idle_seconds: float = 600.0
    ws_message_bytes: int = 16 * 1024
    http_body_bytes: int = 64 * 1024
    http_timeout_seconds: float = 60.0
    session_idle_seconds: float = 1800.0
    max_sessions: int = 10_000
    # Messages a second per connection (line, WebSocket) or per session (HTTP),
    # and how many may come at once before "slow down".
    rate: float = 2.0
    burst: int = 20
    # Open connections from one address, and in all, over every door.
    max_per_ip: int = 32
    max_connections: int = 1000
    # Line door: stop reading a client whose unsent output passes the first
    # bound; drop it when the output passes the second.
    line_output_pause_bytes: int = 64 * 1024
    line_output_max_bytes: int = 1024 * 1024
    # Line door, telnet: seconds a silent client waits before it is offered
    # BINARY with its first prompt (0: never offer), and the telnet commands
    # one connection may send at once (refilled by one a second).
    line_telnet_offer_seconds: float = 0.2
    line_telnet_budget: int = 1000
    # WebSocket keep-alive and the origins allowed to open a socket.
    ws_ping_interval: float = 30.0
    ws_ping_timeout: float = 10.0
    ws_origins: tuple[str, ...] = ("*",)
    # SIGTERM: how long goodbyes and in-flight requests may take.
    shutdown_grace_seconds: float = 10.0
    # The one message limit every door answers in the user's language (and the
    # page's box holds). The byte limits above are framing guards sized so that
    # a message within it passes them whatever its script (UTF-8: at most 4
    # bytes a character; JSON escapes: at most 12). Last, so positional use holds.
    message_chars: int = 1000
    # Ratings a second from one address over every door, and how many at once:
    # a classroom behind one NAT address rating every answer stays well below.
    rating_rate: float = 10.0
    rating_burst: int = 100
    rating_comment_chars: int = COMMENT_CHARS
    # Rows each feedback table may hold before new ones are refused.
    db_max_ratings: int = MAX_ROWS
    db_max_unanswered: int = MAX_ROWS
    # Wrong admin tokens from one address: this many at once, then one per
    # 1/rate seconds; past that every admin request from it gets 429.
    admin_fail_rate: float = 0.1
    admin_fail_burst: int = 10


def blank(text: str) -> bool:
    """True if ``text`` has nothing but whitespace -- Python's or JSON Schema's.

    The contracts say ``"pattern": "[^\\s\\x1c-\\x1f\\x85]"``: Python strips
    \\x1c-\\x1f and \\x85, ECMA-262 regexes also count U+FEFF as space.
    """
    return not text.replace("\ufeff", "").strip()


# How much of an over-long message is read to tell its language: enough words,
# and a bounded cost on the reactor thread however long the message is.
LANG_SAMPLE_CHARS = 500


def text_lang(session: Session, text: str) -> Lang:
    """The language to refuse ``text`` in: the one the user fixed, else the text's own."""
    if session.lang:
        return session.lang
    sample = text.strip()[:LANG_SAMPLE_CHARS]
    return detect_lang(tokenise(normalise(sample))) or session.last_lang  # type: ignore[return-value]


def user_lang(session: Session) -> Lang:
    """The language to speak to this user in when the engine is not asked."""
    return session.lang or session.last_lang


# Runs a loader away from the reactor thread: ``deferToThread`` or a test's stand-in.
InThread = Callable[[Callable[[], EngineLike]], Deferred[EngineLike]]


def _describe_reload_error(exc: BaseException) -> str | None:
    """The ``file:line: problem`` text if ``exc`` is a knowledge-base error."""
    try:
        from fwbot.knowledge import KnowledgeError
    except ImportError:  # pragma: no cover - the engine package is always shipped
        return None
    return str(exc) if isinstance(exc, KnowledgeError) else None


class Bot:
    """Holds the engine that answers right now and swaps it on reload.

    ``load`` builds a fresh engine from the knowledge base (it is
    ``Engine.load`` bound to ``--data`` in production, a fake in door tests).
    ``in_thread`` runs it away from the reactor (``deferToThread`` unless a
    test injects its own): parsing the YAML and building the indexes takes
    over 100 ms, and on the reactor thread that would freeze every open
    connection for as long.
    """

    def __init__(self, engine: EngineLike, load: Callable[[], EngineLike] | None = None,
                 metrics: Metrics | None = None, limits: Limits | None = None,
                 feedback: FeedbackLike | None = None, log_text: bool = False,
                 in_thread: InThread | None = None, clock: IReactorTime | None = None) -> None:
        if clock is None:
            from twisted.internet import reactor as clock
        self.engine = engine
        self._load = load
        self._in_thread = in_thread
        self.metrics = metrics or Metrics()
        self.limits = limits or Limits()
        self.feedback = feedback
        # Ratings per client address, over every door and connection.
        self.rating_buckets = BucketsByKey(clock, self.limits.rating_rate,  # type: ignore[arg-type]
                                           self.limits.rating_burst, self.limits.max_sessions)
        self.log_text = log_text  # --debug-log-text: message texts may appear in the log
        self._loading = False  # a load runs in its thread now
        self._queued: list[Deferred[bool]] = []  # reloads asked for while it runs

    def reload(self) -> Deferred[bool]:
        """Load the knowledge base again in a thread; fires True once swapped in.

        It fires False, with the reason logged, if the new knowledge base is
        refused: a broken file must never take a serving bot down, so the
        current engine keeps answering -- during the load, and after a failed
        one. Reloads asked for while one runs are merged into one more load
        after it: the running one may have read the files before the edit
        that prompted them, and two loads never run at once.
        """
        done: Deferred[bool] = Deferred()
        if self._load is None:
            log.warn("reload requested but this bot has no loader")
            done.callback(False)
        elif self._loading:
            self._queued.append(done)
        else:
            self._start_loading([done])
        return done

    def _start_loading(self, waiting: list[Deferred[bool]]) -> None:
        """Build the new engine in a thread; ``_loaded`` swaps it in on the reactor.

        The new engine is touched by no other thread until the swap; what the
        load shares with the serving engine is the language module's
        ``lru_cache``s, which are thread-safe.
        """
        assert self._load is not None
        self._loading = True
        in_thread = self._in_thread
        if in_thread is None:
            from twisted.internet.threads import deferToThread

            in_thread = deferToThread
        loading = maybeDeferred(in_thread, self._load)
        loading.addBoth(self._loaded, waiting)

    def _loaded(self, result: EngineLike | Failure, waiting: list[Deferred[bool]]) -> None:
        """Back on the reactor thread: swap the engine in, or keep the old one."""
        try:
            ok = self._swap(result)
        except Exception:  # a bug here must not leave every later reload waiting
            log.failure("could not swap in the reloaded knowledge base")
            ok = False
        self._loading = False
        queued, self._queued = self._queued, []
        if queued:  # started before anyone hears of this one, so no load overlaps it
            self._start_loading(queued)
        for done in waiting:
            done.callback(ok)

    def _swap(self, result: EngineLike | Failure) -> bool:
        if isinstance(result, Failure):
            self.metrics.reloads.labels("failed").inc()
            problems = _describe_reload_error(result.value)
            if problems is not None:
                log.error("reload refused, still serving the previous knowledge base:\n"
                          "{problems}", problems=problems)
            else:
                log.failure("reload failed, still serving the previous knowledge base",
                            failure=result)
            return False
        self.engine = result
        if gc.get_freeze_count():
            # The server froze the old engine at start-up: unfreeze so the collector
            # can free it. Not frozen again here: that would also freeze the
            # garbage of every connection open now, kept until the next reload.
            gc.unfreeze()
        self.metrics.reloads.labels("ok").inc()
        log.info("knowledge base reloaded")
        return True

    def ask(self, door: str, session: Session, text: str) -> Reply:
        """Pass one message to the engine and count the answer.

        An engine bug must cost one answer, not the connection: the exception
        is logged and the user gets an apology in their language.
        """
        self.metrics.received(door)
        limit = self.limits.message_chars
        if len(text) > limit and len(text.strip()) > limit:
            # Checked before the engine: analysing it would cost reactor time every
            # user shares, and the answer comes from messages.yaml in its language.
            lang = text_lang(session, text)
            self.metrics.error(door, "message_too_long")
            session.last_lang = lang
            return Reply(self.text("message_too_long", lang, limit=limit), "help", lang)
        try:
            reply = self.engine.reply(session, text)
        except Exception:
            log.failure("engine failed on a {door} message", door=door)
            self.metrics.error(door, "internal_error")
            lang = user_lang(session)
            return Reply(reply=self.text("internal_error", lang), intent="unknown", lang=lang)
        self.metrics.answered(door, reply.intent)
        if self.log_text:
            log.debug("{door} message {text!r} answered as {intent}", door=door, text=text,
                      intent=reply.intent)
        if reply.intent == "unknown" and self.feedback is not None:
            self.feedback.unanswered(door, reply.lang, text).addErrback(
                lambda failure: log.failure("could not record an unanswered question",
                                            failure=failure))
        return reply

    def rate(self, door: str, answered: Answered, rating: str, comment: str | None,
             host: str | None = None) -> Deferred[int]:
        """Store a rating of ``answered``; fires with the row id once it is committed.

        Fails with ``fwbot.feedback.Refused``, whose code the door answers
        with: ``rate_limited`` past ``--rating-rate``/``--rating-burst`` from
        ``host`` (the client's address; None, a UNIX socket, is not
        limited), ``storage_full``, or ``storage_unavailable`` (also for any
        unexpected failure, which is logged here).
        """
        if self.feedback is None:
            return fail(Refused("storage_unavailable"))
        if host is not None:
            bucket = self.rating_buckets.get(host)
            if not bucket.take():
                return fail(Refused("rate_limited", bucket.retry_after()))
        self.metrics.ratings.labels(door, rating).inc()
        stored = maybeDeferred(self.feedback.rate, door, answered, rating, comment)
        return stored.addErrback(self._rating_failed)

    def _rating_failed(self, failure: Failure) -> Failure:
        if not failure.check(Refused):
            log.failure("could not store a rating", failure=failure)
            return Failure(Refused("storage_unavailable"))
        return failure

    def text(self, key: str, lang: str, **kw: Any) -> str:
        """A door text from ``messages.yaml`` in ``lang``."""
        return self.engine.text(key, lang, **kw)


def settle_memory() -> None:
    """Collect garbage once, then keep what is left out of the collector's sight.

    What is loaded by now -- modules, the knowledge base, its indexes, the
    lemmatiser's dictionaries -- lives until the process ends or a reload
    replaces it, yet every full collection walks all of it: about 35 ms of
    the reactor's time, a stall every user shares. ``gc.freeze`` moves it to
    the permanent generation, so full collections only walk what comes and
    goes. Objects still free as usual when nothing refers to them; a reload
    unfreezes, so cycles in the old engine are collected too.
    """
    gc.collect()
    gc.freeze()


class SettleMemory(Service):
    """Runs :func:`settle_memory` when the service tree starts: after everything
    start-up loads, before the first user connects. (Not in ``makeService``,
    which tests call in a process they go on using.)"""

    def startService(self) -> None:
        super().startService()
        settle_memory()


class ReloadOnHangup(Service):
    """Reload the knowledge base on SIGHUP while the service runs, and whatever
    else is in ``also`` (the ``ssl:`` doors' certificates, ``fwbot.tls``).

    The signal handler only schedules the reload with ``callFromThread``: a
    handler may run between any two bytecodes, in the middle of the reactor's
    own work, and ``callFromThread`` is the reactor's signal-safe way in.
    """

    def __init__(self, bot: Bot, reactor: Any = None) -> None:
        self.bot = bot
        self._reactor = reactor
        self._previous: Any = None
        self._installed = False
        # Each reports (and survives) its own failure; run on the reactor thread.
        self.also: list[Callable[[], object]] = []

    def _on_hangup(self, signum: int, frame: FrameType | None) -> None:
        self._reactor.callFromThread(self.reload)

    def reload(self) -> None:
        """What a HUP does: the extras first (quick), then the knowledge base (a thread)."""
        for reload in self.also:
            try:
                reload()
            except Exception:  # a bug in one must not cost the knowledge-base reload
                log.failure("a reload on SIGHUP failed")
        self.bot.reload()

    def startService(self) -> None:
        if self._reactor is None:
            from twisted.internet import reactor

            self._reactor = reactor
        super().startService()
        if hasattr(signal, "SIGHUP"):
            self._previous = signal.signal(signal.SIGHUP, self._on_hangup)
            self._installed = True

    def stopService(self) -> Any:
        if self._installed:
            # None means a handler not set from Python: the default is the best guess.
            signal.signal(signal.SIGHUP, self._previous or signal.SIG_DFL)
            self._installed = False
        return super().stopService()


def data_loader(data_dir: Path | None) -> Callable[[], EngineLike]:
    """A loader that builds the real engine from ``data_dir`` (None: built-in)."""

    def load() -> EngineLike:
        from fwbot.engine import Engine

        return Engine.load(data_dir)

    return load
