"""Durable feedback: ratings of answers and the questions fwbot could not answer.

One SQLite file (stdlib ``sqlite3``) in WAL mode with ``synchronous=FULL``,
written through ``twisted.enterprise.adbapi`` with a single connection, so
there is exactly one writer thread and the reactor never waits on the disk.
A rating is acknowledged to the user only when the Deferred of ``rate``
fires, which is after its own transaction committed: a ``kill -9`` right
after the acknowledgement loses nothing.

Unanswered questions acknowledge nothing to anyone, and a flood of them
(a script asking nonsense) must not cost one fsync each: they wait in a
bounded queue and are written together, one transaction per
``flush_seconds`` or per ``flush_count`` questions. A clean shutdown writes
every one accepted: the doors ask until the shutdown grace is over, so the
store stops only after them (``FeedbackLast``), and its stop waits for the
batch being written and writes the rest; anything later still is written by
``close`` when the reactor shuts down, before adbapi's pool stops. ``kill -9``
may lose the last half second of them.

``report`` (shared by ``python -m fwbot.report`` and ``GET /admin/report``)
reads the same file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twisted.application.service import MultiService, Service
from twisted.enterprise import adbapi
from twisted.internet.defer import Deferred, DeferredList, fail, maybeDeferred
from twisted.internet.interfaces import IDelayedCall, IReactorCore, IReactorTime
from twisted.logger import Logger
from twisted.python.failure import Failure

from fwbot.reply import Reply

log = Logger(namespace="fwbot.feedback")

RATINGS = ("up", "down")
COMMENT_CHARS = 1000
QUESTION_CHARS = 2000

SCHEMA = """
CREATE TABLE IF NOT EXISTS ratings (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    door TEXT NOT NULL,
    intent TEXT NOT NULL,
    lang TEXT NOT NULL,
    reply_sha TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT
);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    door TEXT NOT NULL,
    lang TEXT NOT NULL,
    question TEXT NOT NULL
);
"""


def default_db_path() -> Path:
    """``$XDG_STATE_HOME/fwbot/fwbot.sqlite3`` if that is set, else ``./fwbot.sqlite3``."""
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        return Path(state) / "fwbot" / "fwbot.sqlite3"
    return Path("fwbot.sqlite3")


@dataclass(frozen=True)
class Answered:
    """What a rating points at: the last answer a conversation got."""

    intent: str
    lang: str
    text: str

    @classmethod
    def of(cls, reply: Reply) -> Answered:
        """Remember the answer; hashing waits until somebody rates it (most never do)."""
        return cls(reply.intent, reply.lang, reply.reply)

    @property
    def reply_sha(self) -> str:
        """What the ratings table stores: which answer, without keeping its text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def _prepare(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA busy_timeout=5000")


def open_db(path: Path | str) -> sqlite3.Connection:
    """A plain connection with the schema in place (for start-up checks and the report)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path))
    _prepare(connection)
    connection.executescript(SCHEMA)
    connection.commit()
    return connection


# One queued unanswered question: its row, and the Deferred its asker holds.
_Queued = tuple[tuple[float, str, str, str], Deferred["int | None"]]

_INSERT_UNANSWERED = "INSERT INTO unanswered (at, door, lang, question) VALUES (?, ?, ?, ?)"


class FeedbackStore(Service):
    """Writes ratings and unanswered questions; every method returns a Deferred.

    It is a service so that stopping the service tree writes the questions
    still queued: ``stopService`` fires once none is queued or being
    written. Put it in a ``FeedbackLast`` tree, so that it stops after the
    doors have finished (the shutdown grace), not while they still answer.
    After ``stopService`` each new question is written at once.

    The reactor's shutdown calls ``close`` (a "during" trigger, registered
    before adbapi's own, which would close the pool without writing the
    queue): whatever is still queued then is written too.
    """

    def __init__(self, path: Path | str, clock: IReactorTime | None = None,
                 flush_seconds: float = 0.5, flush_count: int = 100,
                 max_queued: int = 10_000, reactor: IReactorCore | None = None) -> None:
        self.path = Path(path)
        open_db(self.path).close()  # a bad path fails now, at start-up, not on first use
        if reactor is None:
            from twisted.internet import reactor  # type: ignore[assignment]
        self._reactor: IReactorCore = reactor  # type: ignore[assignment]
        # Before the pool exists: first in the "during" phase, ahead of adbapi's trigger.
        self._shutdown_trigger: Any = self._reactor.addSystemEventTrigger(
            "during", "shutdown", self._shutting_down)
        self.pool = adbapi.ConnectionPool(
            "sqlite3", str(self.path), check_same_thread=False,
            cp_min=1, cp_max=1, cp_openfun=_prepare)
        if clock is None:
            from twisted.internet import reactor as clock
        self.clock: IReactorTime = clock
        self.flush_seconds = flush_seconds
        self.flush_count = flush_count
        self.max_queued = max_queued
        self.dropped = 0  # questions never written because the queue was full
        self.on_dropped: Callable[[int], None] = lambda count: None  # e.g. a metric's inc
        self._queue: deque[_Queued] = deque()
        # flush() callers waiting for the queue's next batch, and for the batch being written.
        self._waiting: list[Deferred[None]] = []
        self._writing: list[Deferred[None]] | None = None
        self._timer: IDelayedCall | None = None
        self._dropped_unlogged = 0
        self._stopping = False
        self._closed = False

    def rate(self, door: str, answered: Answered, rating: str,
             comment: str | None = None) -> Deferred[int]:
        """Store one rating in its own transaction; fires with its row id once committed."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be up or down, not {rating!r}")
        row = (time.time(), door, answered.intent, answered.lang, answered.reply_sha, rating,
               (comment or None) and comment[:COMMENT_CHARS])

        def insert(cursor: Any) -> int:
            cursor.execute("INSERT INTO ratings (at, door, intent, lang, reply_sha, rating, "
                           "comment) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            return int(cursor.lastrowid)

        return self.pool.runInteraction(insert)

    def unanswered(self, door: str, lang: str, question: str) -> Deferred[int | None]:
        """Queue a question the engine answered as ``unknown``.

        Fires with its row id once the batch holding it is committed, or with
        None if it was never stored: pushed out of a full queue by newer
        questions, or in a batch whose write failed (the store logs either
        once per batch, not once per question).
        """
        if self._closed:
            return fail(RuntimeError("the feedback store is closed"))
        stored: Deferred[int | None] = Deferred()
        if len(self._queue) >= self.max_queued:  # the oldest go: memory stays bounded
            self._queue.popleft()[1].callback(None)
            self.dropped += 1
            self._dropped_unlogged += 1
            self.on_dropped(1)
        self._queue.append(((time.time(), door, lang, question[:QUESTION_CHARS]), stored))
        if self._stopping or len(self._queue) >= self.flush_count:
            self._write()
        elif self._timer is None and self._writing is None:
            self._timer = self.clock.callLater(self.flush_seconds, self._write)
        return stored

    def flush(self) -> Deferred[None]:
        """Write the queued questions now; fires once all asked so far are committed."""
        done: Deferred[None] = Deferred()
        if self._queue:
            self._waiting.append(done)
            self._write()
        elif self._writing is not None:
            self._writing.append(done)
        else:
            done.callback(None)
        return done

    def _write(self) -> None:
        """Start writing the whole queue in one transaction, unless a write runs.

        One write at a time: while it runs the queue gathers the next batch,
        so a slow disk makes batches larger instead of piling transactions up.
        """
        self._cancel_timer()
        if self._writing is None and self._queue:
            self._start_batch()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            if self._timer.active():
                self._timer.cancel()
            self._timer = None

    def _start_batch(self) -> None:
        batch = list(self._queue)
        self._queue.clear()
        waiting, self._waiting = self._waiting, []
        self._writing = waiting  # flush() called from now on waits for this batch too
        self._log_drops()
        written = self.pool.runInteraction(_insert_unanswered, [row for row, _ in batch])
        written.addBoth(self._written, batch, waiting)

    def _written(self, result: list[int] | Failure, batch: list[_Queued],
                 waiting: list[Deferred[None]]) -> None:
        if isinstance(result, Failure):
            log.failure("could not record {n} unanswered questions", failure=result,
                        n=len(batch))
            ids: list[int | None] = [None] * len(batch)
        else:
            ids = list(result)
        if self._writing is waiting:
            self._writing = None
        for (_, stored), row_id in zip(batch, ids, strict=True):
            stored.callback(row_id)
        for done in waiting:
            done.callback(None)
        if not self._queue or self._closed or self._writing is not None:
            return
        if self._waiting or self._stopping or len(self._queue) >= self.flush_count:
            self._write()
        elif self._timer is None:
            self._timer = self.clock.callLater(self.flush_seconds, self._write)

    def _log_drops(self) -> None:
        if self._dropped_unlogged:
            log.warn("dropped {n} unanswered questions: more than {max} were waiting to be "
                     "written", n=self._dropped_unlogged, max=self.max_queued)
            self._dropped_unlogged = 0

    def report(self, top: int = 20) -> Deferred[dict[str, Any]]:
        """The report of ``report_from``, counting the questions still queued too."""
        return self.flush().addCallback(
            lambda _: self.pool.runInteraction(lambda cursor: report_from(cursor, top)))

    def stopService(self) -> Deferred[None]:
        """The service tree stops: write what is queued; later questions go at once.

        Fires once nothing is queued or being written: the batch under way,
        the questions queued behind it, and any asked meanwhile.
        """
        super().stopService()
        self._stopping = True
        return self._settle()

    def _settle(self) -> Deferred[None]:
        def again(_: None) -> Deferred[None] | None:
            if self._queue or self._writing is not None:
                return self._settle()
            return None

        return self.flush().addCallback(again)

    def _shutting_down(self) -> None:
        self._shutdown_trigger = None  # it is firing: nothing to remove
        self.close()

    def close(self) -> None:
        """Wait for every write under way, write what is queued, close the connection.

        Synchronous, for shutdown and tests: the pool's one thread finishes
        the work it was given (a batch, ratings) before it is joined; then
        the queue is written here, in one transaction, and its Deferreds
        fire. Also right after adbapi's own shutdown trigger closed the
        pool: the batch it joined was committed, the queue behind it is
        written all the same.
        """
        if self._closed:
            return
        self._closed = True
        self._cancel_timer()
        if self._shutdown_trigger is not None:
            self._reactor.removeSystemEventTrigger(self._shutdown_trigger)
            self._shutdown_trigger = None
        if not self.pool.threadpool.joined:  # else adbapi's shutdown trigger closed it
            self.pool.close()
        self._log_drops()
        if self._queue:
            self._write_here()

    def _write_here(self) -> None:
        """The queue in one transaction on this thread: the pool is gone."""
        batch = list(self._queue)
        self._queue.clear()
        waiting, self._waiting = self._waiting, []
        result: list[int] | Failure
        try:
            connection = open_db(self.path)
            try:
                with connection:  # commits, or rolls back on an error
                    result = _insert_unanswered(connection.cursor(),
                                                [row for row, _ in batch])
            finally:
                connection.close()
        except Exception:  # sqlite3 and OS errors; logged by _written
            result = Failure()
        self._written(result, batch, waiting)


class FeedbackLast(MultiService):
    """A service tree that stops its feedback stores only after the rest.

    ``MultiService`` stops all its children at once, so a store would write
    its queue at the start of the shutdown grace, while the doors still
    answer. Here the other children stop first (the drain's Deferred fires
    once the doors are done or the grace is over), then the stores, whose
    stop writes every question the doors accepted.
    """

    def stopService(self) -> Deferred[Any]:
        Service.stopService(self)
        children = list(self)[::-1]  # MultiService's order
        stores = [child for child in children if isinstance(child, FeedbackStore)]
        others = DeferredList([maybeDeferred(child.stopService)
                               for child in children if child not in stores])
        return others.addCallback(lambda _: DeferredList(
            [maybeDeferred(store.stopService) for store in stores]))


def _insert_unanswered(cursor: Any, rows: list[tuple[float, str, str, str]]) -> list[int]:
    """One transaction for a batch; the row ids in the batch's order."""
    ids = []
    for row in rows:
        cursor.execute(_INSERT_UNANSWERED, row)
        ids.append(int(cursor.lastrowid))
    return ids


def report_from(cursor: Any, top: int = 20) -> dict[str, Any]:
    """The most frequent unanswered questions and the ratings per intent."""
    cursor.execute(
        "SELECT lower(trim(question)) AS q, count(*) AS n, max(lang) FROM unanswered "
        "GROUP BY q ORDER BY n DESC, q LIMIT ?", (top,))
    unanswered = [{"question": q, "count": n, "lang": lang} for q, n, lang in cursor.fetchall()]
    cursor.execute(
        "SELECT intent, sum(rating = 'up'), sum(rating = 'down') FROM ratings "
        "GROUP BY intent ORDER BY count(*) DESC, intent")
    ratings = [{"intent": intent, "up": up, "down": down}
               for intent, up, down in cursor.fetchall()]
    cursor.execute("SELECT count(*) FROM unanswered")
    total_unanswered = cursor.fetchone()[0]
    return {"unanswered": unanswered, "unanswered_total": total_unanswered,
            "ratings": ratings}
