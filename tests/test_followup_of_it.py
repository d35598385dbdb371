"""Follow-ups about the framework in view: "what is it good for?", "а другий ...?".

"what is it good for?" after Tornado asks what Tornado is for, not for a new
recommendation (which opened the wizard from nothing); "а другий на андроїді
працює?" after "pyside6 чи kivy?" asks whether Kivy runs on Android, not to
re-rank for a phone.
"""

from __future__ import annotations

from fwbot.engine import Engine
from fwbot.reply import Session


def test_what_is_it_good_for_after_a_claim(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "tornado is dead, right?")
    r = engine.reply(s, "what is it actually good for then")
    assert r.frameworks[0] == "tornado" and "WebSocket" in r.reply


def test_what_is_it_good_for_after_a_recommendation(engine: Engine) -> None:
    s = Session()
    pick = engine.reply(s, "порадь фреймворк для api").frameworks[0]
    r = engine.reply(s, "а для чого він підходить?")
    assert r.intent == "attribute" and list(r.frameworks) == [pick]


def test_the_second_one_on_android(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "що краще для десктопу: pyside6 чи kivy?")
    r = engine.reply(s, "а другий на андроїді працює?")
    assert r.reply.startswith("Так") and list(r.frameworks) == ["kivy"]


def test_without_a_framework_after_a_pick_keeps_the_needs(engine: Engine) -> None:
    s = Session()
    first = engine.reply(s, "треба бекенд для гри, вебсокети")
    assert first.frameworks[0] == "fastapi"
    r = engine.reply(s, "без fastapi")
    assert r.intent == "recommend" and "fastapi" not in r.frameworks
    assert "WebSocket" in r.reply
    why = engine.reply(s, "чому?")
    assert "WebSocket" in why.reply and "fastapi" not in why.frameworks


def test_pick_me_a_framework_in_ukrainian_starts_the_choice(engine: Engine) -> None:
    assert engine.reply(Session(), "підбери фреймворк").intent == "recommend"


def test_why_explains_only_the_frameworks_the_pick_named(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "хочу інтернет-магазин")
    shown = engine.reply(s, "треба адмінка щоб додавати товари").frameworks
    why = engine.reply(s, "чому?")
    assert list(why.frameworks) == list(shown) and "streamlit" not in why.frameworks


def test_who_makes_the_second_one(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "streamlit чи dash для дашборду керівництву?")
    r = engine.reply(s, "а хто робить другий?")
    assert list(r.frameworks) == ["dash"] and "Plotly" in r.reply


def test_a_claim_of_it_naming_a_language_is_no_unknown_framework(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "скрейпі для моніторингу цін підійде?")
    r = engine.reply(s, "а він javascript рендерить?")
    assert r.reply.startswith("Ні") and "scrapy-playwright" in r.reply
