"""Issue 11's fifteenth round: what a message says of a framework it moves
from, follow-ups that ask the last yes/no question again, and which of several
frameworks speaks an interface natively.

"an async flask-like thing" and "з фласку, хочу async, але щоб синтаксис той
самий" want one like Flask, which is Quart (it reimplements Flask's API); before,
the first described Flask's async support and the second ranked aiohttp.
"ківі вміє в айос?" then "а тога?" asks the same yes/no question of Toga, so the
answer opens with yes as the first one did. "which of them is ASGI-native?" puts
FastAPI (ASGI only) before Django (WSGI and ASGI).
"""

from __future__ import annotations

import pytest
from asking import ask, talk

from fwbot.engine import Engine


@pytest.mark.parametrize("text", [
    "an async flask-like thing for my app",
    "переїжджаю з фласку, хочу async але щоб синтаксис майже той самий",
    "moving from flask, want async with the same syntax",
])
def test_one_like_the_framework_moved_from_is_the_one_with_its_api(engine: Engine,
                                                                  text: str) -> None:
    r = ask(engine, text)
    assert r.frameworks[0] == "quart" and "flask" not in r.frameworks


def test_same_syntax_alone_ranks_the_reimplementation_first(engine: Engine) -> None:
    r = ask(engine, "з фласку на що переходити щоб той самий синтаксис був")
    assert r.frameworks[0] == "quart" and "Flask" in r.reply


def test_a_named_follow_up_asks_the_yes_no_question_again(engine: Engine) -> None:
    assert ask(engine, "ківі вміє в айос?").reply.startswith("Так")
    toga = talk(engine, "ківі вміє в айос?", "а тога?")
    assert toga.reply.startswith("Так")
    assert toga.frameworks[0] == "toga" and "iOS" in toga.reply
    flask = talk(engine, "is django async?", "and flask?")
    assert flask.reply.startswith("Yes, partly") and flask.frameworks[0] == "flask"


def test_a_follow_up_to_a_wh_question_gets_no_verdict(engine: Engine) -> None:
    flask = talk(engine, "when was django released?", "and flask?")
    assert flask.reply.startswith("Flask was first released in 2010")


def test_the_one_speaking_only_the_interface_asked_comes_first(engine: Engine) -> None:
    which = talk(engine, "django vs flask vs fastapi for a json api?",
                     "which of them is ASGI-native?")
    assert which.frameworks[0] == "fastapi" and which.reply.startswith("Of these, FastAPI")


def test_a_cyrillic_word_begun_in_latin_is_read_by_sound(engine: Engine) -> None:
    # ("t" and "r" have no Cyrillic lookalike: "torнадо" is "торнадо" said by sound)
    r = ask(engine, "torнадо підтримує websockets?")
    assert r.reply.startswith("Так") and r.frameworks[0] == "tornado"


@pytest.mark.parametrize("text", ["стрімліт безплатний?", "стрімліт можна юзати не платячи?",
                                  "is streamlit free?"])
def test_free_is_no_claim_that_it_costs_money(engine: Engine, text: str) -> None:
    # ("безплатний" holds "платний"; "не платячи" says it costs nothing)
    r = ask(engine, text)
    assert r.reply.startswith(("Так", "Yes")) and "Apache-2.0" in r.reply


def test_paid_is_still_corrected(engine: Engine) -> None:
    assert ask(engine, "фласк платний?").reply.startswith("Ні")


def test_a_relative_clause_without_its_comma_keeps_the_yes_no_question(engine: Engine) -> None:
    r = ask(engine, "пайсайд6 можна юзати в комерційній програмі яку я продаю клієнтам?")
    assert r.reply.startswith("Так") and "LGPL" in r.reply


@pytest.mark.parametrize("text", ["пірамід vs джанго", "ок"])
def test_a_first_message_in_cyrillic_is_answered_in_ukrainian(engine: Engine, text: str) -> None:
    assert ask(engine, text).lang == "uk"


def test_names_alone_keep_the_conversations_language(engine: Engine) -> None:
    assert talk(engine, "what is flask?", "пірамід vs джанго").lang == "en"


def test_a_project_described_with_all_in_it_is_advice_not_a_list(engine: Engine) -> None:
    r = ask(engine, "треба сайт для пекарні щоб клієнти замовляли торти а я бачила всі "
                    "замовлення в одному місці. на чому робити?")
    assert r.intent == "recommend" and r.frameworks[0] == "django"


def test_only_an_api_after_websites_replaces_what_is_built(engine: Engine) -> None:
    site = ask(engine, "я фрілансер роблю сайти для малого бізнесу, що пропонувати клієнтам?")
    assert site.frameworks[0] == "django"  # the business is small, not the project
    api = talk(engine, "я фрілансер роблю сайти для малого бізнесу, що пропонувати клієнтам?",
               "а якщо клієнт хоче тільки апі для мобілки?")
    assert api.frameworks[0] == "fastapi" and "веб-сайт" not in api.reply.split("\n")[0]


def test_a_web_interface_for_a_model_is_a_data_app(engine: Engine) -> None:
    r = ask(engine, "веб інтерфейс для моделі ml щоб показати інвесторам, маю один вечір")
    assert r.frameworks[0] == "streamlit"
    r = ask(engine, "апі для ml моделі, але без fastapi")
    assert "streamlit" not in r.frameworks


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("для джанго обов'язково треба postgres", "Ні", "SQLite"),
    ("django rest framework входить в сам джанго", "Ні", "Django REST framework"),
    ("sanic можна запускати тільки своїм сервером", "Ні", "Uvicorn"),
    ("торнадо блокуючий фреймворк як джанго", "Ні", "Tornado"),
    ("twisted ніхто не використовує", "Ні", "PyPI"),
    ("twisted застарів і його ніхто вже не юзає", "Ні", "PyPI"),
])
def test_false_statements_said_without_a_question_are_corrected(
        engine: Engine, text: str, opens: str, says: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens) and says in r.reply


@pytest.mark.parametrize(("text", "opens", "first"), [
    ("is pygame in your list?", "No", None),
    ("юпітер ноутбук це з твого списку?", "Ні", None),
    ("is django in your list?", "Yes", "django"),
    ("ти знаєш джанго?", "Так", "django"),
])
def test_whether_a_thing_is_one_of_the_frameworks_is_answered_yes_or_no(
        engine: Engine, text: str, opens: str, first: str | None) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens)
    assert (r.frameworks[0] if r.frameworks else None) == first


def test_knowing_a_tool_outside_the_list_is_no_no(engine: Engine) -> None:
    r = ask(engine, "do you know pygame?")
    assert not r.reply.startswith("No") and "pygame" in r.reply


@pytest.mark.parametrize("text", ["помоги вибрати", "обери мені фреймворк"])
def test_asking_to_be_helped_to_choose_starts_the_wizard(engine: Engine, text: str) -> None:
    r = ask(engine, text)
    assert r.intent == "recommend" and "Що ви створюєте" in r.reply


def test_the_tools_for_hosting_on_the_way_keep_the_needs_before_them(engine: Engine) -> None:
    turns = ("помоги вибрати", "збирати ціни з сайтів конкурентів", "на сервері раз на день",
             "я один", "досвідчений")
    r = talk(engine, *turns)
    assert r.frameworks[0] == "scrapy" and "досвідчена команда" in r.reply
    why = talk(engine, *turns, "чому?")
    assert why.frameworks[0] == "scrapy"


def test_without_any_dependencies_wants_none(engine: Engine) -> None:
    r = ask(engine, "мені треба маленька веб морда до скрипта без жодних залежностей, щоб "
                    "одним файлом поклав на сервер і працює")
    assert r.frameworks[0] == "bottle" and "без: " not in r.reply


def test_parsers_in_the_plural_are_scrapers(engine: Engine) -> None:
    r = ask(engine, "я фрілансер, хочу ще продавати клієнтам парсери. що вчити?")
    assert r.frameworks[0] == "scrapy"


@pytest.mark.parametrize("text", ["для клубу не телеграм бот а просто сайт з записом на тренування",
                                  "без телеграм бота, просто сайт"])
def test_a_job_ruled_out_leaves_what_is_built(engine: Engine, text: str) -> None:
    r = ask(engine, text)
    assert r.intent == "recommend" and r.frameworks[0] == "django"
    assert "aiogram" not in r.reply


def test_a_tool_ruled_out_is_still_the_tools(engine: Engine) -> None:
    r = ask(engine, "no celery please, just need to run a small job after request in fastapi")
    assert r.frameworks[0] == "fastapi" and "BackgroundTasks" in r.reply


def test_an_existing_database_asks_for_no_list(engine: Engine) -> None:
    r = ask(engine, "internal CRUD admin panel over an existing database")
    assert r.intent == "recommend" and r.frameworks[0] == "django"


def test_a_program_for_windows_with_tables_is_a_desktop_app(engine: Engine) -> None:
    r = ask(engine, "програма обліку для бухгалтерії на вінду, з таблицями")
    assert r.frameworks[0] == "pyside6"


def test_the_framework_moved_to_is_the_one_spoken_of_next(engine: Engine) -> None:
    r = ask(engine, "переходжу зі стрімліта на деш, шо зміниться?")
    assert r.frameworks[:2] == ("dash", "streamlit")
    it = talk(engine, "переходжу зі стрімліта на деш, шо зміниться?", "а він на чому побудований?")
    assert it.frameworks[0] == "dash" and "Flask" in it.reply
    moving = ask(engine, "migrating from flask to fastapi, what changes?")
    assert moving.intent == "compare"  # ("migrating" asks nothing of database migrations)


def test_there_is_the_framework_in_view(engine: Engine) -> None:
    turns = ("переїжджаю з фласку на фастапі, шо буде по-іншому?",)
    r = talk(engine, *turns, "а blueprints там є?")
    assert r.reply.startswith("Ні") and "APIRouter" in r.reply
    r = talk(engine, *turns, "а шаблони jinja там можна?")
    assert r.reply.startswith("Так") and "Jinja2Templates" in r.reply


def test_a_yes_no_about_a_framework_after_advice_is_no_new_advice(engine: Engine) -> None:
    r = talk(engine, "мобільний додаток на пайтоні взагалі реально?", "а ківі на айфон збирається?")
    assert r.reply.startswith("Так") and r.frameworks == ("kivy",) and "kivy-ios" in r.reply


def test_in_the_browser_is_where_the_app_runs(engine: Engine) -> None:
    r = talk(engine, "підкажи з вибором",
             "внутрішня штука для бухгалтерії, завантажують ексель і бачать зведення з графіками",
             "в браузері", "нас двоє", "середній рівень")
    assert r.frameworks[0] == "streamlit" and "Selenium" not in r.reply
    assert "середнього розміру" not in r.reply  # a level of skill, not a size
    r = ask(engine, "автоматизувати кліки в браузері, заповнення форм")
    assert "Selenium" in r.reply


def test_a_server_interface_says_which_servers_run_it(engine: Engine) -> None:
    r = ask(engine, "fastapi is asgi right?")
    assert r.reply.startswith("Yes") and "Uvicorn" in r.reply
    assert "Gunicorn" in ask(engine, "is flask asgi?").reply
    r = ask(engine, "в cherrypy вбудований свій веб-сервер?")
    assert r.reply.startswith("Так") and "Cheroot" in r.reply


@pytest.mark.parametrize(("text", "says"), [
    ("what are blueprints in flask?", "register_blueprint"),
    ("що таке callback у деші", "@app.callback"),
])
def test_what_a_declared_feature_is_gets_its_fact_not_the_card(
        engine: Engine, text: str, says: str) -> None:
    r = ask(engine, text)
    assert says in r.reply and not r.reply.startswith(("Yes", "Так"))
    assert len(r.reply) < 400  # the fact, not the whole card


def test_what_a_framework_is_still_gets_its_card(engine: Engine) -> None:
    assert ask(engine, "що таке фласк").reply.startswith("Flask — мікрофреймворк")


def test_a_relative_clause_before_its_verb_keeps_the_yes_no_question(engine: Engine) -> None:
    r = ask(engine, "деш потягне графік який оновлюється кожну секунду?")
    assert r.reply.startswith("Так. Компонент dcc.Interval")
    assert ask(engine, "для сайту який фреймворк?").intent == "recommend"


def test_pulling_data_from_many_apis_is_http_requests(engine: Engine) -> None:
    r = ask(engine, "сервіс що тягне дані з 500 апішок паралельно")
    assert "HTTPX" in r.reply and "Streamlit" not in r.reply


def test_a_job_outside_the_list_names_the_listed_framework_that_does_it(engine: Engine) -> None:
    r = ask(engine, "сервіс що тягне дані з 500 апішок паралельно")
    assert "беруть aiohttp" in r.reply
    assert "Kivy" not in ask(engine, "discord bot for my gaming community").reply


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("does django have signals like post_save built in?", "Yes", "@receiver"),
    ("django signals виконуються у фоні, асинхронно?", "Ні", "синхронно"),
    ("в pyside6 є сигнали і слоти як в c++ qt?", "Так", "Signal"),
    ("чи є в фастапі сигнали?", "Ні", "lifespan"),
    ("flask sessions зберігаються на сервері?", "Ні", "cookie"),
    ("does flask have sessions?", "Yes", "signed cookie"),
    ("fastapi сам робить мій код асинхронним навіть якщо я пишу звичайний def?", "Ні",
     "пулі потоків"),
    ("bottle не має залежностей крім стандартної бібліотеки?", "Так", "bottle.py"),
])
def test_claims_about_how_a_feature_works_get_the_right_verdict(
        engine: Engine, text: str, opens: str, says: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens) and says in r.reply
    assert not r.reply.startswith(f"{opens}. {opens}")  # the fact does not repeat the verdict


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("tornado is built on asyncio now, not its own loop?", "Yes", "IOLoop"),
    ("в litestar є csrf middleware з коробки?", "Так", "CSRFConfig"),
    ("textual працює тільки в терміналі і все", "Ні", "textual serve"),
    ("uvicorn сам по собі не вміє в кілька процесів, тільки через gunicorn", "Ні", "--workers"),
    ("web2py спочатку робили як інструмент для навчання?", "Так", "ДеПол"),
    ("пайдантик обовязковий у фастапі?", "Так", "Pydantic"),
    ("textual підтримує щось типу css для стилів?", "Так", ".tcss"),
    ("в pyramid є щось типу middleware?", "Так", "tweens"),
    ("чи має scrapy вбудований рендеринг джаваскрипту", "Ні", "scrapy-playwright"),
    ("в web2py реально є веб-інтерфейс щоб редагувати код прямо в браузері?", "Так", "admin"),
])
def test_more_declared_facts_settle_claims(engine: Engine, text: str, opens: str,
                                          says: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opens) and says in r.reply


def test_the_counterpart_of_a_feature_in_the_framework_moved_to(engine: Engine) -> None:
    r = ask(engine, "чи є у fastapi аналог блюпрінтів з фласка, бо main.py вже на 2к рядків")
    assert r.reply.startswith("Так") and "APIRouter" in r.reply and r.frameworks == ("fastapi",)
    turns = ("у фласку в мене все на blueprints, переїжджаю на фастапі. шо там замість них?",)
    r = talk(engine, *turns)
    assert "APIRouter" in r.reply and r.frameworks == ("fastapi",)
    r = talk(engine, *turns, "а middleware там як?")
    assert "add_middleware" in r.reply


def test_a_yes_no_question_then_what_it_is_for_is_the_question(engine: Engine) -> None:
    r = ask(engine, "в джанго є вебсокети з коробки? треба для нотифікацій")
    assert r.reply.startswith("Ні") and "Channels" in r.reply and r.frameworks == ("django",)


def test_what_it_is_built_on_names_the_listed_base_and_keeps_the_subject(engine: Engine) -> None:
    r = ask(engine, "scrapy асинхронний, а на чому він тримається?")
    assert "Twisted" in r.reply and r.frameworks == ("scrapy", "twisted")
    r = talk(engine, "на чому побудований dash?", "а js треба знати?")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "dash"


def test_what_the_team_knows_asks_for_one_like_it(engine: Engine) -> None:
    r = ask(engine, "треба асинхронний апі, але вся команда знає тільки flask")
    assert r.frameworks[0] == "quart" and "flask" not in r.frameworks


def test_a_lesson_without_a_pile_of_dependencies_gets_bottle(engine: Engine) -> None:
    r = ask(engine, "фреймворк для уроку щоб без купи залежностей, "
                    "в класі нема інтернету нормального")
    assert r.frameworks[0] == "bottle"


def test_resource_classes_instead_of_decorators_are_falcons(engine: Engine) -> None:
    r = ask(engine, "без декораторів для роутів, хочу класи-ресурси")
    assert r.frameworks[0] == "falcon" and "on_get" in r.reply


def test_not_just_is_no_claim_of_only(engine: Engine) -> None:
    r = ask(engine, "does pyramid support traversal routing, not just url patterns?")
    assert r.reply.startswith("Yes") and "traversal" in r.reply


def test_whether_anyone_still_uses_it_is_its_community(engine: Engine) -> None:
    r = ask(engine, "сіріпай ще хтось юзає?")
    assert r.frameworks[0] == "cherrypy" and "PyPI" in r.reply


def test_as_much_grammar_of_each_language_is_ukrainian(engine: Engine) -> None:
    assert ask(engine, "how to зробити auth у фастапі через jwt").lang == "uk"
    assert ask(engine, "what is the difference між Flask і Django").lang == "en"
