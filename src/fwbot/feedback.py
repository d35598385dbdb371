"""Durable feedback: ratings of answers and the questions fwbot could not answer.

One SQLite file (stdlib ``sqlite3``) in WAL mode with ``synchronous=FULL``,
written by one thread of its own (a ``ThreadPool`` of one), so there is
exactly one writer and the reactor never waits on the disk. A rating is
acknowledged to the user only when the Deferred of ``rate`` fires, which is
after its own transaction committed *to the file at the path*: a ``kill -9``
right after the acknowledgement loses nothing.

The file at the path is checked before and after every transaction
(device and inode of ``stat(path)`` and of its ``-wal`` against those the
connection opened). If the file was deleted or replaced by a rename while
the server runs, SQLite would go on writing into the unlinked inode and
every later rating would be acknowledged and lost; instead the store logs
it once, empties the old file's write-ahead log into that file (left at
the path, SQLite would replay it into whatever file is put there), opens
the file now at the path (a new, empty database if there is none) and
writes the transaction again there. If no database can be opened there,
ratings are refused (``storage_unavailable``) until one can, and that too
is logged once, as is its end.

One client must not fill the disk. Each answer has one rating, which a
second rating of the same answer replaces (``Answered.key``); comments are
bounded in length (``comment_chars``); and each table has a bound on its
rows (``max_ratings``, ``max_unanswered``), past which new ratings are
refused (``storage_full``) and new unanswered questions are not recorded,
with one log line when the bound is reached and one when there is room
again. (The per-address rate of ratings is the bot's: ``fwbot.service``.)

Unanswered questions acknowledge nothing to anyone, and a flood of them
(a script asking nonsense) must not cost one fsync each: they wait in a
bounded queue and are written together, one transaction per
``flush_seconds`` or per ``flush_count`` questions. A batch whose write
fails (a full disk, a locked or vanished file) goes back to the front of
the queue and is tried again, ``flush_seconds`` later and then less and
less often; only the queue's bound (``max_queued``: the oldest go first)
drops any. A clean shutdown writes every one accepted: the doors ask until
the shutdown grace is over, so the store stops only after them
(``FeedbackLast``), and its stop waits for the batch being written and
writes the rest; anything later still is written by ``close`` when the
reactor shuts down. ``kill -9`` may lose the last half second of them.

``report`` (shared by ``python -m fwbot.report`` and ``GET /admin/report``)
reads the same file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from twisted.application.service import MultiService, Service
from twisted.internet.defer import Deferred, DeferredList, fail, maybeDeferred
from twisted.internet.interfaces import IDelayedCall, IReactorCore, IReactorTime
from twisted.internet.threads import deferToThreadPool
from twisted.logger import Logger, LogLevel
from twisted.python.failure import Failure
from twisted.python.threadpool import ThreadPool

from fwbot.reply import RATINGS, Answered

log = Logger(namespace="fwbot.feedback")

COMMENT_CHARS = 1000  # the default of --rating-comment-max
QUESTION_CHARS = 2000
MAX_ROWS = 100_000  # the default of --db-max-ratings and --db-max-unanswered
# A failing batch is tried again flush_seconds later, then twice as long each
# time, at most this long apart.
RETRY_MAX_SECONDS = 30.0
# While the service stops, a failing batch is tried this many times before the
# stop gives up on it (close() tries once more at the reactor's shutdown).
STOP_ATTEMPTS = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS ratings (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    door TEXT NOT NULL,
    intent TEXT NOT NULL,
    lang TEXT NOT NULL,
    reply_sha TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    answer TEXT
);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    door TEXT NOT NULL,
    lang TEXT NOT NULL,
    question TEXT NOT NULL
);
"""
# After the migration below: older files have no ``answer`` column yet.
_INDEXES = "CREATE UNIQUE INDEX IF NOT EXISTS ratings_by_answer ON ratings (answer)"


T = TypeVar("T")


class Refused(Exception):
    """A rating that was not stored, as the error code the doors answer with.

    ``rate_limited`` (too many from one address; ``retry_after`` seconds),
    ``storage_full`` (the table is at its bound) or ``storage_unavailable``
    (no database, or it failed: try again).
    """

    def __init__(self, code: str, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after

    @classmethod
    def of(cls, failure: Failure) -> Refused:
        """The ``Refused`` a failed rating fired with; anything else is ``storage_unavailable``."""
        if isinstance(failure.value, Refused):
            return failure.value
        return cls("storage_unavailable")


def default_db_path() -> Path:
    """``$XDG_STATE_HOME/fwbot/fwbot.sqlite3`` if that is set, else ``./fwbot.sqlite3``."""
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        return Path(state) / "fwbot" / "fwbot.sqlite3"
    return Path("fwbot.sqlite3")


def _prepare(connection: sqlite3.Connection) -> None:
    """Pragmas, the schema and its migrations: every connection, new file or old."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA busy_timeout=5000")
    connection.executescript(SCHEMA)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(ratings)")}
    if "answer" not in columns:
        connection.execute("ALTER TABLE ratings ADD COLUMN answer TEXT")
    connection.execute(_INDEXES)
    connection.commit()


def open_db(path: Path | str) -> sqlite3.Connection:
    """A plain connection with the schema in place (for start-up checks and the report)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path))
    try:
        _prepare(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def check_db(path: Path) -> str | None:
    """Why ``path`` cannot hold the feedback database (one line), or None if it can.

    Opens it as the store will, schema and all, and starts a write that
    changes nothing: SQLite opens a file it may not write (read-only,
    immutable) read-only, and would only fail at the first rating.
    """
    try:
        connection = open_db(path)
        try:
            connection.execute("DELETE FROM ratings WHERE 0")
            connection.rollback()
        finally:
            connection.close()
    except (sqlite3.Error, OSError) as exc:
        return str(exc) or type(exc).__name__
    return None


# One queued unanswered question: its row, and the Deferred its asker holds.
_Queued = tuple[tuple[float, str, str, str], Deferred["int | None"]]
_Row = tuple[Any, ...]


class _Database:
    """The store's one SQLite connection and what it knows about its file.

    Used by one thread at a time: the store's writer thread, and after it
    was joined the thread that closes the store. Log lines it wants written
    go to ``notices``, which the store logs on the reactor thread.
    """

    def __init__(self, path: Path, max_rows: dict[str, int],
                 recount_seconds: float = 10.0) -> None:
        self.path = path
        self.max_rows = max_rows
        self.recount_seconds = recount_seconds
        self.wal = Path(f"{path}-wal")
        self.shm = Path(f"{path}-shm")
        self.connection: sqlite3.Connection | None = None
        # (st_dev, st_ino) of the files the connection has open
        self.identity: tuple[int, int] | None = None
        self.log_identity: tuple[int, int] | None = None
        self.shm_identity: tuple[int, int] | None = None
        self.rows: dict[str, int] = {}  # rows per table, counted at open, kept since
        self.counted_at: dict[str, float] = {}
        self.full: set[str] = set()  # tables logged as full
        self.notices: deque[tuple[str, str, dict[str, Any]]] = deque()

    def notice(self, level: str, text: str, **fields: Any) -> None:
        self.notices.append((level, text, fields))

    def transact(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work(self, connection, *args)`` in one transaction, on the file at the path.

        Returns its result only once the transaction is committed and the
        file it went to is still the one at the path; if that file changed
        meanwhile, the work is done again on the file now there.
        """
        for _ in range(3):
            connection = self._connection()
            try:
                with connection:  # commits, or rolls back on an error
                    result = work(self, connection, *args)
            except Refused:
                raise
            except BaseException:
                self.rows.clear()  # a rolled-back insert may have counted: count again
                raise
            changed = self._changed()
            if changed is None:
                return result
            self._let_go(changed)
            if changed == "log":  # its frames are in the database file now: nothing to redo
                return result
        raise sqlite3.OperationalError(f"{self.path} keeps being replaced")

    def _changed(self) -> str | None:
        """None if the open files are still at their paths, else which one is not.

        ``database``: the file at the path is not (or no longer) the one
        open, so what was written went nowhere anyone will find it. ``log``:
        only the write-ahead log was deleted or replaced; what it holds can
        still be written into the database file, which is still there.
        """
        if _identity(self.path) != self.identity:
            return "database"
        if self.log_identity is not None and _identity(self.wal) != self.log_identity:
            return "log"
        return None

    def _let_go(self, changed: str) -> None:
        """Give up the connection to a file no longer at its path; log it once.

        SQLite checkpoints on close only while the database is where it was
        opened, and never deletes the write-ahead log of a moved one: left at
        the path, that log would be replayed into whatever file is put there.
        So the log is checkpointed into the file it belongs to (which
        matters if that file was renamed, not deleted), emptied, and its two
        files are removed if they are still this connection's own.
        """
        what = "database" if changed == "database" else "write-ahead log"
        name = self.path if changed == "database" else self.wal
        how = "deleted" if not os.path.exists(name) else "replaced"
        self.notice("warn", "the feedback {what} {name} was {how} while open: now writing to "
                    "the file at that path (a new, empty one if none is there){redo}",
                    what=what, name=str(name), how=how,
                    redo="; what was written since is written again there"
                    if changed == "database" else "")
        assert self.connection is not None
        try:
            busy = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error:
            busy = 1
        self.close()
        for stale, identity in ((self.wal, self.log_identity), (self.shm, self.shm_identity)):
            if identity is not None and _identity(stale) == identity:
                stale.unlink(missing_ok=True)
        if changed == "log" and busy:
            raise sqlite3.OperationalError(f"could not write {self.wal} into the database")

    def _connection(self) -> sqlite3.Connection:
        if self.connection is not None:
            changed = self._changed()
            if changed is not None:
                # Nothing of this transaction is in it; a failure only means a fresh start.
                with contextlib.suppress(sqlite3.Error):
                    self._let_go(changed)
        if self.connection is None:
            self._open()
        assert self.connection is not None
        return self.connection

    def _open(self) -> None:
        """Connect to the file at the path, knowing which files that is.

        The path is looked up before and after connecting: if they differ,
        the file changed in between and it is done again.
        """
        for _ in range(3):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            before = _identity(self.path)
            connection = sqlite3.connect(str(self.path), check_same_thread=False)
            try:
                _prepare(connection)  # reads and writes: the log and its index exist now
                after = _identity(self.path)
            except BaseException:
                connection.close()
                raise
            if before is None or before == after:
                self.connection, self.identity = connection, after
                self.log_identity, self.shm_identity = _identity(self.wal), _identity(self.shm)
                self.rows.clear()
                return
            connection.close()
        raise sqlite3.OperationalError(f"{self.path} keeps being replaced")

    def close(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            with contextlib.suppress(sqlite3.Error):  # given up: a failed close changes nothing
                connection.close()

    def room(self, connection: sqlite3.Connection, table: str) -> int:
        """How many more rows ``table`` may take, noticing when it fills up or has room again.

        Counted once per connection and kept up to date by the writes here;
        when the table looks full it is counted again (at most every
        ``recount_seconds``), so rows deleted by an operator make room.
        """
        bound = self.max_rows[table]
        now = time.monotonic()
        if table not in self.rows or (self.rows[table] >= bound and now - self.counted_at.get(
                table, 0.0) >= self.recount_seconds):
            self.rows[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            self.counted_at[table] = now
        left = bound - self.rows[table]
        if left <= 0 and table not in self.full:
            self.full.add(table)
            self.notice("warn", "the {table} table of {path} holds {rows} rows, its bound "
                        "(--db-max-{table}={bound}): new {what} are not recorded until rows "
                        "are deleted or the bound is raised", table=table, path=str(self.path),
                        rows=self.rows[table], bound=bound,
                        what="ratings" if table == "ratings" else "unanswered questions")
        elif left > 0 and table in self.full:
            self.full.discard(table)
            self.notice("info", "the {table} table of {path} has room again ({rows} rows of "
                        "{bound})", table=table, path=str(self.path), rows=self.rows[table],
                        bound=bound)
        return max(0, left)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


def _store_rating(db: _Database, connection: sqlite3.Connection, row: _Row, key: str) -> int:
    """Insert a rating, or replace the one this answer already has; its row id."""
    found = connection.execute("SELECT id FROM ratings WHERE answer = ?", (key,)).fetchone()
    if found is not None:
        connection.execute("UPDATE ratings SET at = ?, door = ?, intent = ?, lang = ?, "
                           "reply_sha = ?, rating = ?, comment = ? WHERE id = ?",
                           (*row, found[0]))
        return int(found[0])
    if db.room(connection, "ratings") <= 0:
        raise Refused("storage_full")
    cursor = connection.execute(
        "INSERT INTO ratings (at, door, intent, lang, reply_sha, rating, comment, answer) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, key))
    db.rows["ratings"] += 1
    return int(cursor.lastrowid or 0)


def _insert_unanswered(db: _Database, connection: sqlite3.Connection,
                       rows: list[tuple[float, str, str, str]]) -> list[int | None]:
    """One transaction for a batch: the row ids in the batch's order, None past the bound."""
    room = db.room(connection, "unanswered")
    ids: list[int | None] = []
    for row in rows[:room]:
        cursor = connection.execute(
            "INSERT INTO unanswered (at, door, lang, question) VALUES (?, ?, ?, ?)", row)
        ids.append(int(cursor.lastrowid or 0))
    db.rows["unanswered"] += len(ids)
    if len(ids) < len(rows):
        db.room(connection, "unanswered")  # full now: say so
    return ids + [None] * (len(rows) - len(ids))


def _report(db: _Database, connection: sqlite3.Connection, top: int) -> dict[str, Any]:
    return report_from(connection.cursor(), top)


class FeedbackStore(Service):
    """Writes ratings and unanswered questions; every method returns a Deferred.

    It is a service so that stopping the service tree writes the questions
    still queued: ``stopService`` fires once none is queued or being
    written (or, if the database keeps failing, after ``STOP_ATTEMPTS``
    tries). Put it in a ``FeedbackLast`` tree, so that it stops after the
    doors have finished (the shutdown grace), not while they still answer.
    After ``stopService`` each new question is written at once.

    The reactor's shutdown calls ``close`` (a "during" trigger): it joins
    the writer thread and writes whatever is still queued.
    """

    def __init__(self, path: Path | str, clock: IReactorTime | None = None,
                 flush_seconds: float = 0.5, flush_count: int = 100,
                 max_queued: int = 10_000, reactor: IReactorCore | None = None,
                 max_ratings: int = MAX_ROWS, max_unanswered: int = MAX_ROWS,
                 comment_chars: int = COMMENT_CHARS, recount_seconds: float = 10.0) -> None:
        self.path = Path(path)
        open_db(self.path).close()  # a bad path fails now, at start-up, not on first use
        from twisted.internet import reactor as global_reactor

        self._reactor: IReactorCore = global_reactor if reactor is None else reactor
        self._shutdown_trigger: Any = self._reactor.addSystemEventTrigger(
            "during", "shutdown", self._shutting_down)
        # The writer: started on first use, which is after twistd forked (threads
        # do not survive a fork), and results come back through the real reactor.
        self._threads = ThreadPool(1, 1, name="fwbot-feedback")
        self._threads_reactor: Any = global_reactor
        self._db = _Database(self.path, {"ratings": max_ratings, "unanswered": max_unanswered},
                             recount_seconds)
        self.clock: IReactorTime = global_reactor if clock is None else clock
        self.flush_seconds = flush_seconds
        self.flush_count = flush_count
        self.max_queued = max_queued
        self.comment_chars = comment_chars
        self.dropped = 0  # questions never written: the queue or the table was full
        self.on_dropped: Callable[[int], None] = lambda count: None  # e.g. a metric's inc
        self._queue: deque[_Queued] = deque()
        # flush() callers waiting for the queue's next batch, and for the batch being written.
        self._waiting: list[Deferred[None]] = []
        self._writing: list[Deferred[None]] | None = None
        self._timer: IDelayedCall | None = None
        self._dropped_unlogged = 0
        self._failures = 0  # batches failed in a row
        self._outage: str | None = None  # why the database fails, logged once
        self._stopping = False
        self._closed = False

    # -- the writer thread ----------------------------------------------------

    def _run(self, work: Callable[..., T], *args: Any) -> Deferred[T]:
        """``work`` in one transaction on the writer thread; its outcome on this one."""
        if not self._threads.started:
            self._threads.start()
        done: Deferred[T] = deferToThreadPool(self._threads_reactor, self._threads,
                                              self._db.transact, work, *args)
        done.addBoth(self._after_work)
        return done

    def _after_work(self, result: T | Failure) -> T | Failure:
        """On the reactor thread: log what the writer noticed, and outages once each."""
        self._log_notices()
        if not isinstance(result, Failure):
            if self._outage is not None:
                log.info("the feedback database {path} works again", path=str(self.path))
                self._outage = None
        elif not result.check(Refused) and self._outage is None:
            self._outage = str(result.value) or type(result.value).__name__
            if result.check(sqlite3.Error, OSError):
                log.error("could not write to the feedback database {path} ({why}); until it "
                          "can be, ratings are refused and unanswered questions wait",
                          path=str(self.path), why=self._outage)
            else:
                log.failure("the feedback database {path} failed", failure=result,
                            path=str(self.path))
        return result

    def _log_notices(self) -> None:
        while self._db.notices:
            level, text, fields = self._db.notices.popleft()
            log.emit(LogLevel.levelWithName(level), text, **fields)

    # -- ratings --------------------------------------------------------------

    def rate(self, door: str, answered: Answered, rating: str,
             comment: str | None = None) -> Deferred[int]:
        """Store the rating of one answer (replacing its earlier one) in its own transaction.

        Fires with its row id once committed; fails with ``Refused``
        (``storage_full``, ``storage_unavailable``) if it was not stored.
        """
        if rating not in RATINGS:
            raise ValueError(f"rating must be up or down, not {rating!r}")
        if comment is not None and len(comment) > self.comment_chars:
            raise ValueError(f"a comment has at most {self.comment_chars} characters")
        if self._closed:
            return fail(Refused("storage_unavailable"))
        row = (time.time(), door, answered.intent, answered.lang, answered.reply_sha, rating,
               comment or None)
        stored = self._run(_store_rating, row, answered.key)
        return stored.addErrback(lambda failure: Failure(Refused.of(failure)))

    # -- unanswered questions -------------------------------------------------

    def unanswered(self, door: str, lang: str, question: str) -> Deferred[int | None]:
        """Queue a question the engine answered as ``unknown``.

        Fires with its row id once the batch holding it is committed, or with
        None if it was never stored: pushed out of a full queue by newer
        questions, past the table's bound, or still failing when the store
        closed (the store logs each once per batch, not once per question).
        """
        if self._closed:
            return fail(RuntimeError("the feedback store is closed"))
        stored: Deferred[int | None] = Deferred()
        self._queue.append(((time.time(), door, lang, question[:QUESTION_CHARS]), stored))
        self._bound_queue()
        if self._failures:
            pass  # a retry is scheduled: a failing disk is not asked any sooner
        elif self._stopping or len(self._queue) >= self.flush_count:
            self._write()
        elif self._timer is None and self._writing is None:
            self._timer = self.clock.callLater(self.flush_seconds, self._write)
        return stored

    def _bound_queue(self) -> None:
        """Memory stays bounded: past ``max_queued`` the oldest questions go."""
        dropped = 0
        while len(self._queue) > self.max_queued:
            self._queue.popleft()[1].callback(None)
            dropped += 1
        if dropped:
            self._count_dropped(dropped)
            self._dropped_unlogged += dropped

    def _count_dropped(self, count: int) -> None:
        self.dropped += count
        self.on_dropped(count)

    def flush(self) -> Deferred[None]:
        """Write the queued questions now; fires once all asked so far were tried.

        (Committed, unless the write failed: then they are queued again.)
        """
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
        if self._writing is None and self._queue and not self._closed:
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
        written = self._run(_insert_unanswered, [row for row, _ in batch])
        written.addBoth(self._written, batch, waiting)

    def _written(self, result: list[int | None] | Failure, batch: list[_Queued],
                 waiting: list[Deferred[None]]) -> None:
        if self._writing is waiting:
            self._writing = None
        if isinstance(result, Failure):
            self._failed(batch)
        else:
            self._stored(batch, result)
        for done in waiting:
            done.callback(None)
        if not self._queue or self._closed or self._writing is not None:
            return
        if self._failures:
            self._timer = self.clock.callLater(self._retry_delay(), self._write)
        elif self._waiting or self._stopping or len(self._queue) >= self.flush_count:
            self._write()
        elif self._timer is None:
            self._timer = self.clock.callLater(self.flush_seconds, self._write)

    def _stored(self, batch: list[_Queued], ids: list[int | None]) -> None:
        if self._failures:
            log.info("recorded {n} unanswered questions after {failures} failed attempts",
                     n=len(batch), failures=self._failures)
            self._failures = 0
        unrecorded = ids.count(None)
        if unrecorded:  # the table is at its bound (logged once by the writer)
            self._count_dropped(unrecorded)
        for (_, stored), row_id in zip(batch, ids, strict=True):
            stored.callback(row_id)

    def _failed(self, batch: list[_Queued]) -> None:
        """The batch goes back to the front of the queue, which keeps its bound."""
        self._failures += 1
        self._queue.extendleft(reversed(batch))
        self._bound_queue()
        if self._failures == 1:
            log.warn("could not record {n} unanswered questions: they wait and are tried "
                     "again, every {delay} s at first", n=len(batch), delay=self.flush_seconds)

    def _retry_delay(self) -> float:
        return min(RETRY_MAX_SECONDS, self.flush_seconds * 2.0 ** (self._failures - 1))

    def _log_drops(self) -> None:
        if self._dropped_unlogged:
            log.warn("dropped {n} unanswered questions: more than {max} were waiting to be "
                     "written", n=self._dropped_unlogged, max=self.max_queued)
            self._dropped_unlogged = 0

    # -- reading --------------------------------------------------------------

    def report(self, top: int = 20) -> Deferred[dict[str, Any]]:
        """The report of ``report_from``, counting the questions still queued too."""
        return self.flush().addCallback(lambda _: self._run(_report, top))

    # -- stopping -------------------------------------------------------------

    def stopService(self) -> Deferred[None]:
        """The service tree stops: write what is queued; later questions go at once.

        Fires once nothing is queued or being written: the batch under way,
        the questions queued behind it, and any asked meanwhile; or once
        the database failed ``STOP_ATTEMPTS`` times in a row, leaving the
        last try to ``close``.
        """
        super().stopService()
        self._stopping = True
        return self._settle()

    def _settle(self) -> Deferred[None]:
        def again(_: None) -> Deferred[None] | None:
            if self._writing is not None:
                return self._settle()
            if not self._queue or self._failures >= STOP_ATTEMPTS:
                return None
            if self._failures:  # wait as a retry would, then try again now
                self._cancel_timer()
                waited: Deferred[None] = Deferred()
                self._timer = self.clock.callLater(self._retry_delay(), waited.callback, None)
                return waited.addCallback(lambda _: self._settle())
            return self._settle()

        return self.flush().addCallback(again)

    def _shutting_down(self) -> None:
        self._shutdown_trigger = None  # it is firing: nothing to remove
        self.close()

    def close(self) -> None:
        """Wait for every write under way, write what is queued, close the connection.

        Synchronous, for shutdown and tests: the writer thread finishes the
        work it was given (a batch, ratings) before it is joined; then the
        queue is written here, in one transaction, and its Deferreds fire.
        If that write fails too, the questions are lost, and the log says
        how many.
        """
        if self._closed:
            return
        self._closed = True
        self._cancel_timer()
        if self._shutdown_trigger is not None:
            self._reactor.removeSystemEventTrigger(self._shutdown_trigger)
            self._shutdown_trigger = None
        self._threads.stop()
        self._log_drops()
        if self._queue:
            self._write_here()
        self._db.close()
        self._log_notices()

    def _write_here(self) -> None:
        """The queue in one transaction on this thread: the writer is gone."""
        batch = list(self._queue)
        self._queue.clear()
        waiting, self._waiting = self._waiting, []
        try:
            ids = self._db.transact(_insert_unanswered, [row for row, _ in batch])
        except Exception as exc:  # sqlite3 and OS errors: nothing is left to try
            log.error("lost {n} unanswered questions: the feedback database {path} failed "
                      "({why})", n=len(batch), path=str(self.path), why=str(exc))
            ids = [None] * len(batch)  # counted as dropped by _stored
            self._failures = 0
        self._stored(batch, ids)
        for done in waiting:
            done.callback(None)


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


def report_from(cursor: sqlite3.Cursor, top: int = 20) -> dict[str, Any]:
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
