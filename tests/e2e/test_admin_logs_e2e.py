"""Admin and logs against a real twistd: token guessing, the token's exposure, what
reaches the log, a --db that cannot be used, and the small HTTP rules (nosniff,
Host, refused WebSocket handshakes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

import pytest
import websocket
from fwbot_process import TWISTD, Server, line_client, read_until, running_server

from fwbot.feedback import open_db

TOKEN = "9f2c6e1d-admin-token-from-a-file"


def raw(server: Server, request: bytes, source: str = "127.0.0.1") -> bytes:
    """One request on its own connection from ``source``; everything the server sent."""
    with socket.create_connection(("127.0.0.1", server.http_port), timeout=10,
                                  source_address=(source, 0)) as sock:
        sock.sendall(request)
        return read_until(sock, b"\x00never", timeout=5)


def admin(server: Server, token: str | None, source: str = "127.0.0.1") -> tuple[int, bytes]:
    auth = b"Authorization: Bearer %s\r\n" % token.encode() if token is not None else b""
    answer = raw(server, b"GET /admin/report HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n"
                 % auth, source)
    return int(answer.split(b" ", 2)[1]), answer


def test_guessing_the_admin_token_is_limited_per_address_and_logged(tmp_path: Path) -> None:
    """The review guessed at 1,843 tries/s on one connection."""
    token_file = tmp_path / "admin-token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    with running_server(tmp_path, f"--admin-token-file={token_file}",
                        "--admin-fail-burst=10", "--admin-fail-rate=0.1") as server:
        cmdline = Path(f"/proc/{server.process.pid}/cmdline").read_bytes()
        started = time.monotonic()
        guesses = [admin(server, f"guess-{i}")[0] for i in range(30)]
        elapsed = time.monotonic() - started
        status, locked = admin(server, TOKEN)  # even the right token waits now
        neighbour, _ = admin(server, TOKEN, source="127.0.0.2")  # another address does not
        log = server.log()
    assert TOKEN.encode() not in cmdline
    assert guesses[:10] == [403] * 10
    assert guesses[10:].count(403) <= 1 + elapsed * 0.1 and guesses[-1] == 429, guesses
    assert status == 429 and neighbour == 200
    head, _, body = locked.partition(b"\r\n\r\n")
    assert int(re.search(rb"(?i)retry-after: (\d+)", head).group(1)) >= 1
    assert json.loads(body)["error"]["code"] == "too_many_attempts"
    assert log.count("wrong admin token from 127.0.0.1") == guesses.count(403)
    assert "its admin requests are refused for" in log
    assert "guess-" not in log and TOKEN not in log


def test_the_plain_admin_token_option_says_it_is_exposed(tmp_path: Path) -> None:
    helped = subprocess.run([str(TWISTD), "fwbot", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30, check=True).stdout
    assert "--admin-token-file=" in helped
    assert "/proc/PID/cmdline" in " ".join(helped.split())
    with running_server(tmp_path, "--admin-token=plain-token") as server:
        status, _ = admin(server, "plain-token")
        log = server.log()
    assert status == 200
    assert "--admin-token is readable by every local user" in log and "plain-token" not in log


ESC = b"\x1b[31m"
NASTY_HANDSHAKES = [
    b"Sec-WebSocket-Version: 1" + ESC + b"3\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + ESC + b"dGhlIHNhbXBsZSBub25j==",
    b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Origin: http://evil.example\x1b[2J\x07",
    b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Protocol: chat" + ESC + b", chat" + ESC,
]


def test_no_client_text_reaches_the_log_unescaped(tmp_path: Path) -> None:
    """Autobahn logged a client's Sec-WebSocket-Version with its ESC bytes; every header,
    URI, telnet byte and message a client controls is sent here with control characters
    in it, and the log (text and JSON) must hold none of them."""
    with running_server(tmp_path, "--ws-origins=http://good.example", "--admin-token=t0k",
                        "--log-json=log.jsonl") as server:
        answers = []
        for extra in NASTY_HANDSHAKES:
            answers.append(raw(server, b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               b"Upgrade: websocket\r\nConnection: Upgrade\r\n" + extra
                               + b"\r\n\r\n"))
        answers.append(raw(server, b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + ESC + b"\r\n"
                           b"Upgrade: websocket" + ESC + b"\r\nConnection: Upgrade\r\n"
                           b"Sec-WebSocket-Version: 13\r\n\r\n"))
        for request in (b"HEAD /nowhere" + ESC + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"HEAD /api/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        b"GET /admin/report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        b"Authorization: Bearer " + ESC + b"\r\n\r\n",
                        b"GET /api/frameworks/%1b%5b31m HTTP/1.1\r\nHost: x" + ESC
                        + b"\r\nAccept-Language: uk" + ESC + b"\r\nConnection: close\r\n\r\n"):
            answers.append(raw(server, request))
        line = line_client(server)
        line.sendall(b"\x1b[2J\x07\xff\xf4\xff\xfd\x06hello\x1b]0;pwned\x07\r\n"
                     b"\xff\xfa\x1f" + ESC + b"\xff\xf0\xff\x99/rate up " + ESC + b"\n")
        read_until(line, b"fwbot> ")
        line.close()
        ws = websocket.create_connection(server.ws_url, timeout=5, origin="http://good.example")
        ws.recv()
        ws.send("What is \x1b[31mDjango\x1b[0m?\u202e")
        ws.recv()
        ws.close()
        time.sleep(0.5)
        text_log = server.log_path.read_bytes()
        json_log = (tmp_path / "log.jsonl").read_text("utf-8")
    assert all(b"\x1b" not in answer for answer in answers)
    bad = re.findall(rb"[\x00-\x08\x0b-\x1f\x7f]", text_log)
    assert not bad, text_log.decode("utf-8", "replace")
    assert text_log.count(b"refused a WebSocket opening handshake") >= len(NASTY_HANDSHAKES)
    assert b"\\x1b" in text_log  # shown, escaped
    decoded = text_log.decode("utf-8")
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", decoded)
    assert all(json.loads(entry) for entry in json_log.splitlines())
    assert "\\u001b" not in json_log and "What is" not in decoded


def refused_start(tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TWISTD), "-n", "--pidfile=", "fwbot", "--telnet=tcp:0",
                           "--http=tcp:0", f"--db={db}"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=30, check=False)


def read_only(path: Path) -> None:
    """Make ``path`` unwritable for this user: mode 0444, or immutable for root."""
    if os.geteuid() != 0:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                        capture_output=True).returncode != 0:
        pytest.skip("as root only an immutable file is read-only, and chattr +i failed "
                    "here (no CAP_LINUX_IMMUTABLE, or a filesystem without it)")


@pytest.mark.parametrize("kind", ["garbage", "read-only", "a directory", "under a file"])
def test_a_db_that_cannot_be_used_stops_the_start_in_one_line(tmp_path: Path,
                                                              kind: str) -> None:
    """The review: a read-only or garbage --db gave a 30-line double traceback."""
    db = tmp_path / "feedback.sqlite3"
    reason = {"garbage": "file is not a database",
              "read-only": "attempt to write a readonly database",
              "a directory": "unable to open database file",
              "under a file": "File exists"}[kind]  # (what mkdir says of a file)
    if kind == "garbage":
        db.write_bytes(os.urandom(8192))
    elif kind == "read-only":
        open_db(db).close()  # a good database, only not writable
        read_only(db)
    elif kind == "a directory":
        db.mkdir()
    else:
        (tmp_path / "state").write_text("a file")
        db = tmp_path / "state" / "feedback.sqlite3"
    try:
        result = refused_start(tmp_path, db)
    finally:
        if kind == "read-only" and os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"fwbot: refusing to start, --db={db}: ") and reason in line, line
    assert "Traceback" not in result.stdout + result.stderr


def curl_headers(*args: str) -> str:
    result = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", *args],
                            capture_output=True, text=True, timeout=30, check=True)
    return result.stdout.lower()


def test_small_http_rules_through_real_clients(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        for path in ("/healthz", "/api/frameworks", "/nowhere", "/"):
            assert "x-content-type-options: nosniff" in curl_headers(server.url(path)), path
        ask = curl_headers(server.url("/api/ask"), "-H", "Content-Type: application/json",
                           "-d", '{"text": "What is Flask?"}')
        assert ask.startswith("http/1.1 200") and "nosniff" in ask
        no_host = curl_headers("-H", "Host:", server.url("/healthz"))  # curl drops the header
        two_hosts = raw(server, b"GET /healthz HTTP/1.1\r\nHost: a.example\r\n"
                        b"Host: b.example\r\n\r\n")
        http10 = raw(server, b"GET /healthz HTTP/1.0\r\n\r\n")
        bad_version = raw(server, b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Version: 1\x1b[31m3\r\n"
                          b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        bad_key = raw(server, b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      b"Sec-WebSocket-Key: not-a-key\r\n\r\n")
    assert no_host.startswith("http/1.1 400") and "application/json" in no_host
    head, _, body = two_hosts.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"connection: close" in head.lower()
    assert json.loads(body)["error"]["code"] == "bad_request"
    assert http10.startswith((b"HTTP/1.0 200", b"HTTP/1.1 200"))
    for answer in (bad_version, bad_key):
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n"), head
        assert b"nosniff" in head and b"application/json" in head
        assert json.loads(body)["error"]["code"] == "bad_handshake"
