"""The door texts: every sentence the doors and the service say that is not an answer.

They live in ``data/messages.yaml``, one entry per key with a ``uk`` and an
``en`` text. The keys are declared here, once, so that the knowledge-base
loader (``python -m fwbot.kb check``, start-up and every ``kill -HUP``) can
refuse a ``data/`` that lacks one, or whose text names a placeholder the
caller does not fill, as a ``file:line`` problem -- instead of the first
user who is rate-limited getting a ``KeyError``. ``tests/test_texts.py``
scans the doors and the service for the keys they look up and fails on one
that is not declared here.

Most keys are also the ``code`` of an error in ``protocols/`` (``line.md``,
``websocket.md``, ``openapi.yaml``), so renaming one is a wire change.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class DoorText:
    """What one text is for, and the ``{placeholders}`` its caller fills."""

    purpose: str
    fields: tuple[str, ...] = ()


T = DoorText

TEXTS: Mapping[str, DoorText] = {
    # Every door
    "greeting": T("the bilingual hello a new connection or WebSocket session sees"),
    "rate_limited": T("a message, question or rating over the rate limit was dropped"),
    "message_too_long": T("a question over --max-message-chars was not read", ("limit",)),
    "internal_error": T("answering failed on the server's side; the connection stays"),
    "too_many_connections": T("a connection over the per-address or total limit is refused"),
    "shutting_down": T("the server stops (SIGTERM): goodbye before hanging up"),
    "nothing_to_rate": T("a rating came before any answer it could refer to"),
    "storage_unavailable": T("the feedback database could not store a rating or report"),
    "storage_full": T("the feedback table is at its row limit, so a rating was not stored"),
    # The line door (telnet, nc)
    "suggestions": T("the heading of the follow-up questions under an answer"),
    "are_you_there": T("the reply to telnet's AYT command"),
    "line_too_long": T("a line over --line-max-bytes was skipped", ("limit",)),
    "invalid_utf8": T("a line that is not UTF-8 was skipped"),
    "telnet_flood": T("too many telnet commands: the connection is closed"),
    "idle_timeout": T("nothing was sent for --line-idle-timeout seconds: hanging up"),
    "feedback_thanks": T("a /rate was stored"),
    "feedback_usage": T("/rate without up or down: how to use it"),
    "comment_too_long": T("a rating comment over --rating-comment-max was refused",
                          ("limit",)),
    # The WebSocket door
    "invalid_json": T("a frame (or HTTP body) that is not a JSON object"),
    "empty_text": T("an ask with no text"),
    "invalid_field": T("a field of the wrong type or value", ("field",)),
    "unknown_type": T("a message type the protocol does not have", ("type",)),
    "binary_frame": T("a binary WebSocket frame, which the protocol does not use"),
    "bad_handshake": T("a WebSocket opening handshake Autobahn refused"),
    "origin_not_allowed": T("a page from an origin not in --ws-origins opened /ws"),
    # The HTTP door
    "not_found": T("no resource at that path", ("path",)),
    "unknown_framework": T("/api/frameworks/<id> with an id the knowledge base lacks",
                           ("id",)),
    "method_not_allowed": T("a method the resource does not take", ("method", "allowed")),
    "body_too_large": T("a request body over --http-max-body", ("limit",)),
    "upgrade_required": T("a plain HTTP request to /ws"),
    "unsupported_media_type": T("a POST whose Content-Type is not application/json"),
    "unauthorized": T("an admin request without a bearer token"),
    "forbidden": T("an admin request with a wrong token"),
    "too_many_attempts": T("too many wrong admin tokens from one address"),
    "reload_failed": T("POST /admin/reload found a broken knowledge base; the old one serves"),
    "header_too_large": T("request headers over the count or size limit"),
    "bad_request": T("a request that is not valid HTTP/1.1"),
    "request_timeout": T("a request that took longer than --http-timeout to arrive"),
}


def placeholders(template: str) -> set[str]:
    """The field names ``str.format`` fills in ``template`` (``{limit}``, ``{id}``).

    Raises ValueError for a template ``str.format`` cannot parse (a lone
    ``{``), which the loader reports as a problem of its own.
    """
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name is not None}
