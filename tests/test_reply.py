"""The shared wire form of a Reply is the same JSON a door would build itself."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fwbot.engine import Engine
from fwbot.reply import Answered, Reply, Session


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


def test_replys_own_init_takes_every_field_as_the_dataclass_declares_it() -> None:
    """Reply writes its __init__ out for speed: it must take the declared fields,
    in order, with their defaults, store them as given (lists as tuples), and
    work with dataclasses.replace."""
    import inspect

    fields = dataclasses.fields(Reply)
    params = list(inspect.signature(Reply.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        if f.default is not dataclasses.MISSING:
            assert p.default == f.default, f.name
    reply = Reply("text", "describe", "en", ["flask"], ["Is Flask async?"], {"k": 1}, True)
    assert [getattr(reply, f.name) for f in fields] == [
        "text", "describe", "en", ("flask",), ("Is Flask async?",), {"k": 1}, True]
    bare = Reply("text", "help", "uk")
    assert (bare.frameworks, bare.suggestions, bare.details, bare.close) == ((), (), {}, False)
    assert bare.details is not Reply("text", "help", "uk").details  # never shared
    assert dataclasses.replace(reply, suggestions=["x"]).suggestions == ("x",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reply.reply = "changed"  # type: ignore[misc]  # the point: frozen refuses it


def test_answered_of_builds_what_the_dataclass_would() -> None:
    """Answered.of fills its __dict__ directly for speed: the same declared fields, a
    fresh serial each time, and still frozen -- a rating must find what was answered."""
    reply = Reply("Django is a web framework.", "describe", "en")
    first, second = Answered.of(reply), Answered.of(reply)
    assert first == Answered("describe", "en", "Django is a web framework.")
    assert list(vars(first)) == [f.name for f in dataclasses.fields(Answered)]
    assert second.serial > first.serial and first.key != second.key
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.text = "changed"  # type: ignore[misc]  # frozen: the assignment must raise


@given(st.text(), st.sampled_from(["session", "type", 'we"ird\\']))
def test_a_member_is_what_json_would_encode(value: str, name: str) -> None:
    """Reply.member quotes plain strings itself: byte for byte json.dumps's member."""
    expected = json.dumps({name: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]
    assert Reply.member(name, value) == expected.encode("utf-8")
    assert json.loads(b"{" + Reply.member(name, value) + b"}") == {name: value}


def test_a_member_of_a_session_id_or_another_value() -> None:
    for value in ("s-1", "AbC_12-xyz", "", "з кирилицею", "tab\there", 'q"uote', "back\\slash",
                  "\x7f\u2028", 3, None, ["a"]):
        expected = json.dumps({"session": value}, ensure_ascii=False, separators=(",", ":"))
        assert Reply.member("session", value) == expected[1:-1].encode("utf-8")
    with pytest.raises(UnicodeEncodeError):  # as json's member would: not UTF-8
        Reply.member("session", "\ud800")
