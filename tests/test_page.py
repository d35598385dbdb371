"""The page door: package files at ``/`` and ``/static/``, through a Site on a StringTransport."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from fakes import FakeEngine
from twisted.internet.address import IPv4Address
from twisted.internet.testing import StringTransport
from twisted.web.server import Site

from fwbot.doors import page
from fwbot.doors.http import JsonResource
from fwbot.service import Bot

STARTED = 1_767_225_600.0  # 2026-01-01T00:00:00Z


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class Client:
    """Raw HTTP/1.1 to a Site holding just the page door, one request per channel."""

    def __init__(self, folder: Path | None = None) -> None:
        bot = Bot(FakeEngine())
        root = JsonResource(bot)
        page.mount(root, bot, last_modified=STARTED, folder=folder)
        self.site = Site(root)

    def get(self, path: str, method: str = "GET", **headers: str) -> Response:
        channel = self.site.buildProtocol(IPv4Address("TCP", "127.0.0.1", 5000))
        wire = StringTransport()
        channel.makeConnection(wire)
        lines = [f"{method} {path} HTTP/1.1", "Host: localhost", "Connection: close"]
        lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
        channel.dataReceived("\r\n".join(lines).encode() + b"\r\n\r\n")
        head, _, body = wire.value().partition(b"\r\n\r\n")
        status_line, *rest = head.decode("latin-1").split("\r\n")
        parsed = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in rest)}
        channel.connectionLost(None)
        return Response(int(status_line.split()[1]), parsed, body)


@pytest.fixture
def client() -> Client:
    return Client()


def asset_urls(html: bytes) -> list[str]:
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', html.decode("utf-8"))


# -- the page --------------------------------------------------------------------------


def test_page_is_html_utf8_revalidated_with_validators(client: Client) -> None:
    r = client.get("/")
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-cache"
    assert re.fullmatch(r'"[0-9a-f]{32}"', r.headers["etag"])
    assert parsedate_to_datetime(r.headers["last-modified"]).timestamp() == STARTED
    assert int(r.headers["content-length"]) == len(r.body)
    assert b'id="log"' in r.body and b"/ws" in r.body and b"8023" in r.body


def test_every_response_carries_the_security_headers(client: Client) -> None:
    for path in ["/", *asset_urls(client.get("/").body)]:
        headers = client.get(path).headers
        assert headers["content-security-policy"] == page.CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_csp_forbids_inline_script_and_foreign_origins() -> None:
    rules = dict(rule.strip().split(" ", 1) for rule in page.CSP.split(";"))
    assert rules["script-src"] == "'self'"
    assert rules["default-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["connect-src"] == "'self' ws: wss:"
    assert rules["object-src"] == "'none'" and rules["base-uri"] == "'none'"
    assert rules["frame-ancestors"] == "'none'"
    assert "unsafe" not in page.CSP


def test_matching_etag_is_304_without_body(client: Client) -> None:
    etag = client.get("/").headers["etag"]
    r = client.get("/", If_None_Match=etag)
    assert r.status == 304 and r.body == b""
    assert client.get("/", If_None_Match='"other"').status == 200


def test_head_has_the_get_length_and_no_body(client: Client) -> None:
    r = client.get("/", "HEAD")
    assert r.status == 200 and r.body == b""
    assert int(r.headers["content-length"]) == len(client.get("/").body)


def test_wrong_method_is_405_json(client: Client) -> None:
    r = client.get("/", "POST")
    assert r.status == 405 and r.headers["allow"] == "GET, HEAD"
    assert r.headers["content-type"] == "application/json"


# -- assets --------------------------------------------------------------------------------


def test_page_names_its_assets_with_version_stamps(client: Client) -> None:
    urls = asset_urls(client.get("/").body)
    names = {u.split("?")[0].rsplit("/", 1)[1] for u in urls}
    assert {"app.js", "style.css", "icon.svg"} <= names
    files = page.read_static()
    for url in urls:
        name, _, version = url.removeprefix("/static/").partition("?v=")
        assert version == files[name].version


@pytest.mark.parametrize(("name", "content_type"), [
    ("app.js", "text/javascript; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("icon.svg", "image/svg+xml; charset=utf-8"),
])
def test_assets_have_their_types_and_cache_for_a_year_when_stamped(
        client: Client, name: str, content_type: str) -> None:
    version = page.read_static()[name].version
    r = client.get(f"/static/{name}?v={version}")
    assert r.status == 200
    assert r.headers["content-type"] == content_type
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.body == resources.files("fwbot").joinpath("static", name).read_bytes()
    for stale in (f"/static/{name}", f"/static/{name}?v=000000000000"):
        assert client.get(stale).headers["cache-control"] == (
            "public, max-age=3600, must-revalidate")


@pytest.mark.parametrize("path", ["/static/", "/static", "/static/nope.js", "/static/index.html",
                                  "/static/app.js/x", "/static/../pyproject.toml", "/index.html",
                                  "/app.js"])
def test_anything_else_is_a_json_404(client: Client, path: str) -> None:
    r = client.get(path)
    assert r.status == 404
    assert r.headers["content-type"] == "application/json"


def test_only_flat_named_files_are_served(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<link href="/static/a.css"><b>/static/gone.js"</b>')
    (tmp_path / "a.css").write_text("b{}")
    (tmp_path / ".hidden.js").write_text("x")
    (tmp_path / "README").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.js").write_text("x")
    client = Client(tmp_path)
    assert set(page.read_static(tmp_path)) == {"index.html", "a.css"}
    body = client.get("/").body
    assert re.search(rb'/static/a\.css\?v=[0-9a-f]{12}"', body)
    assert b'/static/gone.js"' in body  # unknown names are left alone
    assert client.get("/static/a.css").status == 200
    for path in ["/static/.hidden.js", "/static/README", "/static/sub/x.js", "/static/sub"]:
        assert client.get(path).status == 404, path


# -- the client code itself ----------------------------------------------------------------


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.styles += [tag for name, _ in attrs if name == "style"]
        if tag == "script":
            self._script = not dict(attrs).get("src")

    def handle_data(self, data: str) -> None:
        self.inline_scripts += int(self._script and bool(data.strip()))

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def static_text(name: str) -> str:
    return resources.files("fwbot").joinpath("static", name).read_text("utf-8")


def test_page_markup_has_nothing_the_csp_would_block() -> None:
    markup = _Markup()
    markup.feed(static_text("index.html"))
    assert markup.inline_scripts == 0
    assert markup.handlers == [] and markup.styles == []
    assert "<style" not in static_text("index.html")


def test_client_never_parses_server_text_as_html() -> None:
    code = static_text("app.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "DOMParser", "createContextualFragment", "setAttribute(\"on"):
        assert sink not in code, sink


def test_client_loads_nothing_from_elsewhere() -> None:
    for name in ("index.html", "app.js", "style.css"):
        assert not re.search(r"https?://(?!www\.w3\.org)", static_text(name)), name
