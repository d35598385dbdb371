"""A yes/no question followed by the asker's worry, and claims in two clauses.

"streamlit is open source, right? not just a paid cloud" is a yes (Apache-2.0):
the "not" after the question is the worry, not the claim. "ківі тільки для
десктопу, на мобілки не годиться" is a no: Kivy runs on phones too. "фастапі
норм для бекенду мобільного додатку?" asks of an API ("бекенду" is a backend),
not of a phone app. "пайтон інтерпретований тому для бекенду він не годиться"
is a false conclusion about Python, not a request for an API framework.
"""

from __future__ import annotations

from asking import ask

from fwbot.engine import Engine


def test_the_question_before_the_worry_is_the_claim(engine: Engine) -> None:
    r = ask(engine, "streamlit is open source, right? not just a paid cloud")
    assert r.reply.startswith("Yes") and "Apache-2.0" in r.reply


def test_only_for_desktop_said_with_what_it_is_then_not_for(engine: Engine) -> None:
    r = ask(engine, "ківі тільки для десктопу, на мобілки не годиться")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "kivy"


def test_a_mobile_apps_backend_is_an_api(engine: Engine) -> None:
    r = ask(engine, "фастапі норм для бекенду мобільного додатку? нас троє бекендерів")
    assert r.reply.startswith("Так") and "kivy" not in r.frameworks


def test_a_false_conclusion_about_python_is_no_request(engine: Engine) -> None:
    r = ask(engine, "пайтон інтерпретований тому для бекенду він не годиться")
    assert r.reply.startswith("Ні") and r.intent != "recommend"


def test_a_relative_which_asks_nothing(engine: Engine) -> None:
    r = ask(engine, "bottle — це один файл, який можна просто закинути в проект?")
    assert r.reply.startswith("Так") and "bottle.py" in r.reply
    r = ask(engine, "django чи flask, який краще для блогу?")
    assert r.intent == "compare"


def test_a_web_ui_for_an_ml_model_is_a_data_app(engine: Engine) -> None:
    r = ask(engine, "i dont want to write any html or js, need a web ui for my ml model for "
                    "a uni demo")
    assert r.frameworks[0] == "streamlit" and "django" not in r.frameworks
