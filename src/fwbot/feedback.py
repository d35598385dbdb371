"""Durable feedback: ratings of answers and the questions fwbot could not answer.

One SQLite file (stdlib ``sqlite3``) in WAL mode with ``synchronous=FULL``,
written through ``twisted.enterprise.adbapi`` with a single connection, so
there is exactly one writer thread and the reactor never waits on the disk.
A rating is acknowledged to the user only when the Deferred of ``rate``
fires, which is after the transaction committed: a ``kill -9`` right after
the acknowledgement loses nothing.

``report`` (shared by ``python -m fwbot.report`` and ``GET /admin/report``)
reads the same file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twisted.enterprise import adbapi
from twisted.internet.defer import Deferred

from fwbot.reply import Reply

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


class FeedbackStore:
    """Writes ratings and unanswered questions; every method returns a Deferred."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        open_db(self.path).close()  # a bad path fails now, at start-up, not on first use
        self.pool = adbapi.ConnectionPool(
            "sqlite3", str(self.path), check_same_thread=False,
            cp_min=1, cp_max=1, cp_openfun=_prepare)

    def rate(self, door: str, answered: Answered, rating: str,
             comment: str | None = None) -> Deferred[int]:
        """Store one rating; fires with its row id once committed."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be up or down, not {rating!r}")
        row = (time.time(), door, answered.intent, answered.lang, answered.reply_sha, rating,
               (comment or None) and comment[:COMMENT_CHARS])

        def insert(cursor: Any) -> int:
            cursor.execute("INSERT INTO ratings (at, door, intent, lang, reply_sha, rating, "
                           "comment) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            return int(cursor.lastrowid)

        return self.pool.runInteraction(insert)

    def unanswered(self, door: str, lang: str, question: str) -> Deferred[int]:
        """Store a question the engine answered as ``unknown``."""
        row = (time.time(), door, lang, question[:QUESTION_CHARS])

        def insert(cursor: Any) -> int:
            cursor.execute("INSERT INTO unanswered (at, door, lang, question) VALUES (?, ?, ?, ?)",
                           row)
            return int(cursor.lastrowid)

        return self.pool.runInteraction(insert)

    def report(self, top: int = 20) -> Deferred[dict[str, Any]]:
        return self.pool.runInteraction(lambda cursor: report_from(cursor, top))

    def close(self) -> None:
        self.pool.close()


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
