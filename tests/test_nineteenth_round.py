"""Issue 11's nineteenth round: long messages, facts asked of several frameworks, and
what data people, office-tool makers and arguers ask.

People write a story around one question ("Пишу реферат ... Хто створив Flask?"), ask
one fact of several frameworks ("flask vs fastapi: wsgi or asgi?"), ask in the words
of their own trade ("що в джанго замість php artisan?", "дата саєнтисти хочуть ...
без фронту") and state what they heard ("Стрімліт купив Google, правда?"). Each was
answered by something the story mentioned on the way, by a ranking, or by nothing.
"""

from __future__ import annotations

from asking import ask, talk

from fwbot.engine import Engine


def test_a_story_around_one_question_answers_that_question(engine: Engine) -> None:
    r = ask(engine, "Пишу реферат з історії веб-фреймворків на пайтоні, і викладач дуже "
                    "прискіпливий до фактів. Треба точне ім'я автора і рік. Хто створив "
                    "Flask і коли він вийшов?")
    assert r.frameworks[0] == "flask" and "Ronacher" in r.reply
    orm = ask(engine, "Ми з другом робимо пет-проект на фласку, він каже що там ORM "
                      "вбудована, як у джанго. Я чомусь сумніваюсь. Так є у Flask своя ORM "
                      "чи ні?")
    assert orm.reply.startswith("Ні") and orm.frameworks[0] == "flask"


def test_a_story_asking_whether_one_fits_brings_its_needs(engine: Engine) -> None:
    r = ask(engine, "У мене на кухні Raspberry Pi, хочу маленьку веб-сторінку з двома "
                    "кнопками, щоб вмикати реле. Нічого складного, без бази. Чи підійде "
                    "Bottle?")
    assert r.intent == "fit" and r.reply.startswith("Так") and r.frameworks[0] == "bottle"
    sanic = ask(engine, "We need an async API that handles lots of concurrent requests and "
                        "we don't want Django. Is Sanic a fit?")
    assert sanic.intent == "fit" and sanic.reply.startswith("Yes")
    assert sanic.frameworks[0] == "sanic" and "django" not in sanic.frameworks


def test_no_not_reaches_into_the_next_sentence(engine: Engine) -> None:
    r = ask(engine, "Фронтендерів у команді нема. Streamlit підійде для такого?")
    assert "streamlit" in r.frameworks and not r.reply.startswith("Жоден")


def test_one_fact_of_several_frameworks_is_told_for_each(engine: Engine) -> None:
    r = ask(engine, "flask vs fastapi: wsgi or asgi?")
    assert r.details["reading"]["act"] == "attribute"
    assert "Flask's server interface: WSGI" in r.reply
    assert "FastAPI's server interface: ASGI" in r.reply
    assert "Comparing" not in r.reply
    makers = ask(engine, "хто зробив фласк і джанго?")
    assert "Ронахер" in makers.reply and "Головаті" in makers.reply
    # a claim about who made one stays a claim
    assert ask(engine, "FastAPI was made by the Flask team?").reply.startswith("No")


def test_two_questions_with_a_preposition_before_the_second(engine: Engine) -> None:
    r = ask(engine, "Хто робить PySide6 і під якою він ліцензією?")
    assert "Qt Company" in r.reply and "LGPL" in r.reply


def test_wh_questions_answered_by_a_framework_property(engine: Engine) -> None:
    artisan = ask(engine, "що в джанго замість php artisan?")
    assert "manage.py" in artisan.reply and "django-admin" in artisan.reply
    kv = ask(engine, "як у ківі називається мова розмітки інтерфейсу?")
    assert "KV" in kv.reply and not kv.reply.startswith(("Так", "Ні"))
    assert "KV" in ask(engine, "What is Kivy's UI markup language called?").reply
    shell = ask(engine, "What's the Django equivalent of rails console?")
    assert "manage.py shell" in shell.reply
    qt = ask(engine, "pyside6 на якій версії Qt?")
    assert "Qt 6" in qt.reply and not qt.reply.startswith("Так")
    assert "Plotly" in ask(engine, "На чому Dash малює графіки?").reply
    # "як у Dash" inside a request is a likeness, no question about Dash
    dash = ask(engine, "дашборд по даних, але не хочу писати фронт і не хочу колбеки як у Dash")
    assert dash.intent == "recommend"


def test_no_frontend_points_to_data_apps(engine: Engine) -> None:
    r = ask(engine, "дата саєнтисти хочуть показувати результати моделей інтерактивно, "
                    "з фільтрами, без фронту")
    assert r.frameworks[0] == "streamlit"
    en = ask(engine, "Just an internal tool, no frontend devs, I want it done in an afternoon")
    assert en.frameworks[:2] == ("streamlit", "dash")


def test_a_counted_team_or_schema_is_large(engine: Engine) -> None:
    r = ask(engine, "bottle for a project with 50 devs")
    assert r.intent == "fit" and r.reply.startswith("No")
    assert ask(engine, "фреймворк для команди з 20 розробників").frameworks[0] == "django"
    # people using a small site are no team
    assert "large" not in ask(engine, "сайт для 50 людей").details["needs"]


def test_claims_of_who_bought_or_made_it(engine: Engine) -> None:
    r = ask(engine, "Стрімліт купив Google, правда?")
    assert r.reply.startswith("Ні") and "Snowflake" in r.reply
    assert ask(engine, "стрімліт купив сноуфлейк?").reply.startswith("Так")
    assert ask(engine, "Is Toga made by the Qt Company?").reply.startswith("No")
    assert ask(engine, "PySide6 is made by the Qt Company?").reply.startswith("Yes")


def test_statements_to_check_said_as_they_are(engine: Engine) -> None:
    assert ask(engine, "Flask можна напряму запустити як iOS додаток").reply.startswith("Ні")
    html = ask(engine, "Streamlit apps are just Python scripts, no HTML needed — true?")
    assert html.reply.startswith("Yes") and "HTML" in html.reply
    assert ask(engine, "streamlit needs html?").reply.startswith("No")


def test_an_api_not_wanted_leaves_the_full_stack_frameworks(engine: Engine) -> None:
    r = ask(engine, "We need an internal admin-heavy CRUD app. No microservices, no async, "
                    "no SPA — just server-rendered pages, auth and an admin for our ops team.")
    assert r.frameworks[0] == "django"
    assert ask(engine, "сайт без апі і без асинку").frameworks[0] == "django"


def test_the_reason_a_framework_is_ruled_out_is_a_wish(engine: Engine) -> None:
    r = ask(engine, "Kivy не хочу, бо він не виглядає нативно. Для мобілки що ще є на пітоні?")
    assert r.frameworks[0] == "toga" and "kivy" not in r.frameworks


def test_the_one_in_view_for_a_phone_app(engine: Engine) -> None:
    r = talk(engine, "Streamlit — це ж від Google?",
             "А його можна використати для мобільного застосунку в App Store?")
    assert r.intent == "fit" and r.reply.startswith("Ні") and r.frameworks[0] == "streamlit"


def test_new_jobs_outside_the_list(engine: Engine) -> None:
    queue = ask(engine, "Нам треба черга повідомлень між сервісами, щось типу RabbitMQ. Яку "
                        "бібліотеку на пайтоні брати?")
    assert "Pika" in queue.reply and not queue.frameworks
    assert "python-escpos" in ask(engine, "Чи можна на пітоні друкувати на принтер чеків?").reply
    assert "pip install chess" in ask(engine, "I want to write a chess engine in Python").reply
    docs = ask(engine, "Хочемо чат-бота з штучним інтелектом, щоб відповідав на питання по "
                       "документах компанії. Які бібліотеки для цього використовують?")
    assert "LangChain" in docs.reply and "LlamaIndex" in docs.reply
    orm = ask(engine, "Мені треба ORM без веб-фреймворку: просто скрипт працює з PostgreSQL.")
    assert "SQLAlchemy" in orm.reply and "django" not in orm.frameworks
    # a framework or a tool, one after the other: both said
    game = ask(engine, "kivy чи pygame?")
    assert "pygame" in game.reply and game.frameworks == ("kivy",)


def test_a_mobile_diary_is_a_phone_app(engine: Engine) -> None:
    r = ask(engine, "Хочу написати мобільний застосунок-щоденник для себе під Android. Знаю "
                    "тільки пайтон, і то не дуже. Що взяти?")
    assert r.frameworks[0] in ("toga", "kivy") and "django" not in r.frameworks
    assert ask(engine, "щоденник для школи на чому робити?").frameworks[0] == "django"


def test_it_in_a_story_is_the_framework_the_story_names(engine: Engine) -> None:
    r = ask(engine, "Я веб-розробник на джанго. Чи можу я на ньому зробити десктопну програму?")
    # the asker's trade is no question of who made Django; "на ньому" is Django
    assert r.intent == "fit" and r.reply.startswith("Ні") and r.frameworks[0] == "django"
    assert "Ронахер" in ask(engine, "хто розробник фласка?").reply
