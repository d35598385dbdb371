"""Second opinions, issue 11's eleventh round: doubt of the last answer and
claims checked as people state them.

"Are you sure?" answers the last question again, said to stand; an either/or
about async asks which, so it gets no yes or no; a maker said in another case
is the same maker; the language's own name inside a claim about it is a filler.
"""

from __future__ import annotations

import pytest
from asking import talk

from fwbot.engine import Engine
from fwbot.reply import Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_are_you_sure_stands_by_the_last_answer(engine: Engine) -> None:
    first = talk(engine, "фласк мікро, значить тільки для маленького")
    again = talk(engine, "фласк мікро, значить тільки для маленького", "а ти певен?")
    assert again.reply.startswith("Так, я впевнений")
    assert again.reply.endswith(first.reply) and again.frameworks[0] == "flask"
    r = talk(engine, "is Sanic sync or async?", "are you sure? I thought it was like flask")
    assert r.frameworks[0] == "sanic" and "async" in r.reply and r.lang == "en"


def test_doubting_twice_doubts_the_same_question(engine: Engine) -> None:
    r = talk(engine, "джанго повільний?", "ти впевнений?", "ти впевнений?")
    assert r.frameworks[0] == "django" and r.reply.count("впевнений") == 1


def test_a_new_question_after_the_doubt_is_that_question(engine: Engine) -> None:
    r = talk(engine, "джанго повільний?", "are you sure flask has an admin?")
    assert r.frameworks[0] == "flask" and not r.reply.startswith("Yes, I'm sure")
    # nothing asked before: no answer to stand by
    assert not Engine.reply(engine, Session(), "are you sure?").reply.startswith("Yes")


def test_sync_or_async_asks_which(engine: Engine) -> None:
    r = talk(engine, "is Sanic sync or async?")
    assert not r.reply.startswith(("No", "Yes")) and "native" in r.reply
    assert talk(engine, "квaрт синхронний?").reply.startswith("Ні")


def test_a_maker_said_in_another_case(engine: Engine) -> None:
    assert talk(engine, "правда що джанго вперше зробили для газети?").reply.startswith("Так")
    assert talk(engine, "а правда що тога це з проєкту BeeWare?").reply.startswith("Так")
    r = talk(engine, "Textual is a terminal UI framework from the guy who made Rich?")
    assert r.reply.startswith("Yes")


def test_python_named_inside_its_claim(engine: Engine) -> None:
    r = talk(engine, "через GIL потоки в пайтоні взагалі марні навіть для мережевих запитів")
    assert r.reply.startswith("Ні") and "GIL" in r.reply


def test_what_a_licence_is_said_to_forbid_it_allows(engine: Engine) -> None:
    r = talk(engine, "fastapi is MIT so I can't use it commercially")
    assert r.reply.startswith("No") and "commercial" in r.reply  # it was "Yes."
    assert talk(engine, "can I sell an app built with kivy?").reply.startswith("Yes")
    r = talk(engine, "можна використовувати джанго в закритому коді, не відкриваючи свій?")
    assert r.reply.startswith("Так") and "закрит" in r.reply
    r = talk(engine, "яка ліцензія у pyside6?")
    assert "LGPL" in r.reply and "закрит" in r.reply  # what the LGPL allows, not "permissive"
    assert talk(engine, "pyside6 is gpl?").reply.startswith("No")


def test_it_wont_work_asks_no_date(engine: Engine) -> None:
    r = talk(engine, "стрімліт можна запускати тільки локально, задеплоїти не вийде")
    assert "2019" not in r.reply and "Cloud" in r.reply
    assert "2005" in talk(engine, "коли вийшла перша версія джанго?").reply
    r = talk(engine, "стрімліт вимагає знати html і js, без них нічого не вийде")
    assert r.reply.startswith("Ні") and "Python" in r.reply


def test_open_connections_are_no_licence(engine: Engine) -> None:
    r = talk(engine, "tornado для long polling і купи відкритих з'єднань ок?")
    assert r.reply.startswith("Так") and "ліценз" not in r.reply


def test_a_feature_belief_stated_is_checked_not_a_request(engine: Engine) -> None:
    r = talk(engine, "в джанго вебсокети працюють з коробки, нічого ставити не треба")
    assert r.frameworks[0] == "django" and r.reply.startswith("Ні") and "Channels" in r.reply


def test_only_a_client_is_a_claim(engine: Engine) -> None:
    for text in ("aiohttp is just an http client",
                 "aiohttp це ж тільки клієнт, як requests тільки асинхронний"):
        r = talk(engine, text)
        assert r.reply.startswith(("No", "Ні")) and ("server" in r.reply or "сервер" in r.reply)
    # serving something is no claim of being a client only: the job's tools
    assert "WhiteNoise" in talk(engine, "can tornado serve static files?").reply


def test_an_installer_beside_a_tool_is_how_not_what(engine: Engine) -> None:
    r = talk(engine, "tkinter треба ставити окремо через pip?")
    assert r.intent == "related" and "стандартн" in r.reply  # it was the wizard's first step


def test_a_two_letter_maker(engine: Engine) -> None:
    assert talk(engine, "pyside6 — це від самих qt?").reply.startswith("Так")  # it was "Ні."
    assert talk(engine, "pyside6 is by riverbank?").reply.startswith("No")


def test_a_tool_said_to_be_a_framework_like_one(engine: Engine) -> None:
    r = talk(engine, "celery це асинхронний фреймворк типу фастапі?")
    assert r.reply.startswith("Ні") and "Celery" in r.reply  # it was "Так" about FastAPI


def test_swagger_in_ukrainian_cases(engine: Engine) -> None:
    r = talk(engine, "у фастапі сваггер-документація генерується сама")
    assert "OpenAPI" in r.reply and "/docs" in r.reply  # it gave the documentation's URL
    assert "OpenAPI" in talk(engine, "фастапі чи фласк, якщо треба чисте апі зі свагером").reply
