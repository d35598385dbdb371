"""A comparison of a framework with the one it is built on says so first.

"starlette vs fastapi" are no rivals of one kind: FastAPI is a layer over
Starlette, and the reply says it before the table; Dash runs on Flask. Two
frameworks that share no base ("django vs flask") get no such line.
"""

from __future__ import annotations

from asking import ask

from fwbot.engine import Engine


def test_fastapi_is_a_layer_over_starlette(engine: Engine) -> None:
    r = ask(engine, "starlette vs fastapi — what's the difference really")
    assert "FastAPI is built on top of Starlette" in r.reply.splitlines()[1]


def test_dash_over_flask_in_ukrainian_with_the_verdict_for_a_dashboard(engine: Engine) -> None:
    r = ask(engine, "dash чи flask для дашборду?")
    assert r.reply.startswith("Для цього (дашборд") and r.frameworks[0] == "dash"
    assert "Dash побудований поверх Flask" in r.reply


def test_no_layer_line_between_unrelated_frameworks(engine: Engine) -> None:
    assert "built on top" not in ask(engine, "django vs flask").reply


def test_the_layer_names_its_other_bases(engine: Engine) -> None:
    assert "(and on Pydantic)" in ask(engine, "whats the difference between starlette and "
                                              "fastapi").reply


def test_easier_to_hire_is_a_question_of_popularity(engine: Engine) -> None:
    r = ask(engine, "кого легше найняти в київі - джангіста чи litestar розробника?")
    assert r.reply.startswith("Django популярніший") and r.frameworks[0] == "django"
