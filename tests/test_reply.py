"""The shared wire form of a Reply is the same JSON a door would build itself."""

from __future__ import annotations

import json

import pytest

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


def test_wire_matches_to_dict_with_the_doors_members() -> None:
    engine = Engine.load()
    for text in ("What is Django?", "порадь фреймворк для великого сайту", "Flask vs Bottle",
                 'що таке "лапки" і \\ слеш?', "/help"):
        reply = engine.reply(Session(), text)
        wire = reply.wire(Reply.member("type", "reply"), Reply.member("session", "s-1"))
        assert json.loads(wire) == {"type": "reply", **reply.to_dict(), "session": "s-1"}
        assert json.loads(reply.wire()) == reply.to_dict()


def test_a_memoised_reply_is_shared_but_sessions_are_not() -> None:
    engine = Engine.load()
    first, second = Session(), Session()
    a = engine.reply(first, "What is Flask?")
    b = engine.reply(second, "What is Flask?")
    assert a is b  # worded once
    engine.reply(first, "and Django?")
    assert second.frameworks == ["flask"] and first.frameworks == ["django"]


def test_a_shared_reply_cannot_be_changed_through_its_lists() -> None:
    """One memoised Reply goes to many users: appending to its frameworks or
    suggestions must be impossible, or one door's slip would change every
    later answer."""
    reply = Reply("text", "describe", "en", frameworks=["flask"], suggestions=["Why?"])
    assert reply.frameworks == ("flask",) and reply.suggestions == ("Why?",)
    with pytest.raises(AttributeError):
        reply.frameworks.append("django")  # type: ignore[attr-defined]
    assert reply.to_dict()["frameworks"] == ["flask"]


def test_a_door_renders_a_shared_reply_once() -> None:
    """Two users asking the same thing get the same bytes, built for the first only."""
    engine = Engine.load()
    calls: list[Reply] = []

    def render(reply: Reply) -> bytes:
        calls.append(reply)
        return reply.reply.encode("utf-8")

    first = engine.reply(Session(), "What is Bottle?")
    second = engine.reply(Session(), "What is Bottle?")
    assert first.rendered("line", render) == second.rendered("line", render)
    assert calls == [first]
    assert first.rendered("other", render) and len(calls) == 2  # per door
