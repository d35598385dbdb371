"""Recommendations an expert would give: what is asked for decides, what is ruled
out stays out, and the pick's reasons are the framework's own (issue 11)."""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, *texts: str) -> list[Reply]:
    session = Session()
    return [engine.reply(session, t) for t in texts]


def test_content_edited_by_people_who_do_not_code_wants_an_admin(engine: Engine) -> None:
    (reply,) = ask(engine, "a website for our club where the volunteers edit the content, "
                           "which framework?")
    assert reply.intent == "recommend"
    assert reply.frameworks[0] == "django"
    assert "admin" in reply.reply


def test_editing_without_a_programmer_in_ukrainian(engine: Engine) -> None:
    (reply,) = ask(engine, "порадь фреймворк для сайту бібліотеки, щоб бібліотекарі "
                           "редагували каталог без програміста")
    assert reply.frameworks[0] == "django"
    assert "адмінка" in reply.reply


def test_a_web_ui_for_a_script_is_a_data_app_not_a_desktop_gui(engine: Engine) -> None:
    (reply,) = ask(engine, "I want a web ui for my script by tonight")
    assert reply.frameworks[0] == "streamlit"
    assert "pyside6" not in reply.frameworks


def test_showing_a_model_is_a_demo_in_python(engine: Engine) -> None:
    (reply,) = ask(engine, "need to show my model to the team tomorrow, only python")
    assert reply.frameworks[0] == "streamlit"


def test_a_terminal_interface_misspelt_is_still_the_terminal(engine: Engine) -> None:
    (reply,) = ask(engine, "потрібен терміналний інтерфейс для бекап-скрипта з таблицями")
    assert reply.frameworks[0] == "textual"
    assert "pyside6" not in reply.frameworks


def test_what_is_there_asks_for_the_tools(engine: Engine) -> None:
    (reply,) = ask(engine, "застосунок для телефона на пайтоні, що є?")
    assert reply.intent == "recommend"
    assert {"kivy", "toga"} <= set(reply.frameworks)


def test_not_wanted_once_is_not_wanted(engine: Engine) -> None:
    (reply,) = ask(engine, "a site for the bakery, nothing async, we never learned async")
    assert reply.intent == "recommend"
    assert "async" in reply.details["reading"]["needs"]["unwanted"]
    assert "async" not in reply.details["reading"]["needs"]["wanted"]


def test_a_framework_made_around_the_unwanted_thing_is_left_out(engine: Engine) -> None:
    (reply,) = ask(engine, "recommend a framework for a web app, no async please")
    assert reply.frameworks
    for fid in reply.frameworks:
        assert engine.kb.frameworks[fid].traits.async_ != "yes"


def test_like_a_framework_but_not_it(engine: Engine) -> None:
    (reply,) = ask(engine, "щось як django, але не django, повноцінне з адмінкою")
    assert reply.intent == "recommend"
    assert "django" not in reply.frameworks
    assert reply.frameworks[0] == "web2py"


def test_or_something_else_better_leads_with_the_better_one(engine: Engine) -> None:
    (reply,) = ask(engine, "flask for a shop with an admin panel, or is something else better?")
    assert reply.intent == "fit"
    assert reply.frameworks[0] == "django"
    assert "flask" in reply.frameworks


def test_every_reason_is_a_rule_of_a_need_asked(engine: Engine) -> None:
    (reply,) = ask(engine, "a school site where teachers edit the timetable")
    needs = {n.id: n for n in engine.kb.needs.values()}
    for row in reply.details["ranking"]:
        fw = engine.kb.frameworks[row["id"]]
        for reason in row["reasons"]:
            rules = [r for r in needs[reason["need"]].rules if r.reason["en"] == reason["text"]]
            assert rules and all(r.condition.holds(fw) for r in rules)


def test_a_client_and_a_server_in_one_package(engine: Engine) -> None:
    (reply,) = ask(engine, "which library gives me an http client and server in one, async")
    assert reply.frameworks[0] == "aiohttp"
    assert "an HTTP client and a web server in one package" in reply.reply


def test_a_foundation_to_build_a_framework_on(engine: Engine) -> None:
    (reply,) = ask(engine, "I want to build my own framework on top of something small and async")
    assert reply.frameworks[0] == "starlette"
    assert "foundation for other frameworks" in reply.reply


def test_dependency_injection_and_msgspec(engine: Engine) -> None:
    (reply,) = ask(engine, "recommend an api framework with dependency injection and msgspec")
    assert reply.frameworks[0] == "litestar"
    assert "msgspec" in reply.reply


def test_both_server_interfaces(engine: Engine) -> None:
    (reply,) = ask(engine, "fast rest api that runs on both wsgi and asgi, what do you suggest?")
    assert reply.frameworks[0] == "falcon"
    assert "both WSGI and ASGI" in reply.reply


def test_picking_the_orm_oneself_is_a_microframework(engine: Engine) -> None:
    (reply,) = ask(engine, "порадь щось для html сторінок, орм сам оберу")
    assert engine.kb.frameworks[reply.frameworks[0]].kind == "micro"
    assert "django" not in reply.frameworks


def test_keeping_the_code_of_the_framework_in_view(engine: Engine) -> None:
    *_, reply = ask(engine, "what is flask?", "i need async, but without rewriting")
    assert reply.frameworks[0] == "quart"
    assert "Flask API" in reply.reply


def test_keeping_code_means_nothing_without_a_framework_to_keep(engine: Engine) -> None:
    *_, reply = ask(engine, "what is django?", "i need async, but without rewriting")
    assert "quart" not in reply.frameworks[:1]


def test_not_depending_on_a_framework_rules_out_what_is_built_on_it(engine: Engine) -> None:
    (reply,) = ask(engine, "suggest an async api framework with openapi docs, we don't want "
                           "to depend on starlette")
    assert not {"starlette", "fastapi"} & set(reply.frameworks)
    assert reply.frameworks[0] == "litestar"


def test_contains_reads_a_text_in_either_language(engine: Engine) -> None:
    from fwbot.knowledge import Condition

    aiohttp = engine.kb.frameworks["aiohttp"]
    assert Condition("summary", "contains", "http client").holds(aiohttp)
    assert Condition("summary", "contains", "HTTP-клієнт").holds(aiohttp)
    assert not Condition("summary", "contains", "http client").holds(engine.kb.frameworks["flask"])
    assert Condition("notes", "contains", "msgspec").holds(engine.kb.frameworks["litestar"])


def test_a_thing_to_build_after_qualities_only_leaves_the_web_default(engine: Engine) -> None:
    *_, reply = ask(engine, "suggest a framework for a beginner",
                    "I have to crawl thousands of pages every night")
    assert reply.frameworks[0] == "scrapy"
    assert "flask" not in reply.frameworks


def test_a_terminal_app_with_mouse_and_css_like_styling(engine: Engine) -> None:
    *_, reply = ask(engine, "a console app for our admins", "with mouse support and tables")
    assert reply.frameworks[0] == "textual"
    assert "CSS-like" in reply.reply


def test_native_on_desktop_and_phone_from_one_code(engine: Engine) -> None:
    (reply,) = ask(engine, "порадь на чому зробити мобілку і десктоп, щоб виглядало як рідне")
    assert reply.frameworks[0] == "toga"
    assert "нативними віджетами" in reply.reply


def test_a_touch_screen_wants_multi_touch(engine: Engine) -> None:
    (reply,) = ask(engine, "recommend something for a kiosk app on a touch screen")
    assert reply.frameworks[0] == "kivy"
    assert "multi-touch" in reply.reply


def test_a_model_served_over_http_with_endpoint_docs(engine: Engine) -> None:
    (reply,) = ask(engine, "need to serve predictions over http, with endpoint docs generated")
    assert reply.frameworks[0] == "fastapi"


def test_a_small_window_with_buttons_is_a_desktop_gui(engine: Engine) -> None:
    (reply,) = ask(engine, "хочу маленьку програму: віконце з кнопками під віндовс, на чому?")
    assert reply.frameworks[0] == "pyside6"


def test_a_team_that_knows_flask_stays_on_flask(engine: Engine) -> None:
    (reply,) = ask(engine, "need an api, everything is on flask and the team knows only it")
    assert reply.frameworks[0] == "flask"
    assert "Flask itself" in reply.reply


def test_the_size_of_the_old_app_is_not_the_size_wanted(engine: Engine) -> None:
    (reply,) = ask(engine, "a small flask app we have needs async now, what do we take?")
    assert reply.frameworks[0] == "quart"


def test_on_what_to_build_is_no_why(engine: Engine) -> None:
    (reply,) = ask(engine, "підкажіть, на чому робити?")
    assert reply.intent == "recommend"
    assert "?" in reply.reply  # the wizard asks what is built


def test_editors_answer_the_wizard(engine: Engine) -> None:
    *_, reply = ask(engine, "допоможіть вибрати на чому робити",
                    "щоб секретар сам редагував розклад без програміста")
    assert reply.intent == "recommend"
    assert reply.frameworks[0] == "django"


def test_a_need_after_a_comparison_picks_one_of_the_two(engine: Engine) -> None:
    *_, reply = ask(engine, "flask or django for our api", "we also need an admin panel")
    assert reply.intent == "recommend"
    assert reply.frameworks[0] == "django"
    assert set(reply.frameworks) <= {"django", "flask"}


def test_a_need_said_to_be_the_only_one_is_wanted(engine: Engine) -> None:
    (reply,) = ask(engine, "no desktop window, terminal only, what do I use?")
    assert reply.frameworks[0] == "textual"
    assert "terminal" in reply.details["reading"]["needs"]["wanted"]


def test_migrations_made_for_you(engine: Engine) -> None:
    (reply,) = ask(engine, "порадь щось з базою, щоб були автоматичні міграції")
    assert reply.frameworks[0] == "django"
    assert "міграції" in reply.reply


def test_qt_alone_asks_for_the_qt_toolkit(engine: Engine) -> None:
    (reply,) = ask(engine, "recommend me something with qt designer")
    assert reply.frameworks[0] == "pyside6"


def test_a_scraper_spelt_another_way_is_a_scraper(engine: Engine) -> None:
    (reply,) = ask(engine, "потрібен скрейпер для інтернет-магазину, що брати?")
    assert reply.frameworks[0] == "scrapy"
    assert "django" not in reply.frameworks


def test_the_app_itself_in_python_after_its_api(engine: Engine) -> None:
    *_, reply = ask(engine, "хочу інтернет-магазин з адмінкою",
                    "а ще api для мобільного додатку покупців",
                    "а сам мобільний додаток на пайтоні можна зробити?")
    assert reply.frameworks[0] in ("kivy", "toga")
    assert "django" not in reply.frameworks


def test_reports_in_the_background_are_a_job_not_a_dashboard(engine: Engine) -> None:
    (reply,) = ask(engine, "my flask app must generate reports in the background, what to use?")
    assert "streamlit" not in reply.frameworks
    assert "dash" not in reply.frameworks


def test_a_report_put_on_the_web_is_a_data_app(engine: Engine) -> None:
    (reply,) = ask(engine, "треба вивести на веб звіт з фільтрами для колег, що взяти?")
    assert reply.frameworks[0] == "streamlit"
    assert "django" not in reply.frameworks


def test_editing_a_video_is_no_content_edited_on_a_site(engine: Engine) -> None:
    (reply,) = ask(engine, "хочу редагувати відео на пайтоні")
    assert "django" not in reply.frameworks


def test_something_like_a_framework_but_not_it_is_of_its_kind(engine: Engine) -> None:
    (reply,) = ask(engine, "I want something like FastAPI, but not FastAPI")
    assert reply.intent == "recommend"
    assert "fastapi" not in reply.frameworks
    assert reply.frameworks
    for fid in reply.frameworks:
        assert engine.kb.frameworks[fid].kind == "api"
    assert "an API framework, as FastAPI is" in reply.reply


def test_like_it_in_ukrainian(engine: Engine) -> None:
    (reply,) = ask(engine, "щось як джанго, але не джанго")
    assert reply.frameworks[0] == "web2py"
    assert "як і Django" in reply.reply


@pytest.mark.parametrize("text", ["something like flask but async?",
                                  "є щось як фласк, тільки асинхронне?"])
def test_like_a_framework_but_with_a_need_is_the_one_that_reimplements_it(
        engine: Engine, text: str) -> None:
    """Quart reimplements Flask's API on asyncio: the answer to "Flask, but async"."""
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend"
    assert reply.frameworks[0] == "quart" and "flask" not in reply.frameworks
    assert "Flask" in reply.reply


def test_like_a_framework_but_with_what_its_kind_lacks_leaves_the_kind(engine: Engine) -> None:
    """"Like Flask, but with an admin": no microframework has one, Django does."""
    (reply,) = ask(engine, "щось як фласк, але не фласк, з адмінкою")
    assert reply.frameworks[0] == "django"
    assert "bottle" not in reply.frameworks and "cherrypy" not in reply.frameworks


def test_like_a_framework_no_other_reimplements_asks_about_it(engine: Engine) -> None:
    """No framework reimplements Django: "like Django but async" is about Django's own
    async support, not a ranking of full-stack frameworks none of which is async."""
    (reply,) = ask(engine, "щось типу джанго але асинхронне")
    assert reply.frameworks[:1] == ("django",)
    assert "3.1" in reply.reply


@pytest.mark.parametrize("text", ["best framework for a web api", "який фреймворк для веб апі"])
def test_a_web_api_is_an_api_not_a_website(engine: Engine, text: str) -> None:
    """"web" in "web API" says what kind of API: no site templates make the pick."""
    r = engine.reply(Session(), text)
    assert r.frameworks[0] == "fastapi" and "tornado" not in r.frameworks


def test_closed_source_code_says_why_the_licence_fits(engine: Engine) -> None:
    (reply,) = ask(engine, "commercial closed source desktop app, we can't use GPL")
    assert reply.frameworks[0] == "pyside6" and "LGPL" in reply.reply


def test_a_need_every_framework_meets_alike_asks_what_is_built(engine: Engine) -> None:
    """A licence fit for closed code ranks nothing alone: the wizard asks what is built,
    and keeps the need for the answer."""
    first, then = ask(engine, "що брати для програми з закритим кодом?", "десктоп")
    assert not first.frameworks and "Що ви створюєте" in first.reply
    assert then.frameworks[0] == "pyside6" and "LGPL" in then.reply


def test_the_likeness_may_come_after_the_need(engine: Engine) -> None:
    (reply,) = ask(engine, "хочу асинхронний апі але щоб виглядало як фласк")
    assert reply.frameworks[0] == "quart"


@pytest.mark.parametrize("text", ["desktop gui, no (L)GPL licences, MIT/BSD only",
                                  "десктопна програма, тільки mit або bsd ліцензія"])
def test_a_permissive_licence_required_rules_lgpl_out(engine: Engine, text: str) -> None:
    """LGPL allows closed code (closed_source), but "MIT/BSD only" rules it out."""
    (reply,) = ask(engine, text)
    assert reply.intent == "recommend" and reply.frameworks
    assert "pyside6" not in reply.frameworks
    for fid in reply.frameworks:
        assert "LGPL" not in engine.kb.frameworks[fid].license


@pytest.mark.parametrize(("text", "opens"), [("twisted це ігровий движок?", "Ні"),
                                             ("is twisted a game engine?", "No")])
def test_saying_what_a_framework_is_asks_how_it_fits(engine: Engine, text: str,
                                                     opens: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opens) and "pygame" in reply.reply


def test_not_only_in_surzhyk(engine: Engine) -> None:
    (reply,) = ask(engine, "aiohttp вміє бути http клієнтом а не тіки сервером?")
    assert reply.reply.startswith("Так")


def test_what_the_asker_knows_refines_the_pick(engine: Engine) -> None:
    """After a pick for a live class chat, "знаю трохи фласк" is the asker's background:
    the framework that keeps Flask's code (Quart) leads; a tool known ("i only know
    pandas") keeps the pick as it was."""
    replies = ask(engine, "порадь фреймворк", "чат для класу в реальному часі", "веб",
                  "знаю трохи фласк")
    assert replies[-1].intent == "recommend" and replies[-1].frameworks[0] == "quart"
    replies = ask(engine, "help me choose a framework", "a dashboard for my data",
                  "i only know pandas")
    assert replies[-1].intent == "recommend" and replies[-1].frameworks[0] in ("streamlit", "dash")


def test_working_alone_is_a_small_project(engine: Engine) -> None:
    replies = ask(engine, "підбери мені фреймворк", "утиліта в терміналі з меню", "один я")
    assert replies[-1].frameworks[:1] == ("textual",)


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("кажуть на пітоні не можна зробити мобільний додаток, це правда?", "Ні, можна", "Kivy"),
    ("people say you can't make a desktop app in python, true?", "No, it can be done",
     "PySide6"),
])
def test_python_cannot_do_it_is_a_claim_answered_with_what_does_it(
        engine: Engine, text: str, opens: str, says: str) -> None:
    (reply,) = ask(engine, text)
    assert reply.reply.startswith(opens) and says in reply.reply


def test_a_job_on_a_framework_not_made_for_it(engine: Engine) -> None:
    (reply,) = ask(engine, "телеграм бота обовʼязково писати на джанго?")
    assert reply.reply.startswith("Ні") and "aiogram" in reply.reply
    (reply,) = ask(engine, "чи є в web2py вбудований редактор коду в браузері")
    assert reply.reply.startswith("Так")
