"""Follow-ups that pick among the frameworks just talked about.

"Which of them is built on X?" ranks the frameworks in view by their facts'
``built_on``; "which of them has an X client?" by the words of their own texts,
not by the words that only shape the question ("has", "built in"); and "з чого X
складається?" asks what it is built on.
"""

from __future__ import annotations

import pytest
from asking import talk

from fwbot.engine import Engine
from fwbot.reply import Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_which_of_two_is_built_on_a_base_of_one(engine: Engine) -> None:
    r = talk(engine, "compare dash and streamlit", "and which one runs on top of flask?")
    assert r.frameworks[0] == "dash"
    assert r.reply.startswith("Of these, Dash.") and "Flask" in r.reply


def test_which_of_two_is_built_on_in_ukrainian(engine: Engine) -> None:
    r = talk(engine, "fastapi чи flask?", "а котрий з них побудований на starlette?")
    assert r.lang == "uk" and r.frameworks[0] == "fastapi" and "Starlette" in r.reply


def test_none_of_them_built_on_it_says_so(engine: Engine) -> None:
    r = talk(engine, "django vs flask", "which of them is built on starlette?")
    assert r.reply.startswith("None of them")


def test_question_shaping_words_do_not_pick(engine: Engine) -> None:
    # Sanic's text says "built for speed"; aiohttp's says it is an HTTP client
    r = talk(engine, "sanic or aiohttp?", "which one has an http client built in too?")
    assert r.frameworks[0] == "aiohttp" and "client" in r.reply


def test_what_a_framework_is_made_of_is_its_bases(engine: Engine) -> None:
    r = talk(engine, "що таке fastapi?", "а з чого fastapi складається?")
    assert r.lang == "uk" and "Starlette" in r.reply and "Pydantic" in r.reply


def test_likeness_of_a_reimplemented_api_is_yes_then_the_table(engine: Engine) -> None:
    r = talk(engine, "what is quart?", "is it similar to flask?")
    assert r.reply.startswith("Yes.") and "Flask API" in r.reply
    assert "Comparing Quart and Flask" in r.reply


def test_likeness_without_a_shared_api_is_only_the_table(engine: Engine) -> None:
    r = talk(engine, "is pyramid similar to django?")
    assert not r.reply.startswith(("Yes", "No")) and "Pyramid" in r.reply


def test_a_feature_asked_of_the_pick_is_a_yes_about_it(engine: Engine) -> None:
    r = talk(engine, "хочу сайт для свого магазину одягу, що порадите?",
             "а адмінка там є, щоб менеджер сам міняв ціни?")
    assert r.lang == "uk" and r.reply.startswith("Так") and r.frameworks[0] == "django"


def test_it_for_a_job_with_a_feature_is_how_it_fits(engine: Engine) -> None:
    r = talk(engine, "tell me about bottle", "would it work for a large store with an admin?",
             "what should i pick instead then?")
    assert r.frameworks[0] == "django" and "bottle" not in r.frameworks[:1]


def test_it_for_a_job_with_a_feature_is_a_fit_answer(engine: Engine) -> None:
    r = talk(engine, "tell me about bottle", "would it work for a large store with an admin?")
    assert r.intent == "fit" and r.frameworks[0] == "bottle"


def test_which_of_them_is_asgi_and_then_the_other_one(engine: Engine) -> None:
    """"а який з них ASGI?" after Flask and FastAPI picks FastAPI by its server
    interface; "а другий тоді що?" then gives the same fact of Flask."""
    session = Session()
    engine.reply(session, "порівняй фласк і фастапі коротко")
    which = engine.reply(session, "а який з них ASGI?")
    other = engine.reply(session, "а другий тоді що?")
    assert which.frameworks[0] == "fastapi" and "ASGI" in which.reply
    assert other.frameworks == ("flask",) and "WSGI" in other.reply
