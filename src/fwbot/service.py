"""The running bot: the current engine, its reload, the limits and the counters.

Doors never keep an engine of their own; they ask the one ``Bot`` for
``bot.engine`` on every message. ``kill -HUP`` therefore swaps the knowledge
under every open telnet and WebSocket connection and every HTTP session
without touching them, and a reload that fails leaves ``bot.engine`` as it was.
"""

from __future__ import annotations

import gc
import math
import signal
import time
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from types import FrameType
from typing import Any, Protocol, cast

from twisted.application.service import Service
from twisted.internet.defer import Deferred, fail, maybeDeferred
from twisted.internet.interfaces import IReactorTime
from twisted.logger import Logger
from twisted.python.failure import Failure

from fwbot.doors.ratelimit import BucketsByKey, Throttle, TokenBucket, address_key
from fwbot.feedback import COMMENT_CHARS, MAX_ROWS, Refused
from fwbot.language import detect_lang, normalise, tokenise
from fwbot.metrics import Metrics
from fwbot.reply import Answered, Lang, Reply, Session, user_lang

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


def positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    """A parser of numbers greater than 0, as ``kind`` (int or float)."""

    def parse(value: str) -> Any:
        number = kind(value)
        if number <= 0:
            raise ValueError(f"must be greater than 0, not {value}")
        return number

    parse.coerceDoc = "Must be greater than 0."  # type: ignore[attr-defined]  # --help reads it
    return parse


def seconds(value: str) -> float:
    """A timeout in seconds, 0 or more (0: off)."""
    number = float(value)
    if number < 0:
        raise ValueError(f"must be 0 or more, not {value}")
    return number


seconds.coerceDoc = "Seconds; 0 turns it off."  # type: ignore[attr-defined]  # --help reads it


def message_chars(value: str) -> int:
    """A message limit in characters, within the engine's own bound."""
    from fwbot.engine import MAX_QUESTION_CHARS

    chars = int(value)
    if not 0 < chars <= MAX_QUESTION_CHARS:
        raise ValueError(f"must be from 1 to {MAX_QUESTION_CHARS}, not {value}")
    return chars


message_chars.coerceDoc = "From 1 to the engine's own bound, 4000."  # type: ignore[attr-defined]  # --help reads it


def origins(value: str) -> tuple[str, ...]:
    """Comma-separated Origin patterns, at least one."""
    patterns = tuple(o.strip() for o in value.split(",") if o.strip())
    if not patterns:
        raise ValueError("give at least one origin pattern, or '*'")
    return patterns


def limit(default: Any, option: str, unit: str, parse: Callable[[str], Any],
          help: str) -> Any:
    """Declare one limit: its ``twistd fwbot`` option, unit, parser and help.

    The declaration is the only place a limit is written: ``tap.Options``
    builds its options and ``--help`` from these fields, ``Options.limits``
    fills ``Limits`` from them, and ``limits_table`` renders the README's
    limits table, which a test compares with the README.
    """
    return field(default=default, metadata={"option": option, "unit": unit, "parse": parse,
                                            "help": help})


@dataclass(frozen=True)
class Limits:
    """Every bound a door enforces, set from ``twistd fwbot`` options.

    Defaults are generous for people and tight enough that one client cannot
    make the server buffer much: a chat question is well under 2 KiB. A
    limit per address leaves room for a classroom behind one NAT address.
    The field order is the positional order (tests build ``Limits(...)``
    positionally); new limits go at the end.
    """

    line_bytes: int = limit(
        4096, "line-max-bytes", "bytes", positive(int),
        "Longest line the line door accepts; a longer one gets an error line and the session "
        "goes on (an endless line costs no memory). The default holds --max-message-chars "
        "characters of any script, so a person meets the message limit first.")
    line_idle_seconds: float = limit(
        600.0, "line-idle-timeout", "s", seconds,
        "A line-door connection idle this long gets a goodbye in the user's language and is "
        "closed.")
    ws_message_bytes: int = limit(
        16 * 1024, "ws-max-message", "bytes", positive(int),
        "Largest WebSocket message or frame; a larger one closes the socket (1009).")
    http_body_bytes: int = limit(
        64 * 1024, "http-max-body", "bytes", positive(int),
        "Largest HTTP request body; a larger one gets 413 before it is read.")
    http_timeout_seconds: float = limit(
        60.0, "http-timeout", "s", seconds,
        "An HTTP request must arrive whole in this time (408); an idle keep-alive connection "
        "or a stalled WebSocket handshake is dropped.")
    session_idle_seconds: float = limit(
        1800.0, "session-idle", "s", positive(float),
        "An HTTP/WebSocket session unused this long is forgotten.")
    max_sessions: int = limit(
        10_000, "max-sessions", "", positive(int),
        "Most HTTP/WebSocket sessions kept; past it the least recently used is forgotten.")
    rate: float = limit(
        2.0, "rate", "/s", positive(float),
        "Messages a second per line/WebSocket connection and per HTTP session (token bucket, "
        "inside --address-rate): past it one 'slow down' in the user's language (HTTP: 429 + "
        "Retry-After), and the client is not read until its bucket refills.")
    burst: int = limit(
        20, "burst", "", positive(int),
        "Messages one connection or HTTP session may send at once before --rate applies.")
    max_per_ip: int = limit(
        32, "max-per-ip", "", positive(int),
        "Most open connections from one IP address, over all doors; more get a polite refusal "
        "(a line in both languages, or JSON 503).")
    max_connections: int = limit(
        1000, "max-connections", "", positive(int),
        "Most open connections in all, over all doors; more get the same refusal.")
    line_output_pause_bytes: int = limit(
        64 * 1024, "line-output-pause", "bytes", positive(int),
        "A line client with this much output unsent (it does not read) is no longer read from.")
    line_output_max_bytes: int = limit(
        1024 * 1024, "line-output-max", "bytes", positive(int),
        "A line client with this much output unsent is dropped.")
    line_telnet_offer_seconds: float = limit(
        0.2, "line-telnet-offer", "s", seconds,
        "A line client silent this long after connecting is offered telnet BINARY (IAC DO "
        "BINARY, needed for Ukrainian from a telnet client); one that sends at once (printf | "
        "nc) never sees a telnet byte. 0: never offer.")
    line_telnet_budget: int = limit(
        1000, "line-telnet-budget", "", positive(int),
        "Telnet commands one line connection may send at once (one more each second); past it "
        "the connection is told why and closed.")
    ws_ping_interval: float = limit(
        30.0, "ws-ping-interval", "s", seconds,
        "An idle WebSocket is pinged this often (0: never).")
    ws_ping_timeout: float = limit(
        10.0, "ws-ping-timeout", "s", seconds,
        "A WebSocket whose pong is this late is dropped (0: never).")
    ws_origins: tuple[str, ...] = limit(
        ("*",), "ws-origins", "", origins,
        "Comma-separated Origin patterns allowed to open /ws ('*' is any, e.g. "
        "'https://fwbot.example,http://localhost:*'); others get 403 origin_not_allowed.")
    shutdown_grace_seconds: float = limit(
        10.0, "shutdown-grace", "s", seconds,
        "On SIGTERM every user gets a goodbye in their language, in-flight HTTP requests "
        "finish, and the process exits within this time.")
    # The one message limit every door answers in the user's language (and the
    # page's box holds). The byte limits above are framing guards sized so that
    # a message within it passes them whatever its script (UTF-8: at most 4
    # bytes a character; JSON escapes: at most 12).
    message_chars: int = limit(
        1000, "max-message-chars", "characters", message_chars,
        "Longest message on every door (and the page's box); a longer one gets 'too long' in "
        "the language of the message. At most 4000, the engine's own bound.")
    rating_rate: float = limit(
        10.0, "rating-rate", "/s", positive(float),
        "Ratings a second from one client address over all doors and connections (a classroom "
        "behind one NAT address rating every answer stays well below); more get rate_limited "
        "(HTTP 429 + Retry-After), other addresses are not affected.")
    rating_burst: int = limit(
        100, "rating-burst", "", positive(int),
        "Ratings one address may send at once before --rating-rate applies.")
    rating_comment_chars: int = limit(
        COMMENT_CHARS, "rating-comment-max", "characters", positive(int),
        "Longest rating comment; a longer one refuses the rating (a line on the line door, "
        "invalid_field on WebSocket/HTTP).")
    db_max_ratings: int = limit(
        MAX_ROWS, "db-max-ratings", "rows", positive(int),
        "Most rows the ratings table holds; past it new ratings get storage_full (HTTP 507), "
        "changing a rating still works; one log line when reached, one when rows are deleted.")
    db_max_unanswered: int = limit(
        MAX_ROWS, "db-max-unanswered", "rows", positive(int),
        "Most rows the unanswered-questions table holds; past it new ones are not recorded "
        "(counted in fwbot_unanswered_dropped_total); one log line when reached.")
    admin_fail_rate: float = limit(
        0.1, "admin-fail-rate", "/s", positive(float),
        "Wrong admin tokens a second allowed from one address after --admin-fail-burst; past "
        "it every admin request from that address gets 429 + Retry-After (the right token too).")
    admin_fail_burst: int = limit(
        10, "admin-fail-burst", "", positive(int),
        "Wrong admin tokens one address may send before its admin requests get 429; each "
        "wrong token is logged.")
    # Per client address (an IPv6 one by its /64), over every door and connection:
    # reconnecting gets no fresh burst. Well above one person's pace, so that a
    # classroom of 30 behind one NAT address goes unnoticed.
    address_rate: float = limit(
        20.0, "address-rate", "/s", positive(float),
        "Messages a second from one client address over all doors and connections (token "
        "bucket around each connection's --rate, never below it): past it 'slow down' as for "
        "--rate, and that address's connections are not read until it refills; other "
        "addresses are not affected.")
    address_burst: int = limit(
        200, "address-burst", "", positive(int),
        "Messages one address may send at once before --address-rate applies (never below "
        "--burst).")
    session_rate: float = limit(
        2.0, "session-rate", "/s", positive(float),
        "New HTTP/WebSocket sessions stored a second from one address (a WebSocket's is "
        "stored at its first question): past it that question is skipped with rate_limited (HTTP "
        "429 + Retry-After) and the connection is not read until a session may start; "
        "resuming a session is not limited.")
    session_burst: int = limit(
        100, "session-burst", "", positive(int),
        "New sessions one address may start at once before --session-rate applies.")
    http_pipeline_batch: int = limit(
        8, "http-pipeline-batch", "requests", positive(int),
        "Pipelined HTTP requests answered from one connection in one turn of the event loop; "
        "the rest wait for the next turn, after every other connection has had its turn.")
    message_cost_ms: float = limit(
        5.0, "message-cost-ms", "ms", positive(float),
        "Engine time (CPU time of the reactor thread) one message may take for the price of "
        "one token; a costlier message takes one more token of --rate and --address-rate per "
        "this many ms or part of it, so one address cannot spend more than about "
        "--address-rate times this of the server's time each second.")


def limit_fields() -> list[Field[Any]]:
    """The declared limits, in order (every field of ``Limits``)."""
    return list(fields(Limits))


def shown_default(declared: Field[Any]) -> str:
    """A limit's default as ``--help`` and the README show it."""
    value: Any = declared.default
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def limits_table() -> str:
    """The README's limits table, rendered from the declarations."""
    rows = ["| option | default | what it bounds, and what happens past it |",
            "| --- | --- | --- |"]
    for declared in limit_fields():
        meta = declared.metadata
        value: Any = declared.default
        default = shown_default(declared)
        unit = meta["unit"]
        if unit == "bytes" and value % (1024 * 1024) == 0:
            default = f"{default} bytes ({value // (1024 * 1024)} MiB)"
        elif unit == "bytes" and value % 1024 == 0:
            default = f"{default} bytes ({value // 1024} KiB)"
        elif unit in ("/s", "s", "ms"):
            default = f"{default} {unit}" if unit != "/s" else f"{default}/s"
        elif unit:
            default = f"{default} {unit}"
        help_text = meta["help"].replace("|", "\\|")
        rows.append(f"| `--{meta['option']}` | `{default}` | {help_text} |")
    return "\n".join(rows) + "\n"


# How much of an over-long message is read to tell its language: enough words,
# and a bounded cost on the reactor thread however long the message is.
LANG_SAMPLE_CHARS = 500


def text_lang(session: Session, text: str) -> Lang:
    """The language to refuse ``text`` in: the one the user fixed, else the text's own."""
    if session.lang:
        return session.lang
    sample = text.strip()[:LANG_SAMPLE_CHARS]
    return detect_lang(tokenise(normalise(sample))) or session.last_lang


# Runs a loader away from the reactor thread: ``deferToThread`` or a test's stand-in.
InThread = Callable[[Callable[[], EngineLike]], Deferred[EngineLike]]


def _describe_reload_error(exc: BaseException | None) -> str | None:
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
                 in_thread: InThread | None = None, clock: IReactorTime | None = None,
                 timer: Callable[[], float] = time.thread_time) -> None:
        if clock is None:
            from twisted.internet import reactor

            clock = cast(IReactorTime, reactor)
        self.clock = clock
        # Measures the engine's time per message (``ask``): the reactor thread's CPU
        # time, so a stall that is not this message's (a reload parsing YAML in
        # its thread, the SQLite writer, another process) is not billed to its sender.
        self.timer = timer
        # Reading the thread's CPU clock is a system call (~0.6 us; the wall clock is
        # read in user space, ~0.05 us). A thread cannot spend more CPU time than
        # wall time passes, so when the wall clock shows a message under
        # --message-cost-ms its CPU time was under it too, and the second read is
        # skipped. Only for the real CPU clock: a test's timer is read as before.
        self._cpu_clock = timer is time.thread_time
        self.engine = engine
        self._load = load
        self._in_thread = in_thread
        self.metrics = metrics or Metrics()
        self.limits = limits or Limits()
        self.feedback = feedback
        # Ratings per client address, over every door and connection.
        self.rating_buckets = BucketsByKey(clock, self.limits.rating_rate,
                                           self.limits.rating_burst, self.limits.max_sessions)
        # Messages and new sessions per client address, over every door and
        # connection; as many addresses are remembered as sessions (least
        # recently used forgotten first), so the tables stay bounded. The
        # address's bucket holds each of its connections' buckets: never smaller.
        limits = self.limits
        self.address_buckets = BucketsByKey(self.clock, max(limits.address_rate, limits.rate),
                                            max(limits.address_burst, limits.burst),
                                            limits.max_sessions)
        self.session_buckets = BucketsByKey(self.clock, self.limits.session_rate,
                                            self.limits.session_burst, self.limits.max_sessions)
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

    def throttle(self, host: str | None, clock: IReactorTime | None = None,
                 own: TokenBucket | None = None) -> Throttle:
        """The rate limit of one connection from ``host``: ``own`` (by default a fresh
        ``--rate``/``--burst`` bucket on ``clock``) inside the address's bucket."""
        if own is None:
            own = TokenBucket(clock or self.clock, self.limits.rate, self.limits.burst)
        return Throttle(own, self.address_buckets, host)

    def session_wait(self, host: str | None) -> float:
        """May ``host`` start a new session now? 0 if so (and it is counted), else the
        seconds until it may (``--session-rate``, ``--session-burst``)."""
        key = address_key(host)
        if key is None:
            return 0.0
        bucket = self.session_buckets.get(key)
        if bucket.take():
            return 0.0
        return max(bucket.wait(), 0.001)

    def ask(self, door: str, session: Session, text: str,
            throttle: Throttle | None = None) -> Reply:
        """Pass one message to the engine and count the answer.

        An engine bug must cost one answer, not the connection: the exception
        is logged and the user gets an apology in their language. The
        engine's time is measured: a message that took more than
        ``--message-cost-ms`` costs ``throttle`` one more token per that many
        ms (paid by waiting before the next message), so a stream of
        expensive messages from one address gets a bounded share of the
        server's time, whatever each one costs.
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
        started = self.timer()
        wall = time.perf_counter()
        try:
            reply = self.engine.reply(session, text)
        except Exception:
            log.failure("engine failed on a {door} message", door=door)
            self.metrics.error(door, "internal_error")
            lang = user_lang(session)
            return Reply(reply=self.text("internal_error", lang), intent="unknown", lang=lang)
        finally:
            # ``_charge`` adds a token only past --message-cost-ms: the call and its
            # ceil are skipped for the (nearly every) message under it, same sum.
            cost_ms = self.limits.message_cost_ms
            if not self._cpu_clock or (time.perf_counter() - wall) * 1000 / cost_ms > 1:
                took = self.timer() - started
                if throttle is not None and took * 1000 / cost_ms > 1:
                    self._charge(throttle, took)
        self.metrics.answered(door, reply.intent)
        if self.log_text:
            log.debug("{door} message {text!r} answered as {intent}", door=door, text=text,
                      intent=reply.intent)
        if reply.intent == "unknown" and self.feedback is not None:
            self.feedback.unanswered(door, reply.lang, text).addErrback(
                lambda failure: log.failure("could not record an unanswered question",
                                            failure=failure))
        return reply

    def _charge(self, throttle: Throttle | None, took: float) -> None:
        """One more token per ``--message-cost-ms`` of engine time, or part of it, past
        the first (a message of at most that costs its one token)."""
        extra = max(0, math.ceil(took * 1000 / self.limits.message_cost_ms) - 1)
        if throttle is not None and extra > 0:
            throttle.charge(extra)

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
        key = address_key(host)  # an IPv6 client by its /64, as every per-address limit
        if key is not None:
            bucket = self.rating_buckets.get(key)
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
