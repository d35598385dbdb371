"""Jobs done with tools outside the framework list, and "X but not Y" for them.

A user who rules out the usual pick for a job gets the other tools for it: the
rest of a tool's job ("a game library, not pygame"), or the tools a domain of
``related.yaml`` names ``instead`` of the listed framework made for the job ("a
scraper without Scrapy", "a terminal UI but not Textual"). A job's own words
(visual novels, Slack bots, speech to text, hosting, packaging an APK) name its
tools, and a job asked about the framework in view puts that framework's add-on
first.
"""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.knowledge import KnowledgeError, load
from fwbot.reply import Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, text: str) -> Reply:
    return engine.reply(Session(), text)


def test_a_scraper_without_scrapy_gets_the_small_tools(engine: Engine) -> None:
    r = ask(engine, "need a scraper for a couple of pages, not scrapy please")
    assert "Beautiful Soup" in r.reply and "requests" in r.reply
    assert "scrapy" not in r.frameworks and "flask" not in r.frameworks
    assert r.reply.startswith("Without Scrapy")


def test_scraping_without_twisted_rules_out_scrapy_built_on_it(engine: Engine) -> None:
    r = ask(engine, "скрапінг цін без twisted під капотом")
    assert r.lang == "uk" and "Beautiful Soup" in r.reply and not r.frameworks


def test_a_terminal_ui_without_textual_gets_the_other_libraries(engine: Engine) -> None:
    r = ask(engine, "консольний інтерфейс але не textual")
    assert "urwid" in r.reply and "prompt_toolkit" in r.reply and "curses" in r.reply
    assert "textual" not in r.frameworks


def test_a_ruled_out_tool_leaves_the_rest_of_its_job(engine: Engine) -> None:
    r = ask(engine, "game engine for a jam, anything except pygame")
    assert "Arcade" in r.reply and "pyglet" in r.reply
    assert "pip install pygame" not in r.reply and r.reply.startswith("Without pygame")


def test_a_ruled_out_tool_with_a_listed_job_is_left_to_the_ranking(engine: Engine) -> None:
    r = ask(engine, "crawler for thousands of pages but not selenium")
    assert r.frameworks[:1] == ("scrapy",)


def test_ruling_out_a_web_framework_names_no_tool(engine: Engine) -> None:
    r = ask(engine, "a blog but not django")
    assert r.frameworks and "django" not in r.frameworks and "Without" not in r.reply


@pytest.mark.parametrize(("text", "tool"), [
    ("движок для візуальної новели", "Ren'Py"),
    ("how do i write a slack bot in python", "Bolt for Python"),
    ("transcribe voice messages to text offline", "Whisper"),
    ("змінити розмір фото сотні штук", "Pillow"),
    ("порахувати суми з ексельки", "openpyxl"),
    ("send a report every morning at 9", "APScheduler"),
    ("де захостити django сайт дешево", "PythonAnywhere"),
    ("graphql for a django project", "Graphene-Django"),
])
def test_a_job_names_its_tools(engine: Engine, text: str, tool: str) -> None:
    r = ask(engine, text)
    assert tool in r.reply, r.reply


def test_a_form_without_programming_is_no_web_framework(engine: Engine) -> None:
    r = ask(engine, "анкета для учасників, зовсім без програмування")
    assert "Google Forms" in r.reply and not r.frameworks


def test_gunicorns_worker_count_is_its_documented_rule(engine: Engine) -> None:
    r = ask(engine, "how many gunicorn workers do i need")
    assert "(2 × CPU cores) + 1" in r.reply


def test_the_framework_in_view_puts_its_add_on_first(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "what is kivy?")
    r = engine.reply(s, "how do i build an apk?")
    assert r.frameworks[:1] == ("kivy",)
    assert "Buildozer" in r.reply and "Briefcase" not in r.reply  # (Toga's)


def test_a_streamlit_app_is_hosted_on_its_own_cloud(engine: Engine) -> None:
    r = ask(engine, "where to host a streamlit app for free")
    assert r.frameworks[:1] == ("streamlit",) and "Streamlit Community Cloud" in r.reply
    r = ask(engine, "where to host a flask app for free")
    assert "PythonAnywhere" in r.reply and "Streamlit" not in r.reply


def test_a_tool_named_with_a_missing_feature_claim_is_about_the_feature(
        engine: Engine) -> None:
    r = ask(engine, "django has no orm, you plug in sqlalchemy, right?")
    assert r.reply.startswith("No") and "ORM" in r.reply


def test_a_domain_names_known_needs_and_attributes(data) -> None:  # type: ignore[no-untyped-def]
    path = data / "related.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("outranks: [web, api, small]", "outranks: [webb, api, small]")
    path.write_text(text.replace("absorbs: [license]", "absorbs: [licence]", 1),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load(data)
    assert "unknown need 'webb'" in str(err.value)
    assert "unknown attribute 'licence'" in str(err.value)


def test_running_a_framework_on_a_server_names_its_production_servers(engine: Engine) -> None:
    r = ask(engine, "як запустити джанго на сервері?")
    assert r.frameworks[:1] == ("django",) and "Gunicorn" in r.reply
    assert "runserver" not in r.reply


def test_a_server_asked_for_a_container_is_the_job_with_the_framework(engine: Engine) -> None:
    r = ask(engine, "fastapi in a docker container, which server do i put inside?")
    assert r.frameworks[:1] == ("fastapi",) and "Uvicorn" in r.reply


def test_a_host_asked_for_a_framework_checks_its_property(engine: Engine) -> None:
    r = ask(engine, "чи можна безкоштовно захостити django на pythonanywhere?")
    assert r.reply.startswith("Так") and r.frameworks[:1] == ("django",)


def test_a_framework_or_a_tool_says_both_whatever_the_job(engine: Engine) -> None:
    r = ask(engine, "scrapy or bs4 for scraping ten pages?")
    assert "Scrapy" in r.reply and "Beautiful Soup" in r.reply


def test_a_tool_ruled_out_without_its_job_named_is_no_job(engine: Engine) -> None:
    r = ask(engine, "потрібна база даних, але без sqlalchemy")
    assert "Якщо без" not in r.reply


def test_an_orm_for_a_flask_app_is_a_library_to_add(engine: Engine) -> None:
    r = ask(engine, "what orm for flask do people use?")
    assert r.frameworks[:1] == ("flask",) and "SQLAlchemy" in r.reply


def test_a_job_after_a_framework_is_done_with_it_when_a_tool_serves_it(
        engine: Engine) -> None:
    s = Session()
    engine.reply(s, "розкажи про фласк")
    r = engine.reply(s, "а як зберегти в базу?")
    assert r.frameworks[:1] == ("flask",) and "SQLAlchemy" in r.reply
    s = Session()
    engine.reply(s, "what is django?")
    r = engine.reply(s, "and serving static files?")
    assert r.frameworks[:1] == ("django",) and "collectstatic" in r.reply


def test_a_framework_for_a_scheduled_script_is_not_its_job(engine: Engine) -> None:
    r = ask(engine, "flask for a script that sends emails every morning")
    assert r.reply.startswith("No, Flask is not made for this") and "APScheduler" in r.reply
    assert r.reply.count("No,") == 1


def test_a_framework_with_its_own_add_on_for_the_job_is_a_yes(engine: Engine) -> None:
    r = ask(engine, "can a kivy app be packaged as an apk?")
    assert r.reply.startswith("Yes") and r.frameworks[:1] == ("kivy",)
    assert "Buildozer" in r.reply
    r = ask(engine, "is there free deployment for streamlit apps?")
    assert "Streamlit Community Cloud" in r.reply and "Gunicorn" not in r.reply


def test_a_job_for_the_users_own_app_is_the_job_with_it(engine: Engine) -> None:
    r = ask(engine, "our flask app has to resize images, what library?")
    assert r.frameworks[:1] == ("flask",) and "Pillow" in r.reply
    r = ask(engine, "task queue for my web app to send emails later")
    assert "Celery" in r.reply and not r.frameworks
    r = ask(engine, "моєму django проєкту треба надсилати листи, що взяти?")
    assert r.frameworks[:1] == ("django",) and "send_mail" in r.reply


def test_tkinter_is_known_as_the_standard_librarys_gui(engine: Engine) -> None:
    r = ask(engine, "what is tkinter?")
    assert "standard library" in r.reply and not r.frameworks


def test_an_alternative_to_a_tool_is_the_rest_of_its_job(engine: Engine) -> None:
    r = ask(engine, "is there an alternative to pygame?")
    assert "Arcade" in r.reply and "pip install pygame" not in r.reply


def test_pyqt_is_a_binding_outside_the_list_from_another_maker(engine: Engine) -> None:
    """PyQt is no need for "Qt" answered with PySide6: it is Riverbank's own binding."""
    what = engine.reply(Session(), "що таке pyqt")
    assert "Riverbank" in what.reply and what.frameworks == ()
    same = engine.reply(Session(), "pyside6 і pyqt6 це одна і та сама компанія робить")
    assert same.reply.startswith("Ні") and "Riverbank" in same.reply


@pytest.mark.parametrize(("text", "says"), [
    ("треба щоночі запускати ETL з кількох баз, з ретраями і графом задач", "Airflow"),
    ("mypy чи pyright для великого джанго проєкту?", "django-stubs"),
    ("яку cms на пайтоні взяти для сайту школи?", "Wagtail"),
])
def test_pipelines_type_checkers_and_cms_are_tools_outside_the_list(
        engine: Engine, text: str, says: str) -> None:
    reply = engine.reply(Session(), text)
    assert says in reply.reply and reply.lang == "uk"


@pytest.mark.parametrize(("text", "says"), [
    ("what's the Hibernate of Python?", "SQLAlchemy"),
    ("what's the jest/junit of python?", "pytest"),
    ("what's the composer / npm of python?", "pip"),
    ("чим валідувати json як в zod чи joi?", "Pydantic"),
    ("шаблонізатор як blade в пайтоні є?", "Jinja2"),
    ("треба фонові задачі як laravel queues, що в пайтоні?", "Celery"),
])
def test_a_tool_from_another_language_points_to_pythons_own(
        engine: Engine, text: str, says: str) -> None:
    """People coming from PHP, Java or Node ask by analogy: the Python tool for that job."""
    assert says in engine.reply(Session(), text).reply


def test_laravel_of_python_is_a_batteries_included_framework(engine: Engine) -> None:
    reply = engine.reply(Session(), "я з ларавеля, що в пайтоні як ларавель?")
    assert reply.frameworks[:1] == ("django",) and reply.lang == "uk"


def test_a_tool_a_framework_is_built_on_stays_part_of_the_question(engine: Engine) -> None:
    """"does fastapi need pydantic": FastAPI's foundation, not a question about Pydantic."""
    reply = engine.reply(Session(), "does fastapi need pydantic")
    assert reply.reply.startswith("Yes") and reply.frameworks[:1] == ("fastapi",)


@pytest.mark.parametrize(("text", "not_read"), [
    ("команда з Java/Spring, хочемо типи, DI і автодокументацію", "batteries"),
    ("десктоп утиліта, але не електрон, на пайтоні", "gui_unwanted"),
])
def test_a_foreign_name_said_without_an_analogy_is_background(
        engine: Engine, text: str, not_read: str) -> None:
    """"from Spring" is who asks, not a wish for batteries; "не електрон" wants no GUI gone."""
    needs = engine.reader.read(text).needs
    assert not_read not in needs and "batteries" not in needs


def test_an_analogy_beside_a_named_framework_compares(engine: Engine) -> None:
    reply = engine.reply(Session(), "а у фласка є свій ORM типу Eloquent?")
    assert reply.reply.startswith("Ні") and "SQLAlchemy" in reply.reply


@pytest.mark.parametrize(("text", "opens"), [
    ("celery з джангою дружить?", "Так"),
    ("SQLAlchemy можна з фастапі юзати?", "Так"),
    ("can i use pytest with flask?", "Yes"),
    ("SQLAlchemy is built into Flask, isn't it?", "No"),
])
def test_a_tool_with_a_framework_is_yes_unless_claimed_built_in(
        engine: Engine, text: str, opens: str) -> None:
    """A companion job's tool works with any framework; it is no part of one not built on it."""
    reply = engine.reply(Session(), text)
    assert reply.reply.startswith(opens) and reply.frameworks[:1] != ()


def test_a_kind_of_framework_asked_of_a_tool_is_whether_it_is_one(engine: Engine) -> None:
    """"селері це веб фреймворк?": no (a task queue), not a list of web frameworks."""
    reply = engine.reply(Session(), "селері це веб фреймворк?")
    assert reply.reply.startswith("Ні") and "Celery" in reply.reply and not reply.frameworks


@pytest.mark.parametrize(("text", "says"), [
    ("який лінтер взяти для пайтона?", "Ruff"),
    ("how do I add login with google to my flask app?", "Authlib"),
    ("як згенерувати документ word з пайтона?", "python-docx"),
    ("інтерактивна карта з точками на пайтоні", "Folium"),
    ("what is gradio", "Hugging Face"),
])
def test_more_everyday_jobs_outside_the_list(engine: Engine, text: str, says: str) -> None:
    assert says in engine.reply(Session(), text).reply


def test_dockerizing_an_app_is_deploying_it(engine: Engine) -> None:
    reply = engine.reply(Session(), "how do I dockerize a fastapi app?")
    assert "Uvicorn" in reply.reply and reply.frameworks[:1] == ("fastapi",)


def test_who_made_drf(engine: Engine) -> None:
    assert "Tom Christie" in engine.reply(Session(), "who made DRF?").reply


def test_a_tool_ruled_out_is_left_out_of_the_jobs_tools(engine: Engine) -> None:
    """"no celery please ... in fastapi": FastAPI's own BackgroundTasks, no Celery row."""
    reply = engine.reply(Session(), "no celery please, just need to run a small job after "
                                    "request in fastapi")
    assert "BackgroundTasks" in reply.reply and "• Celery" not in reply.reply


def test_what_the_asker_comes_from_is_no_question(engine: Engine) -> None:
    reply = engine.reply(Session(), "телеграм бота писати на чому? я з node, там telegraf юзав")
    assert "aiogram" in reply.reply


@pytest.mark.parametrize(("text", "opens"), [("can gunicorn run fastapi?", "Yes"),
                                             ("fastapi з gunicorn можна?", "Так")])
def test_a_tools_property_naming_the_framework_settles_it(engine: Engine, text: str,
                                                          opens: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and "UvicornWorker" in reply



@pytest.mark.parametrize(("text", "says"), [
    ("pydantic без fastapi можна юзати?", "Так"),            # a library of its own
    ("чим робити REST API в джанго?", "Django REST framework"),  # with what: no bare yes
    ("сєлєрі з джангою як подружить?", "Celery"),
    ("як тестити фастапі, pytest норм?", "pytest"),
    ("яка дефолтна база в джанго після startproject?", "SQLite"),
])
def test_tools_asked_as_people_type_them(engine: Engine, text: str, says: str) -> None:
    reply = engine.reply(Session(), text)
    assert says in reply.reply
    if "pydantic" not in text and "сєлєрі" not in text:
        assert not reply.reply.startswith("Так.")  # "with what" gets no bare yes


@pytest.mark.parametrize(("text", "says"), [
    ("графіки для лаби з фізики, просто картинка в звіт", "Matplotlib"),
    ("карту з точками на пайтоні намалювати", "Folium"),
])
def test_everyday_jobs_outside_the_list(engine: Engine, text: str, says: str) -> None:
    reply = engine.reply(Session(), text)
    assert says in reply.reply and not reply.frameworks
