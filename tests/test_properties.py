"""Claims about tools, concepts and where a framework came from, checked.

"Can Gunicorn run on Windows?", "uvicorn це wsgi сервер", "wsgi підтримує
вебсокети", "can I use flask run in production?": a claim about something
that is not a framework opens with whether it holds, from the tool's or the
concept's declared ``properties``, then says what it is. A framework's
``run`` and ``history`` facts answer "which port?", "how do I start a
project?", "why is it called that?", and a claim a fact states is confirmed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kbfiles import problems_of

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, text: str) -> Reply:
    return engine.reply(Session(), text)


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("can gunicorn run natively on windows?", "No.", "Waitress"),
    ("gunicorn is a wsgi server right", "Yes.", "WSGI"),
    ("uvicorn це asgi сервер?", "Так.", "ASGI"),
    ("uvicorn це wsgi сервер", "Ні.", "ASGI"),
    ("waitress works on windows?", "Yes.", "Windows"),
])
def test_a_claim_about_a_tool_opens_with_its_verdict(engine: Engine, text: str, opening: str,
                                                      fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply
    assert r.frameworks == ()  # a server is no framework to recommend


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("wsgi підтримує вебсокети", "Ні.", "WSGI"),
    ("wsgi не підтримує вебсокети?", "Так.", "WSGI"),  # the denied claim holds
    ("asgi is basically the async successor of wsgi", "Yes.", "ASGI"),
    ("a docker container is the same thing as a virtual machine", "No.", "kernel"),
    ("can i use flask run in production?", "No.", "Gunicorn"),
    ("чи норм runserver в продакшені", "Ні.", "Gunicorn"),
])
def test_a_claim_about_a_concept_opens_with_its_verdict(engine: Engine, text: str,
                                                        opening: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.intent == "concept"
    assert r.reply.startswith(opening) and fact in r.reply


def test_asking_what_a_concept_is_gets_no_verdict(engine: Engine) -> None:
    r = ask(engine, "що таке wsgi?")
    assert r.reply.startswith("WSGI")


def test_python_named_after_the_snake_is_corrected(engine: Engine) -> None:
    r = ask(engine, "python got its name from the snake")
    assert r.reply.startswith("No.") and "Monty Python" in r.reply


@pytest.mark.parametrize(("text", "fact"), [
    ("default port of the django dev server?", "8000"),
    ("на якому порті відкривається стрімліт", "8501"),
    ("яка команда щоб створити новий проект на джанго", "startproject"),
    ("як створити новий проект у scrapy", "scrapy startproject"),
    ("how do i start a streamlit app from the terminal", "streamlit run"),
])
def test_how_to_start_and_where_it_listens(engine: Engine, text: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.intent == "attribute" and fact in r.reply


def test_installing_is_still_asked_as_install(engine: Engine) -> None:
    assert "pip install streamlit" in ask(engine, "команда щоб встановити streamlit").reply


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("джанго назвали на честь гітариста", "Так.", "Рейнхардт"),
    ("was litestar called starlite before?", "Yes.", "Starlite"),
    ("tornado was originally made at friendfeed", "Yes.", "FriendFeed"),
])
def test_a_claim_the_history_states_is_confirmed(engine: Engine, text: str, opening: str,
                                                 fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply


def test_a_claim_the_history_does_not_state_gets_no_yes(engine: Engine) -> None:
    r = ask(engine, "джанго назвали на честь змії?")
    assert not r.reply.startswith("Так") and "Рейнхардт" in r.reply


def test_who_owns_it_now(engine: Engine) -> None:
    assert "Snowflake" in ask(engine, "who owns streamlit now?").reply


def test_a_broken_property_is_a_file_line_error(data: Path) -> None:
    related = data / "related.yaml"
    text = related.read_text(encoding="utf-8")
    broken = text.replace('{holds: "no", words: [windows,', '{holds: "maybe", words: [windows,', 1)
    related.write_text(broken, encoding="utf-8")
    problems = problems_of(data)
    assert any(str(related) in p and "'holds' is 'maybe'" in p for p in problems)


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("django uses jinja2 by default?", "No.", "Django Template Language"),
    ("у джанго за замовчуванням шаблони jinja?", "Ні.", "Django Template Language"),
    ("django uses postgres by default?", "No.", "SQLite"),
    ("django uses sqlite by default?", "Yes", "SQLite"),
    ("can django use jinja2?", "Yes", "Jinja2"),
])
def test_a_claim_about_what_comes_by_default(engine: Engine, text: str, opening: str,
                                             fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("фастапі сам генерує swagger документацію чи треба щось докручувати?", "Так", "/docs"),
    ("треба щось ставити крім стандартної бібліотеки щоб bottle запрацював?", "Ні", "стандартної"),
    ("web2py треба окремо ставити веб-сервер щоб просто почати?", "Ні", "сервер"),
    ("cherrypy має свій вбудований http сервер?", "Так", "сервер"),
    ("django rest framework входить в сам джанго чи окремо ставиться?", "Ні", "окремий пакет"),
    ("для fastapi обовязково потрібен pydantic?", "Так", "Pydantic"),
    ("aiohttp працює поверх asyncio?", "Так", "asyncio"),
])
def test_a_yes_no_question_about_one_framework_opens_with_the_answer(
        engine: Engine, text: str, opening: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply
    assert r.intent != "recommend"


def test_partial_async_says_how_far_it_goes(engine: Engine) -> None:
    r = ask(engine, "чи можна у flask зробити async def view")
    assert r.reply.startswith("Так, частково") and "2.0" in r.reply and "Quart" in r.reply


def test_which_library_it_is_built_on(engine: Engine) -> None:
    assert "Rich" in ask(engine, "textual на основі якої бібліотеки зроблений").reply


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("стрімліт перезапускає весь скрипт на кожен клік?", "Так.", "st.session_state"),
    ("pyside6 це якісь неофіційні біндінги до qt?", "Ні.", "The Qt Company"),
    ("is pyside6 the official qt binding?", "Yes.", "The Qt Company"),
    ("web2py and web.py are the same project, just renamed?", "No.", "Aaron Swartz"),
    ("django is only for big sites right?", "No.", "small sites"),
    ("фласк не для продакшену а тільки для пет-проектів, правильно?", "Ні.", "Gunicorn"),
    ("cherrypy cant run without nginx or apache right", "No.", "Cheroot"),
    ("bottle тягне за собою werkzeug як фласк", "Ні.", "bottle.py"),
])
def test_a_claim_a_framework_property_settles(engine: Engine, text: str, opening: str,
                                              fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply
    assert r.details["reading"]["understood_by"] == "property"


def test_a_denial_does_not_reach_past_a_contrast(engine: Engine) -> None:
    """"не mvc, а mtv": the "не" is about MVC; the claim that Django is MTV holds."""
    assert ask(engine, "в джанго ж не mvc а mtv?").reply.startswith("Так.")


def test_a_choice_between_two_properties_is_not_a_claim(engine: Engine) -> None:
    r = ask(engine, "pyside6 офіційний чи неофіційний?")
    assert r.details["reading"]["understood_by"] != "property"


def test_a_framework_property_needs_its_fact(data: Path) -> None:
    flask = data / "frameworks" / "flask.yaml"
    lines = flask.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.strip().startswith("fact:")]
    flask.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert any(str(flask) in p and "fact" in p for p in problems_of(data))


@pytest.mark.parametrize(("text", "fact"), [
    ("what's a deferred in twisted", "addCallback"),
    ("який патерн у джанго, mvc чи mtv?", "MTV"),
    ("and where do i put my css and images?", "collectstatic"),
    ("шо таке orm і нащо воно", "реляційне"),
])
def test_a_concept_asked_about_in_a_framework(engine: Engine, text: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.intent == "concept" and fact in r.reply


def test_is_python_good_for_web_backends(engine: Engine) -> None:
    r = ask(engine, "is python good for web backends at all?")
    assert r.reply.startswith("Yes.") and "web applications" in r.reply


def test_a_claim_that_it_runs_only_on_one_os(engine: Engine) -> None:
    r = ask(engine, "textual працює тільки на лінуксі")
    assert r.reply.startswith("Ні.") and "Windows" in r.reply


def test_used_without_a_framework_it_is_not_built_on(engine: Engine) -> None:
    assert ask(engine, "can i use starlette on its own without fastapi?").reply.startswith("Yes.")
    assert ask(engine, "чи можна використовувати dash без flask?").reply.startswith("Ні.")


def test_latin_names_inside_ukrainian_leave_it_ukrainian(engine: Engine) -> None:
    r = ask(engine, "flask написав armin ronacher?")
    assert r.lang == "uk" and r.reply.startswith("Так")


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("can aiohttp do http requests as a client too", "Yes.", "ClientSession"),
    ("does scrapy have a built in way to dump results to csv or json?", "Yes.", "FEEDS"),
    ("можна в scrapy поставити затримку між запитами щоб сайт не банив?", "Так.", "DOWNLOAD_DELAY"),
    ("litestar підтримує dependency injection?", "Так.", "Provide"),
    ("pyramid це з того ж проекту що і pylons?", "Так.", "Pylons"),
])
def test_more_framework_properties(engine: Engine, text: str, opening: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply


def test_only_claims_more_than_a_property_says(engine: Engine) -> None:
    r = ask(engine, "is aiohttp only a client?")
    assert r.reply.startswith("No")


@pytest.mark.parametrize(("text", "first"), [
    ("на чому зроблений інстаграм", "django"),
    ("what does pinterest use?", "django"),
])
def test_a_well_known_user_names_its_framework(engine: Engine, text: str, first: str) -> None:
    r = ask(engine, text)
    assert r.frameworks[:1] == (first,) and "Instagram" in r.reply


def test_python_made_by_a_company_is_about_python(engine: Engine) -> None:
    assert ask(engine, "python was created by microsoft in 2000?").reply.startswith("No")


@pytest.mark.parametrize(("text", "fact"), [
    ("whats the name of the event loop thing in twisted", "reactor"),
    ("що таке middleware в джанго простими словами", "MIDDLEWARE"),
])
def test_more_concepts_in_a_framework(engine: Engine, text: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.intent == "concept" and fact in r.reply


def test_the_version_is_the_newest_seen_with_its_date(engine: Engine) -> None:
    r = ask(engine, "whats the latest django version")
    release = engine.kb.frameworks["django"].facts.release  # type: ignore[union-attr]
    assert release is not None and str(release["version"]) in r.reply
    assert "As of November 2026" in r.reply and "pip index versions" in r.reply


def test_popularity_is_measured_and_dated(engine: Engine) -> None:
    r = ask(engine, "наскільки популярний streamlit")
    assert "станом на листопад 2026" in r.reply and "PyPI" in r.reply


def test_a_release_without_its_date_is_a_file_line_error(data: Path) -> None:
    flask = data / "frameworks" / "flask.yaml"
    text = flask.read_text(encoding="utf-8")
    flask.write_text(text.replace(', seen: "2026-11"}', "}", 1), encoding="utf-8")
    assert any(str(flask) in p and "'release' must be" in p for p in problems_of(data))


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("flask is only for small apps", "No.", "blueprints"),
    ("django cant do apis right?", "No.", "Django REST framework"),
    ("fastapi is async only?", "No.", "thread pool"),
    ("can scrapy log in to a site?", "Yes.", "FormRequest"),
    ("bottle не для продакшену", "Ні.", "Gunicorn"),
])
def test_common_myths_are_corrected(engine: Engine, text: str, opening: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply


def test_a_concept_asked_in_a_framework_keeps_it_in_view(engine: Engine) -> None:
    r = ask(engine, "what's a deferred in twisted")
    assert r.intent == "concept" and r.frameworks[:1] == ("twisted",)


@pytest.mark.parametrize(("text", "fact"), [
    ("чи є в scrapy проксі?", "proxy"),
    ("чи можна textual запустити в браузері?", "textual serve"),
    ("чи є в fastapi фонові задачі?", "BackgroundTasks"),
    ("чи підтримує django кешування?", "Redis"),
    ("фастапі вміє в graphql?", "Strawberry"),
])
def test_a_feature_outside_the_schema_is_answered_from_a_property(
        engine: Engine, text: str, fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith("Так. ") and fact in r.reply and "Так. Так" not in r.reply


@pytest.mark.parametrize(("text", "opening", "fact"), [
    ("чи треба знати html css для фласка", "Частково.", "HTML-шаблонів"),
    ("do i need to know css for fastapi?", "No.", "JSON"),
    ("do i need html for streamlit?", "No.", "Python alone"),
    ("треба знати js щоб робити сайти на джанго?", "Ні.", "шаблон"),
])
def test_html_and_css_for_a_framework(engine: Engine, text: str, opening: str,
                                      fact: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and fact in r.reply
    assert ". Так," not in r.reply  # a feature's "yes" does not follow another verdict


def test_a_production_server_is_needed_beside_the_dev_server(engine: Engine) -> None:
    r = ask(engine, "does django need a server like gunicorn?")
    assert r.reply.startswith("Yes. runserver is for development only") and "Gunicorn" in r.reply


@pytest.mark.parametrize(("text", "opening", "name"), [
    ("can i write tests for flask apps?", "Yes.", "pytest"),
    ("чи можна задеплоїти fastapi в docker?", "Так.", "Uvicorn"),
])
def test_a_job_done_on_any_app_is_a_yes_with_its_tools(engine: Engine, text: str,
                                                       opening: str, name: str) -> None:
    r = ask(engine, text)
    assert r.reply.startswith(opening) and name in r.reply


def test_a_framework_as_the_vehicle_of_a_job_is_still_a_fit_question(engine: Engine) -> None:
    assert ask(engine, "django для скрипта що раз на день шле імейл").reply.startswith("Ні")


def test_a_claim_closed_with_chy_sho_is_checked(engine: Engine) -> None:
    r = ask(engine, "скрепі ж на asyncio а не на twisted чи шо")
    assert r.reply.startswith("Ні.") and "Twisted" in r.reply


def test_the_difference_between_two_concepts(engine: Engine) -> None:
    r = ask(engine, "яка різниця між wsgi і asgi коротко")
    assert r.intent == "concept" and "WSGI" in r.reply and "ASGI" in r.reply


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("в фласку є вбудований CSRF захист?", "Ні", "Flask-WTF"),
    ("does django have csrf protection built in?", "Yes", "CsrfViewMiddleware"),
    ("в піраміді є traversal чи тільки роути?", "Так", "URL dispatch"),
    ("стрімліт багатосторінкові апки вміє?", "Так", "st.navigation"),
    ("fastapi is faster than go, right?", "No", "Go"),
    ("is it true cherrypy has its own http server and doesn't need gunicorn?", "Yes", "Cheroot"),
    ("джанго це класичний MVC?", "Ні", "MTV"),
])
def test_declared_properties_settle_feature_and_myth_questions(
        engine: Engine, text: str, opens: str, says: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and says in reply


@pytest.mark.parametrize(("text", "says"), [
    ("на співбесіді сказав що async обходить GIL, я правий?", "GIL"),
    ("GIL прибрали в python 3.12?", "3.13"),
    ("async в фастапі допоможе якщо в мене важкі обчислення на CPU?", "async"),
])
def test_async_and_gil_myths_are_corrected(engine: Engine, text: str, says: str) -> None:
    """async waits on I/O, it neither gets around the GIL nor speeds up computation;
    the GIL is still in the standard build (3.13 added an optional one without it)."""
    reply = engine.reply(Session(), text).reply
    assert reply.startswith("Ні") and says in reply


@pytest.mark.parametrize("text", [
    "scrapy рендерить джаваскрипт на сторінках?",
    "we need to scrape a site that loads everything with javascript, scrapy enough?",
])
def test_scrapy_and_pages_built_by_javascript(engine: Engine, text: str) -> None:
    """Scrapy does not run a page's JavaScript: no, and what is added for it."""
    reply = engine.reply(Session(), text).reply
    assert reply[:2] in ("Ні", "No") and "Playwright" in reply


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("фласк має сесії з коробки?", "Так", "SECRET_KEY"),
    ("does django support streaming responses?", "Yes", "StreamingHttpResponse"),
    ("cors в джанго з коробки є?", "Ні", "django-cors-headers"),
    ("does fastapi have cors?", "Yes", "CORSMiddleware"),
    ("в торнадо сесії з коробки є?", "Ні", "secure"),
    ("стрімліт кешувати вміє?", "Так", "st.cache_data"),
])
def test_a_feature_declared_once_is_answered_for_each_framework(
        engine: Engine, text: str, opens: str, says: str) -> None:
    """vocabulary.yaml's features give the words; each framework says whether it holds."""
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and says in reply


def test_a_feature_no_vocabulary_declares_is_refused(data: Path) -> None:
    flask = data / "frameworks" / "flask.yaml"
    text = flask.read_text(encoding="utf-8").replace("feature: cors,", "feature: corz,", 1)
    flask.write_text(text, encoding="utf-8")
    assert any(str(flask) in p and "no such feature" in p for p in problems_of(data))


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("django статику сам роздає на проді?", "Ні", "collectstatic"),
    ("scrapy вміє зберігати в csv?", "Так", "feed exports"),
    ("pyside6 вміє іконку в треї?", "Так", "QSystemTrayIcon"),
    ("does django hash passwords?", "Yes", "PBKDF2"),
])
def test_more_declared_features(engine: Engine, text: str, opens: str, says: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and says in reply


@pytest.mark.parametrize(("text", "opens"), [
    ("can i use graphql with flask?", "Yes"),
    ("does flask support cors?", "Yes"),
    ("в джанго вбудований graphql є?", "Ні"),
    ("у фласка кеш вбудований?", "Ні"),
])
def test_a_feature_an_add_on_gives_is_yes_to_can_and_no_to_built_in(
        engine: Engine, text: str, opens: str) -> None:
    assert engine.reply(Session(), text).reply.startswith(opens)


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("does flask have dependency injection like fastapi?", "No", "Depends"),
    ("у фастапі всі ендпоінти мусять бути async?", "Ні", "def"),
    ("toga в apk можна зібрати?", "Так", "briefcase build android"),
    ("pyside6 прогу можна в exe зібрати?", "Так", "PyInstaller"),
    ("scrapy вміє логінитись на сайт?", "Так", "FormRequest"),
    ("openpyxl старі .xls відкриває?", "Ні", "xlrd"),
    ("uvicorn http/2 вміє?", "Ні", "Hypercorn"),
])
def test_features_myths_and_tools_properties(engine: Engine, text: str, opens: str,
                                             says: str) -> None:
    reply = engine.reply(Session(), text).reply
    assert reply.startswith(opens) and says in reply, reply


def test_and_another_framework_asks_it_the_same_feature(engine: Engine) -> None:
    """"and bottle?" after "does flask have sessions built in?" is about Bottle's
    sessions; one with no fact on it gets no guess."""
    session = Session()
    engine.reply(session, "does flask have sessions built in?")
    bottle = engine.reply(session, "and bottle?")
    assert bottle.reply.startswith("No") and "sessions" in bottle.reply
    session = Session()
    engine.reply(session, "чи є в джанго cors?")
    assert engine.reply(session, "а у фастапі?").reply.startswith("Так")
    assert engine.reply(session, "а в textual?").details["reading"]["act"] == "unsure"


def test_python_2_asked_of_a_framework_is_its_own_history(engine: Engine) -> None:
    reply = engine.reply(Session(), "нова джанго ще йде на python 2?").reply
    assert reply.startswith("Ні") and "1.11" in reply


@pytest.mark.parametrize(("text", "opens"), [("does flask work with postgres?", "Yes"),
                                             ("чи підтримує aiohttp http/2?", "Ні")])
def test_postgres_and_http2_asked_of_a_framework(engine: Engine, text: str, opens: str) -> None:
    assert engine.reply(Session(), text).reply.startswith(opens)
