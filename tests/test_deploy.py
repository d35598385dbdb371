"""Deployment questions: the servers a framework runs under in production.

Asked how to deploy or run a framework on a server, a user gets the production
servers for it (Gunicorn for WSGI, Uvicorn for ASGI) rather than the card of
the framework or "not made for production"; asked what such a server is, what
it does.
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


def test_deploying_django_names_its_wsgi_server_with_django_first(engine: Engine) -> None:
    r = ask(engine, "how do i deploy django to a vps")
    assert r.frameworks[:1] == ("django",)
    assert "Gunicorn" in r.reply and "with Django" in r.reply


def test_deploying_fastapi_puts_the_asgi_server_first(engine: Engine) -> None:
    r = ask(engine, "як задеплоїти фастапі?")
    assert r.lang == "uk" and r.frameworks[:1] == ("fastapi",)
    assert r.reply.index("Uvicorn") < r.reply.index("Gunicorn")


def test_a_web_framework_is_fit_for_production(engine: Engine) -> None:
    r = ask(engine, "is flask production ready?")
    assert r.reply.startswith("Yes") and "production" in r.reply and "Django" not in r.reply


def test_what_a_production_server_is(engine: Engine) -> None:
    r = ask(engine, "що таке gunicorn?")
    assert r.lang == "uk" and "WSGI" in r.reply and "pip install gunicorn" in r.reply


def test_a_framework_s_own_server_is_still_asked_about_the_framework(engine: Engine) -> None:
    r = ask(engine, "does cherrypy need gunicorn or does it have its own server?")
    assert r.frameworks[:1] == ("cherrypy",)


def test_the_development_server_is_not_for_production(engine: Engine) -> None:
    r = ask(engine, "чи норм runserver в продакшені")
    assert r.lang == "uk" and "лише для розробки" in r.reply and "Gunicorn" in r.reply


def test_a_container_is_no_virtual_machine(engine: Engine) -> None:
    r = ask(engine, "a docker container is the same thing as a virtual machine")
    assert "not a virtual machine" in r.reply and "kernel" in r.reply


def test_a_concept_asked_with_a_tool_as_its_example_is_the_concept(engine: Engine) -> None:
    r = ask(engine, "навіщо nginx перед gunicorn")
    assert "зворотний проксі" in r.reply and "статичні файли" in r.reply
