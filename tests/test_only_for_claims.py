""""Is X only for Y?" claims all X is for, and is checked against its uses.

"is django only for websites?" is no (APIs too), not a yes because Django does
build websites; "fastapi is only for ML model serving?" is no: it is an API
framework, ML serving is one use among many; "is scrapy only for scraping?" is
yes. "I only need it for a blog, is flask fine?" claims nothing about Flask and
stays a fit question.
"""

from __future__ import annotations

import pytest
from asking import ask

from fwbot.engine import Engine


@pytest.mark.parametrize(("text", "opens"), [
    ("is django only for websites?", "No"),
    ("джанго тільки для сайтів?", "Ні"),
    ("is django only for websites with templates?", "No"),
    ("fastapi is only for ml model serving, right?", "No"),
    ("is kivy only for mobile?", "No"),
    ("is scrapy only for scraping?", "Yes"),
    ("fastapi тільки для апі?", "Так"),
])
def test_only_for_is_checked_against_all_its_uses(engine: Engine, text: str,
                                                  opens: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens), r.reply


def test_only_needing_it_for_something_is_still_a_fit(engine: Engine) -> None:
    r = ask(engine, "i only need it for a blog, is flask fine?")
    assert r.reply.startswith("Yes") and r.frameworks[0] == "flask"
