"""The HTTP door: the real Site driven through a StringTransport, one request at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from contracts import check_http
from fakes import FakeEngine, FakeFeedback
from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.internet.address import IPv4Address
from twisted.internet.defer import Deferred, maybeDeferred
from twisted.internet.task import Clock
from twisted.internet.testing import StringTransport

from fwbot.doors.http import openapi_json
from fwbot.doors.web import build_site
from fwbot.knowledge import KnowledgeError
from fwbot.service import Bot, Limits


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        assert self.headers["content-type"].startswith("application/json")
        return json.loads(self.body)


@dataclass
class Pending:
    """A request sent on its own connection, and what the server wrote back so far."""

    channel: Any
    wire: StringTransport

    def response(self) -> Response | None:
        """The parsed answer, or None while the server has written nothing."""
        if not self.wire.value():
            return None
        head, _, body = self.wire.value().partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
        return Response(int(status_line.split()[1]), headers, body)


class Client:
    """Sends raw HTTP/1.1 to a fresh channel of the site and parses the answer."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.clock = Clock()
        self.engine = FakeEngine()
        self.bot = Bot(self.engine, limits=limits or Limits(http_body_bytes=1024,
                                                             session_idle_seconds=60),
                       clock=self.clock)
        self.site = build_site(self.bot, self.clock)

    def raw(self, data: bytes) -> Response:
        pending = self.send(data)
        response = pending.response()
        assert response is not None, "no answer yet"
        pending.channel.connectionLost(None)
        return response

    def send(self, data: bytes) -> Pending:
        """Send a request on a fresh connection; its answer may come later."""
        channel = self.site.buildProtocol(IPv4Address("TCP", "127.0.0.1", 5000))
        channel.callLater = self.clock.callLater
        wire = StringTransport()
        wire.protocol = channel  # as a TCP transport has; the WebSocket upgrade swaps it
        channel.makeConnection(wire)
        channel.dataReceived(data)
        return Pending(channel, wire)

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> Response:
        return self.raw(self.encode(method, path, body, headers))

    def start(self, method: str, path: str, body: bytes = b"",
              headers: dict[str, str] | None = None) -> Pending:
        """A request whose answer the test reads once it has made the server finish it."""
        return self.send(self.encode(method, path, body, headers))

    @staticmethod
    def encode(method: str, path: str, body: bytes, headers: dict[str, str] | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", "Host: localhost", "Connection: close",
                 f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        return "\r\n".join(lines).encode("utf-8") + b"\r\n\r\n" + body

    def ask(self, payload: Any, headers: dict[str, str] | None = None) -> Response:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return self.request("POST", "/api/ask", body,
                            {"Content-Type": "application/json", **(headers or {})})


@pytest.fixture
def client() -> Client:
    return Client()


def error_of(response: Response, status: int, code: str) -> str:
    assert response.status == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]["message"]


def test_ask_returns_the_reply_and_a_session(client: Client) -> None:
    r = client.ask({"text": "What is Django?"})
    assert r.status == 200
    body = r.json()
    assert set(body) == {"reply", "intent", "lang", "frameworks", "suggestions", "details",
                         "session"}
    assert body["reply"] == "fake: What is Django? (turn 1)"
    assert body["frameworks"] == ["django"]
    assert client.engine.seen == ["What is Django?"]


def test_session_continues_the_conversation(client: Client) -> None:
    first = client.ask({"text": "one"}).json()
    second = client.ask({"text": "two", "session": first["session"]}).json()
    assert second["session"] == first["session"]
    assert "(turn 2)" in second["reply"]


def test_unknown_session_starts_a_new_one(client: Client) -> None:
    body = client.ask({"text": "hi", "session": "forged"}).json()
    assert body["session"] != "forged" and "(turn 1)" in body["reply"]


def test_session_expires_after_idle_time(client: Client) -> None:
    sid = client.ask({"text": "one"}).json()["session"]
    client.clock.advance(61)
    assert client.ask({"text": "two", "session": sid}).json()["session"] != sid


def test_lang_field_fixes_the_sessions_language(client: Client) -> None:
    body = client.ask({"text": "hello", "lang": "uk"}).json()
    assert body["lang"] == "uk"
    assert "Порожнє" in error_of(client.ask({"text": "", "session": body["session"]}),
                                 400, "empty_text")


def test_a_refused_ask_is_worded_in_the_language_it_asked_for(client: Client) -> None:
    """openapi.yaml: an error is in the request's ``lang``, else the session's,
    else ``Accept-Language`` -- even when the ask itself is refused."""
    assert "Порожнє" in error_of(client.ask({"text": "  ", "lang": "uk"}), 400, "empty_text")
    english = error_of(client.ask({"text": "", "lang": "en"}, {"Accept-Language": "uk"}),
                       400, "empty_text")
    assert "Порожнє" not in english
    assert "Порожнє" in error_of(client.ask({"text": ""}, {"Accept-Language": "uk"}),
                                 400, "empty_text")


def test_quit_forgets_the_session(client: Client) -> None:
    sid = client.ask({"text": "one"}).json()["session"]
    assert client.ask({"text": "/quit", "session": sid}).json()["intent"] == "bye"
    assert client.ask({"text": "again", "session": sid}).json()["session"] != sid


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"", b"[1, 2]", b'"text"',
                                  b"[" * 5000 + b"]" * 5000])
def test_invalid_json_is_400(client: Client, body: bytes) -> None:
    r = client.ask(body)
    if len(body) > 1024:
        error_of(r, 413, "body_too_large")
    else:
        error_of(r, 400, "invalid_json")


def test_deeply_nested_json_is_400() -> None:
    client = Client(Limits(http_body_bytes=64 * 1024))
    error_of(client.ask(b"[" * 30000 + b"]" * 30000), 400, "invalid_json")


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "   "}, {"text": 42},
                                     {"text": None}, {"text": ["a"]}])
def test_missing_or_empty_text_is_400(client: Client, payload: dict[str, Any]) -> None:
    error_of(client.ask(payload), 400, "empty_text")
    assert client.engine.seen == []


@pytest.mark.parametrize(("payload", "field"), [({"text": "hi", "session": 7}, "session"),
                                                ({"text": "hi", "lang": "de"}, "lang")])
def test_wrong_field_types_are_400(client: Client, payload: dict[str, Any], field: str) -> None:
    assert field in error_of(client.ask(payload), 400, "invalid_field")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "application/jsonx"])
def test_wrong_content_type_is_415(client: Client, content_type: str | None) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    r = client.request("POST", "/api/ask", b'{"text": "hi"}', headers)
    error_of(r, 415, "unsupported_media_type")


def test_content_type_with_charset_is_fine(client: Client) -> None:
    r = client.request("POST", "/api/ask", b'{"text": "hi"}',
                       {"Content-Type": "Application/JSON; charset=utf-8"})
    assert r.status == 200


def test_body_over_the_limit_is_413_and_not_kept(client: Client) -> None:
    msg = error_of(client.ask({"text": "x" * 2000}), 413, "body_too_large")
    assert "1024" in msg


def test_declared_length_over_the_limit_is_refused_before_the_body(client: Client) -> None:
    """The 413 goes out on the headers alone; the rest is discarded, then the line is cut."""
    channel = client.site.buildProtocol(IPv4Address("TCP", "127.0.0.1", 5000))
    channel.callLater = client.clock.callLater
    wire = StringTransport()
    channel.makeConnection(wire)
    channel.dataReceived(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                         b"\r\nAccept-Language: uk\r\nContent-Length: 1000000000\r\n\r\n")
    head, _, body = wire.value().partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"connection: close" in head
    assert json.loads(body)["error"]["code"] == "body_too_large"
    assert "1024" in json.loads(body)["error"]["message"]
    wire.clear()
    channel.dataReceived(b"x" * 100_000)  # read and dropped, never answered twice
    assert wire.value() == b""
    assert getattr(channel, "_channel", channel).requests[0].content.getvalue() == b""
    client.clock.advance(3)
    assert wire.disconnecting or wire.disconnected


def test_chunked_body_over_the_limit_is_413(client: Client) -> None:
    chunk = b"x" * 600
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
    r = client.raw(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    error_of(r, 413, "body_too_large")


def test_chunked_body_is_read_like_any_other(client: Client) -> None:
    # twisted.web keeps a body of unknown length in a temporary file, not a BytesIO.
    payload = json.dumps({"text": "django"}).encode()
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    r = client.raw(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    assert r.status == 200 and "django" in r.json()["frameworks"]


def test_body_at_the_limit_is_accepted(client: Client) -> None:
    payload = json.dumps({"text": "y"}).encode()
    payload = payload[:-1] + b" " * (1024 - len(payload)) + b"}"
    assert len(payload) == 1024
    assert client.ask(payload).status == 200


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("GET", "/api/ask", "POST"), ("PUT", "/api/ask", "POST"),
    ("POST", "/healthz", "GET, HEAD"), ("DELETE", "/api/frameworks", "GET, HEAD"),
    ("POST", "/api/frameworks/django", "GET, HEAD"), ("POST", "/metrics", "GET, HEAD"),
    ("POST", "/", "GET, HEAD"), ("PATCH", "/openapi.json", "GET, HEAD"),
])
def test_wrong_method_is_405_with_allow(client: Client, method: str, path: str,
                                        allow: str) -> None:
    r = client.request(method, path)
    error_of(r, 405, "method_not_allowed")
    assert r.headers["allow"] == allow


@pytest.mark.parametrize("path", ["/nope", "/api", "/api/", "/api/nope", "/healthz/x",
                                  "/api/ask/x", "/api/frameworks/django/x", "/index.html",
                                  "/%ff"])
def test_unknown_path_is_404_json(client: Client, path: str) -> None:
    error_of(client.request("GET", path), 404, "not_found")


def test_plain_get_on_the_websocket_path_is_426(client: Client) -> None:
    r = client.request("GET", "/ws")
    error_of(r, 426, "upgrade_required")
    assert r.headers["upgrade"] == "websocket"
    error_of(client.request("POST", "/ws"), 405, "method_not_allowed")
    error_of(client.request("GET", "/ws/x"), 404, "not_found")


def test_websocket_handshake_through_the_site(client: Client) -> None:
    r = client.request("GET", "/ws", headers={
        "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert r.status == 101
    assert r.headers["sec-websocket-accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_unknown_framework_is_404(client: Client) -> None:
    msg = error_of(client.request("GET", "/api/frameworks/nosuch"), 404, "unknown_framework")
    assert "nosuch" in msg


def test_frameworks_list_and_card(client: Client) -> None:
    body = client.request("GET", "/api/frameworks").json()
    assert [f["id"] for f in body["frameworks"]] == ["django", "flask"]
    assert client.request("GET", "/api/frameworks/").status == 200
    card = client.request("GET", "/api/frameworks/flask",
                          headers={"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.8"}).json()
    assert card == {"id": "flask", "name": "Flask", "kind": "micro", "lang": "uk"}


@pytest.mark.parametrize(("header", "lang"), [
    ("uk", "uk"), ("en-US,en;q=0.9,uk;q=0.8", "en"), ("de, uk;q=0.5", "uk"),
    ("de", "en"), ("", "en"), ("uk;q=0, en", "en"), ("uk;q=bad", "en"),
])
def test_accept_language_picks_the_error_language(client: Client, header: str,
                                                  lang: str) -> None:
    msg = error_of(client.request("GET", "/nope", headers={"Accept-Language": header}),
                   404, "not_found")
    assert msg.startswith("Тут" if lang == "uk" else "Nothing")


def test_healthz(client: Client) -> None:
    r = client.request("GET", "/healthz")
    assert r.status == 200 and r.json()["status"] == "ok"


def test_head_has_no_body(client: Client) -> None:
    r = client.request("HEAD", "/healthz")
    assert r.status == 200 and r.body == b""
    assert int(r.headers["content-length"]) == len(client.request("GET", "/healthz").body)


def test_metrics_count_answers_and_errors(client: Client) -> None:
    client.ask({"text": "django"})
    client.ask(b"{")
    r = client.request("GET", "/metrics")
    assert r.status == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.body.decode()
    assert 'fwbot_answers_total{door="http",intent="describe"} 1.0' in text
    assert 'fwbot_errors_total{code="invalid_json",door="http"} 1.0' in text
    assert 'fwbot_http_responses_total{status="400"} 1.0' in text


def test_openapi_json_is_the_yaml_document(client: Client) -> None:
    r = client.request("GET", "/openapi.json")
    assert r.status == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.1")
    assert r.body == openapi_json()
    assert {"/api/ask", "/api/frameworks", "/api/frameworks/{id}", "/healthz", "/metrics",
            "/openapi.json", "/"} <= set(doc["paths"])


def test_page(client: Client) -> None:
    r = client.request("GET", "/")
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert b"fwbot" in r.body and b"8023" in r.body and b"/ws" in r.body


def test_engine_failure_is_a_json_reply_not_a_500(client: Client) -> None:
    body = client.ask({"text": "boom"}).json()
    assert body["reply"].startswith("Sorry")


def test_resource_crash_is_json_500(client: Client) -> None:
    def broken(lang: str) -> list[dict[str, Any]]:
        raise RuntimeError("bug")

    client.engine.framework_list = broken  # type: ignore[method-assign]
    error_of(client.request("GET", "/api/frameworks"), 500, "internal_error")


def test_reload_is_seen_by_http(client: Client) -> None:
    client.bot.engine = FakeEngine("new")
    assert client.ask({"text": "hi"}).json()["reply"].startswith("new:")


# -- hardening: rate, feedback, admin, header flood ---------------------------


def test_too_many_asks_get_429_with_retry_after() -> None:
    client = Client(Limits(rate=0.5, burst=2))
    assert [client.ask({"text": "hi"}).status for _ in range(3)] == [200, 200, 429]
    refused = client.ask({"text": "hi"}, {"Accept-Language": "uk"})
    assert "пригальмуйте" in error_of(refused, 429, "rate_limited")
    assert refused.headers["retry-after"] == "2"
    check_http("/api/ask", "POST", 429, refused.json())
    client.clock.advance(2)
    assert client.ask({"text": "hi"}).status == 200


def test_a_known_session_has_its_own_bucket() -> None:
    client = Client(Limits(rate=0.5, burst=1))
    session = client.ask({"text": "hi"}).json()["session"]
    assert client.ask({"text": "hi"}).status == 429  # the address's bucket is empty
    assert client.ask({"text": "hi", "session": session}).status == 200


def test_feedback_rates_the_sessions_last_answer() -> None:
    client = Client()
    feedback = FakeFeedback()
    client.bot.feedback = feedback
    session = client.ask({"text": "What is Django?"}).json()["session"]
    response = client.request("POST", "/api/feedback",
                              json.dumps({"session": session, "rating": "up",
                                          "comment": "clear"}).encode(),
                              {"Content-Type": "application/json"})
    assert response.status == 200 and response.json() == {"status": "recorded", "id": 1}
    check_http("/api/feedback", "POST", 200, response.json())
    assert feedback.ratings[0][0] == "http" and feedback.ratings[0][1].intent == "describe"


def test_feedback_on_an_unknown_session_is_404(client: Client) -> None:
    client.bot.feedback = FakeFeedback()
    response = client.request("POST", "/api/feedback",
                              json.dumps({"session": "nope", "rating": "up"}).encode(),
                              {"Content-Type": "application/json"})
    error_of(response, 404, "nothing_to_rate")
    check_http("/api/feedback", "POST", 404, response.json())


@pytest.mark.parametrize(("payload", "code"), [
    ({"rating": "up"}, "invalid_field"),
    ({"session": "x", "rating": "sideways"}, "invalid_field"),
    ({"session": "x", "rating": "up", "comment": ["x"]}, "invalid_field"),
    ([1], "invalid_json"),
])
def test_bad_feedback_is_400(client: Client, payload: Any, code: str) -> None:
    client.bot.feedback = FakeFeedback()
    response = client.request("POST", "/api/feedback", json.dumps(payload).encode(),
                              {"Content-Type": "application/json"})
    error_of(response, 400, code)
    check_http("/api/feedback", "POST", 400, response.json())


def test_feedback_without_a_database_is_503(client: Client) -> None:
    session = client.ask({"text": "django"}).json()["session"]
    response = client.request("POST", "/api/feedback",
                              json.dumps({"session": session, "rating": "up"}).encode(),
                              {"Content-Type": "application/json"})
    error_of(response, 503, "storage_unavailable")


def admin_client(token: str | None = "s3cret") -> Client:
    client = Client()
    client.bot.feedback = FakeFeedback()
    client.site = build_site(client.bot, client.clock, admin_token=token)
    return client


def test_admin_does_not_exist_without_a_token() -> None:
    client = admin_client(None)
    error_of(client.request("POST", "/admin/reload"), 404, "not_found")
    error_of(client.request("GET", "/admin/report"), 404, "not_found")


@pytest.mark.parametrize(("auth", "status", "code"), [
    (None, 401, "unauthorized"), ("Bearer wrong", 403, "forbidden"),
    ("Basic czNjcmV0", 401, "unauthorized")])
def test_admin_refuses_a_missing_or_wrong_token(auth: str | None, status: int,
                                                code: str) -> None:
    client = admin_client()
    headers = {"Authorization": auth} if auth else {}
    for method, path in (("POST", "/admin/reload"), ("GET", "/admin/report")):
        response = client.request(method, path, headers=headers)
        error_of(response, status, code)
        check_http(path, method, status, response.json())


def test_admin_with_the_token() -> None:
    client = admin_client()
    client.bot._load = FakeEngine  # type: ignore[assignment]
    client.bot._in_thread = maybeDeferred  # type: ignore[assignment]
    auth = {"Authorization": "Bearer s3cret"}
    response = client.request("POST", "/admin/reload", headers=auth)
    assert response.status == 200 and response.json() == {"status": "reloaded"}
    report = client.request("GET", "/admin/report?top=5", headers=auth)
    assert report.status == 200
    check_http("/admin/report", "GET", 200, report.json())


@pytest.mark.parametrize(("loaded", "status"), [(FakeEngine("new"), 200),
                                               (KnowledgeError(["x.yaml:1: broken"]), 422)])
def test_admin_reload_answers_once_the_load_is_over(loaded: Any, status: int) -> None:
    """The load runs in a thread; the API keeps answering and the reply says how it ended."""
    client = admin_client()
    loads: list[Deferred[Any]] = []

    def in_thread(load: Any) -> Deferred[Any]:  # a load that ends when the test says so
        loads.append(Deferred())
        return loads[-1]

    client.bot._load = FakeEngine  # type: ignore[assignment]
    client.bot._in_thread = in_thread  # type: ignore[assignment]
    pending = client.start("POST", "/admin/reload", headers={"Authorization": "Bearer s3cret"})
    assert len(loads) == 1 and pending.response() is None
    assert client.ask({"text": "django"}).json()["reply"].startswith("fake:")
    if isinstance(loaded, Exception):
        loads[0].errback(loaded)
    else:
        loads[0].callback(loaded)
    response = pending.response()
    assert response is not None and response.status == status
    if status == 200:
        assert response.json() == {"status": "reloaded"}
        assert client.ask({"text": "django"}).json()["reply"].startswith("new:")
    else:
        error_of(response, 422, "reload_failed")
        assert client.ask({"text": "django"}).json()["reply"].startswith("fake:")
    check_http("/admin/reload", "POST", status, response.json())


def test_header_flood_is_a_json_431_and_a_close(client: Client) -> None:
    headers = "".join(f"X-H{i}: v\r\n" for i in range(200))
    response = client.raw(f"GET /healthz HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    error_of(response, 431, "header_too_large")
    long = client.raw(b"GET /healthz HTTP/1.1\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n")
    error_of(long, 431, "header_too_large")


def test_a_malformed_request_line_is_a_json_400(client: Client) -> None:
    error_of(client.raw(b"NONSENSE\r\n\r\n"), 400, "bad_request")


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_FIELDS = st.dictionaries(
    st.sampled_from(["text", "session", "lang", "rating", "comment"]),
    st.one_of(_JSON, st.sampled_from(["uk", "en", "up", "down", "What is Django?"])),
    max_size=5)


@settings(max_examples=150, deadline=None)
@given(path=st.sampled_from(["/api/ask", "/api/feedback"]),
       body=st.one_of(st.binary(max_size=300), _JSON.map(lambda v: json.dumps(v).encode()),
                      _FIELDS.map(lambda v: json.dumps(v).encode())),
       content_type=st.sampled_from(["application/json", "application/json; charset=utf-8",
                                     "text/plain", ""]))
def test_any_body_gets_a_documented_json_answer(path: str, body: bytes,
                                                content_type: str) -> None:
    client = Client(Limits(http_body_bytes=1024, rate=1000, burst=1000))
    client.bot.feedback = FakeFeedback()
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.request("POST", path, body, headers)
    assert response.status in (200, 400, 404, 413, 415), response
    check_http(path, "POST", response.status, response.json())


def test_http_timeout_zero_turns_the_timeout_off() -> None:
    """--http-timeout=0 means no timeout, not "drop every connection at once"."""
    assert Client(Limits(http_timeout_seconds=0)).site.timeOut is None
    assert Client(Limits(http_timeout_seconds=5)).site.timeOut == 5


def rate(client: Client, session: str, **extra: Any) -> Response:
    return client.request("POST", "/api/feedback",
                          json.dumps({"session": session, "rating": "up", **extra}).encode(),
                          {"Content-Type": "application/json"})


def test_ratings_past_the_address_limit_get_429_with_retry_after() -> None:
    client = Client(Limits(rating_rate=0.25, rating_burst=1))
    client.bot.feedback = FakeFeedback()
    first = client.ask({"text": "django"}).json()["session"]
    second = client.ask({"text": "flask"}).json()["session"]  # another session, same address
    assert rate(client, first).status == 200
    refused = rate(client, second)
    error_of(refused, 429, "rate_limited")
    assert refused.headers["retry-after"] == "4"
    check_http("/api/feedback", "POST", 429, refused.json())


def test_a_comment_over_the_configured_bound_is_400() -> None:
    client = Client(Limits(rating_comment_chars=5))
    client.bot.feedback = FakeFeedback()
    session = client.ask({"text": "django"}).json()["session"]
    error_of(rate(client, session, comment="123456"), 400, "invalid_field")
    assert rate(client, session, comment="12345").status == 200


def test_a_full_ratings_table_is_507() -> None:
    from fwbot.feedback import Refused

    client = Client()
    feedback = FakeFeedback(hold=True)
    client.bot.feedback = feedback
    session = client.ask({"text": "django"}).json()["session"]
    pending = client.start("POST", "/api/feedback",
                           json.dumps({"session": session, "rating": "up"}).encode(),
                           {"Content-Type": "application/json"})
    feedback.waiting[0].errback(Refused("storage_full"))
    response = pending.response()
    assert response is not None
    error_of(response, 507, "storage_full")
    check_http("/api/feedback", "POST", 507, response.json())


def test_wrong_admin_tokens_are_limited_per_address_and_logged() -> None:
    from twisted.logger import capturedLogs, formatEvent

    client = Client(Limits(admin_fail_rate=0.1, admin_fail_burst=3))
    client.bot.feedback = FakeFeedback()
    client.site = build_site(client.bot, client.clock, admin_token="s3cret")
    wrong = {"Authorization": "Bearer guess"}
    right = {"Authorization": "Bearer s3cret"}
    with capturedLogs() as events:
        assert [client.request("GET", "/admin/report", headers=wrong).status
                for _ in range(3)] == [403, 403, 403]
        for headers in (wrong, right, {}):  # locked out: even the right token waits
            refused = client.request("GET", "/admin/report", headers=headers)
            error_of(refused, 429, "too_many_attempts")
            assert refused.headers["retry-after"] == "10"
            check_http("/admin/report", "GET", 429, refused.json())
    logged = [formatEvent(event) for event in events]
    assert sum("wrong admin token from 192.168.1.1" in line for line in logged) == 3
    assert sum("refused for 10 s" in line for line in logged) == 1, logged
    assert not any("guess" in line for line in logged)
    client.clock.advance(10)
    assert client.request("GET", "/admin/report", headers=right).status == 200
    assert client.request("POST", "/admin/reload", headers=wrong).status == 403
    assert client.request("POST", "/admin/reload", headers=right).status == 429


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/healthz", b""), ("GET", "/nowhere", b""), ("DELETE", "/api/ask", b""),
    ("POST", "/api/ask", b'{"text": "hi"}'), ("GET", "/api/frameworks", b""),
    ("GET", "/", b""), ("GET", "/ws", b"")])
def test_every_response_says_nosniff(client: Client, method: str, path: str,
                                     body: bytes) -> None:
    response = client.request(method, path, body, {"Content-Type": "application/json"})
    assert response.headers["x-content-type-options"] == "nosniff", (path, response.headers)


@pytest.mark.parametrize("hosts", [[], ["a.example", "b.example"], ["a.example", "a.example"]])
def test_a_request_without_exactly_one_host_is_a_json_400(client: Client,
                                                          hosts: list[str]) -> None:
    head = "".join(f"Host: {h}\r\n" for h in hosts)
    pending = client.send(f"GET /healthz HTTP/1.1\r\n{head}\r\n".encode())
    response = pending.response()
    assert response is not None
    error_of(response, 400, "bad_request")
    check_http("/healthz", "GET", 400, response.json())
    assert response.headers["connection"] == "close" and pending.wire.disconnecting


def test_http_1_0_may_leave_host_out(client: Client) -> None:
    assert client.raw(b"GET /healthz HTTP/1.0\r\n\r\n").status == 200


@pytest.mark.parametrize("path", ["/nowhere", "/api/frameworks/nope", "/healthz", "/api/ask"])
def test_head_gets_the_gets_headers_without_a_log_line(client: Client, path: str) -> None:
    """twisted.web logs each HEAD answered with a body ("I think I'll eat it"), with
    the request's URI in it; a 404 or 405 had one."""
    from twisted.logger import capturedLogs

    get = client.request("GET", path)
    with capturedLogs() as events:
        head = client.request("HEAD", path)
    assert (head.status, head.body) == (get.status, b"")
    if get.status != 405:  # (its message names the method)
        assert head.headers["content-length"] == str(len(get.body))
    assert events == [], events


def handshake(client: Client, *headers: bytes) -> Response:
    lines = [b"GET /ws HTTP/1.1", b"Host: localhost", b"Upgrade: websocket",
             b"Connection: Upgrade", *headers]
    return client.raw(b"\r\n".join(lines) + b"\r\n\r\n")


KEY = b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="


@pytest.mark.parametrize("headers", [
    (KEY, b"Sec-WebSocket-Version: 1\x1b[31m3"),
    (KEY, b"Sec-WebSocket-Version: 7"),
    (b"Sec-WebSocket-Key: \x1b[2Jx", b"Sec-WebSocket-Version: 13"),
    (b"Sec-WebSocket-Version: 13",),
])
def test_a_bad_websocket_handshake_is_a_json_400_with_a_fixed_reason(
        client: Client, headers: tuple[bytes, ...]) -> None:
    from twisted.logger import capturedLogs, formatEvent

    with capturedLogs() as events:
        response = handshake(client, *headers, b"Accept-Language: uk")
    assert response.status == 400
    assert "Некоректний запит" in error_of(response, 400, "bad_handshake")
    assert response.headers["x-content-type-options"] == "nosniff"
    check_http("/ws", "GET", 400, response.json())
    logged = "\n".join(formatEvent(event) for event in events)
    assert "\x1b" not in logged and logged.count("refused a WebSocket") == 1, logged


def test_the_reason_phrase_of_a_refused_handshake_is_fixed(client: Client) -> None:
    pending = client.send(b"GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Version: 1\x1b[31m3\r\n"
                          + KEY + b"\r\n\r\n")
    assert pending.wire.value().startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"\x1b" not in pending.wire.value()


def test_an_origin_not_allowed_is_a_json_403() -> None:
    client = Client(Limits(ws_origins=("https://good.example",)))
    response = handshake(client, KEY, b"Sec-WebSocket-Version: 13",
                         b"Origin: https://evil.example")
    error_of(response, 403, "origin_not_allowed")
    check_http("/ws", "GET", 403, response.json())


# -- fairness: pipelining per turn, 429 back-pressure, sessions per address ----------------


def keep_alive_asks(texts: list[str], session: str | None = None) -> bytes:
    """Pipelined keep-alive ``POST /api/ask`` requests, one write."""
    out = b""
    for text in texts:
        body = json.dumps({"text": text, **({"session": session} if session else {})}).encode()
        out += (b"POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                b"application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    return out


def test_pipelined_requests_are_answered_a_batch_per_reactor_turn() -> None:
    client = Client(Limits(rate=1000, burst=1000, http_pipeline_batch=8))
    session = client.ask({"text": "start"}).json()["session"]
    # The reactor's next turn, by hand: a Clock would run a 0-second call at once.
    turns: list[Any] = []
    channel = client.site.buildProtocol(IPv4Address("TCP", "127.0.0.1", 5000))

    def call_later(delay: float, f: Any, *a: Any) -> Any:
        if getattr(f, "__name__", "") != "_read_on":
            return client.clock.callLater(delay, f, *a)
        turns.append((delay, f, a))
        return FakeCall()

    channel.callLater = call_later
    wire = StringTransport()
    channel.makeConnection(wire)
    channel.dataReceived(keep_alive_asks([f"q{i}" for i in range(20)], session))
    assert len(client.engine.seen) == 1 + 8  # one turn: one batch, the rest waits
    assert wire.producerState == "paused"  # and the connection is not read meanwhile
    next_turn = [t for t in turns if t[1].__name__ == "_read_on"]
    assert [t[0] for t in next_turn] == [0.0]
    next_turn[0][1]()
    assert len(client.engine.seen) == 1 + 16
    [t for t in turns if t[1].__name__ == "_read_on"][-1][1]()
    assert client.engine.seen[1:] == [f"q{i}" for i in range(20)]  # in order, none lost
    assert wire.value().count(b"HTTP/1.1 200") == 20
    assert wire.producerState == "producing"
    # GETs pipelined (no body: the rest waits in LineReceiver's buffer, not twisted.web's).
    turns.clear()
    channel.dataReceived(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n" * 20)
    assert wire.value().count(b"HTTP/1.1 200") == 20 + 8
    [t for t in turns if t[1].__name__ == "_read_on"][-1][1]()
    [t for t in turns if t[1].__name__ == "_read_on"][-1][1]()
    assert wire.value().count(b"HTTP/1.1 200") == 20 + 20
    # Requests one at a time never wait for a turn.
    waiting = len([t for t in turns if t[1].__name__ == "_read_on"])
    for n in range(10):
        channel.dataReceived(keep_alive_asks([f"one{n}"], session))
    assert client.engine.seen[-1] == "one9"
    assert len([t for t in turns if t[1].__name__ == "_read_on"]) == waiting


class FakeCall:
    """What ``callLater`` returns, for a channel whose calls a test runs by hand."""

    def active(self) -> bool:
        return False

    def cancel(self) -> None:
        """Nothing to cancel."""


def test_a_429_stops_reading_the_connection_until_a_request_could_pass() -> None:
    client = Client(Limits(rate=0.5, burst=1))
    session = client.ask({"text": "start"}).json()["session"]
    pending = client.send(keep_alive_asks(["a", "b", "c", "d"], session))
    out = pending.wire.value()
    assert out.count(b"HTTP/1.1 429") == 1 and b"retry-after: 2" in out.lower()
    assert client.engine.seen == ["start", "a"]  # "b" got the 429, "c" and "d" wait
    assert pending.wire.producerState == "paused"
    client.clock.advance(1.9)
    assert client.engine.seen == ["start", "a"]
    client.clock.advance(0.1)  # a token: "c" is answered, "d" is over the rate again
    assert client.engine.seen == ["start", "a", "c"]
    assert pending.wire.value().count(b"HTTP/1.1 429") == 2


def test_new_sessions_from_one_address_are_limited() -> None:
    client = Client(Limits(session_rate=0.5, session_burst=2, rate=100, burst=100))
    assert [client.ask({"text": "hi"}).status for _ in range(2)] == [200, 200]
    refused = client.ask({"text": "hi"}, {"Accept-Language": "uk"})
    assert "пригальмуйте" in error_of(refused, 429, "rate_limited")
    assert refused.headers["retry-after"] == "2"
    check_http("/api/ask", "POST", 429, refused.json())
    assert len(client.site.resource.children[b"api"].children[b"ask"].sessions) == 2
    client.clock.advance(2)
    assert client.ask({"text": "hi"}).status == 200


def test_one_address_over_its_rate_leaves_the_others_alone() -> None:
    client = Client(Limits(rate=1.0, burst=3, address_rate=1.0, address_burst=4))
    first = client.ask({"text": "hi"}).json()["session"]  # the address: 3 left
    assert [client.ask({"text": "hi", "session": first}).status
            for _ in range(2)] == [200, 200]  # 1 left
    second = client.ask({"text": "hi"}).json()["session"]  # another session: 0 left
    refused = client.ask({"text": "hi", "session": second})  # its own bucket is full
    assert error_of(refused, 429, "rate_limited") and refused.headers["retry-after"] == "1"
    other = client.site.buildProtocol(IPv4Address("TCP", "10.9.9.9", 5000))
    wire = StringTransport(peerAddress=IPv4Address("TCP", "10.9.9.9", 5000))
    other.makeConnection(wire)
    other.dataReceived(client.encode("POST", "/api/ask", b'{"text": "me"}',
                                     {"Content-Type": "application/json"}))
    assert wire.value().startswith(b"HTTP/1.1 200")


def test_each_keep_alive_request_must_be_whole_within_the_timeout_of_the_last_answer() -> None:
    """The deadline moves with every answer; one timer per connection follows it."""
    client = Client(Limits(http_timeout_seconds=10))
    body = json.dumps({"text": "django"}).encode()
    ask = (b"POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    pending = client.send(ask)  # answered at t=0: the next request is due whole by t=10
    assert pending.wire.value().count(b"HTTP/1.1 200") == 1
    client.clock.advance(6)
    pending.channel.dataReceived(ask)  # answered at t=6: the next one is due by t=16
    assert pending.wire.value().count(b"HTTP/1.1 200") == 2
    client.clock.advance(5)  # t=11: past the first deadline, before the second
    pending.channel.dataReceived(ask[:40])  # a request begins, and stalls
    client.clock.advance(4.9)
    assert b"408" not in pending.wire.value() and not pending.wire.disconnecting
    client.clock.advance(0.2)  # t=16.1
    assert b"HTTP/1.1 408" in pending.wire.value()
    assert len(client.clock.getDelayedCalls()) <= 2  # the abort after the 408, at most one more
