"""A year said of now is no release date and no claim of when Python was made.

"що вчити в 2026?" filters no frameworks released after 2026; "python 2 чи 3
вчити в 2026?" is about Python 2's end, not a claim that Python was created
in 2026; "пайтон створили в 1991?" is yes (the year is no maker's name).
"""

from __future__ import annotations

import pytest
from asking import ask

from fwbot.engine import Engine


def test_python_2_or_3_to_learn_this_year(engine: Engine) -> None:
    r = ask(engine, "python 2 чи 3 вчити в 2026?")
    assert "Python 3" in r.reply and not r.reply.startswith(("Ні", "Так"))
    assert "після 2026" not in r.reply


def test_a_year_of_now_filters_nothing(engine: Engine) -> None:
    assert ask(engine, "що вчити в 2026?").intent != "filter"


def test_release_years_still_filter(engine: Engine) -> None:
    r = ask(engine, "які фреймворки вийшли після 2015?")
    assert r.intent == "filter" and "fastapi" in r.frameworks and "django" not in r.frameworks
    r = ask(engine, "Which frameworks were released before 2010?")
    assert r.intent == "filter" and "django" in r.frameworks


@pytest.mark.parametrize(("text", "opens"), [
    ("пайтон створили в 1991?", "Так"), ("пайтон створили в 2001?", "Ні"),
    ("python was created in 2000?", "No"), ("python appeared in 1991, right?", "Yes"),
])
def test_when_python_was_made(engine: Engine, text: str, opens: str) -> None:
    assert ask(engine, text).reply.startswith(opens)


def test_a_book_of_a_year_leaves_python_2_the_topic(engine: Engine) -> None:
    r = ask(engine, "python 2 чи 3 вчити? знайшов книжку 2012 року")
    assert "Python 3" in r.reply and "1991" not in r.reply
