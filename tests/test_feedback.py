"""The SQLite feedback store (through adbapi on the real reactor) and the report CLI."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from twisted.application.service import Service
from twisted.internet.defer import Deferred, gatherResults
from twisted.internet.task import Clock, deferLater
from twisted.logger import capturedLogs, formatEvent

from fwbot import report
from fwbot.feedback import SCHEMA, Answered, FeedbackLast, FeedbackStore, Refused, open_db
from fwbot.reply import Reply


@pytest_twisted.ensureDeferred
async def test_store_commits_ratings_and_unanswered_questions(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "f.sqlite3")
    try:
        answered = Answered.of(Reply(reply="Django is ...", intent="describe", lang="en"))
        first = await store.rate("line", answered, "up", "great")
        other = Answered.of(Reply(reply="Django is ...", intent="describe", lang="en"))
        second = await store.rate("http", other, "down", None)
        assert (first, second) == (1, 2)  # the same text, two answers: two ratings
        for question in ("What is love?", "what is love? ", "Хто ти?"):
            store.unanswered("websocket", "en", question)
        summary = await store.report(top=5)  # counts the questions still queued too
    finally:
        store.close()
    assert summary["unanswered"][0] == {"question": "what is love?", "count": 2, "lang": "en"}
    assert summary["ratings"] == [{"intent": "describe", "up": 1, "down": 1}]
    with sqlite3.connect(tmp_path / "sub" / "f.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT comment FROM ratings WHERE id=1").fetchone()[0] == "great"


def test_a_bad_rating_is_refused(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    try:
        with pytest.raises(ValueError):
            store.rate("line", Answered("x", "en", "0"), "sideways")
    finally:
        store.close()


def test_a_path_that_cannot_be_a_database_fails_at_once(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(sqlite3.Error):
        FeedbackStore(tmp_path / "dir")


def test_report_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "f.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO unanswered (at, door, lang, question) VALUES (0, 'line', ?, ?)",
                       [("uk", "що таке любов"), ("uk", "що таке любов"), ("en", "pizza?")])
        db.execute("INSERT INTO ratings (at, door, intent, lang, reply_sha, rating) "
                   "VALUES (0, 'http', 'compare', 'en', 'ab', 'down')")
    assert report.main(["--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "    2  [uk] що таке любов" in out
    assert out.index("що таке любов") < out.index("pizza?")
    assert "compare" in out and "👎 1" in out
    assert report.main(["--db", str(tmp_path / "missing.sqlite3")]) == 1


def settled(asked: list[Deferred[Any]]) -> Deferred[list[Any]]:
    """All of ``asked``, or a timeout failure rather than a hung test."""
    from twisted.internet import reactor

    return gatherResults(asked).addTimeout(5, reactor)


def stored_questions(path: Path) -> list[str]:
    """What another process reading the database sees committed."""
    with sqlite3.connect(path) as db:
        return [q for (q,) in db.execute("SELECT question FROM unanswered ORDER BY id")]


class CountingStore(FeedbackStore):
    """A store on a fake clock that counts its transactions."""

    def __init__(self, path: Path, **kw: Any) -> None:
        self.fake_clock = Clock()
        super().__init__(path, clock=self.fake_clock, **kw)
        self.transactions = 0

    def _run(self, work: Any, *args: Any) -> Deferred[Any]:
        self.transactions += 1
        return super()._run(work, *args)


@pytest_twisted.ensureDeferred
async def test_unanswered_questions_are_written_together_once_per_interval(
        tmp_path: Path) -> None:
    """A flood of unknown questions costs one transaction (one fsync) per interval."""
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=0.5, flush_count=1000)
    try:
        asked = [store.unanswered("line", "en", f"pizza {i}?") for i in range(50)]
        store.fake_clock.advance(0.4)
        assert store.transactions == 0 and stored_questions(tmp_path / "f.sqlite3") == []
        store.fake_clock.advance(0.1)
        assert store.transactions == 1
        assert await settled(asked) == list(range(1, 51))
        assert stored_questions(tmp_path / "f.sqlite3")[-1] == "pizza 49?"
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_enough_queued_questions_are_written_without_waiting(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=60, flush_count=3)
    try:
        asked = [store.unanswered("http", "uk", f"що {i}?") for i in range(3)]
        assert store.transactions == 1  # the clock never moved
        assert await settled(asked) == [1, 2, 3]
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_questions_asked_during_a_write_go_in_the_next_batch(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=0.5, flush_count=2)
    try:
        first = [store.unanswered("line", "en", f"a{i}") for i in range(2)]  # written now
        later = [store.unanswered("line", "en", f"b{i}") for i in range(5)]
        assert store.transactions == 1  # one write at a time
        await settled(first)
        assert await settled(later) == [3, 4, 5, 6, 7]
        assert store.transactions == 2  # the five waited and went together
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_the_queue_is_bounded_and_drops_the_oldest(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=0.5, flush_count=1000,
                          max_queued=3)
    counted: list[int] = []
    store.on_dropped = counted.append
    try:
        with capturedLogs() as events:
            asked = [store.unanswered("line", "en", f"q{i}") for i in range(5)]
            assert [d.called for d in asked] == [True, True, False, False, False]
            store.fake_clock.advance(0.5)
            assert await settled(asked) == [None, None, 1, 2, 3]
        assert store.dropped == 2 and counted == [1, 1]
        assert stored_questions(tmp_path / "f.sqlite3") == ["q2", "q3", "q4"]
        logged = [formatEvent(event) for event in events]
        assert sum("dropped 2 unanswered questions" in line for line in logged) == 1
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_stopping_the_service_writes_what_is_queued(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=60, flush_count=1000)
    try:
        store.startService()
        store.unanswered("line", "en", "one")
        store.unanswered("websocket", "en", "two")
        await store.stopService()
        assert stored_questions(tmp_path / "f.sqlite3") == ["one", "two"]
        # Doors may still answer during the shutdown grace: now written at once.
        late = store.unanswered("http", "en", "three")
        assert store.transactions == 2
        assert await settled([late]) == [3]
    finally:
        store.close()


def test_close_writes_what_is_queued(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=60, flush_count=1000)
    for question in ("one", "two"):
        store.unanswered("line", "en", question)
    store.close()
    assert stored_questions(tmp_path / "f.sqlite3") == ["one", "two"]
    refused: list[Any] = []
    store.unanswered("line", "en", "late").addErrback(refused.append)
    assert refused  # closed: nothing more is taken


@pytest_twisted.ensureDeferred
async def test_a_rating_is_committed_on_its_own_while_questions_wait(tmp_path: Path) -> None:
    """Ratings are acknowledged on commit: they never wait for a batch."""
    store = CountingStore(tmp_path / "f.sqlite3", flush_seconds=60, flush_count=1000)
    try:
        store.unanswered("line", "en", "queued")
        row_id = await store.rate("line", Answered("describe", "en", "Django is"), "up")
        with sqlite3.connect(tmp_path / "f.sqlite3") as db:
            assert db.execute("SELECT id FROM ratings").fetchall() == [(row_id,)]
        assert stored_questions(tmp_path / "f.sqlite3") == []
    finally:
        store.close()


class HeldStore(CountingStore):
    """A slow disk: each transaction waits in the writer thread until ``go`` lets one go."""

    def __init__(self, path: Path, **kw: Any) -> None:
        super().__init__(path, **kw)
        self.go = threading.Semaphore(0)

    def _run(self, work: Any, *args: Any) -> Deferred[Any]:
        def slowly(*a: Any) -> Any:
            assert self.go.acquire(timeout=5)
            return work(*a)

        return super()._run(slowly, *args)


class Shutdown:
    """Only the system event triggers of a reactor; the test fires them."""

    def __init__(self) -> None:
        self.triggers: dict[int, tuple[str, str, Any]] = {}

    def addSystemEventTrigger(self, phase: str, event: str, call: Any) -> int:
        handle = len(self.triggers) + 100
        self.triggers[handle] = (phase, event, call)
        return handle

    def removeSystemEventTrigger(self, handle: int) -> None:
        del self.triggers[handle]

    def fire(self) -> None:
        for _, _, call in list(self.triggers.values()):
            call()


def results(asked: list[Deferred[Any]]) -> list[Any]:
    """What each of ``asked`` fired with by now (``...`` if it has not)."""
    fired: list[Any] = []
    for stored in asked:
        got: list[Any] = [...]

        def keep(value: Any, got: list[Any] = got) -> Any:
            got[0] = value
            return value

        stored.addBoth(keep)
        fired.append(got[0])
    return fired


def test_the_store_writes_at_the_reactor_shutdown_and_close_forgets_that(
        tmp_path: Path) -> None:
    shutdown = Shutdown()
    store = FeedbackStore(tmp_path / "f.sqlite3", reactor=shutdown)  # type: ignore[arg-type]
    assert [(phase, event) for phase, event, _ in shutdown.triggers.values()] == [
        ("during", "shutdown")]  # registered before the pool's own: it runs first
    store.close()
    assert shutdown.triggers == {}


def test_the_reactor_shutdown_writes_a_batch_in_flight_and_the_questions_behind_it(
        tmp_path: Path) -> None:
    """The review's race: the reactor stops while a batch is being written, so the
    batch's callback (which would write the queue) never runs; the shutdown
    trigger still joins the writer and writes every question."""
    path = tmp_path / "f.sqlite3"
    shutdown = Shutdown()
    store = HeldStore(path, flush_seconds=60, flush_count=2, reactor=shutdown)
    store.startService()
    store.stopService()  # nothing queued yet; from now on each question goes at once
    asked = [store.unanswered("http", "en", f"q{i}") for i in range(5)]
    assert store.transactions == 1  # q0 is being written, the others queue behind it
    store.go.release()  # the disk catches up just as the reactor stops
    shutdown.fire()
    # No reactor turn since: q0's batch has not called back, as at a real exit.
    assert stored_questions(path) == ["q0", "q1", "q2", "q3", "q4"]
    assert results(asked) == [..., 2, 3, 4, 5]
    assert store.transactions == 1  # the queue went on this thread: the writer was joined


class Draining(Service):
    """Stands for the drain: its stop fires when the test ends the grace."""

    def __init__(self) -> None:
        self.done: Deferred[None] = Deferred()

    def stopService(self) -> Deferred[None]:
        super().stopService()
        return self.done


@pytest_twisted.ensureDeferred
async def test_the_tree_stops_the_store_after_the_doors_and_it_writes_everything(
        tmp_path: Path) -> None:
    """``MultiService`` stops every child at once: the store would write its queue at
    the start of the grace, and the questions asked during it after a batch in flight
    would only be written by that batch's callback, which a stopping reactor may never
    run. ``FeedbackLast`` stops the store after the drain; its stop waits for the
    batch in flight, the questions queued behind it and any asked meanwhile."""
    from twisted.internet import reactor

    path = tmp_path / "f.sqlite3"
    store = HeldStore(path, flush_seconds=60, flush_count=2, reactor=Shutdown())
    drain = Draining()
    top = FeedbackLast()
    store.setServiceParent(top)
    drain.setServiceParent(top)
    top.startService()
    try:
        asked = [store.unanswered("http", "en", f"a{i}") for i in range(2)]  # being written
        stopped = top.stopService()
        assert not drain.running and store.running  # the doors first
        asked += [store.unanswered("http", "en", f"b{i}") for i in range(3)]  # in the grace
        drain.done.callback(None)  # the grace is over: now the store stops
        assert not store.running and results([stopped]) == [...]
        store.go.release()
        assert await settled(asked[:2]) == [1, 2]
        await deferLater(reactor, 0, lambda: None)
        assert store.transactions == 2  # the b's are being written
        asked.append(store.unanswered("http", "en", "c0"))  # a late one: queued behind
        store.go.release(2)
        await stopped.addTimeout(5, reactor)
        # Its stop fired only once all of them were committed.
        assert stored_questions(path) == ["a0", "a1", "b0", "b1", "b2", "c0"]
        assert results(asked) == [1, 2, 3, 4, 5, 6]
        assert store.transactions == 3
    finally:
        store.go.release(10)
        store.close()


# -- one rating per answer, comments and tables bounded -------------------------


def ratings_on_disk(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, rating, comment FROM ratings ORDER BY id").fetchall()


@pytest_twisted.ensureDeferred
async def test_rating_an_answer_again_replaces_its_rating(tmp_path: Path) -> None:
    """26,543 ratings of one answer were 26,543 rows; now they are one, the last one."""
    path = tmp_path / "f.sqlite3"
    store = FeedbackStore(path)
    try:
        answered = Answered("describe", "en", "Django is ...")
        ids = [await store.rate("line", answered, rating, f"c{i}")
               for i, rating in enumerate(["up", "down", "up", "down"])]
        assert len(set(ids)) == 1
        assert ratings_on_disk(path) == [(ids[0], "down", "c3")]
        later = await store.rate("line", Answered("describe", "en", "Django is ..."), "up")
        assert later != ids[0] and len(ratings_on_disk(path)) == 2
    finally:
        store.close()


def test_a_comment_over_the_bound_is_refused(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3", comment_chars=10)
    try:
        with pytest.raises(ValueError):
            store.rate("line", Answered("x", "en", "0"), "up", "x" * 11)
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_a_full_ratings_table_refuses_new_ratings_and_says_so_once(
        tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    store = FeedbackStore(path, max_ratings=2, recount_seconds=0)
    try:
        with capturedLogs() as events:
            first = Answered("describe", "en", "a")
            for text in ("a", "b"):
                await store.rate("http", first if text == "a" else Answered("x", "en", text),
                                 "up")
            for _ in range(3):
                with pytest.raises(Refused) as refused:
                    await store.rate("http", Answered("x", "en", "c"), "up")
                assert refused.value.code == "storage_full"
            assert await store.rate("http", first, "down") == 1  # a change takes no room
            with sqlite3.connect(path) as db:
                db.execute("DELETE FROM ratings WHERE id = 2")  # the operator makes room
            assert await store.rate("http", Answered("x", "en", "c"), "up") == 2  # (reused)
        logged = [formatEvent(event) for event in events]
        assert sum("holds 2 rows, its bound (--db-max-ratings=2)" in line
                   for line in logged) == 1, logged
        assert sum("has room again" in line for line in logged) == 1
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_a_full_unanswered_table_records_no_more_and_counts_them(
        tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    store = FeedbackStore(path, max_unanswered=3, flush_count=2, recount_seconds=60)
    counted: list[int] = []
    store.on_dropped = counted.append
    try:
        with capturedLogs() as events:
            asked = [store.unanswered("line", "en", f"q{i}") for i in range(5)]
            assert await settled(asked) == [1, 2, 3, None, None]
            assert await store.unanswered("line", "en", "q5") is None
        assert stored_questions(path) == ["q0", "q1", "q2"]
        assert store.dropped == 3 and sum(counted) == 3
        logged = [formatEvent(event) for event in events]
        assert sum("unanswered table" in line and "--db-max-unanswered=3" in line
                   for line in logged) == 1, logged
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_an_old_database_without_the_answer_column_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA.replace(",\n    answer TEXT", ""))
        db.execute("INSERT INTO ratings (at, door, intent, lang, reply_sha, rating) "
                   "VALUES (0, 'line', 'describe', 'en', 'ab', 'up')")
    store = FeedbackStore(path)
    try:
        answered = Answered("describe", "en", "x")
        assert await store.rate("line", answered, "up") == 2
        assert await store.rate("line", answered, "down") == 2
    finally:
        store.close()
    assert ratings_on_disk(path) == [(1, "up", None), (2, "down", None)]


# -- the database file deleted or replaced while the server runs ----------------


@pytest.mark.parametrize(("how", "logged_as"), [
    ("rm", "database {path} was deleted"),
    ("rm with its -wal and -shm", "database {path} was deleted"),
    ("mv over it", "database {path} was replaced"),
    ("mv it away", "database {path} was deleted"),
    ("rm its -wal", "write-ahead log {path}-wal was deleted"),
])
@pytest_twisted.ensureDeferred
async def test_a_deleted_or_replaced_file_is_noticed_and_nothing_acknowledged_is_lost(
        tmp_path: Path, how: str, logged_as: str) -> None:
    """SQLite would write on into the unlinked inode: 6 of 6 ratings acknowledged, none
    on disk. The store notices before it acknowledges, says so once, and writes to the
    file now at the path -- without replaying the old file's log into it."""
    path = tmp_path / "f.sqlite3"
    store = FeedbackStore(path)
    try:
        await store.rate("line", Answered("describe", "en", "before"), "up", "before")
        with capturedLogs() as events:
            if how.startswith("rm"):
                for suffix in {"rm": [""], "rm its -wal": ["-wal"]}.get(how, ["", "-wal", "-shm"]):
                    Path(f"{path}{suffix}").unlink()
            elif how == "mv over it":
                fresh = tmp_path / "fresh.sqlite3"
                open_db(fresh).close()
                fresh.rename(path)
            else:
                path.rename(tmp_path / "archive.sqlite3")
            ids = [await store.rate("line", Answered("describe", "en", f"after {i}"), "down",
                                    f"c{i}") for i in range(6)]
            store.unanswered("line", "en", "still here?")
            await store.flush()
        kept = ["before"] if how == "rm its -wal" else []
        assert [comment for _, _, comment in ratings_on_disk(path)] == kept + [
            f"c{i}" for i in range(6)]
        assert ids == [row_id for row_id, _, _ in ratings_on_disk(path)][len(kept):]
        assert stored_questions(path) == ["still here?"]
        if how == "mv it away":  # the renamed file keeps what it had, log and all
            assert [c for _, _, c in ratings_on_disk(tmp_path / "archive.sqlite3")] == [
                "before"]
        logged = [formatEvent(event) for event in events]
        assert sum(logged_as.format(path=path) in line for line in logged) == 1, logged
        assert len(logged) == 1, logged
    finally:
        store.close()


class DeletedMidway(FeedbackStore):
    """The file is deleted inside the transaction, before its commit: the race a check
    made only before writing would miss."""

    def _run(self, work: Any, *args: Any) -> Deferred[Any]:
        def delete_then(db: Any, connection: Any, *a: Any) -> Any:
            if not getattr(self, "deleted", False):
                self.deleted = True
                self.path.unlink()
            return work(db, connection, *a)

        return super()._run(delete_then, *args)


@pytest_twisted.ensureDeferred
async def test_a_file_deleted_during_the_transaction_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    store = DeletedMidway(path)
    try:
        row_id = await store.rate("line", Answered("describe", "en", "x"), "up", "kept")
        assert ratings_on_disk(path) == [(row_id, "up", "kept")]
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_no_database_at_the_path_refuses_ratings_until_there_is_one(
        tmp_path: Path) -> None:
    directory = tmp_path / "state"
    path = directory / "f.sqlite3"
    store = FeedbackStore(path)
    try:
        with capturedLogs() as events:
            for child in directory.iterdir():
                child.unlink()
            directory.rmdir()
            directory.write_text("not a directory")  # nothing can be created there
            for _ in range(3):
                with pytest.raises(Refused) as refused:
                    await store.rate("line", Answered("describe", "en", "x"), "up")
                assert refused.value.code == "storage_unavailable"
            directory.unlink()
            assert await store.rate("line", Answered("describe", "en", "y"), "up") == 1
        logged = [formatEvent(event) for event in events]
        assert sum("could not write to the feedback database" in line
                   for line in logged) == 1, logged
        assert sum("works again" in line for line in logged) == 1
        assert "Traceback" not in "\n".join(logged)
    finally:
        store.close()


# -- a batch that fails is tried again, not dropped ------------------------------


class FailingStore(CountingStore):
    """A disk that is full for the next ``failures`` transactions (on any thread)."""

    failures = 0

    def __init__(self, path: Path, **kw: Any) -> None:
        super().__init__(path, **kw)
        transact = self._db.transact

        def maybe_full(work: Any, *args: Any) -> Any:
            if self.failures:
                self.failures -= 1
                raise sqlite3.OperationalError("database or disk is full")
            return transact(work, *args)

        self._db.transact = maybe_full  # type: ignore[method-assign]


async def turn() -> None:
    """Let the writer thread's result reach the reactor."""
    from twisted.internet import reactor

    for _ in range(50):
        await deferLater(reactor, 0.01, lambda: None)


@pytest_twisted.ensureDeferred
async def test_a_batch_that_fails_on_a_full_disk_is_retried_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    store = FailingStore(path, flush_seconds=0.5, flush_count=1000)
    store.failures = 2
    try:
        with capturedLogs() as events:
            asked = [store.unanswered("line", "en", f"q{i}") for i in range(5)]
            store.fake_clock.advance(0.5)  # the batch: fails
            await turn()
            asked.append(store.unanswered("line", "en", "q5"))  # waits with the others
            assert store.transactions == 1 and not any(d.called for d in asked)
            store.fake_clock.advance(0.5)  # the first retry: fails again
            await turn()
            assert store.transactions == 2
            store.fake_clock.advance(0.9)  # the next waits twice as long
            await turn()
            assert store.transactions == 2
            store.fake_clock.advance(0.1)
            assert await settled(asked) == [1, 2, 3, 4, 5, 6]
        assert stored_questions(path) == [f"q{i}" for i in range(6)]
        assert store.dropped == 0
        logged = [formatEvent(event) for event in events]
        assert sum("could not record 5 unanswered questions" in line for line in logged) == 1
        assert sum("recorded 6 unanswered questions after 2 failed attempts" in line
                   for line in logged) == 1, logged
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_a_failing_batch_keeps_the_queue_bound(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    store = FailingStore(path, flush_seconds=0.5, flush_count=1000, max_queued=4)
    store.failures = 1
    try:
        asked = [store.unanswered("line", "en", f"q{i}") for i in range(3)]
        store.fake_clock.advance(0.5)
        await turn()
        asked += [store.unanswered("line", "en", f"r{i}") for i in range(3)]
        store.fake_clock.advance(0.5)
        assert await settled(asked) == [None, None, 1, 2, 3, 4]  # the two oldest went
        assert stored_questions(path) == ["q2", "r0", "r1", "r2"]
        assert store.dropped == 2
    finally:
        store.close()


@pytest_twisted.ensureDeferred
async def test_stopping_on_a_database_that_keeps_failing_ends_and_says_what_was_lost(
        tmp_path: Path) -> None:
    from twisted.internet import reactor

    path = tmp_path / "f.sqlite3"
    store = FailingStore(path, flush_seconds=0.01, flush_count=1000)
    store.clock = reactor  # real time: the stop's retries wait
    store.failures = 100
    store.startService()
    with capturedLogs() as events:
        asked = [store.unanswered("line", "en", f"q{i}") for i in range(3)]
        await store.stopService().addTimeout(5, reactor)
        assert store.transactions == 3 and not any(d.called for d in asked)
        store.close()  # the reactor's shutdown: one last try, on this thread
    assert results(asked) == [None, None, None] and store.dropped == 3
    logged = [formatEvent(event) for event in events]
    assert sum("lost 3 unanswered questions" in line for line in logged) == 1, logged
