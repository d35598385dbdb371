"""Strong and weak points of each framework, asked in either language.

"які мінуси у django?", "what are the downsides of fastapi?", "pros and cons of
litestar" and "django vs flask pros and cons" were answered with the whole card
or a table of traits; every framework now carries its strengths and weaknesses
(facts, checked on load), and the reply gives them.
"""

from __future__ import annotations

import pytest
from asking import ask

from fwbot.engine import Engine
from fwbot.reply import Session


def test_every_framework_knows_both_sides(engine: Engine) -> None:
    for fw in engine.kb.frameworks.values():
        assert fw.facts is not None and fw.facts.strengths and fw.facts.weaknesses, fw.id
        assert set(fw.facts.strengths) == set(fw.facts.weaknesses) == {"uk", "en"}


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("які мінуси у django?", "Слабкі місця Django", "синхронні"),
    ("what are the downsides of fastapi?", "Where FastAPI is weak", "no ORM"),
    ("what is flask bad at?", "Where Flask is weak", "WSGI"),
    ("переваги fastapi", "Сильні сторони FastAPI", "OpenAPI"),
    ("what are the strengths of scrapy", "Where Scrapy is strong", "retries"),
])
def test_one_side(engine: Engine, text: str, opens: str, says: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens) and says in r.reply


def test_pros_and_cons_give_both(engine: Engine) -> None:
    r = ask(engine, "плюси і мінуси flask")
    assert "Сильні сторони Flask" in r.reply and "Слабкі місця Flask" in r.reply


def test_pros_and_cons_of_two(engine: Engine) -> None:
    r = ask(engine, "django vs flask pros and cons")
    for part in ("Where Django is strong", "Where Flask is strong", "Where Django is weak",
                 "Where Flask is weak"):
        assert part in r.reply


def test_the_cons_of_the_framework_in_view(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "розкажи про django")
    assert engine.reply(s, "а які в нього мінуси?").reply.startswith("Слабкі місця Django")


def test_why_not_a_framework_after_a_pick_is_no_list_of_weaknesses(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "recommend a framework for a REST API for my mobile app")
    assert "is weak" not in engine.reply(s, "why not django?").reply


@pytest.mark.parametrize(("text", "says"), [
    ("чи варто вчити tornado в 2026?", "Слабкі місця Tornado"),
    ("web2py для нового проекту в 2026 році варто брати?", "py4web"),
    ("is pyramid worth learning?", "Where Pyramid is weak"),
])
def test_worth_learning_or_starting_with_now(engine: Engine, text: str, says: str) -> None:
    r = ask(engine, text)
    assert says in r.reply and len(r.frameworks) == 1
    assert not r.reply.startswith(("Так", "Ні", "Yes", "No", "Перевіреного"))
