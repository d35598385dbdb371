"""Issue 11's twelfth round: what a fit for production says, one framework said
to be "on" another, and Textual's kind.

"Is Bottle fine for production?" is yes, and names what runs it there (a WSGI
server; Tornado serves itself); "dash на фласку?" asks whether Dash is built on
Flask, while "з фласку на джанго" moves from one to the other.
"""

from __future__ import annotations

import pytest
from asking import ask, talk

from fwbot.engine import Engine


def test_production_fit_names_the_servers_that_run_it(engine: Engine) -> None:
    r = ask(engine, "is bottle fine for production?")
    assert r.reply.startswith("Yes") and "Gunicorn" in r.reply and "Waitress" in r.reply
    r = ask(engine, "is fastapi ok for production")
    assert "Uvicorn" in r.reply and "Waitress" not in r.reply  # no WSGI server for ASGI
    r = ask(engine, "чи можна ботл в продакшн?")
    assert r.reply.startswith("Так") and "Gunicorn" in r.reply and r.lang == "uk"


def test_a_framework_with_its_own_server_says_so(engine: Engine) -> None:
    r = ask(engine, "is tornado good for production?")
    assert "its own asynchronous server" in r.reply and "Gunicorn" not in r.reply


def test_production_in_the_genitive_is_production(engine: Engine) -> None:
    r = ask(engine, "фласк для продакшену норм?")
    assert r.intent == "fit" and r.reply.startswith("Так") and "Gunicorn" in r.reply


def test_one_framework_on_another_is_a_claim_of_what_it_is_built_on(engine: Engine) -> None:
    r = ask(engine, "dash на фласку?")
    assert r.reply.startswith("Так") and "Flask" in r.reply
    r = ask(engine, "скрапі ж працює на твістеді?")
    assert r.reply.startswith("Так") and "Twisted" in r.reply
    r = talk(engine, "dash на фласку?", "а стрімліт теж на фласку?")
    assert r.reply.startswith("Ні") and "Tornado" in r.reply


def test_moving_from_one_to_another_is_no_claim(engine: Engine) -> None:
    r = ask(engine, "переписати з фласку на джанго?")
    assert not r.reply.startswith(("Так", "Ні"))
    assert set(r.frameworks[:2]) == {"flask", "django"}


def test_textual_is_no_web_framework_though_it_can_show_in_a_browser(engine: Engine) -> None:
    assert ask(engine, "Is textual a web framework?").reply.startswith("No")
    assert ask(engine, "can textual run in a browser?").reply.startswith("Yes")


def test_only_for_a_platform_is_answered_with_where_it_runs(engine: Engine) -> None:
    r = ask(engine, "ківі це тільки для десктопу, на телефон не піде")
    assert r.reply.startswith("Ні") and "Android" in r.reply
    assert ask(engine, "django only for websites?").reply.startswith("No")  # its uses, still


def test_a_data_ui_without_javascript_is_streamlit_or_dash(engine: Engine) -> None:
    r = ask(engine, "web ui for data people without writing any javascript")
    assert r.frameworks[0] in ("streamlit", "dash") and "django" not in r.frameworks


def test_micro_does_not_mean_small_projects_only(engine: Engine) -> None:
    r = ask(engine, "фласк мікрофреймворк, значить великий проект на ньому не зробиш")
    assert r.reply.startswith("Ні") and "blueprints" in r.reply


def test_on_what_then_after_a_false_base_asks_the_real_one(engine: Engine) -> None:
    r = talk(engine, "фастапі ж побудований на фласку", "а на чому тоді?")
    assert "Starlette" in r.reply and "Pydantic" in r.reply and r.frameworks[0] == "fastapi"
    r = talk(engine, "що таке фастапі?", "а на чому тоді?")  # no claim of a base before
    assert "Starlette" not in r.reply.split(".")[0]


def test_with_what_then_after_a_missing_feature_is_what_people_add(engine: Engine) -> None:
    r = talk(engine, "скрапі вміє js на сторінках виконувати?", "а чим тоді такі сайти парсити?")
    assert "Playwright" in r.reply and not r.reply.startswith(("Так", "Ні"))
    r = talk(engine, "bottle has sessions?", "what do I use then?")
    assert "separate library" in r.reply
    r = talk(engine, "скрапі вміє js на сторінках виконувати?", "а тоді що краще для апі?")
    assert r.intent == "recommend" and "scrapy" not in r.frameworks  # another job


def test_new_properties_answer_yes_or_no_with_the_fact(engine: Engine) -> None:
    r = ask(engine, "в скрапі є pipelines і middleware?")
    assert r.reply.startswith("Так.") and "pipelines" in r.reply and "Так, " not in r.reply
    assert ask(engine, "у web2py є свій DAL для бд?").reply.startswith("Так. У web2py")
    r = ask(engine, "does sanic still support python 2?")
    assert r.reply.startswith("No.") and "Python 3" in r.reply
    assert "QQmlApplicationEngine" in ask(engine, "пайсайд6 підтримує QML?").reply


def test_really_between_the_names_is_still_a_built_on_claim(engine: Engine) -> None:
    r = ask(engine, "невже скрапі реально написаний на твістеді?")
    assert r.reply.startswith("Так") and "Twisted" in r.reply


def test_a_latin_name_sounds_the_same_in_cyrillic() -> None:
    from fwbot.language import cyrillic_keys, latin_keys, sounds_like
    assert sounds_like("сноуфлейк", latin_keys("Snowflake"))
    assert sounds_like("бівару", latin_keys("BeeWare"))
    assert sounds_like("палетс", latin_keys("Pallets"))
    assert not sounds_like("курсової", latin_keys("Chris"))
    assert not cyrillic_keys("шо")  # too short to name anyone


def test_a_maker_named_in_cyrillic_is_checked(engine: Engine) -> None:
    assert ask(engine, "тога це частина бівару?").reply.startswith("Так")
    r = ask(engine, "тога від біваре?")
    assert r.reply.startswith("Так") and "BeeWare" in r.reply
    assert ask(engine, "фласк від палетс?").reply.startswith("Так")
    assert ask(engine, "стрімліт від гугла?").reply.startswith("Ні")


def test_whose_project_it_is_counts_who_keeps_it(engine: Engine) -> None:
    assert ask(engine, "is flask a pallets project?").reply.startswith("Yes")
    assert ask(engine, "flask by pallets?").reply.startswith("Yes")
    assert ask(engine, "is streamlit a snowflake product?").reply.startswith("Yes")
    assert ask(engine, "is flask by google?").reply.startswith("No")
    assert ask(engine, "tornado made by facebook?").reply.startswith("No")  # made: FriendFeed


def test_a_team_of_three_is_a_small_project_in_the_wizard(engine: Engine) -> None:
    r = talk(engine, "help me choose a framework", "an API",
             "backend for a mobile app, we love type hints", "3 people, mid-level")
    assert r.intent == "recommend" and r.frameworks[0] == "fastapi"
    r = ask(engine, "нас троє, потрібен сайт з адмінкою")
    assert r.frameworks[0] == "django"  # the features asked for decide, not the size


def test_a_base_named_in_cyrillic_is_checked(engine: Engine) -> None:
    assert ask(engine, "в даш під капотом реакт?").reply.startswith("Так")
    assert ask(engine, "в даш під капотом джанго?").reply.startswith("Ні")


def test_just_the_other_with_more_is_a_claim_of_its_base(engine: Engine) -> None:
    r = ask(engine, "a colleague says fastapi is just flask with types. true?")
    assert r.reply.startswith("No") and "Starlette" in r.reply
    assert ask(engine, "quart is basically flask but async?").reply.startswith("Yes")
    r = ask(engine, "кварт на фласку?")  # not built on it, but it reimplements its API
    assert r.reply.startswith("Ні") and "API Flask" in r.reply


def test_django_databases_and_who_is_behind_pyramid(engine: Engine) -> None:
    r = ask(engine, "джанго з постгресом нормально дружить?")
    assert r.reply.startswith("Так") and "PostgreSQL" in r.reply
    assert "Pylons" in ask(engine, "пірамід від якого проекту взагалі, хто за ним стоїть").reply


def test_an_add_on_named_as_built_in_is_no(engine: Engine) -> None:
    r = ask(engine, "flask admin panel built in?")
    assert r.reply.startswith("No") and "Flask-Admin" in r.reply
    assert ask(engine, "django rest framework built in?").reply.startswith("No")


def test_one_developer_is_a_team_size_not_a_small_shop(engine: Engine) -> None:
    r = talk(engine, "допоможи обрати фреймворк", "сайт, інтернет-магазин", "я сам один")
    assert r.frameworks[0] == "django"  # the shop's features decide
    r = talk(engine, "help me choose", "an admin panel for our staff over our existing database",
             "just me")
    assert r.frameworks[0] == "django"
    assert "small team" in r.reply


def test_an_answer_not_understood_keeps_the_recommendation_to_refine(engine: Engine) -> None:
    r = talk(engine, "треба інструмент, не знаю який", "для дашбордів з продажів",
             "мені треба щоб воно в космос полетіло", "я один і треба за тиждень")
    assert r.frameworks[0] in ("streamlit", "dash") and "django" not in r.frameworks
    r = talk(engine, "треба інструмент, не знаю який", "для дашбордів з продажів",
             "js і html не знаю")
    assert r.frameworks[0] in ("streamlit", "dash")


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("у джанго адмінка тільки в платній версії?", "Ні", "BSD"),
    ("cherrypy needs gunicorn to run in production", "No", "Cheroot"),
    ("фласк несерйозний, в продакшні його ніхто не юзає", "Ні", "Gunicorn"),
    ("а правда що деш без фласку не працює, він всередині?", "Так", "Flask"),
    ("dash працює без flask?", "Ні", "Flask"),
    ("джанго не підтримує async взагалі, тому для чату не годиться", "Ні", "ASGI"),
])
def test_statements_people_make_get_the_verdict_first(engine: Engine, text: str, opening: str,
                                                      fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply


def test_the_wizard_hears_where_it_runs_and_who_builds_it(engine: Engine) -> None:
    r = talk(engine, "не знаю, що обрати для проекту", "api для мобільного додатку",
             "на сервері, лінукс", "нас двоє, пітон знаємо середньо")
    assert r.intent == "recommend" and r.frameworks[0] == "fastapi"
    r = talk(engine, "help me choose", "an admin panel for our staff over our existing database",
             "Linux server", "just me", "I know Python well")
    assert r.frameworks[0] == "django" and "experienced team" in r.reply
    r = ask(engine, "нас двоє")  # who builds it says nothing of what: the wizard asks
    assert r.frameworks == () and "?" in r.reply


@pytest.mark.parametrize("text", [
    "portal for a small clinic: appointments, patient records, staff accounts",
    "MVP маркетплейсу, я один розробник, дедлайн місяць",
    "сайт запису на манікюр + щоб майстриня бачила розклад, я фрілансер, бюджет малий",
])
def test_bookings_records_and_marketplaces_want_batteries(engine: Engine, text: str) -> None:
    assert ask(engine, text).frameworks[0] == "django"


def test_pages_forms_and_api_docs_are_needs(engine: Engine) -> None:
    r = ask(engine,
            "I dont need a database at all, just serve a couple of pages and a contact form")
    assert r.frameworks[0] in ("flask", "bottle") and "django" not in r.frameworks[:1]
    r = ask(engine, "фронтенди просять апі з документацією, щоб самі дивились ендпоінти і схеми")
    assert r.frameworks[0] == "fastapi" and "OpenAPI" in r.reply


def test_why_not_a_framework_explains_that_one(engine: Engine) -> None:
    r = talk(engine, "роблю інтернет-магазин сам, один, що брати?", "а чому не фласк?")
    assert r.intent == "explain" and "flask" in r.frameworks and "Flask" in r.reply


def test_on_what_is_it_and_its_old_name(engine: Engine) -> None:
    r = talk(engine, "тулза для адмінів в терміналі, з табличками і кнопками", "а на чому він?")
    assert "Rich" in r.reply and not r.reply.startswith("Я порахував")
    r = talk(engine, "what is litestar?", "did it have another name before?")
    assert "Starlite" in r.reply


def test_the_difference_between_them_compares_the_ones_shown(engine: Engine) -> None:
    r = talk(engine, "треба дашборд для директора з графіками продаж", "а яка між ними різниця?")
    assert r.intent == "compare" and set(r.frameworks[:2]) == {"streamlit", "dash"}
