"""Issue 11's sixteenth round: a yes/no question followed by the question it
leads to, and which of several frameworks a declared feature belongs to.

"kivy has its own language for layouts? what is it called" asks whether there is
one and then its name; the fact of the first names it (KV), where before "called"
made it a question about Kivy's history. "а в якого з них csrf з коробки?" after
Django and Flask picks Django by the two frameworks' own CSRF facts; before, it
compared them on "batteries included".
"""

from __future__ import annotations

from asking import ask, talk

from fwbot.engine import Engine


def test_a_yes_no_question_then_what_it_leads_to_gets_the_fact(engine: Engine) -> None:
    r = ask(engine, "kivy has its own language for layouts? what is it called")
    assert r.reply.startswith("Yes") and "KV" in r.reply and "PyMT" not in r.reply
    uk = ask(engine, "у фласку є блюпрінти? як їх підключити")
    assert uk.reply.startswith("Так") and "register_blueprint" in uk.reply


def test_which_of_them_has_a_declared_feature_is_read_from_their_facts(engine: Engine) -> None:
    r = talk(engine, "розкажи про джанго і фласк", "а в якого з них csrf з коробки?")
    assert r.reply.startswith("З них це Django") and "Flask-WTF" in r.reply
    named = ask(engine, "which has csrf protection built in, django or flask?")
    assert named.reply.startswith("Of these, Django") and named.frameworks[0] == "django"


def test_a_general_concept_asked_after_a_framework_is_the_concept(engine: Engine) -> None:
    r = talk(engine, "деплою фласк на впс", "а щоб після ребуту сам піднімався?")
    assert "systemd" in r.reply and "Restart=always" in r.reply
    en = ask(engine, "how do I make uvicorn start on boot?")
    assert "systemctl enable" in en.reply


def test_push_from_the_server_is_real_time(engine: Engine) -> None:
    r = ask(engine, "без поллінгу, треба пуш з сервера в браузер")
    assert "WebSocket" in r.reply and r.frameworks[0] in {"aiohttp", "fastapi", "sanic",
                                                           "tornado", "starlette", "litestar"}


def test_a_framework_with_its_own_server_gets_no_server_it_cannot_run_under(
        engine: Engine) -> None:
    r = ask(engine, "how to deploy aiohttp in production")
    assert "its own server" in r.reply and "GunicornWebWorker" not in r.reply
    assert "Uvicorn:" not in r.reply and "Waitress:" not in r.reply and "Gunicorn:" in r.reply
    uk = ask(engine, "як задеплоїти торнадо")
    assert "власним сервером" in uk.reply and "Uvicorn:" not in uk.reply
    assert ask(engine, "can gunicorn run aiohttp?").reply.startswith("Yes")


def test_deploying_it_is_deploying_the_framework_in_view(engine: Engine) -> None:
    r = talk(engine, "can aiohttp do websockets server side?", "how do I run it in production?")
    assert r.frameworks[0] == "aiohttp" and "with aiohttp" in r.reply


def test_asked_whether_it_speaks_a_language_it_says_which(engine: Engine) -> None:
    r = ask(engine, "говориш українською?")
    assert r.reply.startswith("Так") and "англійською" in r.reply and r.lang == "uk"
    assert ask(engine, "do you speak english?").reply.startswith("Yes. I speak")
    assert not ask(engine, "якими мовами говориш").reply.startswith("Так")


def test_servers_a_framework_runs_under(engine: Engine) -> None:
    sanic = ask(engine, "sanic під uvicorn запуститься?")
    assert sanic.reply.startswith("Так") and "ASGI" in sanic.reply
    alone = ask(engine, "гунікорн сам запускає фастапі без нічого?")
    assert alone.reply.startswith("Ні. Сам Gunicorn") and "UvicornWorker" in alone.reply
    assert ask(engine, "can gunicorn run fastapi?").reply.startswith("Yes")


def test_chat_shorthands_name_the_framework(engine: Engine) -> None:
    assert ask(engine, "дж орм є").reply.startswith("Так, у Django")
    assert ask(engine, "фа хто автор").frameworks[0] == "fastapi"


def test_one_framework_said_to_be_another_is_denied_with_who_made_each(engine: Engine) -> None:
    r = ask(engine, "деш це стрімліт від плотлі")
    assert r.reply.startswith("Ні") and "Plotly" in r.reply and "Snowflake" in r.reply
    assert ask(engine, "is dash just streamlit by plotly?").reply.startswith("No")
    # one that redoes the other's API is no false identity
    assert ask(engine, "quart is basically flask but async?").reply.startswith("Yes")


def test_what_a_framework_cannot_do_somewhere_is_a_claim_not_a_rule_out(engine: Engine) -> None:
    r = ask(engine, "ківі на айфон не можна")
    assert r.reply.startswith("Ні") and "iOS" in r.reply and r.frameworks[0] == "kivy"


def test_which_of_them_is_on_a_named_base(engine: Engine) -> None:
    flask = talk(engine, "dash чи streamlit для дашборду", "а котрий на фласку")
    assert flask.reply.startswith("З них це Dash") and flask.frameworks[0] == "dash"
    tornado = talk(engine, "dash чи streamlit для дашборду", "а котрий на торнадо")
    assert tornado.reply.startswith("З них це Streamlit")


def test_what_it_is_built_on_asked_bare_is_of_the_one_in_view(engine: Engine) -> None:
    r = talk(engine, "деш це шо", "на чому побудований")
    assert r.reply.startswith("Dash побудований на Flask")
    second = talk(engine, "стрімліт чи деш?", "а другий на чому побудований?")
    assert second.frameworks[0] == "dash" and "Flask" in second.reply


def test_new_facts_of_this_round(engine: Engine) -> None:
    pi = ask(engine, "kivy works on raspberry pi?").reply
    assert pi.startswith("Yes. Kivy runs on the Raspberry Pi") and "Linux" in pi
    assert "Qt Company" in ask(engine, "pyside6 хто випускає").reply
    assert "Apache-2.0" in talk(engine, "стрімліт це шо", "а ліц?").reply
    assert ask(engine, "стрімліт мультисторінки є").reply.startswith("Так")


def test_a_dashboard_for_the_flask_backend_one_has_is_dash(engine: Engine) -> None:
    for text in ("маю flask бекенд хочу дашборд до нього",
                 "у мене flask апка, хочу до неї дашборд"):
        r = ask(engine, text)
        assert r.frameworks[0] == "dash" and "Dash(server=app)" in r.reply
    # what keeps Flask code is still the one that redoes its API when async is wanted
    assert ask(engine, "existing flask app, need async now").frameworks[0] == "quart"


def test_which_of_two_named_reruns_its_script(engine: Engine) -> None:
    r = ask(engine, "dash vs streamlit which one reruns the whole script")
    assert r.reply.startswith("Of these, Streamlit") and "callbacks" in r.reply
    assert ask(engine, "dash перезапускає весь скрипт?").reply.startswith("Ні")


def test_a_wizard_answer_in_bare_terms_keeps_the_language(engine: Engine) -> None:
    r = talk(engine, "підкажи фреймворк", "сайт з адмінкою, юзерами і ролями", "vps")
    assert r.lang == "uk" and r.frameworks[0] == "django"


def test_a_name_of_the_history_written_in_cyrillic_confirms_it(engine: Engine) -> None:
    r = ask(engine, "стрімліт купив сноуфлейк?")
    assert r.reply.startswith("Так") and "Snowflake" in r.reply
    assert not ask(engine, "стрімліт купила гугл?").reply.startswith("Так")


def test_asked_whether_asyncio_is_installed_it_is_the_standard_library(engine: Engine) -> None:
    for text in ("asyncio треба окремо ставити через pip?", "do I need to pip install asyncio?"):
        r = ask(engine, text)
        assert r.reply.startswith(("Ні.", "No.")) and "3.4" in r.reply
    assert ask(engine, "другий пайтон ще офіційно підтримується?").reply.startswith("Ні")


def test_myths_about_servers_licences_and_charts_are_corrected(engine: Engine) -> None:
    uvicorn = ask(engine, "фастапі можна запустити тільки через uvicorn?")
    assert uvicorn.reply.startswith("Ні") and "Hypercorn" in uvicorn.reply
    licence = ask(engine, "is it true that PyQt and PySide6 have the same license?")
    assert licence.reply.startswith("No") and "LGPLv3" in licence.reply
    charts = ask(engine, "is it true Dash can only make static charts?")
    assert charts.reply.startswith("No") and "callbacks" in charts.reply
    sync = ask(engine, "у фастапі обовʼязково треба писати async def, інакше не працює")
    assert sync.reply.startswith("Ні") and sync.frameworks[0] == "fastapi"


def test_one_named_built_on_the_one_in_view(engine: Engine) -> None:
    assert talk(engine, "що таке старлет", "а фастапі на ньому зроблений?").reply.startswith(
        "Так. FastAPI побудований на Starlette")
    assert talk(engine, "що таке фласк", "а фастапі на ньому побудований?").reply.startswith("Ні")


def test_chat_spellings_of_features(engine: Engine) -> None:
    assert ask(engine, "у джанги є своя ORM-ка?").reply.startswith("Так")
    assert ask(engine, "Чи є в стpімліт кеш?").reply.startswith("Так")


def test_a_dashboard_that_does_not_rerun_its_script_is_dash(engine: Engine) -> None:
    r = ask(engine, "дашборд, але щоб скрипт не перезапускався на кожен клік")
    assert r.frameworks[0] == "dash" and "streamlit" not in r.frameworks


def test_a_quick_demo_is_quick_to_make_not_fast_to_run(engine: Engine) -> None:
    r = ask(engine, "стрімліт для швидкої демки ml моделі замовнику")
    assert r.reply.startswith("Так, Streamlit") and "продуктивність" not in r.reply


def test_not_wanting_lgpl_leaves_pyside6_out(engine: Engine) -> None:
    for text in ("не хочу LGPL, десктоп потрібен", "desktop app, don't want LGPL"):
        assert "pyside6" not in ask(engine, text).frameworks


def test_a_new_plan_instead_of_the_old_one_is_advice_for_it(engine: Engine) -> None:
    r = talk(engine, "хочу зробити апі для своєї ml моделі", "а хто його зробив?",
             "ні, краще десктоп програму зроблю замість апі")
    assert r.frameworks[0] in {"pyside6", "kivy", "toga"} and "fastapi" not in r.frameworks
    # alone, "instead of" asks for a counterpart
    assert ask(engine, "шо в пайтоні замість ларавеля?").frameworks[0] == "django"


def test_why_not_the_one_named_says_its_score_right_after_the_pick(engine: Engine) -> None:
    r = talk(engine, "what should I use for a small REST API, just two endpoints?",
             "what if I don't need async at all?", "why not Django?")
    assert r.reply.split("\n")[1].startswith("Django scored")


def test_one_person_made_both_is_a_claim_of_their_makers(engine: Engine) -> None:
    r = ask(engine, "starlette і fastapi зробила одна людина")
    assert r.reply.startswith("Ні") and "Christie" in r.reply and "Ramírez" in r.reply


def test_wsgi_still_works(engine: Engine) -> None:
    for text in ("asgi це новий wsgi, тобто wsgi вже не працює", "is wsgi dead?"):
        r = ask(engine, text)
        assert r.reply.startswith(("Ні. WSGI", "No. WSGI")) and "Gunicorn" in r.reply


def test_dev_server_questions(engine: Engine) -> None:
    assert ask(engine, "фласк має свій дев сервер щоб локально запустити?").reply.startswith(
        "Так, Flask має власний")
    assert "5000" in ask(engine, "what port does the flask dev server use by default?").reply


def test_out_of_the_box_after_a_need_is_how_it_comes(engine: Engine) -> None:
    r = ask(engine, "який з них асинхронний з коробки: фласк, джанго чи фастапі?")
    assert r.frameworks[0] == "fastapi" and "адмінка" not in r.reply.split("\n")[0]


def test_a_wh_follow_up_in_a_declared_fact_s_words_gets_that_fact(engine: Engine) -> None:
    r = talk(engine, "web2py ще живий?", "а що замість нього той самий автор зробив?")
    assert "py4web" in r.reply and r.reply.startswith("Наступник web2py")
    assert talk(engine, "розкажи про фласк", "а хто його зробив?").reply.startswith(
        "Flask створили")


def test_three_of_us_after_advice_is_the_team(engine: Engine) -> None:
    r = talk(engine, "обери мені фреймворк", "веб", "інтернет магазин", "троє",
             "норм знаємо пайтон")
    assert r.frameworks[0] == "django" and "невелика команда" in r.reply


def test_a_comparison_says_which_one_redoes_the_other_s_api(engine: Engine) -> None:
    r = ask(engine, "what is the difference between flask and quart?")
    assert r.reply.split("\n")[1].startswith("Quart reimplements the Flask API")
    like = ask(engine, "а кварт схожий на фласк?")
    assert like.reply.startswith("Так. Quart відтворює API Flask")
    assert like.reply.count("відтворює API Flask") == 1


def test_without_a_feature_in_any_case_form_is_whether_it_is_optional(engine: Engine) -> None:
    r = ask(engine, "django без шаблонів, тільки json апі можна?")
    assert r.reply.startswith("Так, вбудованим шаблонізатором у Django можна не користуватися")


def test_the_oldest_and_newest_of_every_framework_known(engine: Engine) -> None:
    old = ask(engine, "який найстаріший фреймворк?")
    assert old.reply.startswith("Найстаріші з 22 фреймворків") and "2002" in old.reply
    assert set(old.frameworks[:2]) == {"cherrypy", "twisted"}
    new = ask(engine, "what's the newest framework in your list?")
    assert new.reply.startswith("The newest of the 22") and "2021" in new.reply
    # two named are compared as before
    assert ask(engine, "django чи flask, який старіший?").reply.startswith("Django старіший")


def test_the_most_popular_framework_is_the_largest_communities(engine: Engine) -> None:
    for text in ("який фреймворк найпопулярніший?", "which framework is the most popular?"):
        r = ask(engine, text)
        assert {"django", "flask", "fastapi"} <= set(r.frameworks) and "bottle" not in r.frameworks
