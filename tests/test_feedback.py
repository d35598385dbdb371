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
from fwbot.feedback import Answered, FeedbackLast, FeedbackStore
from fwbot.reply import Reply


@pytest_twisted.ensureDeferred
async def test_store_commits_ratings_and_unanswered_questions(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "f.sqlite3")
    try:
        answered = Answered.of(Reply(reply="Django is ...", intent="describe", lang="en"))
        first = await store.rate("line", answered, "up", "great")
        second = await store.rate("http", answered, "down", None)
        assert (first, second) == (1, 2)
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
        from fwbot.feedback import SCHEMA

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
        run = self.pool.runInteraction

        def counted(*args: Any, **kwargs: Any) -> Deferred[Any]:
            self.transactions += 1
            return run(*args, **kwargs)

        self.pool.runInteraction = counted  # type: ignore[method-assign]


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
        run = self.pool.runInteraction  # the counting one

        def held(interaction: Any, *args: Any, **kwargs: Any) -> Deferred[Any]:
            def slowly(cursor: Any, *a: Any, **k: Any) -> Any:
                assert self.go.acquire(timeout=5)
                return interaction(cursor, *a, **k)

            return run(slowly, *args, **kwargs)

        self.pool.runInteraction = held  # type: ignore[method-assign]


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


@pytest.mark.parametrize("adbapi_first", [False, True])
def test_the_reactor_shutdown_writes_a_batch_in_flight_and_the_questions_behind_it(
        tmp_path: Path, adbapi_first: bool) -> None:
    """The review's race: the reactor stops while a batch is being written, so the
    batch's callback (which would write the queue) never runs; the shutdown
    trigger still writes every question, whichever of it and adbapi's goes first."""
    path = tmp_path / "f.sqlite3"
    shutdown = Shutdown()
    store = HeldStore(path, flush_seconds=60, flush_count=2, reactor=shutdown)
    store.startService()
    store.stopService()  # nothing queued yet; from now on each question goes at once
    asked = [store.unanswered("http", "en", f"q{i}") for i in range(5)]
    assert store.transactions == 1  # q0 is being written, the others queue behind it
    store.go.release()  # the disk catches up just as the reactor stops
    if adbapi_first:
        store.pool.close()  # what adbapi's "during shutdown" trigger does: join, close
    shutdown.fire()
    # No reactor turn since: q0's batch has not called back, as at a real exit.
    assert stored_questions(path) == ["q0", "q1", "q2", "q3", "q4"]
    assert results(asked) == [..., 2, 3, 4, 5]
    assert store.transactions == 1  # the queue went on this thread: the pool was closed


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
