"""A JSON body skips twisted.web's form parsing (``BoundedRequest.requestReceived``).

twisted.web parses every POST's Content-Type with ``email.message`` to find
a form; ``is_json_type`` says when the answer cannot be one, and only then
is that parse skipped. Every other Content-Type is parsed as before: a
form still lands in ``args``, a broken multipart body still gets 400.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_door_http import Client, error_of
from twisted.web.http import _parseContentType

from fwbot.doors.http_channel import BoundedRequest, is_json_type

FORMS = (b"application/x-www-form-urlencoded", b"multipart/form-data")


@pytest.mark.parametrize("content_type", [b"application/json", b"Application/JSON",
                                          b"application/json; charset=utf-8",
                                          b"application/json;charset=utf-8", b"APPLICATION/JSON;"])
def test_json_types_are_json(content_type: bytes) -> None:
    assert is_json_type(content_type)
    assert _parseContentType(content_type) == b"application/json"


@pytest.mark.parametrize("content_type", [b"application/jsonx", b"application/json ;x=1",
                                          b"text/plain", b"multipart/form-data; boundary=x",
                                          b"application/x-www-form-urlencoded", b"", b"json",
                                          b"application/json;\r\nx", b"application/json;\xff"])
def test_other_types_are_parsed_as_before(content_type: bytes) -> None:
    assert not is_json_type(content_type)


@given(st.binary(max_size=40).map(lambda rest: b"application/json;" + rest))
def test_a_type_taken_for_json_is_never_a_form(content_type: bytes) -> None:
    if is_json_type(content_type):
        try:
            parsed = _parseContentType(content_type)
        except IndexError:  # the stdlib parser fails on some ("application/json;!*"):
            return  # no form either, and the skip spares the request that failure
        assert parsed not in FORMS


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40))
def test_json_with_any_printable_parameters_is_json(rest: str) -> None:
    content_type = b"application/json;" + rest.encode("ascii")
    assert is_json_type(content_type)
    try:
        parsed = _parseContentType(content_type)
    except IndexError:  # the stdlib's email parser fails on some ("application/json;!*")
        return  # which the skip spares: test_a_type_the_form_parse_fails_on_is_answered
    assert parsed == b"application/json"


@pytest.fixture
def client() -> Client:
    return Client()


def requests_seen(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    seen: list[Any] = []
    process = BoundedRequest.process

    def keep(self: BoundedRequest) -> None:
        seen.append(self)
        process(self)

    monkeypatch.setattr(BoundedRequest, "process", keep)
    return seen


def test_a_json_ask_is_answered_without_the_form_parse(client: Client,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seen = requests_seen(monkeypatch)
    r = client.request("POST", "/api/ask", b'{"text": "hi"}',
                       {"Content-Type": "application/json; charset=utf-8"})
    assert r.status == 200
    assert seen[0]._parsePOSTFormSubmission is False and seen[0].args == {}


def test_a_form_is_still_parsed_and_refused(client: Client,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    seen = requests_seen(monkeypatch)
    r = client.request("POST", "/api/ask?x=1", b"text=hi",
                       {"Content-Type": "application/x-www-form-urlencoded"})
    error_of(r, 415, "unsupported_media_type")
    assert seen[0].args == {b"x": [b"1"], b"text": [b"hi"]}


@pytest.mark.parametrize("content_type", ["application/json;!*", "text/plain;!*"])
def test_a_type_the_form_parse_fails_on_is_answered(client: Client, content_type: str) -> None:
    """The standard library's email parser raises IndexError on ``;!*``: a JSON body is
    still answered and any other gets the usual 415, and the next request is served."""
    r = client.request("POST", "/api/ask", b'{"text": "hi"}', {"Content-Type": content_type})
    if content_type.startswith("application/json"):
        assert r.status == 200
    else:
        error_of(r, 415, "unsupported_media_type")
    assert client.request("POST", "/api/ask", b'{"text": "hi"}',
                          {"Content-Type": "application/json"}).status == 200


def test_a_broken_multipart_body_is_still_a_bad_request(client: Client) -> None:
    r = client.request("POST", "/api/ask", b"not multipart at all",
                       {"Content-Type": "multipart/form-data; boundary=zz"})
    assert r.status == 400
