"""Feedback against a real twistd: nothing acknowledged is lost, the disk is not filled.

The database file deleted or renamed over while the server runs, one client
rating without end, a table at its bound, and a disk that refuses writes
(``RLIMIT_FSIZE`` lowered on the running server with ``prlimit``: the kernel
then fails every write that would grow a file, as a full disk does).
"""

from __future__ import annotations

import json
import resource
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fwbot_process import HttpResult, Server, ask, line_client, read_until, running_server


def rate(server: Server, session: str, rating: str = "up", comment: str | None = None,
         source: str = "127.0.0.1") -> HttpResult:
    """``POST /api/feedback`` from ``source`` (any 127.0.0.0/8 address)."""
    body = {"session": session, "rating": rating}
    if comment is not None:
        body["comment"] = comment
    return raw_post(server, "/api/feedback", body, source)


def raw_post(server: Server, path: str, payload: Any, source: str) -> HttpResult:
    data = json.dumps(payload).encode()
    with socket.create_connection(("127.0.0.1", server.http_port), timeout=10,
                                  source_address=(source, 0)) as sock:
        sock.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\nContent-Length: %d\r\n\r\n%s"
                     % (path.encode(), len(data), data))
        answer = read_until(sock, b"\x00never")
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
    return HttpResult(int(status.split()[1]), headers, body)


def answered_session(server: Server, text: str = "What is Django?",
                     source: str = "127.0.0.1") -> str:
    return raw_post(server, "/api/ask", {"text": text}, source).json()["session"]


def rows(db: Path, query: str) -> list[Any]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query).fetchall()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["rm", "mv over it"])
def test_ratings_after_the_file_is_deleted_or_replaced_are_on_disk(tmp_path: Path,
                                                                   how: str) -> None:
    """The review: 6 of 6 ratings acknowledged after an rm, none on disk, nothing logged."""
    db = tmp_path / "feedback.sqlite3"
    with running_server(tmp_path, f"--db={db}") as server:
        sock = line_client(server)
        sock.sendall(b"What is Django?\n")
        read_until(sock, b"fwbot> ")
        sock.sendall(b"/rate up before\n")
        assert b"Thanks" in read_until(sock, b"fwbot> ")
        if how == "rm":
            db.unlink()
        else:
            fresh = tmp_path / "fresh.sqlite3"
            sqlite3.connect(fresh).close()  # an empty file: the server makes its tables
            fresh.rename(db)
        acknowledged = []
        for i in range(6):
            sock.sendall(b"What is Flask?\n")
            read_until(sock, b"fwbot> ")
            sock.sendall(b"/rate down after%d\n" % i)
            if b"Thanks" in read_until(sock, b"fwbot> "):
                acknowledged.append(f"after{i}")
        session = answered_session(server)
        assert rate(server, session, comment="over http").status == 200
        sock.close()
        log = server.log()
    assert acknowledged == [f"after{i}" for i in range(6)]
    stored = [c for (c,) in rows(db, "SELECT comment FROM ratings ORDER BY id")]
    assert stored == [*acknowledged, "over http"]
    what = "deleted" if how == "rm" else "replaced"
    assert log.count(f"the feedback database {db} was {what} while open") == 1, log
    assert "Traceback" not in log


def test_one_client_cannot_fill_the_disk_and_the_others_still_rate(tmp_path: Path) -> None:
    """One answer is one row however often rated; one address is held to its rate;
    another address (the classroom next door) is not; comments are bounded."""
    db = tmp_path / "feedback.sqlite3"
    with running_server(tmp_path, f"--db={db}", "--rating-rate=2", "--rating-burst=30",
                        "--rating-comment-max=40", "--rate=1000", "--burst=1000") as server:
        session = answered_session(server)
        started = time.monotonic()
        statuses = [rate(server, session, "up" if i % 2 else "down", f"flood {i}").status
                    for i in range(60)]
        elapsed = time.monotonic() - started
        refused = rate(server, session)
        other = answered_session(server, source="127.0.0.2")
        neighbour = rate(server, other, comment="from next door", source="127.0.0.2")
        too_long = rate(server, other, comment="x" * 41, source="127.0.0.2")
    # The burst, and 2 a second meanwhile.
    assert 30 <= statuses.count(200) <= 31 + 2 * elapsed, (statuses, elapsed)
    assert statuses[-1] == 429 and refused.status == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["retry-after"]) >= 1
    assert neighbour.status == 200
    assert too_long.status == 400 and too_long.json()["error"]["code"] == "invalid_field"
    stored = rows(db, "SELECT comment FROM ratings ORDER BY id")
    assert len(stored) == 2  # 60 ratings of one answer: one row, the last accepted one
    assert stored[0][0].startswith("flood ") and stored[1] == ("from next door",)


def test_a_full_ratings_table_refuses_new_ratings_with_one_log_line(tmp_path: Path) -> None:
    db = tmp_path / "feedback.sqlite3"
    with running_server(tmp_path, f"--db={db}", "--db-max-ratings=3",
                        "--db-max-unanswered=2") as server:
        sessions = [answered_session(server) for _ in range(5)]
        statuses = [rate(server, session).status for session in sessions]
        changed = rate(server, sessions[0], "down")  # a change takes no room
        refused = rate(server, sessions[4])
        for i in range(4):
            assert ask(server, {"text": f"xyzzy frobozz {i}"}).json()["intent"] == "unknown"
        wait_for(lambda: "--db-max-unanswered=2" in server.log(), "the unanswered bound")
        log = server.log()
    assert statuses == [200, 200, 200, 507, 507] and changed.status == 200
    assert refused.json()["error"]["code"] == "storage_full"
    assert log.count("holds 3 rows, its bound (--db-max-ratings=3)") == 1, log
    assert rows(db, "SELECT count(*) FROM ratings") == [(3,)]
    assert rows(db, "SELECT count(*) FROM unanswered") == [(2,)]


def test_a_full_disk_keeps_the_unanswered_questions_and_writes_them_later(
        tmp_path: Path) -> None:
    """RLIMIT_FSIZE at the write-ahead log's size: every commit fails as on a full disk
    (the log file, much smaller, can still grow). Ratings are refused, questions wait;
    once writes work again the questions are written, none lost."""
    db = tmp_path / "feedback.sqlite3"
    wal = tmp_path / "feedback.sqlite3-wal"
    questions = [f"plugh xyzzy {i}" for i in range(5)]
    with running_server(tmp_path, f"--db={db}") as server:
        for _ in range(10):  # grow the log well past the size of twistd's own log
            assert rate(server, answered_session(server)).status == 200
        assert wal.stat().st_size > 4 * server.log_path.stat().st_size
        pid = server.process.pid
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (wal.stat().st_size, resource.RLIM_INFINITY))
        try:
            full = rate(server, answered_session(server))
            for question in questions:
                assert ask(server, {"text": question}).json()["intent"] == "unknown"
            wait_for(lambda: "could not record 5 unanswered questions" in server.log(),
                     "a failed batch")
            time.sleep(1.0)  # a retry or two fail too
            assert rows(db, "SELECT count(*) FROM unanswered") == [(0,)]
        finally:
            resource.prlimit(pid, resource.RLIMIT_FSIZE,
                             (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        wait_for(lambda: len(rows(db, "SELECT id FROM unanswered")) == 5, "the retry", 20)
        after = rate(server, answered_session(server))
        log = server.log()
    assert full.status == 503 and full.json()["error"]["code"] == "storage_unavailable"
    assert after.status == 200
    assert sorted(q for (q,) in rows(db, "SELECT question FROM unanswered")) == questions
    assert log.count("could not write to the feedback database") == 1, log
    assert log.count("works again") == 1
    assert "recorded 5 unanswered questions after" in log
    assert "dropped" not in log and "Traceback" not in log
