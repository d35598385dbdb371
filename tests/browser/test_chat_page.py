"""The chat page at ``/`` in headless Chromium against a real ``twistd -n fwbot``.

A person's view: ask in both languages, see structured answers, click a
suggestion, switch language, lose the connection (a dropped socket, a
restarted server) without losing a message, and never see server text run
as markup. Every test ends by checking the page logged no errors.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fwbot_process import Server, http, running_server

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
expect.set_options(timeout=8000)

ANSWERS = ".msg.bot:not(.greeting)"


# -- helpers -------------------------------------------------------------------


def ask(page: Any, text: str) -> None:
    page.locator("#input").fill(text)
    page.locator("#input").press("Enter")


def answers(page: Any, count: int) -> Any:
    """Wait for ``count`` answers (greeting excluded) and return the last one."""
    expect(page.locator(ANSWERS)).to_have_count(count)
    return page.locator(ANSWERS).nth(count - 1)


def online(page: Any) -> None:
    expect(page.locator("#status")).to_have_attribute("data-state", "online")


def session_id(page: Any) -> str:
    return page.evaluate("sessionStorage.getItem('fwbot.session')")


def no_trouble(watched: Any, allowed: str | None = None) -> None:
    errors = [e for e in watched.errors if not (allowed and re.search(allowed, e))]
    assert errors == [], errors
    assert watched.dialogs == [], watched.dialogs


# -- the page as served ----------------------------------------------------------------


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self._in_script = not dict(attrs).get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def test_page_is_served_with_csp_and_no_inline_script(server: Server) -> None:
    r = http(server.url("/"))
    assert r.status == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    parser = _Scripts()
    parser.feed(r.body.decode("utf-8"))
    assert parser.inline == [] and parser.handlers == []
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', r.body.decode())
    assert any(a.startswith("/static/app.js?v=") for a in assets)
    for asset in assets:
        a = http(server.url(asset))
        assert a.status == 200, asset
        assert "immutable" in a.headers["cache-control"]


# -- conversation ---------------------------------------------------------------------


def test_conversation_in_both_languages_with_structured_answers(
        server: Server, open_page: Any) -> None:
    watched = open_page(server.url("/"), locale="en-US")
    page = watched.page
    online(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".msg.greeting")).to_contain_text("Hi!")
    expect(page.locator("#input")).to_be_focused()

    ask(page, "What is Django?")
    describe = answers(page, 1)
    expect(describe).to_have_attribute("data-intent", "describe")
    expect(describe.locator(".card h3")).to_have_text("Django")
    expect(describe.locator(".card .facts")).to_contain_text("2005")

    ask(page, "Що таке Flask?")
    uk = answers(page, 2)
    expect(uk).to_have_attribute("data-lang", "uk")
    expect(uk.locator(".card h3")).to_have_text("Flask")
    expect(uk.locator(".card .facts")).to_contain_text("Перший випуск")

    ask(page, "Compare Django and Flask")
    compare = answers(page, 3)
    expect(compare.locator("table.compare thead th")).to_have_text(["Django", "Flask"])
    expect(compare.locator("table.compare tbody th").first).to_have_text("Kind")

    ask(page, "Recommend a framework for a small async API")
    recommend = answers(page, 4)
    expect(recommend).to_have_attribute("data-intent", "recommend")
    ranks = recommend.locator(".ranking .rank")
    expect(ranks.first.locator(".reasons li").first).to_be_visible()
    names = ranks.locator(".name").all_inner_texts()
    known = {f["name"] for f in http(server.url("/api/frameworks")).json()["frameworks"]}
    assert 1 <= len(names) <= 5 and set(names) <= known  # display names, not ids
    scores = [int(s) for s in ranks.locator(".score strong").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 900, "height": 1000})
    recommend.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "recommendation.png"), animations="disabled")

    ask(page, "Which frameworks are async?")
    filtered = answers(page, 5)
    expect(filtered.locator(".chip.name").first).to_be_visible()
    no_trouble(watched)


def test_suggestion_chip_sends_its_question(server: Server, open_page: Any) -> None:
    watched = open_page(server.url("/"))
    page = watched.page
    online(page)
    ask(page, "What is FastAPI?")
    first = answers(page, 1)
    chip = first.locator(".suggestions .chip").first
    question = chip.inner_text()
    chip.click()
    expect(page.locator(".msg.user .bubble").last).to_have_text(question)
    expect(answers(page, 2)).to_contain_text("FastAPI")
    expect(page.locator("#input")).to_be_focused()
    no_trouble(watched)


def test_language_switch_changes_interface_and_answers(server: Server, open_page: Any) -> None:
    watched = open_page(server.url("/"), locale="uk-UA")
    page = watched.page
    online(page)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("#send")).to_contain_text("Надіслати")
    expect(page.locator("#status-text")).to_have_text("На зв’язку")
    expect(page.locator("button.lang[data-lang=uk]")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#send")).to_contain_text("Send")
    expect(page.locator("#input")).to_have_attribute("placeholder", re.compile("Ask about"))
    expect(page.locator("button.lang[data-lang=en]")).to_have_attribute("aria-pressed", "true")
    expect(answers(page, 1)).to_have_attribute("data-lang", "en")  # the /lang answer

    ask(page, "Що таке Django?")  # Ukrainian question, English chosen: English answer
    answer = answers(page, 2)
    expect(answer).to_have_attribute("data-lang", "en")
    expect(answer.locator(".facts")).to_contain_text("First release")

    page.get_by_role("button", name="Українська").click()
    expect(page.locator("#send")).to_contain_text("Надіслати")
    ask(page, "What is Flask?")
    expect(answers(page, 4)).to_have_attribute("data-lang", "uk")

    page.reload()  # the choice is remembered, the conversation resumed
    online(page)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    no_trouble(watched)


def test_keyboard_enter_shift_enter_and_up(server: Server, open_page: Any) -> None:
    watched = open_page(server.url("/"))
    page = watched.page
    online(page)
    box = page.locator("#input")
    box.type("What is")
    box.press("Shift+Enter")
    box.type("Bottle?")
    assert box.input_value() == "What is\nBottle?"
    expect(page.locator(".msg.user")).to_have_count(0)
    box.press("Enter")
    expect(answers(page, 1)).to_contain_text("Bottle")
    assert box.input_value() == ""
    box.press("ArrowUp")
    assert box.input_value() == "What is\nBottle?"
    no_trouble(watched)


@pytest.mark.parametrize("text", ["/x<script>alert(1)</script>",
                                  "/x<img/src=x/onerror=alert(1)>",
                                  "What is <img src=x onerror=alert(1)>?"])
def test_server_text_is_shown_as_text(server: Server, open_page: Any, text: str) -> None:
    watched = open_page(server.url("/"))
    page = watched.page
    online(page)
    ask(page, text)
    answer = answers(page, 1)
    expect(page.locator(".msg.user .bubble")).to_have_text(text)
    if text.startswith("/x"):  # the engine echoes an unknown command
        expect(answer).to_contain_text(text)
    assert page.locator("#log img, #log script, #log [onerror]").count() == 0
    page.wait_for_timeout(200)  # an onerror would have fired by now
    no_trouble(watched)


def test_narrow_phone_screen_has_no_sideways_scroll(server: Server, open_page: Any) -> None:
    watched = open_page(server.url("/"), viewport={"width": 360, "height": 720},
                        is_mobile=True, has_touch=True)
    page = watched.page
    online(page)
    ask(page, "Compare Django, Flask and FastAPI")
    answers(page, 1).locator(".compare-card").first.wait_for()
    ask(page, "Recommend a framework for a big web project")
    answers(page, 2).locator(".ranking").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("#send")).to_be_visible()
    no_trouble(watched)


def test_a_comparison_on_a_phone_is_one_card_per_framework(
        server: Server, open_page: Any) -> None:
    """At 390 px three columns do not fit: no framework may be cut off or hidden."""
    watched = open_page(server.url("/"), viewport={"width": 390, "height": 844},
                        is_mobile=True, has_touch=True)
    page = watched.page
    online(page)
    ask(page, "Compare Django, Flask and FastAPI")
    answer = answers(page, 1)
    cards = answer.locator(".compare-card")
    expect(cards).to_have_count(3)
    expect(cards.locator("h3")).to_have_text(["Django", "Flask", "FastAPI"])
    expect(answer.locator("table.compare")).to_be_hidden()
    for i in range(3):
        card = cards.nth(i)
        card.scroll_into_view_if_needed()
        expect(card).to_be_visible()
        box = card.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        facts = card.locator("dd")
        expect(facts).to_have_count(8)
        for j in range(8):  # every value inside the card, none clipped
            fact = facts.nth(j).bounding_box()
            assert fact is not None and fact["x"] + fact["width"] <= box["x"] + box["width"]
    expect(cards.nth(2).locator("dd").nth(1)).to_have_text("2018")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-390.png"), full_page=True,
                    animations="disabled")
    page.set_viewport_size({"width": 900, "height": 1000})  # wide again: the table
    expect(answer.locator("table.compare")).to_be_visible()
    expect(answer.locator("table.compare thead th")).to_have_text(["Django", "Flask", "FastAPI"])
    expect(cards.first).to_be_hidden()
    no_trouble(watched)


# -- losing the connection ----------------------------------------------------------------


def test_dropped_socket_resumes_the_same_session_and_sends_queued_text(
        server: Server, open_page: Any) -> None:
    """A socket closed under the page (a proxy in front of /ws) and refused for a while."""
    watched = open_page("")
    page = watched.page
    sockets: list[Any] = []
    refuse = {"on": False}

    def route(ws: Any) -> None:
        if refuse["on"]:
            ws.close(code=1001)
            return
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket(re.compile(r"/ws$"), route)
    page.goto(server.url("/"))
    online(page)
    ask(page, "What is Django?")
    answers(page, 1)
    before = session_id(page)

    refuse["on"] = True
    sockets[-1].close(code=1001)
    expect(page.locator("#status")).to_have_attribute("data-state", "offline")
    ask(page, "Is it async?")
    pending = page.locator(".msg.user").last
    expect(pending).to_have_attribute("data-state", "pending")
    page.wait_for_timeout(300)

    refuse["on"] = False
    online(page)
    expect(pending).to_have_attribute("data-state", "answered")
    answer = answers(page, 2)
    expect(answer).to_contain_text("Django")  # the server still knew the conversation
    expect(page.locator(".msg.note").last).to_contain_text("Connection restored")
    assert session_id(page) == before
    no_trouble(watched)


def test_slow_down_error_sends_the_same_message_again(server: Server, open_page: Any) -> None:
    """The server's rate-limit error (here played by a proxy) delays a message, never drops it."""
    watched = open_page("")
    page = watched.page
    refused: list[str] = []

    def route(ws: Any) -> None:
        upstream = ws.connect_to_server()

        def from_page(message: str) -> None:
            if '"ask"' in message and not refused:
                refused.append(message)
                ws.send(json.dumps({"type": "error", "code": "slow_down",
                                    "message": "Too many messages, please slow down."}))
            else:
                upstream.send(message)

        ws.on_message(from_page)

    page.route_web_socket(re.compile(r"/ws$"), route)
    page.goto(server.url("/"))
    online(page)
    ask(page, "What is Pyramid?")
    expect(answers(page, 1).locator(".card h3")).to_have_text("Pyramid")
    assert len(refused) == 1
    expect(page.locator(".msg.user")).to_have_count(1)
    expect(page.locator(".msg.note")).to_have_count(0)
    no_trouble(watched)


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@contextmanager
def same_command_again(server: Server) -> Iterator[subprocess.Popen[bytes]]:
    """Start the dead server's exact command again: same ports, empty memory."""
    with server.log_path.open("ab") as log:
        process = subprocess.Popen(server.process.args, cwd=server.log_path.parent, stdout=log,
                                   stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while not _listening(server.http_port):
            assert process.poll() is None, server.log()
            assert time.monotonic() < deadline, server.log()
            time.sleep(0.05)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def test_server_restart_shows_offline_then_online_and_loses_nothing(
        tmp_path: Path, open_page: Any) -> None:
    with running_server(tmp_path) as server:
        watched = open_page(server.url("/"))
        page = watched.page
        online(page)
        ask(page, "What is Django?")
        answers(page, 1)
        before = session_id(page)

        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        expect(page.locator("#status")).to_have_attribute("data-state", "offline")
        expect(page.locator("#status-text")).to_contain_text("Offline")
        ask(page, "What is Flask?")
        pending = page.locator(".msg.user").last
        expect(pending).to_have_attribute("data-state", "pending")

        with same_command_again(server):
            expect(page.locator("#status")).to_have_attribute("data-state", "online",
                                                              timeout=20000)
            expect(pending).to_have_attribute("data-state", "answered")
            expect(answers(page, 2).locator(".card h3")).to_have_text("Flask")
            expect(page.locator(".msg.note").last).to_contain_text("restarted")
            after = session_id(page)
            assert after and after != before  # the old session died with the process
            ask(page, "Is it async?")
            expect(answers(page, 3)).to_contain_text("Flask")
    # While the server was down Chromium logs each refused connection; nothing else.
    no_trouble(watched, allowed=r"^WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws' failed")
