"""The conversation layer, driven with plain calls: no door, no socket, no reactor.

A tiny knowledge base (the built-in one with seven frameworks) answers, so
what the layer routes to the engine is the real engine's answer. The
clock is ``twisted.internet.task.Clock`` only because the token buckets
take one; the layer itself imports nothing of Twisted (the first test).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from twisted.internet.task import Clock

from fwbot.conversation import Conversation, Rated, Refusal, SlowDown, Store
from fwbot.engine import Engine
from fwbot.knowledge import default_data_dir
from fwbot.reply import Reply, Session
from fwbot.service import Bot, Limits


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    data = tmp_path_factory.mktemp("tiny") / "data"
    shutil.copytree(default_data_dir(), data)
    for path in (data / "frameworks").glob("*.yaml"):
        # related.yaml names aiohttp, and its add-ons extend Streamlit, Kivy, Toga and
        # FastAPI (its BackgroundTasks)
        if path.stem not in ("django", "flask", "aiohttp", "streamlit", "kivy", "toga",
                             "fastapi"):
            path.unlink()
    return Engine.load(data)


def talk(engine: Engine, limits: Limits | None = None, door: str = "websocket",
         text_ratings: bool = False) -> Conversation:
    clock = Clock()
    bot = Bot(engine, limits=limits or Limits(), clock=clock)
    return Conversation(bot, door, Session(), bot.throttle("10.0.0.1", clock), "10.0.0.1",
                        text_ratings=text_ratings)


def errors(conversation: Conversation, code: str) -> float:
    bot = conversation.bot
    assert isinstance(bot, Bot)
    return float(bot.metrics.errors.labels(conversation.door, code)._value.get())


def test_the_layer_imports_nothing_of_twisted() -> None:
    code = ("import sys, fwbot.conversation; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('twisted', 'autobahn', 'zope')))")
    src = Path(__file__).resolve().parents[1] / "src"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(src)})
    assert done.stdout.strip() == "[]"


def test_an_ask_is_the_engines_answer_and_the_answer_a_rating_refers_to(
        engine: Engine) -> None:
    conversation = talk(engine)
    reply = conversation.ask("  What is Django?  ")
    assert isinstance(reply, Reply) and reply.frameworks == ("django",)
    assert conversation.session.answered is not None
    assert conversation.session.answered.text == reply.reply
    store = conversation.rate("up", "")
    assert isinstance(store, Store) and store.answered is conversation.session.answered
    assert store.comment is None  # an empty comment is none


@pytest.mark.parametrize("text", [None, 5, "", "   ", "\ufeff "])
def test_an_ask_without_text_is_refused_and_counted(engine: Engine, text: object) -> None:
    conversation = talk(engine)
    refused = conversation.ask(text)
    assert isinstance(refused, Refusal) and refused.code == "empty_text"
    assert errors(conversation, "empty_text") == 1
    assert conversation.session.turns == 0  # the engine never saw it


def test_an_asks_language_is_fixed_only_once_the_ask_is_taken(engine: Engine) -> None:
    conversation = talk(engine)
    refused = conversation.ask("", "uk")
    assert isinstance(refused, Refusal) and refused.message == engine.text("empty_text", "uk")
    assert conversation.session.lang is None  # a refused ask changes nothing...
    english = conversation.ask("  ", "en")  # ...but is refused in the language it asked for
    assert isinstance(english, Refusal) and english.message == engine.text("empty_text", "en")
    bad = conversation.ask("django", "de")
    assert isinstance(bad, Refusal) and bad.code == "invalid_field" and "lang" in bad.message
    reply = conversation.ask("What is Django?", "uk")
    assert isinstance(reply, Reply) and reply.lang == "uk" and conversation.session.lang == "uk"


def test_the_lang_message_is_the_lang_command(engine: Engine) -> None:
    conversation = talk(engine)
    reply = conversation.set_lang("uk")
    assert isinstance(reply, Reply) and reply.lang == "uk" and conversation.session.lang == "uk"
    assert reply == engine.reply(Session(), "/lang uk")  # the engine's own command reply
    refused = conversation.set_lang("auto")  # a JSON field is its schema's enum
    assert isinstance(refused, Refusal) and refused.code == "invalid_field"
    assert "lang" in refused.message  # in Ukrainian, as the user asked
    assert refused.message == engine.text("invalid_field", "uk", field="lang")


def test_commands_go_to_the_engine_and_quit_closes(engine: Engine) -> None:
    conversation = talk(engine, door="line", text_ratings=True)
    assert isinstance(conversation.say("/help"), Reply)
    quit_reply = conversation.quit()
    assert quit_reply.close and quit_reply.intent == "bye"


@pytest.mark.parametrize(("line", "rating", "comment"), [
    ("/rate up", "up", None), ("/RATE Down so-so", "down", "so-so"), ("/rate +", "up", None),
    ("/rate - meh", "down", "meh"), ("/rate 👍", "up", None), ("/rate 👎 no", "down", "no"),
    ("/rate\tup", "up", None),
])
def test_the_rate_command_and_its_words(engine: Engine, line: str, rating: str,
                                        comment: str | None) -> None:
    conversation = talk(engine, door="line", text_ratings=True)
    conversation.say("What is Flask?")
    store = conversation.say(line)
    assert isinstance(store, Store) and (store.rating, store.comment) == (rating, comment)


def test_rate_is_a_text_command_only_where_the_contract_says_so(engine: Engine) -> None:
    conversation = talk(engine)  # WebSocket: /rate as text is an unknown command
    conversation.ask("What is Flask?")
    reply = conversation.say("/rate up")
    assert isinstance(reply, Reply) and reply.intent == "help"
    assert isinstance(talk(engine, text_ratings=True).say("/ratex"), Reply)  # not /rate


@pytest.mark.parametrize(("rating", "comment", "text_code", "json_code"), [
    ("meh", None, "feedback_usage", "invalid_field"),
    ("UP", None, "feedback_usage", "invalid_field"),  # a JSON value is exact
    ("up", 5, "comment_too_long", "invalid_field"),
    ("up", "x" * 11, "comment_too_long", "invalid_field"),
])
def test_a_bad_rating_is_refused_as_the_doors_contract_words_it(
        engine: Engine, rating: str, comment: object, text_code: str, json_code: str) -> None:
    """One rule for every door (moved here from the WebSocket and line door tests):
    the command's usage on the line door, the wrong field in JSON."""
    conversation = talk(engine, Limits(rating_comment_chars=10))
    conversation.ask("What is Django?")
    as_json = conversation.rate(rating, comment)
    as_text = conversation.rate(rating, comment, as_text=True)
    assert isinstance(as_json, Refusal) and as_json.code == json_code
    assert isinstance(as_text, Refusal) and as_text.code == text_code
    if text_code == "comment_too_long":
        assert "over 10 characters" in as_text.message
    assert isinstance(conversation.rate("up", "x" * 10), Store)  # at the bound: fine


def test_a_rating_before_any_answer_has_nothing_to_rate(engine: Engine) -> None:
    conversation = talk(engine)
    refused = conversation.rate("up", None)
    assert isinstance(refused, Refusal) and refused.code == "nothing_to_rate"


def test_the_rate_command_says_there_is_nothing_to_rate_before_judging_its_comment(
        engine: Engine) -> None:
    """line.md's order: a comment that is too long does not hide that nothing was
    answered yet (the user would shorten it only to hear that next)."""
    line = talk(engine, Limits(rating_comment_chars=10), door="line", text_ratings=True)
    refused = line.say("/rate up " + "x" * 50)
    assert isinstance(refused, Refusal) and refused.code == "nothing_to_rate"


def test_rated_and_not_rated_speak_the_users_language(engine: Engine) -> None:
    conversation = talk(engine)
    conversation.ask("Що таке Django?")
    store = conversation.rate("down", "ні")
    assert isinstance(store, Store)
    rated = conversation.rated(store, 7)
    assert rated == Rated("down", 7, engine.text("feedback_thanks", "uk"))
    refused = conversation.not_rated("rate_limited", 3)
    assert refused == Refusal("rate_limited", engine.text("rate_limited", "uk"), 3)
    assert errors(conversation, "rate_limited") == 1


def test_slow_down_once_per_burst_then_a_new_burst_is_told_again(engine: Engine) -> None:
    conversation = talk(engine, Limits(rate=1.0, burst=2))
    clock = conversation.bot.clock
    assert isinstance(clock, Clock)
    assert conversation.admit() is None and conversation.admit() is None
    first = conversation.admit()
    assert isinstance(first, SlowDown) and first.warning is not None and first.wait > 0
    assert first.warning.code == "rate_limited"
    again = conversation.admit()
    assert isinstance(again, SlowDown) and again.warning is None  # the same burst
    assert conversation.holding() > 0  # a warned client is held before its next message
    clock.advance(1.0)
    assert conversation.holding() == 0 and conversation.admit() is None
    clock.advance(5.0)
    assert conversation.admit() is None  # below the rate again: the warning is reset
    conversation.admit()
    later = conversation.admit()
    assert isinstance(later, SlowDown) and later.warning is not None
    assert errors(conversation, "rate_limited") == 2


def test_a_new_sessions_first_ask_is_limited_per_address(engine: Engine) -> None:
    clock = Clock()
    bot = Bot(engine, limits=Limits(session_rate=1.0, session_burst=1), clock=clock)
    first = Conversation(bot, "http", Session(), host="10.0.0.2", new=True)
    assert isinstance(first.ask("django"), Reply) and not first.new
    assert isinstance(first.ask("flask"), Reply)  # a stored session is not counted again
    second = Conversation(bot, "http", Session(), host="10.0.0.2", new=True, lang="uk")
    over = second.ask("django", "en")
    assert isinstance(over, SlowDown) and over.warning is not None
    assert over.warning.message == engine.text("rate_limited", "en")  # the language asked for
    third = Conversation(bot, "http", Session(), host="10.0.0.2", new=True, lang="uk")
    over = third.ask("django")
    assert isinstance(over, SlowDown) and over.warning is not None
    assert over.warning.message == engine.text("rate_limited", "uk")  # else the door's
    assert second.session.lang is None and second.new
    resumed = Conversation(bot, "http", Session(), host="10.0.0.2", new=True)
    resumed.resume(first.session)
    assert isinstance(resumed.ask("django"), Reply)  # resuming is not limited


def test_refusals_follow_the_users_language(engine: Engine) -> None:
    conversation = talk(engine, door="line")
    conversation.say("Що таке Flask?")
    refused = conversation.decline("invalid_utf8")
    assert refused.message == engine.text("invalid_utf8", "uk")
    assert conversation.tell("idle_timeout") == engine.text("idle_timeout", "uk")
    assert errors(conversation, "invalid_utf8") == 1
