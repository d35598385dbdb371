"""The HTTP door of a real twistd, through urllib; every answer checked against openapi.yaml."""

from __future__ import annotations

import json
import socket

import pytest
from contracts import check_http, openapi
from fwbot_process import Server, ask, http

JSON = {"Content-Type": "application/json"}


def error_code(result, path: str, method: str) -> str:  # type: ignore[no-untyped-def]
    body = result.json()
    check_http(path, method, result.status, body)
    return body["error"]["code"]


def test_ask_in_english_and_ukrainian(server: Server) -> None:
    r = ask(server, {"text": "What is Django?"})
    assert r.status == 200
    body = r.json()
    check_http("/api/ask", "post", 200, body)
    assert body["intent"] == "describe" and body["lang"] == "en"
    assert body["frameworks"] == ["django"] and "Django" in body["reply"]
    uk = ask(server, {"text": "Що таке Фласк?"}).json()
    check_http("/api/ask", "post", 200, uk)
    assert uk["lang"] == "uk" and uk["frameworks"] == ["flask"]
    assert body["session"] != uk["session"]


def test_session_continuity(server: Server) -> None:
    first = ask(server, {"text": "What is Django?"}).json()
    follow = ask(server, {"text": "Is it async?", "session": first["session"]}).json()
    check_http("/api/ask", "post", 200, follow)
    assert follow["session"] == first["session"]
    assert follow["frameworks"] == ["django"]  # "it" is Django: the session remembered
    fresh = ask(server, {"text": "Is it async?"}).json()
    assert fresh["frameworks"] != ["django"] or fresh["intent"] != follow["intent"]


def test_commands_and_lang_field(server: Server) -> None:
    sid = ask(server, {"text": "/lang uk"}).json()["session"]
    assert ask(server, {"text": "/help", "session": sid}).json()["lang"] == "uk"
    assert ask(server, {"text": "What is Flask?", "lang": "uk"}).json()["lang"] == "uk"
    bye = ask(server, {"text": "/quit", "session": sid}).json()
    assert bye["intent"] == "bye"


@pytest.mark.parametrize("body", [b"{oops", b"[]", b"\xff", b"null"])
def test_invalid_json_is_400(server: Server, body: bytes) -> None:
    r = ask(server, body)
    assert r.status == 400
    assert error_code(r, "/api/ask", "post") == "invalid_json"


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": " \n"}, {"text": 1}])
def test_missing_or_empty_text_is_400(server: Server, payload: object) -> None:
    r = ask(server, payload)
    assert r.status == 400
    assert error_code(r, "/api/ask", "post") == "empty_text"


def test_invalid_field_is_400(server: Server) -> None:
    r = ask(server, {"text": "hi", "lang": "fr"})
    assert r.status == 400 and error_code(r, "/api/ask", "post") == "invalid_field"


def test_error_language_follows_accept_language(server: Server) -> None:
    r = ask(server, {"text": ""}, {"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"})
    assert r.json()["error"]["message"].startswith("Порожнє")
    r = ask(server, {"text": ""}, {"Accept-Language": "en-GB"})
    assert r.json()["error"]["message"].startswith("Empty")


def test_wrong_method_is_405_with_allow(server: Server) -> None:
    r = http(server.url("/api/ask"))
    assert r.status == 405 and r.headers["allow"] == "POST"
    assert error_code(r, "/api/ask", "post") == "method_not_allowed"
    r = http(server.url("/api/frameworks"), "DELETE")
    assert r.status == 405 and r.headers["allow"] == "GET, HEAD"


def test_body_over_the_limit_is_413(server: Server) -> None:
    r = ask(server, {"text": "x" * 70_000})
    assert r.status == 413
    assert error_code(r, "/api/ask", "post") == "body_too_large"
    assert ask(server, {"text": "What is Django?"}).status == 200  # the server goes on


def test_huge_declared_body_is_413_without_reading_it_all(server: Server) -> None:
    """A client announcing 1 GB is refused once the limit is passed, not after 1 GB."""
    with socket.create_connection(("127.0.0.1", server.http_port), timeout=10) as s:
        s.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000000000\r\n\r\n" + b"x" * 100_000)
        s.settimeout(10)
        reply = s.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_415(server: Server, content_type: str) -> None:
    r = http(server.url("/api/ask"), "POST", b'{"text": "hi"}', {"Content-Type": content_type})
    assert r.status == 415
    assert error_code(r, "/api/ask", "post") == "unsupported_media_type"


@pytest.mark.parametrize("path", ["/nope", "/api", "/api/nope", "/healthz/x", "/ws/x"])
def test_unknown_path_is_404_json(server: Server, path: str) -> None:
    r = http(server.url(path))
    assert r.status == 404
    body = r.json()
    assert body["error"]["code"] == "not_found"
    from contracts import check_openapi_schema

    check_openapi_schema("Error", body)


def test_plain_get_on_the_websocket_path_is_426(server: Server) -> None:
    r = http(server.url("/ws"))
    assert r.status == 426 and r.headers["upgrade"] == "websocket"
    assert error_code(r, "/ws", "get") == "upgrade_required"


def test_frameworks(server: Server) -> None:
    r = http(server.url("/api/frameworks"))
    body = r.json()
    check_http("/api/frameworks", "get", 200, body)
    ids = {f["id"] for f in body["frameworks"]}
    assert {"django", "flask", "bottle", "fastapi", "pyramid", "cherrypy", "twisted", "kivy",
            "web2py"} <= ids
    card = http(server.url("/api/frameworks/django"), headers={"Accept-Language": "uk"}).json()
    check_http("/api/frameworks/{id}", "get", 200, card)
    assert card["id"] == "django" and "Django" in card["summary"]
    missing = http(server.url("/api/frameworks/nosuch"))
    assert missing.status == 404
    assert error_code(missing, "/api/frameworks/{id}", "get") == "unknown_framework"


def test_healthz(server: Server) -> None:
    r = http(server.url("/healthz"))
    check_http("/healthz", "get", 200, r.json())


def test_metrics_are_prometheus_text(server: Server) -> None:
    ask(server, {"text": "What is Django?"})
    ask(server, b"{")
    r = http(server.url("/metrics"))
    assert r.status == 200 and r.headers["content-type"].startswith("text/plain")
    text = r.body.decode()
    assert "# TYPE fwbot_answers_total counter" in text
    assert 'fwbot_answers_total{door="http",intent="describe"}' in text
    assert 'fwbot_errors_total{code="invalid_json",door="http"}' in text


def test_openapi_json_is_served_from_the_yaml(server: Server) -> None:
    r = http(server.url("/openapi.json"))
    assert r.status == 200 and r.json() == openapi()


def test_page(server: Server) -> None:
    r = http(server.url("/"))
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.body.decode("utf-8")
    assert "fwbot" in page and "8023" in page and "/api/ask" in page and "/ws" in page


def test_head_request(server: Server) -> None:
    r = http(server.url("/healthz"), "HEAD")
    assert r.status == 200 and r.body == b""


def test_responses_are_utf8_json(server: Server) -> None:
    r = ask(server, {"text": "Що таке Django?"})
    assert "Django" in json.loads(r.body.decode("utf-8"))["reply"]
