"""Every fact of the founding text is in the knowledge base and reachable by a question."""

from __future__ import annotations

from pathlib import Path

import pytest

from fwbot.engine import Engine
from fwbot.reply import Session

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "frameworks-uk.txt"
SEED_FRAMEWORKS = ("django", "flask", "bottle", "fastapi", "pyramid", "cherrypy", "twisted",
                   "kivy", "web2py")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_the_seed_frameworks_are_in_the_knowledge_base(engine: Engine) -> None:
    for fid in SEED_FRAMEWORKS:
        assert fid in engine.kb.frameworks
        assert "purpose" in engine.kb.frameworks[fid].seed


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is beside the repository")
def test_every_seed_framework_name_appears_in_the_seed_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    for fid in SEED_FRAMEWORKS:
        assert fid.lower() in text.lower()


@pytest.mark.parametrize("fid", SEED_FRAMEWORKS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_seed_framework_kind_and_purpose_are_reachable(engine: Engine, fid: str,
                                                       lang: str) -> None:
    fw = engine.kb.frameworks[fid]
    question = f"Що таке {fw.name}?" if lang == "uk" else f"What is {fw.name}?"
    reply = engine.reply(Session(), question)
    assert reply.intent == "describe" and reply.lang == lang
    assert fw.purpose[lang] in reply.reply
    assert engine.kb.vocabulary["kinds"][fw.kind]["label"][lang] in reply.reply


def python_facts(engine: Engine) -> list[tuple[str, str, str]]:
    return [(fact["id"], lang, question) for fact in engine.kb.python["python"]
            for lang, questions in fact["ask"].items() for question in questions]


def test_every_python_fact_answers_its_questions(engine: Engine) -> None:
    facts = {f["id"]: f for f in engine.kb.python["python"]}
    asked = python_facts(engine)
    assert len(asked) >= 20
    for fid, lang, question in asked:
        reply = engine.reply(Session(), question)
        assert reply.intent == "python", question
        assert reply.lang == lang, question
        assert facts[fid]["text"][lang] in reply.reply, question


def test_python_facts_carry_the_seed(engine: Engine) -> None:
    definition = engine.reply(Session(), "Що таке Python?").reply
    for word in ("інтерпретована", "об'єктно-орієнтована", "високорівнева",
                 "загального призначення", "1991"):
        assert word in definition
    uses = engine.reply(Session(), "Для чого використовують Python?").reply
    for word in ("серверної частини веб-додатків", "Data Science", "аналітики", "ШІ",
                 "веб-скрапінг", "управління системами", "IoT"):
        assert word in uses


def test_criteria_and_advice(engine: Engine) -> None:
    for question, lang in (("Як обрати фреймворк?", "uk"), ("How do I choose a framework?",
                                                           "en")):
        reply = engine.reply(Session(), question)
        assert reply.intent == "criteria"
        for item in engine.kb.python["criteria"]:
            assert item["text"][lang] in reply.reply
        assert engine.kb.python["advice"]["text"][lang] in reply.reply


def test_overview_is_reachable(engine: Engine) -> None:
    reply = engine.reply(Session(), "Які фреймворки ти знаєш?")
    assert reply.intent == "list"
    assert engine.kb.python["overview"]["text"]["uk"] in reply.reply


def test_advice_questions_reach_the_advised_frameworks(engine: Engine) -> None:
    advice = engine.kb.python["advice"]["ask"]
    expected = [{"django"}, {"flask", "fastapi"}, {"flask", "bottle"}]
    for lang in ("uk", "en"):
        for question, top in zip(advice[lang], expected, strict=True):
            reply = engine.reply(Session(), question)
            assert reply.intent == "recommend", question
            assert set(reply.frameworks[: len(top)]) == top, question
