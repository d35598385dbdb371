"""SIGTERM goodbyes, durable feedback across kill -9, admin endpoints and JSON logs."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import websocket
from fwbot_process import REPO, ask, http, line_client, read_until, running_server

GRACE = 3


def test_sigterm_says_goodbye_finishes_http_and_exits_in_grace(tmp_path: Path) -> None:
    with running_server(tmp_path, f"--shutdown-grace={GRACE}") as server:
        telnet = line_client(server)
        telnet.sendall(b"/lang uk\n")
        read_until(telnet, b"fwbot> ")
        ws = websocket.create_connection(server.ws_url, timeout=5)
        json.loads(ws.recv())
        body = json.dumps({"text": "What is Flask?"}).encode()
        slow = socket.create_connection(("127.0.0.1", server.http_port), timeout=5)
        slow.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body[:5])
        time.sleep(0.2)

        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        goodbye = read_until(telnet, b"\x00never", timeout=GRACE + 2)
        assert "Сервер зупиняється".encode() in goodbye
        message = json.loads(ws.recv())
        assert (message["type"], message["code"]) == ("error", "shutting_down")
        opcode, frame = ws.recv_data_frame(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(frame.data[:2], "big") == 1001
        slow.sendall(body[5:])  # the in-flight request is finished, not cut
        answer = read_until(slow, b"\x00never", timeout=GRACE + 2)
        assert answer.startswith(b"HTTP/1.1 200") and b"Flask" in answer
        server.process.wait(timeout=GRACE + 5)
        elapsed = time.monotonic() - started
        for sock in (telnet, slow):
            sock.close()
        ws.close()
    # twistd ends by re-raising the signal it stopped on, so the status says SIGTERM.
    assert server.process.returncode in (0, -signal.SIGTERM)
    assert "Traceback" not in server.log()
    assert elapsed < GRACE + 2.5, elapsed


def test_sigterm_with_an_idle_server_exits_at_once(tmp_path: Path) -> None:
    with running_server(tmp_path, "--shutdown-grace=10") as server:
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=10)
        assert time.monotonic() - started < 3


def test_kill_9_loses_no_acknowledged_rating(tmp_path: Path) -> None:
    db = tmp_path / "feedback.sqlite3"
    with running_server(tmp_path, f"--db={db}", "--rate=100000", "--burst=100000",
                        "--rating-rate=100000", "--rating-burst=100000") as server:
        sock = line_client(server)
        acknowledged: list[int] = []
        deadline = time.monotonic() + 10
        i = 0
        # At least 1.5 s of ratings, and on with it until 21 are acknowledged; each of
        # a new answer (rating an answer again replaces its rating).
        started = time.monotonic()
        while (time.monotonic() < deadline and i < 5000
               and (time.monotonic() - started < 1.5 or len(acknowledged) <= 20)):
            sock.sendall(b"What is Django?\n")
            read_until(sock, b"fwbot> ", timeout=5)
            sock.sendall(b"/rate up c%d\n" % i)
            if b"Thanks" in read_until(sock, b"fwbot> ", timeout=5):
                acknowledged.append(i)
            i += 1
        sock.sendall(b"".join(b"What is Flask?\n/rate down d%d\n" % j
                              for j in range(50)))  # in flight
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=5)
        sock.close()
    with sqlite3.connect(db) as connection:
        stored = {row[0] for row in connection.execute("SELECT comment FROM ratings")}
    missing = [n for n in acknowledged if f"c{n}" not in stored]
    print(f"kill -9: {len(acknowledged)} ratings acknowledged, {len(stored)} rows on disk, "
          f"{len(missing)} acknowledged rows missing")
    assert len(acknowledged) > 20
    assert not missing


def test_sigterm_writes_the_unanswered_questions_still_queued(tmp_path: Path) -> None:
    """Unanswered questions wait up to 0.5 s to be written together; none is lost on TERM."""
    db = tmp_path / "feedback.sqlite3"
    questions = [f"plugh {i}" for i in range(40)]
    with running_server(tmp_path, f"--db={db}", "--rate=1000", "--burst=1000") as server:
        sock = line_client(server)
        sock.sendall("".join(f"{q}\n" for q in questions).encode())
        answers = b""
        while answers.count(b"fwbot> ") < len(questions):
            answers += read_until(sock, b"fwbot> ", timeout=5)
        server.process.send_signal(signal.SIGTERM)  # within the flush interval
        server.process.wait(timeout=10)
        sock.close()
    with sqlite3.connect(db) as connection:
        stored = [q for (q,) in connection.execute("SELECT question FROM unanswered")]
    assert sorted(stored) == sorted(questions)


def test_sigterm_writes_the_unanswered_questions_asked_during_the_grace(
        tmp_path: Path) -> None:
    """Requests under way at TERM finish during the grace, in waves, each asking
    something fwbot cannot answer. Another process holds the database's write lock
    meanwhile (a slow disk), so a batch is still being written when the drain ends,
    with the later questions queued behind it: the store's last write comes after
    the doors' and waits for that batch, and none of them is lost."""
    db = tmp_path / "feedback.sqlite3"
    waves = [[f"xyzzy grace {w} {i}" for i in range(12)] for w in range(4)]
    with running_server(tmp_path, f"--db={db}", "--rate=1000", "--burst=1000",
                        "--max-per-ip=100", "--shutdown-grace=10") as server:
        requests = []
        for wave in waves:
            for question in wave:
                body = json.dumps({"text": question}).encode()
                sock = socket.create_connection(("127.0.0.1", server.http_port), timeout=5)
                sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n" % len(body) + body[:5])
                requests.append((sock, body))
        time.sleep(0.2)
        blocker = sqlite3.connect(db, isolation_level=None, timeout=5)
        try:
            blocker.execute("BEGIN IMMEDIATE")  # the server's writes wait (busy_timeout 5 s)
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            # 0.3 s apart: the first wave's batch (0.5 s after it) is being written
            # while the later waves queue behind it.
            for w in range(len(waves)):
                if w:
                    time.sleep(0.3)
                wave = requests[w * 12:(w + 1) * 12]
                for sock, body in wave:
                    sock.sendall(body[5:])
                for sock, _ in wave:
                    answer = read_until(sock, b"\x00never", timeout=5)
                    assert answer.startswith(b"HTTP/1.1 200") and b'"unknown"' in answer
                    sock.close()
            time.sleep(0.7)  # every connection is closed: the drain is over
            assert server.process.poll() is None  # still writing
        finally:
            blocker.close()  # rolls back: the lock is free
        server.process.wait(timeout=15)
        elapsed = time.monotonic() - started
    assert elapsed < 5, elapsed  # the drain ended with the requests, not at the grace
    with sqlite3.connect(db) as connection:
        stored = [q for (q,) in connection.execute("SELECT question FROM unanswered")]
    assert sorted(stored) == sorted(q for wave in waves for q in wave)
    assert "Traceback" not in server.log()


def test_admin_report_logs_and_the_report_cli(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    secret = "plugh xyzzy frobozz"
    with running_server(tmp_path, "--admin-token=tok3n", f"--db={db}",
                        "--log-json=log.jsonl") as server:
        for _ in range(2):
            assert ask(server, {"text": secret}).json()["intent"] == "unknown"
        auth = {"Authorization": "Bearer tok3n"}
        assert http(server.url("/admin/report"), headers={"Authorization": "Bearer no"}
                    ).status == 403
        assert http(server.url("/admin/report")).status == 401
        deadline = time.monotonic() + 5
        while True:
            report = http(server.url("/admin/report"), headers=auth).json()
            if report["unanswered_total"] >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert report["unanswered"][0] == {"question": secret, "count": 2, "lang": "en"}
        reloaded = http(server.url("/admin/reload"), "POST", b"", auth)
        assert reloaded.status == 200 and reloaded.json() == {"status": "reloaded"}
        log_lines = (tmp_path / "log.jsonl").read_text("utf-8").splitlines()
        text_log = server.log()
    assert log_lines and all(json.loads(line) for line in log_lines)
    assert any("reloaded" in line for line in log_lines)
    assert "plugh" not in "\n".join(log_lines) and "plugh" not in text_log
    cli = subprocess.run([sys.executable, "-m", "fwbot.report", "--db", str(db)],
                         capture_output=True, text=True, timeout=30, check=True, cwd=REPO)
    assert f"    2  [en] {secret}" in cli.stdout
