"""The service as an operator meets it: --help, a broken knowledge base, kill -HUP."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import websocket
from fwbot_process import TWISTD, Server, ask, http, line_client, read_until, running_server

from fwbot.knowledge import default_data_dir

OPTIONS = ["--telnet=", "--http=", "--data=", "--line-max-bytes=", "--line-idle-timeout=",
           "--ws-max-message=", "--http-max-body=", "--http-timeout=", "--session-idle=",
           "--max-sessions=", "--rating-rate=", "--rating-burst=", "--rating-comment-max=",
           "--db-max-ratings=", "--db-max-unanswered=", "--admin-token-file=",
           "--admin-fail-burst=", "--admin-fail-rate="]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_help_documents_every_option(tmp_path: Path) -> None:
    result = subprocess.run([str(TWISTD), "fwbot", "--help"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=30, check=True)
    for option in OPTIONS:
        assert option in result.stdout, option
    assert "endpoint" in result.stdout and "none" in result.stdout


def test_broken_knowledge_base_refuses_to_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    with (data / "frameworks" / "flask.yaml").open("a", encoding="utf-8") as f:
        f.write("traits: [unclosed\n")
    result = subprocess.run([str(TWISTD), "-n", "--pidfile=", "fwbot", "--telnet=tcp:0",
                             "--http=tcp:0", f"--data={data}"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 1
    assert re.search(r"flask\.yaml:\d+: ", result.stderr), result.stderr
    assert "Usage:" not in result.stdout + result.stderr


def test_bad_endpoint_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([str(TWISTD), "-n", "--pidfile=", "fwbot", "--telnet=bogus:1"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode != 0  # twistd prints usage errors on stdout
    assert "--telnet=bogus:1: not a Twisted endpoint" in result.stdout + result.stderr


def new_framework(bottle: str) -> str:
    """A valid framework file for a framework the built-in knowledge base lacks."""
    text = bottle.replace("id: bottle", "id: nanoweb").replace("name: Bottle", "name: NanoWeb")
    text = re.sub(r"aliases: \[.*\]", "aliases: [нановеб]", text)
    return text.replace("Bottle", "NanoWeb").replace("bottlepy.org", "nanoweb.example")


def test_hup_reloads_and_a_broken_reload_keeps_serving(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    flask = data / "frameworks" / "flask.yaml"
    good = flask.read_text("utf-8")
    with running_server(tmp_path, f"--data={data}") as server:
        assert http(server.url("/api/frameworks/nanoweb")).status == 404

        # A broken file: refused with file:line, the old knowledge keeps answering.
        flask.write_text(good + "traits: [unclosed\n", "utf-8")
        server.hup()
        wait_for(lambda: "reload refused" in server.log(), "the refused reload in the log")
        assert re.search(r"flask\.yaml:\d+: ", server.log())
        assert_serving(server)

        # Fixed, plus a new framework: the next HUP brings it in, connections untouched.
        flask.write_text(good, "utf-8")
        (data / "frameworks" / "nanoweb.yaml").write_text(
            new_framework((data / "frameworks" / "bottle.yaml").read_text("utf-8")), "utf-8")
        session = ask(server, {"text": "What is Django?"}).json()["session"]
        server.hup()
        wait_for(lambda: "knowledge base reloaded" in server.log(), "the reload in the log")
        card = http(server.url("/api/frameworks/nanoweb"))
        assert card.status == 200 and card.json()["name"] == "NanoWeb"
        follow = ask(server, {"text": "Is it async?", "session": session}).json()
        assert follow["session"] == session and follow["frameworks"] == ["django"]
        assert "NanoWeb" in ask(server, {"text": "What is NanoWeb?"}).json()["reply"]
        assert_known_on_every_door(server, "nanoweb", "NanoWeb")
        assert server.process.poll() is None


def assert_known_on_every_door(server: Server, fid: str, name: str) -> None:
    """A framework that only exists in YAML reaches telnet, WebSocket and HTTP alike."""
    with line_client(server) as sock:
        sock.sendall(f"що таке {name}?\n".encode())
        assert name in read_until(sock, b"fwbot> ").decode("utf-8")
    ws = websocket.create_connection(server.ws_url, timeout=5)
    try:
        assert json.loads(ws.recv())["type"] == "hello"
        ws.send(json.dumps({"type": "ask", "text": f"Tell me about {name}"}))
        reply = json.loads(ws.recv())
        assert reply["type"] == "reply" and reply["frameworks"] == [fid]
    finally:
        ws.close()
    listing = http(server.url("/api/frameworks")).json()
    assert fid in [f["id"] for f in (listing["frameworks"] if isinstance(listing, dict)
                                      else listing)]


def assert_serving(server: Server) -> None:
    body = ask(server, {"text": "What is Flask?"}).json()
    assert body["frameworks"] == ["flask"]


def test_idle_line_connection_is_closed_politely(tmp_path: Path) -> None:
    with running_server(tmp_path, "--line-idle-timeout=1") as server, \
            socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10) as s:
        s.sendall("привіт\n".encode())
        data = b""
        while part := s.recv(4096):  # the server closes the connection
            data += part
    assert data.decode("utf-8").rstrip().endswith("До зустрічі!")
