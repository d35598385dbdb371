"""Questions about a framework's own features that are no yes/no and no project.

"can I use django without the orm?" is yes (a built-in part is optional), not
"Django is not made for this, a better fit is aiohttp"; "what database does
django use by default?" is answered with the fact, not with a "Yes," nor as a
fit; "what database should i use with fastapi?" names what people add to
FastAPI, not Django.
"""

from __future__ import annotations

import pytest
from asking import ask

from fwbot.engine import Engine


@pytest.mark.parametrize("text", ["can I use django without the orm?",
                                  "чи можна django без адмінки?",
                                  "can i use flask without jinja?"])
def test_a_built_in_part_is_optional(engine: Engine, text: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(("Yes", "Так")) and len(r.frameworks) == 1
    assert "aiohttp" not in r.reply


def test_without_a_part_it_lacks(engine: Engine) -> None:
    r = ask(engine, "can i use flask without an orm?")
    assert r.reply.startswith("Yes: Flask has no built-in ORM")


def test_without_extra_packages_still_asks_whether_it_has_it(engine: Engine) -> None:
    r = ask(engine, "does django have built-in websocket support without extra packages?")
    assert r.reply.startswith("No")


def test_which_database_is_the_fact_without_a_yes(engine: Engine) -> None:
    r = ask(engine, "what database does django use by default?")
    assert r.reply.startswith("Django has a built-in ORM") and "SQLite" in r.reply
    r = ask(engine, "яку базу даних використовує джанго за замовчуванням?")
    assert r.reply.startswith("У Django") and "SQLite" in r.reply


def test_what_to_add_to_a_framework_that_lacks_it(engine: Engine) -> None:
    r = ask(engine, "what database should i use with fastapi?")
    assert list(r.frameworks) == ["fastapi"] and "SQLAlchemy" in r.reply


def test_is_a_tool_one_of_the_frameworks(engine: Engine) -> None:
    r = ask(engine, "is pygame one of the frameworks you compare?")
    assert r.reply.startswith("No. pygame is not one of the frameworks")
    r = ask(engine, "django rest framework є у твоєму списку? чи це щось окреме")
    assert r.reply.startswith("Ні. Django REST framework") and r.intent == "related"


def test_asgi_now_or_only_wsgi_claims_the_first(engine: Engine) -> None:
    assert ask(engine, "does falcon support asgi now or only wsgi?").reply.startswith("Yes")
    assert ask(engine, "is flask asgi or only wsgi?").reply.startswith("No")
    assert not ask(engine, "is fastapi wsgi or asgi?").reply.startswith(("Yes", "No"))


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("текстуал на вінді працює?", "Так", "Windows"),
    ("джанго ж не вміє асинхронщину, це правда?", "Ні", "3.1"),
    ("чи є в джанго формы з валідацією?", "Так", "django.forms"),
    ("стрімліт ліцензія яка і чия це зараз компанія?", "Streamlit", "Snowflake"),
])
def test_everyday_words_for_a_platform_async_forms_and_owner(
        engine: Engine, text: str, opens: str, says: str) -> None:
    """"на вінді", "асинхронщину", "формы", "чия": how people type these questions."""
    reply = ask(engine, text).reply
    assert reply.startswith(opens) and says in reply

