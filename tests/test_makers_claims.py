"""Who makes several frameworks, and yes/no questions that go on after "?".

"bottle і flask — один проєкт від pallets?" claims one maker for two frameworks:
it is checked for each (no: Bottle is Marcel Hellkamp's), never answered with
their version cards or a comparison table. "адмінка з коробки є? чи треба пакет
ставити" is one yes/no question in two halves, not a request for a
recommendation. "дока" is the docs, and "is X ok as a backend for Y" asks how
X fits, not which platforms it runs on.
"""

from __future__ import annotations

import pytest
from asking import ask

from fwbot.engine import Engine


def test_one_maker_claimed_for_two_frameworks_is_checked_for_each(engine: Engine) -> None:
    r = ask(engine, "bottle і flask — один проєкт від pallets, просто різні версії")
    assert r.reply.startswith("Ні") and "Hellkamp" in r.reply and "Pallets" in r.reply
    assert "pip install" not in r.reply


def test_a_maker_both_share_is_a_yes(engine: Engine) -> None:
    r = ask(engine, "quart тепер частина pallets як і flask?")
    assert r.reply.startswith("Так") and "Pallets" in r.reply
    r = ask(engine, "is quart maintained by pallets, same as flask?")
    assert r.reply.startswith("Yes") and "Comparing" not in r.reply


def test_a_person_claimed_for_two_frameworks(engine: Engine) -> None:
    r = ask(engine, "did ronacher write flask and bottle?")
    assert r.reply.startswith("No") and "Hellkamp" in r.reply


def test_who_maintains_two_frameworks_is_no_claim(engine: Engine) -> None:
    r = ask(engine, "who maintains flask and quart, pallets?")
    assert not r.reply.startswith(("Yes", "No")) and "Pallets" in r.reply


def test_a_yes_no_question_that_goes_on_after_its_mark(engine: Engine) -> None:
    r = ask(engine, "в джанго адмінка з коробки є? чи треба якийсь пакет ставити")
    assert r.intent == "attribute" and r.reply.startswith("Так")
    assert "django.contrib.admin" in r.reply


def test_doka_is_the_documentation(engine: Engine) -> None:
    r = ask(engine, "де офіційна дока фастапі?")
    assert "fastapi.tiangolo.com" in r.reply and r.lang == "uk"


def test_ok_as_a_backend_asks_the_fit_not_the_platforms(engine: Engine) -> None:
    r = ask(engine, "is django ok as a REST API backend for a mobile app?")
    assert r.reply.startswith("Yes") and "REST framework" in r.reply


def test_made_by_the_same_guy(engine: Engine) -> None:
    r = ask(engine, "flask was made by the same guy who made django")
    assert r.reply.startswith("No") and "Ronacher" in r.reply and "Holovaty" in r.reply
    r = ask(engine, "are flask and quart from the same author?")
    assert r.reply.startswith("No") and "Phil Jones" in r.reply


def test_two_frameworks_are_never_one_and_the_same(engine: Engine) -> None:
    r = ask(engine, "мені сказали що twisted і tornado це одне й те саме")
    assert r.reply.startswith("Ні") and "Twisted" in r.reply and "Tornado" in r.reply
    r = ask(engine, "is fastapi the same as starlette?")
    assert r.reply.startswith("No") and "built on top of Starlette" in r.reply


def test_which_big_companies_use_it_is_no_request_for_a_big_project(engine: Engine) -> None:
    r = ask(engine, "яка велика компанія використовує django? треба інвестору показати")
    assert r.intent == "attribute" and "Instagram" in r.reply


def test_whose_framework(engine: Engine) -> None:
    assert "Ramírez" in ask(engine, "чий фреймворк fastapi?").reply


@pytest.mark.parametrize(("text", "opens"), [
    ("стрімліт це від plotly?", "Ні"),
    ("is streamlit made by plotly?", "No"),
    ("правда що dash і streamlit від однієї компанії?", "Ні"),
    ("dash від plotly зроблений на фласку?", "Так"),
])
def test_a_maker_claimed_of_one_framework_is_checked(engine: Engine, text: str,
                                                     opens: str) -> None:
    """Plotly makes Dash, not Streamlit (Snowflake's since 2022)."""
    assert ask(engine, text).reply.startswith(opens)


def test_a_framework_described_with_its_maker_is_described(engine: Engine) -> None:
    """"розкажи про dash від plotly": the card of Dash, not how it fits Plotly charts."""
    reply = ask(engine, "розкажи про dash від plotly")
    assert reply.intent == "describe" and reply.frameworks == ("dash",)
