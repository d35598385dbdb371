"""Rate and connection limits of a real twistd, through every door."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import websocket
from contracts import check_http, check_ws_server
from fwbot_process import Server, ask, http, line_client, read_until, running_server


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("limited"), "--rate=2", "--burst=5",
                        "--max-per-ip=6") as server:
        yield server


def test_line_flood_is_told_to_slow_down_and_the_session_goes_on(limited: Server) -> None:
    with line_client(limited) as sock:
        sock.sendall(b"".join(b"What is Flask? %d\n" % i for i in range(40)))
        out = read_until(sock, b"slow down", timeout=5)
        time.sleep(0.3)
        sock.settimeout(0.3)
        with contextlib.suppress(TimeoutError):
            out += sock.recv(1 << 20)
        assert out.count(b"slow down") == 1
        assert 5 <= out.count(b"fwbot> ") <= 7  # the burst answered, one notice, no more
        time.sleep(1.0)  # two tokens come back
        sock.sendall(b"What is Django?\n")
        assert b"Django" in read_until(sock, b"fwbot> ")


def test_websocket_flood_gets_rate_limited_and_stays_open(limited: Server) -> None:
    ws = websocket.create_connection(limited.ws_url, timeout=5)
    try:
        json.loads(ws.recv())  # hello
        for i in range(12):
            ws.send(json.dumps({"type": "ask", "text": f"What is Flask? {i}"}))
        kinds = []
        for _ in range(6):
            message = json.loads(ws.recv())
            check_ws_server(message)
            kinds.append(message["type"] if message["type"] == "reply" else message["code"])
        assert kinds == ["reply"] * 5 + ["rate_limited"]
        time.sleep(0.6)
        ws.send(json.dumps({"type": "ask", "text": "What is Django?"}))
        assert json.loads(ws.recv())["type"] == "reply"
    finally:
        ws.close()


def test_http_flood_gets_429_with_retry_after(limited: Server) -> None:
    statuses = [ask(limited, {"text": "What is Flask?"}, {"Accept-Language": "uk"})
                for _ in range(8)]
    # --burst=5 at once, and at --rate=2 one more at most while they are sent
    assert 5 <= [r.status for r in statuses].count(200) <= 7
    refused = next(r for r in statuses if r.status == 429)
    body = refused.json()
    check_http("/api/ask", "POST", 429, body)
    assert body["error"]["code"] == "rate_limited" and "пригальмуйте" in body["error"]["message"]
    assert int(refused.headers["retry-after"]) >= 1


def test_per_ip_limit_refuses_politely_on_every_door(limited: Server) -> None:
    # (admitted: the earlier tests' last connections may hold a place a moment longer,
    # and a held client refused for it would leave the seventh a place)
    held = [admitted_line_client(limited) for _ in range(6)]
    try:
        with socket.create_connection(("127.0.0.1", limited.telnet_port), timeout=5) as extra:
            refusal = read_until(extra, b"\n\n", timeout=3)
        assert b"Too many connections" in refusal and "Забагато".encode() in refusal
        refused = http(limited.url("/healthz"))
        assert refused.status == 503 and refused.json()["error"]["code"] == "too_many_connections"
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 5
    while http(limited.url("/healthz")).status != 200:
        assert time.monotonic() < deadline, "closed connections were not counted out"
        time.sleep(0.05)


def admitted_line_client(server: Server) -> socket.socket:
    """A line client the gate let in, however long the last closed connection held on.

    The start-up probes of ``running_server`` (connect, close) hold a place
    until the server has seen them close; a client that comes a moment
    sooner is refused -- correctly -- and tries again here.
    """
    deadline = time.monotonic() + 10
    while True:
        sock = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5)
        if read_until(sock, b"fwbot> ", timeout=5).endswith(b"fwbot> "):
            return sock
        sock.close()
        assert time.monotonic() < deadline, "never admitted"
        time.sleep(0.05)


def test_global_cap_refuses_politely(tmp_path: Path) -> None:
    with running_server(tmp_path, "--max-connections=2", "--max-per-ip=50") as server:
        held = [admitted_line_client(server), admitted_line_client(server)]
        try:
            with socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5) as extra:
                assert b"Too many connections" in read_until(extra, b"\n\n", timeout=3)
            assert http(server.url("/healthz")).status == 503
        finally:
            for sock in held:
                sock.close()


# -- per address, over every door and connection ---------------------------------------

NEIGHBOUR = "127.0.0.2"


@pytest.fixture(scope="module")
def per_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("per-address"), "--db=none", "--rate=0.5",
                        "--burst=4",
                        "--address-rate=0.5", "--address-burst=6", "--session-rate=0.1",
                        "--session-burst=3") as server:
        yield server


def line_from(server: Server, host: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.telnet_port), timeout=5,
                                    source_address=(host, 0))
    read_until(sock, b"fwbot> ")
    return sock


def test_reconnecting_gets_no_fresh_burst_and_the_neighbour_is_not_slowed(
        per_address: Server) -> None:
    with line_from(per_address, "127.0.0.1") as first:
        first.sendall(b"What is Flask?\n" * 4)
        out = b""
        while out.count(b"fwbot> ") < 4:
            out += read_until(first, b"fwbot> ")
        assert b"slow down" not in out
    with line_from(per_address, "127.0.0.1") as second:  # a fresh connection, same address
        second.sendall(b"What is Django?\n" * 4)
        out = read_until(second, b"slow down", timeout=5)
        answered = out.split(b"slow down")[0].count(b"fwbot> ")
        assert answered == 2 and b"slow down" in out  # 6 for the address in all
    with line_from(per_address, NEIGHBOUR) as neighbour:
        neighbour.sendall(b"What is Django?\n")
        assert b"Django" in read_until(neighbour, b"fwbot> ")
    refused = ask(per_address, {"text": "What is Flask?"})  # the HTTP door shares the bucket
    assert refused.status == 429 and refused.json()["error"]["code"] == "rate_limited"


def ws_from(server: Server, host: str) -> websocket.WebSocket:
    sock = socket.create_connection(("127.0.0.1", server.http_port), timeout=5,
                                    source_address=(host, 0))
    return websocket.create_connection(server.ws_url, timeout=5, socket=sock)


def test_websocket_sessions_from_one_address_are_limited(per_address: Server) -> None:
    opened = []
    try:
        for _ in range(6):  # opening costs no session: every one says hello
            ws = ws_from(per_address, "127.0.0.3")  # an address with all its tokens
            opened.append(ws)
            assert json.loads(ws.recv())["type"] == "hello"
        kinds = []
        for ws in opened[:4]:  # a session is stored at its first question: 3 at once
            ws.send(json.dumps({"type": "lang", "lang": "uk"}))
            message = json.loads(ws.recv())
            check_ws_server(message)
            kinds.append(message["type"] if message["type"] == "reply" else message["code"])
        assert kinds == ["reply", "reply", "reply", "rate_limited"]
        neighbour = ws_from(per_address, "127.0.0.4")
        opened.append(neighbour)
        assert json.loads(neighbour.recv())["type"] == "hello"
        neighbour.send(json.dumps({"type": "lang", "lang": "en"}))
        assert json.loads(neighbour.recv())["type"] == "reply"  # another address: unaffected
    finally:
        for ws in opened:
            ws.close()


def test_help_lists_every_limit(tmp_path: Path) -> None:
    from fwbot_process import TWISTD

    from fwbot.service import limit_fields

    helped = subprocess.run([str(TWISTD), "fwbot", "--help"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, check=True).stdout
    for declared in limit_fields():
        assert f"--{declared.metadata['option']}=" in helped
    assert "--address-rate=" in helped and "[default: 20]" in helped


def test_a_classroom_behind_one_address_works_normally(server: Server) -> None:
    """30 people behind one NAT address (127.0.0.5), on all three doors, default limits.

    They all ask at the same moment (the teacher said "go"), then at a brisk
    person's pace: one question every 1-2 s each, about 20 a second in all
    at first. Nobody is told to slow down and nobody waits long.
    """
    import random
    import threading

    classroom, questions = "127.0.0.5", 6
    problems: list[str] = []
    slowest = [0.0]
    start = threading.Barrier(30)

    def ask_http(session: str | None) -> tuple[str, str | None]:
        body = json.dumps({"text": "What is Flask?", **({"session": session} if session else {})})
        with socket.create_connection(("127.0.0.1", server.http_port), timeout=10,
                                      source_address=(classroom, 0)) as connection:
            connection.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                               % (len(body), body.encode()))
            raw = read_until(connection, b"\x00", timeout=10).decode("utf-8")  # until closed
        if raw.startswith("HTTP/1.1 200"):
            session = json.loads(raw.split("\r\n\r\n", 1)[1])["session"]
        return raw, session

    def pupil(door: str, n: int) -> None:
        rng = random.Random(n)
        try:
            with contextlib.ExitStack() as stack:
                if door == "line":
                    line = stack.enter_context(line_from(server, classroom))
                elif door == "websocket":
                    ws = ws_from(server, classroom)
                    stack.callback(ws.close)
                    json.loads(ws.recv())
                start.wait(timeout=20)
                session = None
                for i in range(questions):
                    began = time.monotonic()
                    if door == "line":
                        line.sendall(b"What is Flask?\n")
                        answer = read_until(line, b"fwbot> ").decode("utf-8", "replace")
                    elif door == "websocket":
                        ws.send(json.dumps({"type": "ask", "text": "What is Flask?"}))
                        answer = ws.recv()
                    else:
                        answer, session = ask_http(session)
                    slowest[0] = max(slowest[0], time.monotonic() - began)
                    if "Flask" not in answer or "slow down" in answer or "rate_limited" in answer:
                        problems.append(f"{door} {n} question {i}: {answer[:120]!r}")
                    time.sleep(rng.uniform(1.0, 2.0))
        except Exception as exc:  # reported below with the others
            problems.append(f"{door} {n}: {exc!r}")

    pupils = [threading.Thread(target=pupil, args=(door, n))
              for n, door in enumerate(["line", "websocket", "http"] * 10)]
    for thread in pupils:
        thread.start()
    for thread in pupils:
        thread.join(timeout=60)
    assert not problems, problems
    assert slowest[0] < 2.0, f"a pupil waited {slowest[0]:.2f} s for an answer"
