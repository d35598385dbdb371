"""One message limit, ``--max-message-chars``, the same on every door of a real twistd.

Past it each door answers "too long" from messages.yaml in the language the
long message is written in, whatever language the session spoke before; a
message at the limit is answered as usual; the page's box holds exactly it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import websocket
import yaml
from fwbot_process import REPO, Server, ask, http, line_client, read_until, running_server

LIMIT = 60
MESSAGES = yaml.safe_load((REPO / "data" / "messages.yaml").read_text("utf-8"))
TOO_LONG = {lang: MESSAGES["message_too_long"][lang].format(limit=LIMIT) for lang in ("uk", "en")}
# Over the limit in each language; the session first spoke the other one.
LONG = {"uk": "Порадь, будь ласка, фреймворк для великого інтернет-магазину з кошиком",
        "en": "Please recommend a framework for a big online shop with a basket and"}
FIRST = {"uk": "What is Django?", "en": "Що таке Django?"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("msglimit"),
                        f"--max-message-chars={LIMIT}") as server:
        yield server


def test_the_long_texts_are_over_the_limit() -> None:
    assert all(len(text) > LIMIT for text in LONG.values())


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_line_door(server: Server, lang: str) -> None:
    with line_client(server) as sock:
        sock.sendall(FIRST[lang].encode() + b"\n")
        read_until(sock, b"fwbot> ")
        sock.sendall(LONG[lang].encode() + b"\n")
        out = read_until(sock, b"fwbot> ").decode()
        assert TOO_LONG[lang] in out
        sock.sendall(LONG[lang][:LIMIT].encode() + b"\n")  # at the limit: a real answer
        assert TOO_LONG[lang] not in read_until(sock, b"fwbot> ").decode()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_websocket_door(server: Server, lang: str) -> None:
    ws = websocket.create_connection(server.ws_url, timeout=5)
    try:
        assert json.loads(ws.recv())["type"] == "hello"
        ws.send(json.dumps({"type": "ask", "text": FIRST[lang]}))
        assert json.loads(ws.recv())["type"] == "reply"
        ws.send(json.dumps({"type": "ask", "text": LONG[lang]}))
        reply = json.loads(ws.recv())
        assert reply["type"] == "reply" and reply["lang"] == lang
        assert reply["reply"] == TOO_LONG[lang]
        ws.send(json.dumps({"type": "ask", "text": "What is Flask?"}))  # the socket goes on
        assert json.loads(ws.recv())["frameworks"] == ["flask"]
    finally:
        ws.close()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_http_door(server: Server, lang: str) -> None:
    session = ask(server, {"text": FIRST[lang]}).json()["session"]
    answer = ask(server, {"text": LONG[lang], "session": session})
    assert answer.status == 200
    assert answer.json()["reply"] == TOO_LONG[lang] and answer.json()["lang"] == lang
    assert ask(server, {"text": LONG[lang][:LIMIT]}).json()["reply"] != TOO_LONG[lang]


def test_the_page_box_holds_the_same_limit(server: Server) -> None:
    page = http(server.url("/")).body.decode()
    box = re.search(r'<textarea id="input"[^>]*>', page)
    assert box is not None and f'maxlength="{LIMIT}"' in box.group(0)


def test_default_limit_fits_the_line_door_in_any_script(tmp_path: Path) -> None:
    """1000 Ukrainian characters (2 bytes each in UTF-8) are under the line door's bytes,
    so the person meets the message limit, in their language, not a byte count."""
    with running_server(tmp_path) as server, line_client(server) as sock:
        sock.sendall(("ї" * 1000 + "\n").encode())
        assert "задовге" not in read_until(sock, b"fwbot> ").decode()
        sock.sendall(("ї" * 1001 + "\n").encode())
        out = read_until(sock, b"fwbot> ").decode()
        assert MESSAGES["message_too_long"]["uk"].format(limit=1000) in out
        assert "байтів" not in out
        assert http(server.url("/")).body.count(b'maxlength="1000"') == 1
