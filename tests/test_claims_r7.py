"""Claims to confirm or correct, read by their structure (issue 11, seventh round).

A claim's words are found by form or lemma with one other word allowed between
two of them ("python 2 is still officially supported" says "2 still supported"),
a deny word inside or before them turns it, and "not only" does not.
"""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, text: str) -> Reply:
    return engine.reply(Session(), text)


def opens(reply: Reply, word: str) -> bool:
    return reply.reply.split()[0].strip(".,!").casefold() == word.casefold()


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("чув що python 2 досі офіційно підтримується?", "Ні", "2020"),
    ("is python 2 still officially supported?", "No", "2020"),
    ("python 2 досі не підтримується, так?", "Так", "2020"),
])
def test_a_word_between_the_claims_words_still_says_it(engine: Engine, text: str,
                                                       verdict: str, fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_not_only_does_not_deny(engine: Engine) -> None:
    r = ask(engine, "aiohttp can be used as a server too, not only as http client?")
    assert opens(r, "yes"), r.reply


def test_a_lemma_never_turns_a_denial_into_its_opposite(engine: Engine) -> None:
    # "isn't" and "is" share the lemma "be": "not production ready" is not said
    r = ask(engine, "is flask production ready?")
    assert opens(r, "yes"), r.reply
