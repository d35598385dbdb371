"""The SQLite feedback store (through adbapi on the real reactor) and the report CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import pytest_twisted

from fwbot import report
from fwbot.feedback import Answered, FeedbackStore
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
            await store.unanswered("websocket", "en", question)
        summary = await store.report(top=5)
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
