"""The dialogue engine through plain function calls: no network, no clock."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fwbot.engine import MAX_QUESTION_CHARS, Engine
from fwbot.knowledge import default_data_dir
from fwbot.reply import INTENTS, Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, *texts: str) -> list[Reply]:
    session = Session()
    return [engine.reply(session, t) for t in texts]


@pytest.mark.parametrize(("text", "lang", "fid"), [
    ("What is Django?", "en", "django"),
    ("Що таке Django?", "uk", "django"),
    ("що таке джанго", "uk", "django"),
    ("розкажи про фласк", "uk", "flask"),
    ("tell me about djnago", "en", "django"),
    ("що за звір твістед?", "uk", "twisted"),
    ("Розкажіть про FastAPI, будь ласка", "uk", "fastapi"),
    ("what is qt for python", "en", "pyside6"),
])
def test_describe_in_the_users_language(engine: Engine, text: str, lang: str, fid: str) -> None:
    (reply,) = ask(engine, text)
    assert (reply.intent, reply.lang, reply.frameworks) == ("describe", lang, (fid,))
    assert engine.kb.frameworks[fid].name in reply.reply
    assert reply.details["framework"]["id"] == fid
    assert reply.suggestions


def test_inflected_cyrillic_name_is_found(engine: Engine) -> None:
    (reply,) = ask(engine, "порівняй Django з фласком")
    assert reply.intent == "compare"
    assert reply.frameworks == ("django", "flask")


@pytest.mark.parametrize("word", ["bash", "data", "task", "class", "flash drive", "kiwi"])
def test_ordinary_words_do_not_become_frameworks(engine: Engine, word: str) -> None:
    (reply,) = ask(engine, f"what is {word}?")
    assert reply.frameworks == ()


def test_followups_use_the_last_framework(engine: Engine) -> None:
    _, it_async, lic, other, cmp = ask(
        engine, "What is Flask?", "is it async?", "а ліцензія?", "and Django?",
        "compare it with FastAPI")
    assert it_async.intent == "attribute" and it_async.frameworks == ("flask",)
    assert it_async.details["attribute"] == "async"
    assert lic.lang == "uk" and lic.frameworks == ("flask",) and "BSD" in lic.reply
    assert other.intent == "attribute" and other.frameworks == ("django",)
    assert other.details["attribute"] == "license"
    assert cmp.intent == "compare" and cmp.frameworks == ("django", "fastapi")


def test_compare_them_after_two_questions(engine: Engine) -> None:
    *_, cmp = ask(engine, "що таке Django", "а Flask?", "порівняй їх")
    assert cmp.intent == "compare" and set(cmp.frameworks) == {"django", "flask"}
    assert len(cmp.details["rows"]) == 2


def test_wizard_asks_what_and_how_big_then_recommends(engine: Engine) -> None:
    start, what, size, why = ask(engine, "порадь фреймворк", "веб-сайт", "великий", "чому?")
    assert start.intent == "recommend" and start.frameworks == ()
    assert start.details["wizard"] == "what" and start.suggestions
    assert what.details["wizard"] == "size"
    assert size.intent == "recommend" and size.frameworks[0] == "django"
    assert set(size.details["needs"]) == {"web", "large"}
    assert why.intent == "explain" and why.frameworks[0] == "django"
    assert "+3" in why.reply  # the points of each rule are shown


def test_recommendation_details_are_transparent(engine: Engine) -> None:
    (reply,) = ask(engine, "I need a fast async framework for a REST API")
    assert reply.intent == "recommend"
    scores = reply.details["scores"]
    ranking = reply.details["ranking"]
    assert [r["id"] for r in ranking] == list(reply.frameworks)
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)
    for row in ranking:
        assert row["score"] == sum(reason["points"] for reason in row["reasons"])
        assert scores[row["id"]] == row["score"]
    assert reply.frameworks[0] == "fastapi"


@pytest.mark.parametrize(("text", "top"), [
    ("What should I use for a large project with many features?", {"django"}),
    ("Що обрати для великого проєкту з багатьма функціями?", {"django"}),
    ("recommend a framework for a light API", {"flask", "fastapi"}),
    ("порадь фреймворк для легкого API", {"flask", "fastapi"}),
    ("best framework for a light and flexible project", {"flask", "bottle"}),
    ("що краще для легкого і гнучкого проєкту?", {"flask", "bottle"}),
])
def test_seed_advice_comes_out_of_the_scoring(engine: Engine, text: str, top: set[str]) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend"
    assert set(reply.frameworks[: len(top)]) == top


def test_ranking_is_deterministic(engine: Engine) -> None:
    session = Session()
    engine.reply(session, "What is Django?")
    twin = copy.deepcopy(session)
    a = engine.reply(session, "recommend something for a small website")
    b = engine.reply(twin, "recommend something for a small website")
    assert a == b


@pytest.mark.parametrize("text", [
    "What is Ruby on Rails?", "Що таке Laravel?", "what's the weather like?",
    "яка сьогодні погода", "asdkjh qwe", "Who won the football match?",
])
def test_unknown_things_get_an_honest_answer(engine: Engine, text: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "unknown"
    assert reply.frameworks == ()
    assert reply.suggestions


def test_filter_lists_matching_frameworks(engine: Engine) -> None:
    (micro,) = ask(engine, "які мікрофреймворки ти знаєш?")
    assert micro.intent == "filter"
    assert {"flask", "bottle"} <= set(micro.frameworks)
    assert all(engine.kb.frameworks[f].kind == "micro" for f in micro.frameworks)
    (gui,) = ask(engine, "which frameworks are for GUI?")
    assert set(gui.frameworks) >= {"kivy", "pyside6"}


def test_commands(engine: Engine) -> None:
    session = Session()
    assert engine.reply(session, "/lang uk").lang == "uk"
    assert engine.reply(session, "What is Flask?").lang == "uk"  # the chosen language wins
    assert engine.reply(session, "/lang auto").lang == "uk"
    assert engine.reply(session, "What is Flask?").lang == "en"
    engine.reply(session, "is it async?")
    assert engine.reply(session, "/reset").intent == "help"
    assert session.frameworks == []
    assert engine.reply(session, "/help").intent == "help"
    bye = engine.reply(session, "/quit")
    assert bye.intent == "bye" and bye.close
    assert "/help" in engine.reply(session, "/frobnicate").reply


def test_every_reply_is_well_formed(engine: Engine) -> None:
    texts = ["", "   ", "?", "/", "/lang", "чому?", "why?", "і?", "compare", "порівняй",
             "a" * 5000, "🙂", "\x00\x01", "Django " * 50]
    session = Session()
    for text in texts:
        reply = engine.reply(session, text)
        assert reply.intent in INTENTS
        assert reply.lang in ("uk", "en")
        assert reply.reply.strip()
        assert set(reply.frameworks) <= set(engine.kb.frameworks)


def test_engine_imports_no_twisted() -> None:
    code = "import sys, fwbot.engine, fwbot.eval; print('twisted' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_framework_added_in_yaml_is_known_without_code(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "frameworks" / "masonite.yaml").write_text(MASONITE, encoding="utf-8")
    engine = Engine.load(data)
    (reply,) = ask(engine, "What is Masonite?")
    assert reply.intent == "describe" and reply.frameworks == ("masonite",)
    (uk,) = ask(engine, "що таке масоніт")
    assert uk.frameworks == ("masonite",)
    assert "masonite" in ask(engine, "which frameworks do you know?")[0].frameworks
    assert engine.framework_card("masonite", "en")["license"] == "MIT"
    assert "pip install masonite" in ask(engine, "how to install masonite")[0].reply


MASONITE = """\
id: masonite
name: Masonite
aliases: [масоніт]
kind: fullstack
first_release: 2017
license: MIT
website: https://docs.masoniteproject.com
traits:
  async: "no"
  orm: true
  admin: false
  auth: true
  templates: true
  performance: medium
  learning_curve: moderate
  project_size: [small, medium]
  platforms: [web]
  community: small
  uses: [web, api]
summary:
  uk: "Masonite — full-stack веб-фреймворк для Python."
  en: "Masonite is a full-stack Python web framework."
purpose:
  uk: "Для веб-додатків."
  en: "For web applications."
description:
  uk: "Masonite має ORM Masonite ORM і багато вбудованих можливостей."
  en: "Masonite ships its own ORM and many built-in features."
facts:
  install: {uk: "pip install masonite", en: "pip install masonite"}
  creators: {uk: "спільнота Masonite", en: "the Masonite community"}
  docs: https://docs.masoniteproject.com
  websocket: null
  openapi: false
"""


@pytest.mark.parametrize(("text", "lang"), [("why?", "en"), ("чому?", "uk")])
def test_why_with_nothing_to_explain(engine: Engine, text: str, lang: str) -> None:
    (reply,) = ask(engine, text)
    assert (reply.intent, reply.lang, reply.frameworks) == ("explain", lang, ())


def test_what_is_not_why(engine: Engine) -> None:
    """simplemma gives "чому" (why) the lemma "що" (what): the explain cue is exact."""
    session = Session()
    engine.reply(session, "порадь фреймворк для API")
    assert engine.reply(session, "що таке Python?").intent == "python"


def test_an_overlong_message_gets_a_short_answer_and_is_not_cached(engine: Engine) -> None:
    session = Session()
    engine.reply(session, "Що таке Django?")
    before = engine.reader._cached_read.cache_info().currsize
    reply = engine.reply(session, "Django " * (MAX_QUESTION_CHARS // 7 + 1))
    assert reply.intent == "help" and reply.lang == "uk"
    assert str(MAX_QUESTION_CHARS) in reply.reply
    engine.reply(session, "я " * 200)  # analysed, but too long to be memoised
    assert engine.reader._cached_read.cache_info().currsize == before


@pytest.mark.parametrize(("text", "opening", "fid", "fact"), [
    ("Does Django have an ORM?", "Yes,", "django", "ORM"),
    ("чи є в джанго адмінка?", "Так,", "django", "адмінка"),
    ("Does Flask come with an admin panel?", "No,", "flask", "admin"),
    ("фласк має орм?", "Ні,", "flask", "ORM"),
    ("is there a template engine in Bottle", "Yes,", "bottle", "template"),
    ("чи є шаблонізатор у FastAPI", "Ні,", "fastapi", "шаблонізатор"),
])
def test_yes_no_feature_questions_open_with_the_answer(
        engine: Engine, text: str, opening: str, fid: str, fact: str) -> None:
    """A yes/no question about a built-in feature is answered yes or no first, about
    that feature, not with the whole card."""
    (r,) = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply, r.reply
    assert r.frameworks == (fid,) and r.details["attribute"] in ("orm", "admin", "templates")
    assert "\n" not in r.reply  # one fact, not the card


def test_feature_follow_up_keeps_the_framework(engine: Engine) -> None:
    card, templates, flask = ask(engine, "що таке джанго", "а шаблони?", "а Flask?")
    assert card.intent == "describe"
    assert templates.reply.startswith("Так,") and templates.frameworks == ("django",)
    assert flask.reply.startswith("Так,") and flask.frameworks == ("flask",)


@pytest.mark.parametrize(("text", "unwanted", "wanted"), [
    ("I don't need async, just a simple website", "not_async", "web"),
    ("порадь фреймворк: асинхронність не потрібна, простий сайт", "not_async", "small"),
    ("фреймворк для сайту без адмінки", "not_batteries", "web"),
    ("не треба ORM, потрібен API", "not_batteries", "api"),
])
def test_a_negated_need_counts_against(engine: Engine, text: str, unwanted: str,
                                       wanted: str) -> None:
    """"Not X" is no request for X: the frameworks known for X drop, the rest of the
    message still counts, and the answer says what was not wanted."""
    (r,) = ask(engine, text)
    assert r.intent == "recommend", r.reply
    assert unwanted in r.details["needs"] and wanted in r.details["needs"]
    assert unwanted.removeprefix("not_") not in r.details["needs"]
    assert ("без:" in r.reply) or ("not:" in r.reply)
    first = engine.kb.frameworks[r.frameworks[0]]
    if unwanted == "not_async":
        assert first.traits.async_ != "yes", r.reply
    else:
        assert not first.traits.admin, r.reply


def test_negation_in_the_wizard_is_remembered(engine: Engine) -> None:
    _, _, ranked, why = ask(engine, "I need a framework", "website",
                            "ні, асинхронність не потрібна", "чому?")
    assert ranked.details["needs"] == ["web", "not_async"]
    assert engine.kb.frameworks[ranked.frameworks[0]].traits.async_ != "yes"
    assert "без: асинхронність" in why.reply


@pytest.mark.parametrize(("text", "fid", "opening", "better"), [
    ("Is Streamlit good for a production web shop?", "streamlit", "No,", True),
    ("чи підходить scrapy для інтернет-магазину", "scrapy", "Ні,", True),
    ("чи підійде фласк для новачка", "flask", "Так,", False),
    ("чи підходить Django для великих проектів?", "django", "Так,", False),
])
def test_is_x_good_for_y_answers_about_x(engine: Engine, text: str, fid: str, opening: str,
                                         better: bool) -> None:
    """The framework asked about comes first with a verdict; a poor fit names a better one."""
    (r,) = ask(engine, text)
    assert r.intent == "fit" and r.frameworks[0] == fid and r.reply.startswith(opening), r.reply
    assert (len(r.frameworks) == 2) is better
    if better:
        assert engine.kb.frameworks[r.frameworks[1]].name in r.reply
        assert r.details["scores"][r.frameworks[1]] > r.details["scores"].get(fid, 0)


def test_why_after_a_fit_question_explains_the_scores(engine: Engine) -> None:
    _, why = ask(engine, "Is Streamlit good for a production web shop?", "why?")
    assert why.intent == "explain" and "Streamlit" in why.reply


@pytest.mark.parametrize(("text", "tool"), [
    ("на чому писати гру типу змійки", "pygame"),
    ("best lib for a telegram bot in python?", "aiogram"),
    ("what framework for machine learning", "scikit-learn"),
    ("пайтон на esp32 можна запустити?", "MicroPython"),
    ("що таке DRF", "Django REST framework"),
])
def test_needs_outside_the_list_get_the_tools_people_use(engine: Engine, text: str,
                                                         tool: str) -> None:
    """A game, a bot, ML or a microcontroller is not steered to a web framework;
    an add-on names only the framework it extends (DRF: Django)."""
    (r,) = ask(engine, text)
    extends = {t.extends for t in engine.kb.tools.values() if t.name == tool} - {None}
    assert r.intent == "related" and set(r.frameworks) == extends and tool in r.reply, r.reply


def test_fit_names_the_add_on_that_fills_the_need(engine: Engine) -> None:
    (r,) = ask(engine, "is django good for a REST API?")
    assert r.frameworks[0] == "django" and "Django REST framework" in r.reply


def test_related_tools_are_checked_on_load(tmp_path: Path) -> None:
    related, problems = problems_after_edit(tmp_path, "related.yaml",
                                            "tools: [pygame, arcade, pyglet, panda3d, ursina]",
                                            "tools: [pygame, arcadee]")
    assert any(p.startswith(f"{related}:") and "unknown tool 'arcadee'" in p for p in problems)


def problems_after_edit(tmp_path: Path, name: str, old: str, new: str,
                        ) -> tuple[Path, list[str]]:
    """A copy of the built-in data with one text replaced in ``name``, and what
    loading it reports (it must fail)."""
    from fwbot.knowledge import KnowledgeError, load

    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load(target)
    return path, caught.value.problems


@pytest.mark.parametrize(("text", "fact"), [
    ("хто створив джанго", "Головаті"),
    ("who wrote flask originally", "Ronacher"),
    ("how to install django", "pip install django"),
    ("де документація django", "docs.djangoproject.com"),
    ("is flask wsgi or asgi", "WSGI"),
    ("fastapi supports websockets??", "Yes,"),
    ("Flask підтримує вебсокети з коробки?", "Ні,"),
    ("в фастапі є swagger документація автоматом?", "OpenAPI"),
    ("latest fastapi version?", "As of November 2026"),  # dated, not tracked live
    ("web2py version?", "don't track"),  # (its PyPI package is not its release channel)
])
def test_facts_an_advisor_is_asked(engine: Engine, text: str, fact: str) -> None:
    """Who made it, how to install it, where the docs are, WSGI/ASGI, WebSocket,
    OpenAPI, versions (with the month they were seen, or honestly untracked): one
    fact, not the card."""
    (r,) = ask(engine, text)
    assert r.intent == "attribute" and fact in r.reply and "\n" not in r.reply, r.reply


def test_a_wrong_fact_is_refused_with_its_line(tmp_path: Path) -> None:
    path, problems = problems_after_edit(tmp_path, "frameworks/bottle.yaml",
                                         "  websocket: false", "  websocket: maybe")
    assert any(p.startswith(f"{path}:") and "'websocket' must be true, false or null" in p
               for p in problems)


@pytest.mark.parametrize(("text", "opening"), [
    ("is tornado asynchronous", "Yes."),
    ("quart синхронний?", "Ні."),
    ("kivy працює тільки на windows?", "Ні."),
    ("ківі працює на андроїді?", "Так."),
    ("django з'явився в 2015?", "Ні."),
    ("django was created by armin ronacher?", "No."),
    ("flask was created by armin ronacher?", "Yes."),
    ("litestar is a wsgi framework?", "No."),
    ("does textual work on windows", "Yes."),
])
def test_a_yes_no_claim_is_checked_against_the_facts(engine: Engine, text: str,
                                                     opening: str) -> None:
    """A question that states a claim opens with whether it is true, then the fact."""
    (r,) = ask(engine, text)
    assert r.intent == "attribute" and r.reply.startswith(opening), r.reply


@pytest.mark.parametrize(("text", "opening"), [
    ("kivy can't run on ios, right?", "No."),
    ("toga не працює на андроїд?", "Ні."),
    ("kivy тільки під десктоп, на андроїд ним не зробиш, так?", "Ні."),
    ("kivy doesn't support android?", "No."),
    ("pyside6 doesn't support android?", "Yes."),
])
def test_a_denied_platform_is_part_of_the_claim(engine: Engine, text: str,
                                                opening: str) -> None:
    """"Not on Android" claims the framework lacks Android: no for Kivy and Toga."""
    (r,) = ask(engine, text)
    assert r.intent == "attribute" and r.reply.startswith(opening), r.reply


@pytest.mark.parametrize(("text", "opening"), [
    ("django doesnt have its own orm u need sqlalchemy", "No."),
    ("в джанго нема міграцій треба alembic ставити", "Ні."),
    ("flask has no built in orm", "Yes."),
])
def test_a_belief_stated_without_a_question_mark_is_checked(engine: Engine, text: str,
                                                            opening: str) -> None:
    (r,) = ask(engine, text)
    assert r.reply.startswith(opening), r.reply


@pytest.mark.parametrize(("text", "opening", "says"), [
    ("is flask built on werkzeug?", "Yes.", "Werkzeug"),
    ("flask побудований на werkzeug?", "Так.", "Werkzeug"),
    ("is fastapi built on werkzeug?", "No.", "Starlette"),
])
def test_a_base_that_is_no_framework_is_checked_against_built_on(
        engine: Engine, text: str, opening: str, says: str) -> None:
    """Werkzeug is neither a framework nor a tool of the base: the claim is still
    about what Flask is built on, not about who made it (it was answered "No. Flask
    was created by Armin Ronacher")."""
    (r,) = ask(engine, text)
    assert r.reply.startswith(opening) and says in r.reply, r.reply


@pytest.mark.parametrize(("first", "then", "says"), [
    ("що таке fastapi", "а на чому він побудований", "FastAPI побудований на Starlette"),
    ("що таке textual", "а на чому він базується?", "Textual побудований на Rich"),
    ("what is scrapy?", "what is it built on?", "Scrapy is built on Twisted"),
])
def test_what_the_framework_in_view_is_built_on(engine: Engine, first: str, then: str,
                                                says: str) -> None:
    """A wh-question on what it is built on states the fact, with no yes or no (it was
    "I don't know" in Ukrainian, where "на чому" holds the word for why)."""
    _, r = ask(engine, first, then)
    assert r.reply.startswith(says), r.reply


def test_a_claim_its_own_texts_state_is_confirmed(engine: Engine) -> None:
    (r,) = ask(engine, "does streamlit rerun the script on every interaction?")
    assert r.reply.startswith("Yes.") and "reruns" in r.reply, r.reply
    (r,) = ask(engine, "streamlit compiles the script to javascript?")
    assert not r.reply.startswith(("Yes", "No")), r.reply  # one shared word proves nothing


def test_a_wh_question_gets_the_fact_without_a_verdict(engine: Engine) -> None:
    (r,) = ask(engine, "what license does flask have?")
    assert r.reply.startswith("Flask is distributed"), r.reply


@pytest.mark.parametrize("text", [
    "online shop with admin, cart and payments",
    "порадь фреймворк для великого інтернет-магазину",
    "у мене мережа з трьох пекарень, хочу сайт з онлайн замовленнями і адмінкою для менеджерів",
])
def test_a_shop_gets_a_batteries_included_framework(engine: Engine, text: str) -> None:
    """A shop needs products, orders and an admin: Django first, and no scraper,
    networking engine, GUI toolkit or dashboard tool among the picks."""
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks[0] == "django", r.reply
    assert not set(r.frameworks) & {"scrapy", "twisted", "kivy", "pyside6", "streamlit", "dash"}


def test_a_runner_up_far_behind_the_winner_is_not_named(engine: Engine) -> None:
    """A shop with an admin gets Django; Flask, a microframework with none of the
    shop's features, scores far behind and is no advice."""
    (r,) = ask(engine, "online shop with admin, cart and payments")
    scores = r.details["scores"]
    assert r.frameworks[0] == "django" and "flask" not in r.frameworks, r.reply
    assert all(scores[f] >= 0.6 * scores["django"] for f in r.frameworks)


@pytest.mark.parametrize("text", [
    "a site for a small hotel: rooms, booking, an admin for the owner",
    "простий сайт з адмінкою і логіном для клієнтів",
])
def test_the_features_asked_decide_over_the_size(engine: Engine, text: str) -> None:
    """"Small" with an admin and accounts: the features need a batteries-included
    framework, and of those the one with the large community (Django), not web2py."""
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks[0] == "django", r.reply


@pytest.mark.parametrize("text", [
    "є фласк апка хочу async але переписувати все не хочеться",
    "в нас вже великий фласк проект і треба async",
    "i want flask-style code but async",
])
def test_an_existing_flask_app_that_wants_async_moves_to_quart(engine: Engine, text: str,
                                                               ) -> None:
    """A need phrase that holds a name ("фласк апка") is still the need, and the size
    of the app one has is no size to build for: what keeps the code decides."""
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks[0] == "quart", r.reply


@pytest.mark.parametrize(("text", "out"), [
    ("інтернет-магазин, але фласк не пропонуйте, треба адмінка і оплати", {"flask"}),
    ("дашборд для продажів, flask не можна", {"flask"}),
    ("вебхук-приймач, без залежностей, джанго і фастапі не підходять", {"django", "fastapi"}),
    ("a school diary with roles, my teammate refuses to use django", {"django"}),
])
def test_a_framework_ruled_out_after_its_name_is_not_recommended(
        engine: Engine, text: str, out: set[str]) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks and not out & set(r.frameworks), r.reply


@pytest.mark.parametrize(("text", "out"), [
    ("async web framework but nothing built on starlette please", {"starlette", "fastapi"}),
    ("дашборд для продажів, але без flask під капотом", {"flask", "dash"}),
])
def test_what_is_built_on_a_framework_ruled_out_is_ruled_out(engine: Engine, text: str,
                                                              out: set[str]) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks and not out & set(r.frameworks), r.reply


def test_a_not_after_a_name_that_claims_a_lack_rules_nothing_out(engine: Engine) -> None:
    (r,) = ask(engine, "flask не має orm?")
    assert r.frameworks and r.frameworks[0] == "flask", r.reply


@pytest.mark.parametrize(("text", "opening", "fid"), [
    ("is sanic good for a blog with admin panel and orm out of the box", "No", "sanic"),
    ("bottle підійде для інтернет магазину з оплатами і адмінкою?", "Ні", "bottle"),
])
def test_a_fit_without_a_requirement_asked_is_no(engine: Engine, text: str, opening: str,
                                                 fid: str) -> None:
    """It builds websites, but has none of the admin and ORM asked for: no, and the
    framework that has them named instead."""
    (r,) = ask(engine, text)
    assert r.intent == "fit" and r.reply.startswith(opening), r.reply
    assert r.frameworks == (fid, "django") and r.details["verdict"] == "lacks"


def test_a_fit_question_about_where_to_move_is_about_the_target(engine: Engine) -> None:
    """"I have a Flask project, want async: will Quart do?" asks how Quart fits;
    Flask is where the code is now."""
    (r,) = ask(engine, "у мене вже є flask проект, хочу async — quart підійде?")
    assert r.intent == "fit" and r.frameworks[0] == "quart" and r.reply.startswith("Так")


@pytest.mark.parametrize(("text", "fid"), [
    ("scrapy підійде щоб щодня моніторити ціни конкурентів на 5 сайтах?", "scrapy"),
    ("textual норм для тулзи, яку юзають адміни через ssh на сервері?", "textual"),
])
def test_a_fit_for_the_job_it_is_made_for_is_yes(engine: Engine, text: str, fid: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "fit" and r.frameworks == (fid,) and r.reply.startswith("Так"), r.reply


def test_the_server_interface_asked_for_counts(engine: Engine) -> None:
    """"A WSGI framework" scores what the framework's interface fact says; a bare
    "WSGI" stays the concept."""
    (r,) = ask(engine, "a wsgi framework for a fast json REST api, no templates, no orm")
    assert r.frameworks[0] == "falcon" and "WSGI" in r.reply, r.reply
    (r,) = ask(engine, "wsgi only no asgi stuff small api")
    assert r.intent == "recommend" and not {"fastapi", "starlette", "litestar"} & set(
        r.frameworks), r.reply
    (r,) = ask(engine, "what is wsgi")
    assert r.intent == "concept", r.reply


def test_a_recommendation_names_one_pick_and_when_to_take_the_runner_up(
        engine: Engine) -> None:
    """The pick is said, and the runner-up's own reasons (ones the pick has not)
    are when to take it instead."""
    (r,) = ask(engine, "online shop with admin, cart and payments")
    first, second = r.frameworks[:2]
    names = {f: engine.kb.frameworks[f].name for f in (first, second)}
    assert f"My pick is {names[first]}" in r.reply and names[second] in r.reply, r.reply
    (r,) = ask(engine, "async api with openapi docs and validation")
    assert "My pick is FastAPI" in r.reply, r.reply


def test_a_not_that_reaches_through_whether_negates(engine: Engine) -> None:
    (r,) = ask(engine, "не важливо чи виглядає нативно, головне один код для android і ios")
    assert "native" not in r.details["needs"] and r.frameworks[0] == "kivy", r.reply


@pytest.mark.parametrize("text", [
    "скільки часу треба щоб вивчити джанго з нуля",
    "should a beginner learn django first?",
])
def test_the_framework_to_learn_is_the_one_asked_about(engine: Engine, text: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "fit" and r.frameworks[0] == "django", r.reply


def test_details_of_a_job_outside_the_list_keep_its_tools(engine: Engine) -> None:
    """After the tools for a Telegram bot, "takes orders" is what the bot does (a
    shop need yields to the bot): still the bot's tools, no shop framework."""
    *_, r = ask(engine, "a telegram bot", "for a pizza place, takes orders")
    assert r.intent == "related" and "aiogram" in r.reply and not r.frameworks, r.reply


@pytest.mark.parametrize("text", [
    "апка для кіоску з мультитачем",
    "a dashboard on a small raspberry pi touchscreen, not a web page",
])
def test_a_touch_screen_app_gets_a_toolkit_made_for_touch(engine: Engine, text: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks[0] in ("kivy", "toga"), r.reply
    assert not {"streamlit", "dash"} & set(r.frameworks), r.reply


def test_a_size_given_as_its_own_answer_is_kept(engine: Engine) -> None:
    """"Small" with an admin in one message yields to the admin; "small" said after
    the admin, as the answer to how big, is the size and is kept."""
    (one,) = ask(engine, "a small website with an admin")
    assert "small" not in one.details["needs"], one.details
    *_, later = ask(engine, "help me choose", "a website with an admin", "small")
    assert "small" in later.details["needs"], later.details


def test_a_shop_that_is_only_the_object_of_the_job_is_no_shop(engine: Engine) -> None:
    (scraper,) = ask(engine, "i want to scrape prices from a few shops daily")
    assert scraper.frameworks[0] == "scrapy", scraper.reply
    (bot,) = ask(engine, "телеграм бот, який приймає оплату за мої курси")
    assert bot.intent == "related" and "aiogram" in bot.reply


@pytest.mark.parametrize(("text", "fact"), [
    ("що таке wsgi", "Web Server Gateway Interface"),
    ("what is asgi", "Asynchronous Server Gateway Interface"),
    ("mvc vs mtv whats the difference", "Model–Template–View"),
    ("microframework vs full-stack framework?", "out of the box"),
    ("поясни що таке middleware", "запит"),
    ("що таке міграції бази даних", "схеми"),
])
def test_concepts_are_explained(engine: Engine, text: str, fact: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "concept" and fact in r.reply and not r.frameworks, r.reply


def test_a_request_naming_a_concept_is_still_a_request(engine: Engine) -> None:
    (r,) = ask(engine, "What should I use for a REST API?")
    assert r.intent == "recommend" and r.frameworks, r.reply


def test_an_answer_after_a_recommendation_refines_it(engine: Engine) -> None:
    """The wizard forgets nothing: later answers add to the needs, "not X" replaces X,
    and "why?" explains the whole set."""
    _, refined, why = ask(engine, "I need a framework for an online shop with admin",
                              "it's just me and i'm pretty new to this", "why?")
    assert "beginner" in refined.details["needs"] and "shop" in refined.details["needs"]
    assert refined.frameworks[0] == "django", refined.reply
    assert "admin" in why.reply and "easy to learn" in why.reply


def test_a_follow_up_naming_a_concept_asks_about_the_framework(engine: Engine) -> None:
    _, follow = ask(engine, "Що таке Django?", "А чи він асинхронний?")
    assert follow.intent == "attribute" and follow.frameworks == ("django",), follow.reply


def test_english_kinds_take_the_right_article(engine: Engine) -> None:
    """Every framework's English description and kind answer: "an API framework",
    "an asynchronous web framework", "a microframework", never "a API"."""
    import re
    for fw in engine.kb.frameworks.values():
        for reply in (engine.answers.describe(fw, "en"), engine.answers.attribute([fw], "kind",
                                                                                 "en")):
            first = reply.reply.split(". ")[0]  # "<name> is <article> <kind>"
            assert not re.search(r"\ba [aeiouAEIOU]", first), first
            assert not re.search(r"\ban [^aeiouAEIOU]", first), first


# -- the reading: a meaning for every message, then an answer for it ---------------


def _opens(reply: Reply) -> str:
    return reply.reply.split()[0].strip(".,!").casefold()


def test_details_record_the_reading_and_who_answered(engine: Engine) -> None:
    """A wrong answer is traced in one look: the act, the reader, the rule, the needs."""
    (r,) = ask(engine, "I need a small website without async, but not Django")
    reading = r.details["reading"]
    assert reading["act"] == "recommend" and reading["understood_by"] == "recommend"
    assert reading["rule"] == "answer_recommend"
    assert reading["needs"]["wanted"] == ["small", "web"]
    assert reading["needs"]["unwanted"] == ["async"]
    assert reading["excluded"] == ["django"] and "django" not in r.frameworks
    assert reading["constraints"] == {"size": "small"}
    # Same input and session, same Reply: the wire form is equal, answer and trace.
    (again,) = ask(engine, "I need a small website without async, but not Django")
    assert again.to_dict() == r.to_dict()


def test_every_reading_field_reaches_the_details() -> None:
    from fwbot.meaning import Reading

    filled = {f: (("x",) if f not in ("act", "lang", "source", "claim", "topic",
                                      "thing", "step", "on", "before", "constraints")
                  else ("v" if f != "before" else True)) for f in Reading._fields}
    filled["constraints"] = (("size", "small"),)
    filled["needs"] = ("web", "not_async")
    detail = Reading(**filled).as_detail("reader", "rule")
    for name in filled:
        assert name in detail or name == "act", name
    assert detail["needs"] == {"wanted": ["web"], "unwanted": ["async"], "must": ["x"]}


@pytest.mark.parametrize(("texts", "opens", "says"), [
    (["dash побудований на flask?"], "так", "Flask"),
    (["fastapi is built on flask?"], "no", "Starlette"),
    (["fastapi uses flask under the hood?"], "no", "Starlette"),
    (["старлет це частина fastapi?"], "так", "Starlette"),
    (["Pyramid is a microframework?"], "no", "Pyramid"),
    (["scrapy is a web framework for building sites, correct?"], "no", "scraping"),
    (["Falcon is async-only?"], "no", "Falcon"),
    (["розкажи про фалкон", "він асинхронний з самого початку був?"], "ні", "3.0"),
    (["django only does async, no sync views?"], "no", "Django"),
    (["dash is made by google, right"], "no", "Plotly"),
    (["flask is made by google"], "no", "Armin"),
    (["pyside6 is gpl?"], "no", "LGPL"),
    (["web2py has no database layer, you write raw sql everywhere?"], "no", "ORM"),
    (["у фласка немає адмінки?"], "так", "Flask"),
    (["Is FastAPI fast?"], "yes", "FastAPI"),
    (["чи популярний Pyramid?"], "ні", "Pyramid"),
    (["Is Sanic faster than Flask?"], "yes", "Sanic"),
    (["кажуть tornado створили в google"], "ні", "FriendFeed"),
    (["streamlit написаний на javascript?"], "ні", "Python"),
    (["dash працює без flask?"], "ні", "Flask"),
    (["since fastapi is built on flask, can i use flask extensions"], "no", "Starlette"),
    (["чи потрібен uvicorn для fastapi"], "так", "Uvicorn"),
    (["cherrypy вміє працювати без окремого сервера?"], "так", "CherryPy"),
    (["pyside6 платний?"], "ні", "LGPL"),
])
def test_a_claim_is_answered_yes_or_no_from_the_facts(engine: Engine, texts: list[str],
                                                      opens: str, says: str) -> None:
    """False premises ("built on Flask", "a microframework", "async-only") are said to
    be false, true ones true, and the fact they rest on follows."""
    r = ask(engine, *texts)[-1]
    assert _opens(r) == opens and says in r.reply, r.reply


@pytest.mark.parametrize(("text", "opens"), [
    ("чи є в джанго міграції бд", "так"),
    ("fastapi сам валідує вхідні дані?", "так"),
    ("cherrypy has its own built-in web server?", "yes"),
    ("does starlette have its own server", "no"),
    ("чи є в джанго система форм", "так"),
    ("does flask have forms built in", "no"),
])
def test_more_built_in_features_are_yes_or_no(engine: Engine, text: str, opens: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "attribute" and _opens(r) == opens, r.reply


def test_which_of_them_picks_among_the_frameworks_shown(engine: Engine) -> None:
    shown, qt, beeware, second = ask(engine, "порадь фреймворк для десктопної програми",
                                     "which of them is the qt one",
                                     "and which of them is from beeware", "а другий?")
    assert {"kivy", "pyside6", "toga"} <= set(shown.frameworks)
    assert qt.frameworks[0] == "pyside6" and qt.details["reading"]["source"] == "which"
    assert beeware.frameworks[0] == "toga"
    assert second.intent == "describe" and second.frameworks == (beeware.frameworks[1],)


def test_which_one_is_faster_compares_the_two_in_view(engine: Engine) -> None:
    _, _, faster, newer = ask(engine, "tell me about tornado", "and aiohttp",
                              "which one is faster?", "which one is newer?")
    assert set(faster.frameworks) == {"tornado", "aiohttp"}
    assert newer.frameworks[0] == "aiohttp" and newer.reply.startswith("aiohttp is newer")


def test_a_comparison_for_a_need_opens_with_the_verdict(engine: Engine) -> None:
    (r,) = ask(engine, "django vs flask for beginners")
    assert r.reply.startswith("For this (easy to learn for beginners) Flask fits better")
    _, pick = ask(engine, "розкажи про джанго", "а що краще для новачка, він чи фласк?")
    assert pick.intent == "compare" and set(pick.frameworks) == {"django", "flask"}


def test_a_framework_ruled_out_is_never_recommended(engine: Engine) -> None:
    for text in ("I need a website but not django", "не хочу django, щось легше для сайту",
                 "anything but flask for an api", "швидкий api але не fastapi"):
        (r,) = ask(engine, text)
        reading = r.details["reading"]
        assert r.intent == "recommend" and reading["excluded"], text
        assert not set(reading["excluded"]) & set(r.frameworks), (text, r.frameworks)


def test_refining_a_recommendation_keeps_every_answer(engine: Engine) -> None:
    *_, asynchronous, juniors, why = ask(
        engine, "мені потрібен фреймворк", "ну для API треба", "бекенд для мобільного додатку",
        "так, бажано асинхронний", "нас двоє джунів, досвіду мало", "чому?")
    assert "async" in asynchronous.details["needs"]
    assert set(juniors.details["needs"]) >= {"api", "async", "beginner"}
    assert juniors.frameworks[0] == "fastapi" and "kivy" not in juniors.frameworks
    assert why.intent == "explain" and "асинхрон" in why.reply


@pytest.mark.parametrize(("text", "tool"), [
    ("how do i read excel files in python", "openpyxl"),
    ("merge two pdf files", "pypdf"),
    ("i want to automate the browser, click buttons on a site", "Selenium"),
    ("як зробити exe-файл з моєї програми", "PyInstaller"),
    ("фонові задачі для мого проекту, що взяти", "Celery"),
    ("face recognition on photos", "OpenCV"),
    ("sentiment analysis of tweets", "spaCy"),
    ("запускати скрипт кожну годину за розкладом", "APScheduler"),
    ("налаштувати світчі cisco через ssh", "Netmiko"),
    ("static site for our project docs from markdown", "MkDocs"),
    ("бот для вайбера", "Viber"),
    ("detect the bpm of a song", "librosa"),
    ("прогнозування продажів, часові ряди", "statsmodels"),
    ("наукові обчислення з матрицями", "SciPy"),
    ("automate mouse clicks in a windows desktop app", "PyAutoGUI"),
])
def test_more_jobs_outside_the_list_get_their_tools(engine: Engine, text: str,
                                                    tool: str) -> None:
    (r,) = ask(engine, text)
    assert r.intent == "related" and not r.frameworks and tool in r.reply, r.reply


def test_an_unknown_name_after_a_card_is_not_the_card(engine: Engine) -> None:
    _, r = ask(engine, "tell me about sanic", "what about Quokkaweb?")
    assert r.intent == "unknown" and not r.frameworks and "don't know" in r.reply


def test_only_qualities_rank_web_frameworks(engine: Engine) -> None:
    """"The fastest framework?" means a web framework: no scraper or GUI toolkit."""
    for text in ("Який фреймворк найшвидший?", "fast framework for lots of requests"):
        (r,) = ask(engine, text)
        kinds = {engine.kb.frameworks[f].kind for f in r.frameworks}
        assert r.intent == "recommend" and r.frameworks, text
        assert not kinds & {"scraping", "gui", "tui", "networking"}, (text, r.frameworks)


def test_after_a_comparison_a_need_compares_the_same_two(engine: Engine) -> None:
    _, better, beginner = ask(engine, "compare flask and django", "which is better?",
                              "а для новачка?")
    assert better.reply.startswith("It depends on what you are building")
    assert beginner.intent == "compare" and set(beginner.frameworks) == {"flask", "django"}
    assert beginner.reply.startswith("Для цього") and "Flask" in beginner.reply.split("\n")[0]


def test_a_kept_reading_still_updates_each_session(engine: Engine) -> None:
    """The second user asking the same thing gets the same answer and their own
    wizard state, though the engine reads the message only once."""
    first, second = Session(), Session()
    a = engine.reply(first, "порадь фреймворк")
    b = engine.reply(second, "порадь фреймворк")
    assert a is b and first.wizard is not None and second.wizard is not None
    assert engine.reply(second, "api").details["wizard"] == "size"
    assert first.wizard == {"step": "what", "needs": [], "tries": 0, "excluded": []}


@pytest.mark.parametrize(("text", "first", "opens"), [
    ("chy ye v django adminka", "django", "Так"),
    ("shcho take fastapi?", "fastapi", "FastAPI"),
    ("yakyi frejmvork krashche dlia internet-mahazynu z adminkoiu?", "django", "Для"),
])
def test_ukrainian_typed_in_latin_letters_is_answered_in_ukrainian(
        engine: Engine, text: str, first: str, opens: str) -> None:
    """Transliterated Ukrainian is read back into Cyrillic (names stay as typed)."""
    r = engine.reply(Session(), text)
    assert r.lang == "uk" and r.frameworks[0] == first and r.reply.startswith(opens), r.reply


@pytest.mark.parametrize("text", ["what is django?", "django v flask", "is tornado async?",
                                  "take me to the docs of flask", "take flask?", "take django"])
def test_english_is_not_taken_for_transliterated_ukrainian(engine: Engine, text: str) -> None:
    assert engine.reply(Session(), text).lang == "en"


def test_two_frameworks_with_or_and_a_kind_are_a_choice(engine: Engine) -> None:
    """"django or flask for a website?" compares the two; "X ... like Y?" stays a claim."""
    for text in ("django or flask for a website?", "джанго або фласк для сайту?"):
        r = engine.reply(Session(), text)
        assert r.intent == "compare" and set(r.frameworks) == {"django", "flask"}, r.reply
    claim = engine.reply(Session(), "bottle is a large full-stack framework like django?")
    assert claim.reply.startswith("No.")


def test_one_users_language_never_reaches_another(engine: Engine) -> None:
    """The same message from two sessions in the same state is answered in each
    session's own language (/lang, or the language it last spoke)."""
    uk, en = Session(), Session()
    engine.reply(uk, "/lang uk")
    engine.reply(en, "/lang en")
    assert engine.reply(uk, "flask?").lang == "uk"
    assert engine.reply(en, "flask?").lang == "en"
    spoke_uk, spoke_en = Session(), Session()
    engine.reply(spoke_uk, "привіт")
    engine.reply(spoke_en, "hello")
    assert engine.reply(spoke_uk, "django").lang == "uk"
    assert engine.reply(spoke_en, "django").lang == "en"


@pytest.mark.parametrize("text", ["web app without asyncio", "сайт без asyncio",
                                  "сайт без асинхронщини"])
def test_without_asyncio_rules_async_out_and_nothing_else(engine: Engine, text: str) -> None:
    """"without asyncio" is one negated need (async), not also "not synchronous"."""
    needs = engine.reply(Session(), text).details["reading"]["needs"]
    assert needs["unwanted"] == ["async"] and "sync" not in needs["wanted"]


# -- issue 11, round 3: claims, premises, needs, fit verdicts -----------------------

@pytest.mark.parametrize(("text", "opening", "says"), [
    # who made it is not who open-sourced or keeps it
    ("Tornado made by Facebook?", "No.", "FriendFeed"),
    ("Is Flask maintained by Pallets?", "Yes.", "Pallets"),
    ("Quart зробила команда Django?", "Ні.", "Phil Jones"),
    ("Was Dash made by Plotly?", "Yes.", "Plotly"),
    # a why-question's premise is checked like a yes/no question's
    ("why is Flask async from the ground up", "No.", "WSGI"),
    ("Why is Django a microframework?", "No.", "full-stack"),
    # Python's own claims
    ("python was created by microsoft in 2000?", "No.", "1991"),
    ("пайтон компільована мова як C?", "Ні.", "інтерпретована"),
    ("python 3.12 removed the GIL completely, yes?", "No.", "GIL"),
    ("python 2 ще підтримується?", "Ні.", "2020"),
    ("Is Python good for machine learning?", "Yes,", "scikit-learn"),
    ("чи підходить пайтон для ігор?", "Частково:", "pygame"),
])
def test_claims_open_with_their_verdict(engine: Engine, text: str, opening: str,
                                        says: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opening), reply.reply
    assert says in reply.reply


def test_a_false_premise_is_corrected_before_the_answer(engine: Engine) -> None:
    (reply,) = ask(engine, "since Flask is async from the ground up, is it good for websockets?")
    first, rest = reply.reply.split("\n", 1)
    assert first.startswith("No.") and "partial" in first
    assert reply.details["reading"]["premise"] == ["flask", "async", "no"]
    assert "aiohttp" in rest
    (true,) = ask(engine, "since Django has an admin, is it good for a shop?")
    assert "premise" not in true.details["reading"] and true.reply.startswith("Yes")


def test_an_unsettled_yes_no_question_gets_no_guess_and_no_card(engine: Engine) -> None:
    (reply,) = ask(engine, "scrapy вміє розпізнавати капчу?")
    assert reply.details["reading"]["act"] == "unsure"
    assert not reply.reply.startswith(("Так", "Ні")) and "Scrapy" in reply.reply
    (known,) = ask(engine, "scrapy вміє зберігати результати в json?")  # a declared property
    assert known.reply.startswith("Так.") and "FEEDS" in known.reply
    (settled,) = ask(engine, "Does Bottle have dependencies?")  # a fact: stdlib_only
    assert settled.reply.startswith("No.") and "standard library" in settled.reply
    (card,) = ask(engine, "Django?")
    assert card.intent == "describe"


@pytest.mark.parametrize(("text", "first", "absent"), [
    ("треба десктоп апка, але не на qt", "kivy", "pyside6"),
    ("i want a qt style desktop app, ideally with qt designer", "pyside6", None),
    ("a desktop app that looks native on windows and mac", "toga", None),
    ("аналітична панель з графіками plotly і колбеками", "dash", None),
    ("anything except streamlit and dash for an internal dashboard", None, "dash"),
    ("a gui app, but not a web thing, and not in the terminal", None, "textual"),
    ("mobile app for android and ios in python, simple habit tracker", None, None),
])
def test_needs_from_the_frameworks_own_facts(engine: Engine, text: str, first: str | None,
                                             absent: str | None) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend", reply.reply
    if first:
        assert reply.frameworks[0] == first
    if absent:
        assert absent not in reply.frameworks


def test_ruling_frameworks_out_without_a_need_asks_what_is_built(engine: Engine) -> None:
    (reply,) = ask(engine, "тільки не веб2пай, нас в універі ним замучили")
    assert reply.frameworks == () and reply.details["reading"]["excluded"] == ["web2py"]


@pytest.mark.parametrize(("text", "verdict"), [
    ("twisted для простого блогу це норм вибір?", "no"),  # not made for websites
    ("Is Dash good for a blog?", "no"),
    ("would bottle work for a REST API?", "yes_but"),  # it does it; FastAPI does more
    ("is litestar a good fit for a typed async api", "yes"),
    ("Django для чату з вебсокетами — норм?", "partly"),  # with Django Channels
    ("is flask fine for a big marketplace with admin, payments", "partly"),
])
def test_fit_says_first_whether_it_does_what_is_built(engine: Engine, text: str,
                                                      verdict: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "fit" and reply.details["verdict"] == verdict, reply.reply


def test_follow_ups_keep_the_thing_talked_about(engine: Engine) -> None:
    """A concept's feature, "the other one", "the one you recommended", "why not X"."""
    _, which, flask = ask(engine, "що таке ORM простими словами",
                          "а в якому з фреймворків вона вбудована?", "а у фласку?")
    assert which.intent == "filter" and "django" in which.frameworks
    assert flask.frameworks == ("flask",) and flask.reply.startswith("Ні")
    *_, other = ask(engine, "compare django and flask",
                    "which one gives me migrations out of the box?",
                    "and the other one, how do people handle migrations there?")
    assert other.frameworks == ("flask",) and "Alembic" in other.reply
    _, why, install = ask(engine, "recommend a framework for a REST API for my mobile app",
                          "why not django?", "ok, how do i install the one you recommended")
    assert "django" in why.frameworks
    assert install.frameworks == ("fastapi",) and "pip install fastapi" in install.reply


def test_the_wizard_keeps_every_answer(engine: Engine) -> None:
    """"it should be async" and "we are beginners" refine the pick; "for a mobile
    app" after "an API" is what the API serves; "why not a web framework?" after a
    game explains the game's tools."""
    *_, pick, why = ask(engine, "help me choose a framework", "an API", "for a mobile app",
                        "it should be async", "we are a small team, beginners", "why?")
    assert pick.intent == "recommend" and pick.frameworks[0] == "fastapi"
    assert set(pick.details["reading"]["needs"]["wanted"]) >= {"api", "async", "beginner"}
    assert "kivy" not in pick.frameworks and "asynchronous" in why.reply
    *_, game = ask(engine, "help me choose", "a game", "why not a web framework?")
    assert game.intent == "related" and "pygame" in game.reply


@pytest.mark.parametrize(("text", "opening", "says"), [
    ("does bottle need anything besides the python standard library", "No.", "standard"),
    ("Does Flask have dependencies?", "Yes.", "beyond"),
    ("Bottle uses only the standard library?", "Yes,", "nothing beyond"),
    ("Kivy uses each OS's native widgets, same as Toga?", "No,", "OpenGL"),
    ("When did Google release Tornado?", "No.", "FriendFeed"),
    ("Django is an ASGI-only framework, isn't it?", "No.", "WSGI"),
])
def test_dependencies_native_widgets_and_takenfor_granted_makers(
        engine: Engine, text: str, opening: str, says: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opening) and says in reply.reply, reply.reply


def test_who_wrote_it_is_no_claim(engine: Engine) -> None:
    (reply,) = ask(engine, "who wrote flask originally")
    assert not reply.reply.startswith("No") and "Ronacher" in reply.reply


@pytest.mark.parametrize(("text", "opening", "says"), [
    ("do i need to know javascript to make a streamlit app", "No.", "Python alone"),
    ("чи треба знати javascript для django?", "Ні.", "фронтенд"),
    ("aiohttp is only an http client, no server part?", "No.", "server"),
    ("aiohttp can be used as a server too, not only as http client?", "Yes.", "server"),
])
def test_languages_and_servers_claimed(engine: Engine, text: str, opening: str,
                                       says: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opening) and says in reply.reply, reply.reply


def test_a_recommendation_names_only_what_builds_the_thing(engine: Engine) -> None:
    (reply,) = ask(engine, "mobile app for android and ios in python, simple habit tracker")
    assert set(reply.frameworks) <= {"kivy", "toga"}


def test_well_known_users_are_facts_or_said_unknown(engine: Engine) -> None:
    (django,) = ask(engine, "which big companies use django in production")
    assert "Instagram" in django.reply
    (flask,) = ask(engine, "who uses flask?")
    assert "no checked list" in flask.reply
    (claim,) = ask(engine, "Does Instagram use Django?")
    assert claim.reply.startswith("Yes.")
    (card,) = ask(engine, "what is starlette exactly")
    assert "ASGI" in card.reply  # a card says the server interface


def test_more_ways_to_rule_out_and_to_ask_a_concept(engine: Engine) -> None:
    (other,) = ask(engine, "something other than Flask for a small website")
    assert other.intent == "recommend" and "flask" not in other.frameworks
    (full,) = ask(engine, "не мікрофреймворк, а щось повноцінне для великого проєкту")
    assert full.intent == "recommend" and full.frameworks[0] == "django"
    (concept,) = ask(engine, "що таке мікрофреймворк?")
    assert concept.intent == "concept"


@pytest.mark.parametrize(("text", "first", "second"), [
    ("FastAPI для сайту з шаблонами?", "fastapi", "django"),
    ("PySide6 для мобільного застосунку?", "pyside6", "kivy"),
    ("чи можна зробити чат на Django?", "django", None),
])
def test_a_framework_named_for_a_purpose_is_a_fit_question(
        engine: Engine, text: str, first: str, second: str | None) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "fit" and reply.frameworks[0] == first, reply.reply
    if second:
        assert reply.frameworks[1] == second


def test_built_in_claims_and_alive_claims(engine: Engine) -> None:
    (rest,) = ask(engine, "Does Django have a REST API built in?")
    assert rest.reply.startswith("No.") and "Django REST framework" in rest.reply
    (dead,) = ask(engine, "Is Flask dead?")
    assert dead.reply.startswith("No.")
    (small,) = ask(engine, "web2py ще живий?")
    assert small.reply.startswith("Частково")  # a small community is no proof of death


def test_follow_ups_after_a_recommendation_and_a_comparison(engine: Engine) -> None:
    """"а хто його зробив?", "а другий варіант?" some turns later, "а якщо мені
    потрібна адмінка?", "а що тоді брати?", "what about X?" moving the focus."""
    *_, who, second, admin = ask(engine, "порадь фреймворк для API", "а як його встановити?",
                                 "а хто його зробив?", "а другий варіант?",
                                 "а якщо мені потрібна адмінка?")
    assert who.frameworks == ("fastapi",) and "Рамірес" in who.reply
    assert second.frameworks == ("falcon",)
    assert admin.intent == "recommend" and admin.frameworks[0] == "django"
    assert set(admin.details["reading"]["needs"]["wanted"]) >= {"api", "batteries"}
    *_, fit, then = ask(engine, "розкажи про Streamlit", "а для інтернет-магазину?",
                        "а що тоді брати?")
    assert fit.intent == "fit" and fit.frameworks[0] == "streamlit"
    assert then.intent == "recommend" and then.frameworks[0] == "django"
    *_, ws = ask(engine, "tell me about Sanic", "and compared to FastAPI?",
                 "ok and what about Tornado?", "does it support websockets?")
    assert ws.frameworks == ("tornado",)


@pytest.mark.parametrize(("text", "opening"), [
    ("Sanic не підтримує async?", "Ні."),  # a denied verb: the claim is that it lacks it
    ("Flask не має ORM?", "Так."),
    ("Doesn't Django have an ORM?", "Yes,"),  # a negative question asks plainly
    ("Django is an ASGI-only framework, isn't it?", "No."),
    ("Dash не потребує Flask?", "Ні."),
    ("Django — мікрофреймворк як Flask?", "Ні."),
    ("Streamlit — це інструмент від Microsoft?", "Ні."),
    ("web2py встановлюється через pip install web2py?", "Ні."),
])
def test_statements_that_deny_or_compare(engine: Engine, text: str, opening: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opening), reply.reply


@pytest.mark.parametrize(("text", "first", "says"), [
    ("Is Django good for machine learning?", "django", "scikit-learn"),  # not made for it
    ("чи підійде Flask для гри?", "flask", "pygame"),
    ("I need to send emails from python", None, "smtplib"),
    ("треба скрипт, щоб перейменувати файли", None, "pathlib"),
    ("голосовий асистент на пайтоні", None, "SpeechRecognition"),
])
def test_jobs_outside_the_list_with_or_without_a_framework(
        engine: Engine, text: str, first: str | None, says: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "related" and says in reply.reply, reply.reply
    if first:
        assert reply.frameworks[0] == first and reply.reply.startswith(("No,", "Ні,"))


def test_a_framework_that_does_the_job_too_is_not_turned_away(engine: Engine) -> None:
    (reply,) = ask(engine, "aiohttp good for firing thousands of concurrent http requests "
                           "as a client?")
    assert reply.reply.startswith("Yes")


def test_an_existing_flask_app_moves_to_the_same_api(engine: Engine) -> None:
    (reply,) = ask(engine, "we have an old flask codebase and now need websockets and async "
                           "without rewriting everything")
    assert reply.intent == "recommend" and reply.frameworks[0] == "quart"
    (like,) = ask(engine, "tornado is a synchronous wsgi framework like flask, yes?")
    assert like.reply.startswith("No.")  # "like Flask" is no Flask code to keep


@pytest.mark.parametrize(("text", "absent"), [
    ("не хочу нічого асинхронного", "aiohttp"),
    ("я не хочу вчити асинхронне програмування, потрібен простий сайт", "quart"),
    ("I hate Django, suggest something for a big project", "django"),
    ("мені не подобається Django, що ще є?", "django"),
    ("I don't need async, just a simple website", "sanic"),
])
def test_negation_reaches_through_more_words(engine: Engine, text: str, absent: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend" and absent not in reply.frameworks, reply.reply


def test_follow_ups_after_a_comparison_and_a_list(engine: Engine) -> None:
    """"а чому?" explains a comparison for a need; "той другий", "обидва", "перший"."""
    _, why, _, second, both = ask(engine, "що краще: FastAPI чи Django для API?", "а чому?",
                                  "а в нього є адмінка?", "а той другий швидший?",
                                  "а обидва безкоштовні?")
    assert why.intent == "explain" and why.frameworks[:2] == ("fastapi", "django")
    assert second.frameworks == ("django",)
    assert set(both.frameworks) == {"django", "fastapi"}
    _, first = ask(engine, "які фреймворки асинхронні?", "а перший підтримує websocket?")
    assert first.frameworks == ("aiohttp",)
    *_, hard = ask(engine, "розкажи про Django", "він підходить для API?", "а Kivy складний?")
    assert hard.intent == "attribute" and hard.frameworks == ("kivy",)


def test_the_wizard_ranks_when_the_size_is_not_known(engine: Engine) -> None:
    *_, pick = ask(engine, "help me choose a framework", "an API", "don't know yet")
    assert pick.intent == "recommend" and pick.frameworks[0] == "fastapi"


def test_a_tie_is_broken_by_a_fact_and_said(engine: Engine) -> None:
    (pick,) = ask(engine, "mobile app")
    assert pick.frameworks[:2] == ("kivy", "toga") and "larger community" in pick.reply
    (both,) = ask(engine, "Flask чи Bottle для маленького сайту?")
    assert "більшу спільноту" in both.reply and "Flask" in both.reply.split("\n")[1]


def test_a_framework_against_a_tool_says_both(engine: Engine) -> None:
    (reply,) = ask(engine, "Scrapy чи BeautifulSoup?")
    assert reply.frameworks == ("scrapy",) and "Beautiful Soup" in reply.reply


@pytest.mark.parametrize(("text", "opening"), [
    ("Which version of FastAPI added WSGI support?", "No."),  # the premise is false
    ("How do I turn on Flask's async mode from the ground up?", "No."),
    ("Is FastAPI WSGI or ASGI?", "FastAPI"),  # either-or: which, not yes
])
def test_wh_questions_taking_an_interface_for_granted(engine: Engine, text: str,
                                                      opening: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opening), reply.reply


def test_a_web_framework_for_a_game_is_no(engine: Engine) -> None:
    _, no = ask(engine, "хочу зробити гру", "а веб фреймворк для цього не підійде?")
    assert no.intent == "related" and no.reply.startswith("Ні:") and "pygame" in no.reply


@pytest.mark.parametrize(("text", "absent", "first"), [
    ("desktop app but not with Kivy", "kivy", None),
    ("not interested in Streamlit, I need a dashboard", "streamlit", "dash"),
    ("no websockets needed, just REST", None, "fastapi"),  # having them is no fault
])
def test_ruling_out_through_fillers(engine: Engine, text: str, absent: str | None,
                                    first: str | None) -> None:
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend", reply.reply
    if absent:
        assert absent not in reply.frameworks
    if first:
        assert reply.frameworks[0] == first


@pytest.mark.parametrize(("text", "opens", "says"), [
    # a negated statement typed without an apostrophe, with "plug in" beside it
    ("django doesnt have its own orm, you have to plug in sqlalchemy, right?", "No", "ORM"),
    # one platform claimed, another denied: both halves are checked
    ("kivy тільки під десктоп, на андроїд ним не зробиш, так?", "Ні", "Android"),
    # "не напишеш" is writing code on it, not who wrote it
    ("aiohttp це тільки http клієнт, сервер на ньому не напишеш", "Ні", "сервер"),
    # a feature asked of one framework is a yes/no about it, not a recommendation
    ("в джанго є вбудована адмінка чи треба ставити щось окреме?", "Так", "адмінка"),
])
def test_claims_with_a_denial_or_a_feature(engine: Engine, text: str, opens: str,
                                           says: str) -> None:
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens), reply.reply
    assert says in reply.reply


def test_own_sentence_settles_an_unsettled_claim(engine: Engine) -> None:
    """Every word of the claim in one of its own sentences is a yes, or a no when
    that sentence denies it ("not rerun as a whole"); a partial match or a negated
    question stays unsure."""
    yes = engine.reply(Session(), "is pyramid from the pylons project?")
    assert yes.reply.startswith("Yes.") and "Pylons" in yes.reply
    no = engine.reply(Session(), "does dash rerun the whole page?")
    assert no.reply.startswith("No.") and "Streamlit" in no.reply
    js = engine.reply(Session(), "scrapy runs javascript on pages by itself?")
    assert js.reply.startswith("No.") and "scrapy-playwright" in js.reply
    unsure = engine.reply(Session(), "does dash rerun the whole page on every keystroke?")
    assert not unsure.reply.startswith(("Yes", "No")), unsure.reply


def test_platform_typed_with_i_for_yi(engine: Engine) -> None:
    assert engine.reply(Session(), "ківі на андроід запуститься?").reply.startswith("Так")


@pytest.mark.parametrize(("text", "opens"), [
    # a lack stated without a question mark is still a claim to check
    ("в джанго нема міграцій треба alembic ставити", "Ні"),
    ("django doesnt have its own orm u need sqlalchemy", "No"),
    ("фласк не має orm", "Так"),
    # a claim word right after the name, "як фласк" a likeness, not "how"
    ("sanic синхронний як фласк, асинку там нема", "Ні"),
])
def test_statements_that_claim_are_checked(engine: Engine, text: str, opens: str) -> None:
    assert engine.reply(Session(), text).reply.startswith(opens)


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("is scrapy built on asyncio?", "No", "Twisted"),
    ("скрепі ж на asyncio а не на twisted чи шо?", "Ні", "Twisted"),
    ("fastapi працює на starlette?", "Так", "Starlette"),
])
def test_what_a_framework_is_built_on(engine: Engine, text: str, opens: str, says: str) -> None:
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens) and says in reply.reply, reply.reply


def test_what_it_is_built_on_named_or_from_context(engine: Engine) -> None:
    assert engine.reply(Session(), "на чому побудований flask?").reply == (
        "Flask побудований на Werkzeug і Jinja.")
    said = ask(engine, "що таке scrapy?", "а він на чому побудований?")
    assert said[1].reply == "Scrapy побудований на Twisted."
    assert "Starlette" in engine.reply(Session(), "what is fastapi built on?").reply


def test_unsettled_question_about_it_uses_the_context(engine: Engine) -> None:
    said = ask(engine, "what is scrapy", "does it run js on the pages itself")
    assert said[1].reply.startswith("No. Scrapy does not run JavaScript"), said[1].reply
    said = ask(engine, "що таке scrapy?", "а він вміє js рендерити як браузер?")
    assert said[1].reply.startswith("Ні. Scrapy") and "Playwright" in said[1].reply


@pytest.mark.parametrize(("text", "opens"), [
    ("does django rest framework come bundled with django?", "No."),
    ("drf це вбудована частина джанго?", "Ні."),
])
def test_an_add_on_is_not_part_of_its_framework(engine: Engine, text: str, opens: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and "pip install djangorestframework" in reply, reply


@pytest.mark.parametrize(("text", "opens"), [
    ("python is named after the snake right", "No."),
    ("пайтон назвали на честь змії?", "Ні."),
    ("is python named after monty python?", "Yes."),
])
def test_what_python_is_named_after(engine: Engine, text: str, opens: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and "Monty Python" in reply, reply


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("tornado came out of friendfeed right? someone said facebook wrote it", "Yes.",
     "FriendFeed"),
    ("flask came out of pallets?", "No.", "Armin Ronacher"),  # Pallets keeps it, later
])
def test_came_out_of_a_maker_asks_who(engine: Engine, text: str, opens: str, says: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and says in reply, reply


@pytest.mark.parametrize(("text", "opens"), [
    ("do i need to know javascript for streamlit?", "No."),
    ("can i build dash apps without knowing any javascript?", "Yes."),
    ("можна писати на streamlit без знання js?", "Так."),
])
def test_another_language_needed_or_done_without(engine: Engine, text: str, opens: str) -> None:
    assert engine.reply(Session(), text).reply.startswith(opens)


def test_async_spelled_with_i(engine: Engine) -> None:
    """"асінк" (typed as it sounds in surzhyk) is async."""
    assert engine.reply(Session(), "фастапі підтримує асінк чи нєт?").reply.startswith("Так")


@pytest.mark.parametrize(("text", "opens"), [
    ("в пайтоні є GIL?", "Так."), ("does python still have a gil?", "Yes."),
    ("python removed the gil?", "No."),
])
def test_whether_python_has_a_gil(engine: Engine, text: str, opens: str) -> None:
    assert engine.reply(Session(), text).reply.startswith(opens)
