"""Issue 11's twentieth round: what maintainers, realtime builders, people bound by
hosting and licences, and people who keep asking about one framework ask.

A Toga was "вона" ("а хто її зробив?" found nothing to ask about); "is FastAPI a web
framework?" was answered no; Lambda, cPanel hosting, offline installs, LTS and a
production server of a framework's own were unknown; "Kivy alternatives" described
Kivy; "Who made Flask?" "Django?" described Django; "how do I add an admin to Flask?"
opened with "No"; and a fit for only what is not wanted ("Flask without async?") was
no. Each test asks what a user would and checks what the answer says.
"""

from __future__ import annotations

from asking import ask, talk

from fwbot.engine import Engine


def test_a_feminine_pronoun_points_at_the_framework_in_view(engine: Engine) -> None:
    made = talk(engine, "Що таке Toga?", "а хто її зробив?")
    assert made.frameworks[:1] == ("toga",) and "Keith-Magee" in made.reply


def test_a_web_framework_is_every_framework_for_the_web(engine: Engine) -> None:
    for text in ("Is FastAPI a web framework?", "FastAPI — це вебфреймворк?",
                 "Is Falcon a web framework?"):
        r = ask(engine, text)
        assert r.reply.startswith(("Yes", "Так")), text
    twisted = ask(engine, "а Twisted — це ж просто вебфреймворк, як фласк?")
    assert twisted.reply.startswith("Ні") and twisted.frameworks[0] == "twisted"
    listed = ask(engine, "які є вебфреймворки?")
    assert {"django", "fastapi", "falcon"} <= set(listed.frameworks)
    assert not {"kivy", "scrapy", "streamlit", "twisted"} & set(listed.frameworks)
    sites = ask(engine, "which frameworks are for websites?")
    assert "falcon" not in sites.frameworks and "django" in sites.frameworks


def test_frameworks_weighed_against_a_tool_are_each_said(engine: Engine) -> None:
    r = ask(engine, "PySide6, Tkinter or Toga for a data-entry app?")
    assert list(r.frameworks[:2]) == ["pyside6", "toga"]
    assert "Tkinter" in r.reply and "Toga" in r.reply and "PySide6" in r.reply


def test_a_claim_likening_a_framework_to_a_tool_is_checked(engine: Engine) -> None:
    charts = ask(engine, "Scrapy — це бібліотека для побудови графіків, як matplotlib?")
    assert charts.reply.startswith("Ні") and charts.frameworks[0] == "scrapy"
    games = ask(engine, "Twisted — це ігровий рушій для пайтона? Знайшов його в списку "
                        "«Python frameworks» поруч з Pygame.")
    assert games.reply.startswith("Ні") and "мережев" in games.reply
    # an example of a kind is no likeness: the server asked about
    uvicorn = ask(engine, "чи можна запустити джанго під asgi сервером типу uvicorn?")
    assert uvicorn.reply.startswith("Так")


def test_a_question_then_a_sentence_of_where_it_was_heard_is_still_asked(
        engine: Engine) -> None:
    r = ask(engine, "Scrapy — це бібліотека для побудови графіків? Мені в курсі так пояснили.")
    assert r.reply.startswith("Ні")
    # a lower-case tail goes on with the claim itself
    sanic = ask(engine, "sanic has its own production web server right? no need for gunicorn")
    assert sanic.reply.startswith("Yes")


def test_long_term_support_is_django_s_lts_and_flask_has_none(engine: Engine) -> None:
    lts = ask(engine, "Чи є в Django LTS-версії? Нам треба щоб підтримувалось роками")
    assert lts.reply.startswith("Так") and "LTS" in lts.reply
    flask = ask(engine, "Does Flask have an LTS release?")
    assert flask.reply.startswith("No") and flask.frameworks[0] == "flask"
    bank = ask(engine, "We need something with long-term support releases because the app "
                       "will live 8+ years in a bank")
    assert bank.intent == "recommend" and bank.frameworks[0] == "django"
    # "10 years" is how long, not when it was released
    fit = ask(engine, "Is Bottle a good fit for a project that must be supported for 10 years?")
    assert fit.intent == "fit" and fit.frameworks[0] == "bottle" and "LTS" in fit.reply


def test_serverless_and_shared_hosting_say_what_runs_the_app_or_why_nothing_does(
        engine: Engine) -> None:
    lam = ask(engine, "чи фастапі можна запустити на AWS Lambda?")
    assert lam.reply.startswith("Так") and "Mangum" in lam.reply and "Zappa" not in lam.reply
    tornado = ask(engine, "Would Tornado be a good fit for AWS Lambda?")
    assert tornado.reply.startswith("No") and "own server" in tornado.reply
    flask = ask(engine, "чи можна фласк запустити на шаред хостингу через cPanel?")
    assert flask.reply.startswith("Так") and "Passenger" in flask.reply
    fastapi = talk(engine, "Колега сказав брати FastAPI.",
                   "А його на шаред хостинг з cPanel можна?")
    assert fastapi.reply.startswith("Ні") and "WSGI" in fastapi.reply


def test_installing_without_internet_is_pip_download_and_no_index(engine: Engine) -> None:
    r = ask(engine, "як поставити фласк без інтернету на закритий сервер?")
    assert "pip download" in r.reply and "--no-index" in r.reply
    # an app that works offline is no installation question
    school = ask(engine, "фреймворк для уроку щоб без купи залежностей, в класі нема "
                         "інтернету нормального")
    assert school.frameworks[0] == "bottle" and "pip download" not in school.reply


def test_two_frameworks_for_a_job_done_on_any_app_are_compared(engine: Engine) -> None:
    r = ask(engine, "FastAPI vs Falcon for Lambda")
    assert r.intent == "compare" and {"fastapi", "falcon"} <= set(r.frameworks)


def test_copyleft_and_a_banned_licence_are_checked_against_the_framework_s(
        engine: Engine) -> None:
    assert ask(engine, "web2py має копілефт ліцензію? юристи питають").reply.startswith("Так")
    assert ask(engine, "Is Flask copyleft?").reply.startswith("No")
    banned = ask(engine, "Чи підійде PySide6 для внутрішньої програми в компанії де GPL і "
                         "LGPL заборонені політикою?")
    assert banned.reply.startswith("Ні")


def test_none_claimed_is_the_claim_of_no_dependencies(engine: Engine) -> None:
    assert ask(engine, "Falcon has zero dependencies, right?").reply.startswith("Yes")
    assert ask(engine, "Is Falcon free of required third-party dependencies?").reply.startswith(
        "Yes")
    assert ask(engine, "у фласка жодних залежностей, так?").reply.startswith("Ні")


def test_a_production_server_of_its_own_is_told_apart_from_a_development_one(
        engine: Engine) -> None:
    flask = ask(engine, "Does Flask come with a production-ready server built in?")
    assert flask.reply.startswith("No") and "development" in flask.reply
    sanic = ask(engine, "Чи є в Sanic свій сервер для продакшну?")
    assert sanic.reply.startswith("Так") and not sanic.reply.startswith("Так. Так")
    # its own server, asked without production: it has one (for development)
    django = ask(engine, "чи є в джанго свій сервер?")
    assert django.reply.startswith("Так") and "runserver" in django.reply


def test_a_bare_name_after_a_fact_asks_that_fact_and_of_the_three_picks_among_them(
        engine: Engine) -> None:
    django = talk(engine, "Who made Flask?", "Django?")
    assert "Holovaty" in django.reply
    assert "full-stack" in ask(engine, "Django?").reply  # a first message: what it is
    oldest = talk(engine, "Who made Flask?", "Django?", "FastAPI?",
                  "and the oldest of the three?")
    assert oldest.frameworks[0] == "django" and {"flask", "fastapi"} <= set(oldest.frameworks)


def test_alternatives_to_a_framework_are_the_ones_like_it(engine: Engine) -> None:
    kivy = ask(engine, "Kivy alternatives")
    assert kivy.intent == "recommend" and "kivy" not in kivy.frameworks
    assert "toga" in kivy.frameworks
    django = ask(engine, "які є альтернативи Django?")
    assert django.intent == "recommend" and "django" not in django.frameworks
    # none of the list is like Scrapy: the tools of its job
    scrapy = ask(engine, "is there an alternative to Scrapy?")
    assert scrapy.intent == "related" and "Beautiful Soup" in scrapy.reply
    # "its rival Dash" names the rival
    dash = talk(engine, "What is Streamlit?", "and its rival Dash - who makes that one?")
    assert dash.frameworks[0] == "dash" and "Plotly" in dash.reply


def test_rivals_of_the_framework_in_view(engine: Engine) -> None:
    kivy = talk(engine, "Що таке Kivy?", "а в нього є конкурент якийсь?")
    assert kivy.intent == "recommend" and "toga" in kivy.frameworks
    assert "kivy" not in kivy.frameworks
    flask = talk(engine, "What is Flask?", "any competitors?")
    assert flask.frameworks[0] == "quart" and "bottle" in flask.frameworks
    scrapy = talk(engine, "Що таке Scrapy?", "а конкуренти в нього є?")
    assert scrapy.intent == "related" and "scrapy" not in scrapy.frameworks


def test_denied_need_likened_async_and_production_claims(engine: Engine) -> None:
    bottle = ask(engine, "Bottle doesn't need anything except the standard library, correct?")
    assert bottle.reply.startswith("Yes")
    flask = ask(engine, "Does Flask need anything besides the standard library?")
    assert flask.reply.startswith("Yes") and "Werkzeug" in flask.reply
    assert ask(engine, "фласк же асинхронний як фастапі, так?").reply.startswith("Ні")
    assert ask(engine, "фласк асинхронний?").reply.startswith("Так, частково")
    server = ask(engine, "Flask's built-in server is fine for production on our intranet")
    assert server.reply.startswith("No")
    assert ask(engine, "Django вимагає PostgreSQL, на SQLite не піде?").reply.startswith("Ні")


def test_more_jobs_outside_the_list_name_their_tools(engine: Engine) -> None:
    for text, tool in (("модбас з пайтона для заводських контролерів, що юзають?", "pymodbus"),
                       ("на слабкому ноуті офлайн розпізнати текст зі сканів", "Tesseract"),
                       ("Best library to talk to an MSSQL server from Python on Windows",
                        "pyodbc"),
                       ("як зібрати телеметрію з датчиків через mqtt на пайтоні?", "paho-mqtt"),
                       ("Which tool to click through an old Windows desktop app "
                        "automatically?", "pywinauto"),
                       ("як зробити exe з пайтон скрипта, щоб кинути колегам на віндовс",
                        "PyInstaller")):
        r = ask(engine, text)
        assert r.intent == "related" and tool in r.reply and not r.frameworks, text


def test_something_else_after_a_framework_and_its_packages(engine: Engine) -> None:
    deps = talk(engine, "хочу фласк", "а скільки пакетів він тягне за собою?")
    assert "Werkzeug" in deps.reply
    other = talk(engine, "хочу фласк", "а є щось взагалі без залежностей?")
    assert other.intent == "recommend" and other.frameworks[0] == "bottle"
    assert "Windows" in ask(engine, "does pyramid run on windows?").reply


def test_handed_over_with_nothing_to_install_is_bottle(engine: Engine) -> None:
    r = ask(engine, "Small internal web tool, must be handed over as a single .py file that "
                    "the admin runs with the system Python, nothing to pip install")
    assert r.frameworks[0] == "bottle" and "django" not in r.frameworks


def test_a_job_on_a_framework_is_a_fit_and_which_is_better_weighs_both(engine: Engine) -> None:
    chat = ask(engine, "хочу чат на джанго зробити, реально?")
    assert chat.intent == "fit" and "Channels" in chat.reply
    better = ask(engine, "що краще, flask чи django?")
    assert better.intent == "compare" and {"flask", "django"} <= set(better.frameworks)


def test_a_fact_asked_with_the_name_inside_its_phrase(engine: Engine) -> None:
    r = ask(engine, "а хто фласк зробив, нагадай")
    assert r.frameworks[0] == "flask" and "Ronacher" in r.reply
    assert ask(engine, "що таке фласк").intent == "describe"


def test_a_tool_ruled_out_beside_what_to_build_asks_for_another_way(engine: Engine) -> None:
    r = ask(engine, "чат у реальному часі, але без Django Channels, щось легше і асинхронне")
    assert r.intent == "recommend" and "django" not in r.frameworks
    assert "Channels" not in r.reply.split("\n")[0]


def test_adding_a_feature_is_how_or_yes_not_no(engine: Engine) -> None:
    how = ask(engine, "how do I add an admin to Flask?")
    assert not how.reply.startswith("No") and "Flask-Admin" in how.reply
    can = ask(engine, "чи можна додати адмінку у фласк?")
    assert can.reply.startswith("Так") and "Flask-Admin" in can.reply
    assert ask(engine, "does flask have an admin?").reply.startswith("No")


def test_a_concept_asked_first_then_a_story_is_that_concept(engine: Engine) -> None:
    orm = ask(engine, "Що таке ORM простими словами? Пишу перший проект, і всі про це говорять.")
    assert orm.intent == "concept" and not orm.frameworks
    aw = ask(engine, "Що таке async/await у пайтоні? Мені здається, що всі фреймворки зараз "
                     "тільки про це.")
    assert aw.intent == "concept" and "asyncio" in aw.reply


def test_installing_python_itself_is_no_gui_for_windows(engine: Engine) -> None:
    r = ask(engine, "як встановити пайтон на віндовс 11")
    assert r.intent == "related" and not r.frameworks and "PATH" in r.reply
    assert ask(engine, "програма під віндовс для складу").intent == "recommend"


def test_gui_toolkits_compared_say_how_each_draws(engine: Engine) -> None:
    r = ask(engine, "Kivy чи Toga для мобільного додатку?")
    assert "нативн" in r.reply and "OpenGL" in r.reply
    assert "native" not in ask(engine, "django vs flask").reply


def test_a_fit_for_only_what_is_not_wanted(engine: Engine) -> None:
    flask = ask(engine, "Is Flask good for a project without async?")
    assert flask.intent == "fit" and flask.reply.startswith("Yes")
    django = ask(engine, "Чи підійде Django для проєкту без графічного інтерфейсу?")
    assert django.reply.startswith("Так")
    textual = ask(engine, "Is Textual good for something without a terminal?")
    assert textual.reply.startswith("No") and ": ." not in textual.reply


def test_after_review_narrower_words_and_rivals(engine: Engine) -> None:
    # an alternative way to do a job with a framework asks for no others like it
    deploy = ask(engine, "alternative way to deploy Flask?")
    assert deploy.intent == "related" and "quart" not in deploy.frameworks
    assert "quart" in ask(engine, "replacement for Flask?").frameworks
    # "free" is the price, not "free of dependencies"
    assert ask(engine, "Flask is free, but does it have dependencies?").reply.startswith("Yes")
    assert ask(engine, "Can I use Flask where GPL is banned?").reply.startswith("Yes")
    gui = ask(engine, "what GUI framework for python on windows?")
    assert gui.intent == "recommend" and gui.frameworks
    java = ask(engine, "I have 10 years of experience in Java, what should I learn for web?")
    assert "support for years" not in java.reply
    program = talk(engine, "What is Flask?", "у мене є стара програма, як її переписати?")
    assert "flask" not in program.frameworks


def test_alternatives_after_advice_are_the_next_for_the_same_needs(engine: Engine) -> None:
    r = talk(engine, "What should I use for a blog?", "any alternatives?")
    assert r.intent == "recommend" and r.frameworks and "django" not in r.frameworks
    assert "web2py" not in r.frameworks[:1]
