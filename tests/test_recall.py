"""Readings kept with the conversation fields they depended on (fwbot.recall).

A kept Reading must be used again exactly where the readers would have read
the message the same way, and nowhere else: a follow-up in one conversation
must never be answered with another conversation's context.
"""

from __future__ import annotations

import random

import pytest

from fwbot.engine import Engine
from fwbot.meaning import Reading
from fwbot.recall import VARIANTS, Recall, Watch
from fwbot.reply import Session

FOLLOW_UPS = ["what is flask?", "is it async?", "who made it?", "and django?",
              "which one is faster?", "я новачок, що взяти для сайту?", "а чому?",
              "а для API?", "що таке django?", "а він безкоштовний?", "compare them",
              "/reset", "help me choose", "a web api", "small", "why?"]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_watch_notes_each_field_read_with_a_copy_of_its_value() -> None:
    session = Session(frameworks=["flask"])
    watch = Watch(session)
    assert watch.frameworks == ["flask"]
    assert watch.wizard is None
    session.frameworks.append("django")  # a later change leaves the copy as it was
    assert watch.seen == {"frameworks": ["flask"], "wizard": None}


def test_watch_refuses_a_reader_that_would_change_the_session() -> None:
    with pytest.raises(AttributeError, match="readers do not change the session"):
        Watch(Session()).intent = "describe"


def test_a_kept_reading_holds_only_where_the_fields_it_read_are_equal(engine: Engine) -> None:
    recall = Recall()
    a = engine.reader.read("is it async?")
    reading = Reading("attribute", "en", frameworks=("flask",))
    watch = Watch(Session(frameworks=["flask"]))
    assert watch.frameworks == ["flask"]
    recall.keep(watch, a, "en", reading, "claim")
    assert recall.get(Session(frameworks=["flask"], intent="fit"), a, "en") == (
        reading, "claim")  # intent was not read: it does not matter
    assert recall.get(Session(frameworks=["django"]), a, "en") is None
    assert recall.get(Session(frameworks=["flask"]), a, "uk") is None  # another language
    other = engine.reader.read("is it fast?")
    assert recall.get(Session(frameworks=["flask"]), other, "en") is None


def test_one_message_keeps_a_few_readings_for_different_conversations(engine: Engine,
                                                                       ) -> None:
    recall = Recall()
    a = engine.reader.read("is it async?")
    for i in range(VARIANTS + 1):
        watch = Watch(Session(frameworks=[f"fw{i}"]))
        assert watch.frameworks[0] == f"fw{i}"  # (the first framework is what it read)
        recall.keep(watch, a, "en", Reading("attribute", "en", frameworks=(f"fw{i}",)), "x")
    assert recall.get(Session(frameworks=["fw0"]), a, "en") is None  # the oldest went
    hit = recall.get(Session(frameworks=[f"fw{VARIANTS}"]), a, "en")
    assert hit is not None and hit[0].frameworks == (f"fw{VARIANTS}",)


def test_the_same_follow_up_answers_about_each_conversation_s_own_framework(
        engine: Engine) -> None:
    flask, django = Session(), Session()
    engine.reply(flask, "what is flask?")
    engine.reply(django, "what is django?")
    for _ in range(2):  # the second time, both Readings are kept ones
        assert engine.reply(flask, "who made it?").frameworks[:1] == ("flask",)
        assert engine.reply(django, "who made it?").frameworks[:1] == ("django",)


def test_conversations_interleaved_get_the_replies_they_get_alone() -> None:
    """Many conversations through one engine, against each one alone through an
    engine of its own: kept Readings change no reply."""
    rng = random.Random(5)
    scripts = [[rng.choice(FOLLOW_UPS) for _ in range(8)] for _ in range(12)]
    shared = Engine.load()
    sessions = [Session() for _ in scripts]
    together: list[list[str]] = [[] for _ in scripts]
    for turn in range(8):
        for i, script in enumerate(scripts):
            together[i].append(shared.reply(sessions[i], script[turn]).reply)
    for i, script in enumerate(scripts):
        alone, session = Engine.load(), Session()
        assert [alone.reply(session, text).reply for text in script] == together[i]


def test_a_reading_of_the_first_framework_holds_whatever_follows_it(engine: Engine) -> None:
    recall = Recall()
    a = engine.reader.read("is it async?")
    watch = Watch(Session(frameworks=["flask", "django"]))
    first = watch.frameworks[:1]
    recall.keep(watch, a, "en", Reading("attribute", "en", frameworks=tuple(first)), "x")
    hit = recall.get(Session(frameworks=["flask", "bottle", "quart"]), a, "en")
    assert hit is not None and hit[0].frameworks == ("flask",)
    assert recall.get(Session(frameworks=["django", "flask"]), a, "en") is None
    assert recall.get(Session(frameworks=[]), a, "en") is None


def test_a_reading_of_the_whole_list_holds_only_for_the_same_list(engine: Engine) -> None:
    recall = Recall()
    a = engine.reader.read("which of them is faster?")
    watch = Watch(Session(frameworks=["flask", "django"]))
    both = tuple(watch.frameworks)
    recall.keep(watch, a, "en", Reading("compare", "en", frameworks=both), "x")
    assert recall.get(Session(frameworks=["flask", "bottle"]), a, "en") is None
    assert recall.get(Session(frameworks=["flask", "django"]), a, "en") is not None


def test_the_length_of_a_list_is_a_part_of_it(engine: Engine) -> None:
    recall = Recall()
    a = engine.reader.read("which of them is faster?")
    watch = Watch(Session(frameworks=["flask", "django"]))
    assert len(watch.frameworks) == 2
    recall.keep(watch, a, "en", Reading("unknown", "en"), "x")
    assert recall.get(Session(frameworks=["bottle", "quart"]), a, "en") is not None
    assert recall.get(Session(frameworks=["bottle"]), a, "en") is None


def test_a_list_handed_on_as_it_is_is_never_kept(engine: Engine) -> None:
    recall = Recall()
    a = engine.reader.read("is it async?")
    watch = Watch(Session(frameworks=["flask", "django"]))
    recall.keep(watch, a, "en", Reading("attribute", "en", frameworks=watch.frameworks), "x")
    assert recall.get(Session(frameworks=["flask", "django"]), a, "en") is None
