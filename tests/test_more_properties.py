"""Claims about Kivy's drawing and KV language, Textual's colours and mouse, Quart's
Flask compatibility: settled by each framework's declared properties, not with
"I have no checked fact"."""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.reply import Session


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("у ківі віджети малюються через opengl, так?", "Так.", "OpenGL ES"),
    ("у ківі є своя мова розмітки kv?", "Так.", ".kv"),
    ("textual can only do plain text, no mouse or colors", "No.", "mouse support"),
    ("does textual support the mouse?", "Yes.", "mouse support"),
    ("is quart compatible with flask?", "Yes.", "async/await"),
])
def test_declared_properties(engine: Engine, text: str, opens: str, says: str) -> None:
    r = engine.reply(Session(), text)
    assert r.reply.startswith(opens) and says in r.reply
    assert r.reply.count("Так") + r.reply.count("Yes") + r.reply.count("No.") <= 1


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("does pyside6 come with qt designer or i need to install separately", "Yes",
     "pyside6-designer"),
    ("flask has blueprints for splitting the app right?", "Yes", "register_blueprint"),
    ("в джанго є блюпринти?", "Ні", "startapp"),            # apps instead
    ("scrapy вміє js сайти?", "Ні", "scrapy-playwright"),
])
def test_declared_features_answer_yes_or_no_with_the_fact(engine: Engine, text: str,
                                                          opens: str, says: str) -> None:
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens) and says in reply.reply
    assert reply.reply.count("Так") + reply.reply.count("Yes") <= 1  # one yes, not two


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("фастапі на сі написаний тому і fast?", "Ні", "Starlette"),
    ("is django written in c?", "No", "Python"),
    ("міграції бд в джанзі вбудовані чи окремо ставить?", "Так", "makemigrations"),
    ("скрапі на якому двіжку асинхронщини працює", "Scrapy", "Twisted"),
])
def test_slang_and_myths_of_what_it_is_made_of(engine: Engine, text: str, opens: str,
                                              says: str) -> None:
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens) and says in reply.reply


def test_licence_slang_after_a_framework(engine: Engine) -> None:
    session = Session()
    engine.reply(session, "фласк хто зробив?")
    assert "BSD" in engine.reply(session, "а ліцуха яка?").reply


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("чи можна в стрімліті зробити кілька сторінок?", "Так", "pages/"),
    ("dash multipage app possible?", "Yes", "use_pages"),
    ("старлайт і лайтстар це різні фреймворки?", "Ні", "2023"),   # one, renamed
    ("litestar це старлайт?", "Так", "Starlite"),
    ("вчитель каже, що фастапі сам робить документацію до api, правда?", "Так", "OpenAPI"),
])
def test_pages_names_and_docs_as_people_ask(engine: Engine, text: str, opens: str,
                                            says: str) -> None:
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens) and says in reply.reply
