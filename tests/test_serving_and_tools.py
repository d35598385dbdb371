"""Serving an app in production, command-line tools, pip, and the reply's language
asked for in the message.

A framework's start command asked "in production" is its deployment: the servers
that speak its interface (no WSGI-only server for FastAPI), those the message's
own conditions call for first ("on Windows Server": Waitress) and none it rules
out (Gunicorn has no Windows). A command-line tool with flags is Click, Typer or
argparse, not a terminal UI; "what is pip?" is answered; "can you answer in
Ukrainian?" makes the reply Ukrainian whatever else the message is written in.
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


def test_running_django_in_production_names_its_servers_not_runserver(
        engine: Engine) -> None:
    r = ask(engine, "how do i run django in production")
    assert r.frameworks[:1] == ("django",) and "Gunicorn" in r.reply
    assert "runserver starts" not in r.reply


def test_deploying_fastapi_names_no_wsgi_only_server(engine: Engine) -> None:
    r = ask(engine, "як задеплоїти fastapi в docker")
    assert r.lang == "uk" and r.reply.index("Uvicorn") < r.reply.index("Gunicorn")
    assert "• Waitress" not in r.reply and "• uWSGI" not in r.reply


def test_flask_on_windows_server_gets_waitress_first_and_no_gunicorn(engine: Engine) -> None:
    r = ask(engine, "хочу підняти flask на windows server, linux не можна")
    assert r.lang == "uk" and r.frameworks[:1] == ("flask",)
    assert "Waitress" in r.reply.splitlines()[1]
    assert "Gunicorn:" not in r.reply
    assert "pyside6" not in r.frameworks  # Windows Server is no desktop app


def test_two_servers_asked_for_a_framework_are_both_said(engine: Engine) -> None:
    r = ask(engine, "uwsgi чи gunicorn для джанго")
    assert "uWSGI" in r.reply and "Gunicorn" in r.reply
    assert not r.reply.startswith("Ні")  # no verdict on Django's own server


def test_a_command_line_tool_with_flags_is_click_not_a_terminal_ui(engine: Engine) -> None:
    r = ask(engine, "хочу зробити cli утиліту з командами і прапорцями, типу як git")
    assert "Click" in r.reply and "argparse" in r.reply and "textual" not in r.frameworks
    r = ask(engine, "консольна утиліта з гарним tui інтерфейсом, на чому?")
    assert r.frameworks[:1] == ("textual",)


def test_pip_and_pypi_are_explained(engine: Engine) -> None:
    assert "PyPI" in ask(engine, "what is pip").reply
    r = ask(engine, "що таке pip?")
    assert r.lang == "uk" and "pip install" in r.reply


def test_the_language_asked_for_decides_the_reply(engine: Engine) -> None:
    r = ask(engine, "hi, can you answer in ukrainian? що краще для телеграм бота")
    assert r.lang == "uk" and "aiogram" in r.reply
    assert ask(engine, "можна англійською? what is django").lang == "en"
    assert ask(engine, "Django чи Flask for a beginner, поясни плз").lang == "uk"


def test_notebooks_shown_as_a_web_app_are_a_data_app(engine: Engine) -> None:
    r = ask(engine, "маю jupyter ноутбуки з аналізом, хочу показати це як веб-додаток "
                    "колегам щоб вони самі могли міняти параметри")
    assert r.frameworks[:1] in (("streamlit",), ("dash",))


def test_a_job_implied_by_an_unknown_need_is_a_load_error(data) -> None:  # type: ignore[no-untyped-def]
    path = data / "related.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("implied_by: [production]", "implied_by: [prod]", 1),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load(data)
    assert "unknown need 'prod'" in str(err.value)


def test_an_orm_asked_for_fastapi_lists_orms_with_its_own_first(engine: Engine) -> None:
    r = ask(engine, "яку орм взяти для фастапі?")
    assert r.lang == "uk" and not r.reply.startswith("Так")  # a "which" question
    assert r.reply.index("SQLModel") < r.reply.index("SQLAlchemy")
    assert "django" not in r.frameworks


def test_parsing_pdf_files_is_no_web_scraping(engine: Engine) -> None:
    r = ask(engine, "треба парсити pdf рахунки")
    assert "pypdf" in r.reply and "scrapy" not in r.frameworks


def test_a_smart_home_names_home_assistant(engine: Engine) -> None:
    r = ask(engine, "хочу розумний будинок на raspberry pi, щоб світло вмикалось по розкладу")
    assert "Home Assistant" in r.reply and "gpiozero" in r.reply and not r.frameworks


def test_a_till_program_on_windows_is_a_desktop_touch_app(engine: Engine) -> None:
    r = ask(engine, "програма для каси магазину на віндовс, з тачскріном")
    assert r.frameworks[:1] == ("kivy",) and "django" not in r.frameworks


def test_not_on_starlette_rules_out_what_is_built_on_it(engine: Engine) -> None:
    r = ask(engine, "фреймворк для апі але не на старлет")
    assert r.frameworks and "fastapi" not in r.frameworks and "starlette" not in r.frameworks
    r = ask(engine, "scrapy працює на asyncio, а не на twisted?")
    assert r.frameworks[:1] == ("scrapy",)  # the framework asked about stays


def test_reports_in_a_crm_with_roles_are_no_data_app(engine: Engine) -> None:
    r = ask(engine, "треба crm для невеликої компанії, 10 менеджерів: клієнти, угоди, "
                    "ролі доступу, звіти. що брати")
    assert r.frameworks[:1] == ("django",) and "streamlit" not in r.frameworks


def test_everyday_terms_are_explained_not_recommended(engine: Engine) -> None:
    r = ask(engine, "що таке фреймворк простими словами")
    assert r.intent != "recommend" and "фреймворк" in r.reply.casefold()
    r = ask(engine, "що таке api")
    assert r.intent == "concept" and "JSON" in r.reply
    assert ask(engine, "що таке rest api").reply.count("\n") == 0  # REST alone, not API too
    assert ask(engine, "що таке ООП").intent == "concept"
    r = ask(engine, "what is a library vs a framework")
    assert "calls your code" in r.reply
    assert ask(engine, "фреймворк для api").frameworks[:1] == ("fastapi",)  # still advice


def test_a_twisted_concept_with_an_attribute_inside_its_words(engine: Engine) -> None:
    assert "reactor" in ask(engine, "whats the name of the event loop thing in twisted").reply


def test_learning_python_and_editors(engine: Engine) -> None:
    assert "docs.python.org/3/tutorial" in ask(engine, "з чого почати вчити пайтон").reply
    r = ask(engine, "is python good for beginners")
    assert r.reply.startswith("Yes") and not r.frameworks
    r = ask(engine, "яку IDE взяти для пайтона")
    assert "PyCharm" in r.reply and "Thonny" in r.reply and r.lang == "uk"


def test_alive_or_dead_is_told_by_the_newest_release(engine: Engine) -> None:
    r = ask(engine, "is pyramid still maintained")
    assert r.reply.startswith("Yes") and "2.1" in r.reply and "March 2026" in r.reply
    r = ask(engine, "чи живий cherrypy у 2026")  # no release in the two years before
    assert r.reply.startswith("Частково") and "18.10.0" in r.reply


def test_load_testing_names_locust_and_no_api_framework(engine: Engine) -> None:
    r = ask(engine, "яким інструментом навантажувальне тестування api зробити")
    assert "Locust" in r.reply and not r.frameworks
    r = ask(engine, "how do i load test my fastapi app")
    assert "Locust" in r.reply and "pytest" not in r.reply  # load testing, not unit tests


def test_a_team_of_developers_is_no_question_about_the_creators(engine: Engine) -> None:
    r = ask(engine, "flask для великого проєкту з 20 розробниками піде?")
    assert r.intent == "fit" and "Ронахер" not in r.reply
    r = ask(engine, "who are the developers of flask")
    assert "Ronacher" in r.reply


def test_transliterated_ukrainian_is_told_by_its_endings(engine: Engine) -> None:
    r = ask(engine, "z adminkoyu i oplatoyu kartkoyu")
    assert r.lang == "uk" and r.frameworks[:1] == ("django",)
    assert ask(engine, "party city skyline").lang == "en"


def test_a_phone_platform_answer_names_the_packaging_tool(engine: Engine) -> None:
    r = ask(engine, "а на ківі можна зібрати апку під андроїд?")
    assert r.reply.startswith("Так") and "Buildozer" in r.reply
    assert "Briefcase" in ask(engine, "can toga make ios apps?").reply
