"""Issue 11's seventeenth round: jobs done with a framework say what the framework
itself has for them, and verbs of making are no question of who made it.

"як тестувати фастапі ендпоінти?" was read as whether FastAPI suits an API; now it is
the testing job done with FastAPI, and the answer opens with FastAPI's own TestClient
before pytest. "як написати тести для джанго" asked who wrote Django ("написати"
shares its lemma with "хто написав").
"""

from __future__ import annotations

from asking import ask

from fwbot.engine import Engine


def test_testing_a_framework_names_its_own_test_client_first(engine: Engine) -> None:
    r = ask(engine, "як тестувати фастапі ендпоінти?")
    assert r.reply.startswith("У FastAPI є TestClient") and "pytest" in r.reply
    en = ask(engine, "how do I test a flask app?")
    assert "app.test_client()" in en.reply and "pytest" in en.reply
    # a framework whose test client is an add-on says which package it comes from
    assert "sanic-testing" in ask(engine, "how to test a sanic app").reply
    api = ask(engine, "як тестувати апі на фласку")
    assert "app.test_client()" in api.reply and "Так" not in api.reply


def test_a_verb_of_making_is_no_question_of_who_made_it(engine: Engine) -> None:
    r = ask(engine, "як написати тести для сайту на джанго")
    assert "django.test.Client" in r.reply and "Holovaty" not in r.reply
    assert "Ronacher" in ask(engine, "хто написав фласк?").reply
    assert "Holovaty" in ask(engine, "хто створив джанго").reply
    corrected = ask(engine, "джанго ж створили в гуглі, вірно?")
    assert corrected.reply.startswith("Ні")


def test_a_javascript_library_is_a_language_one_need_not_know(engine: Engine) -> None:
    r = ask(engine, "для стрімліту треба знати реакт?")
    assert r.reply.startswith("Ні") and "Python" in r.reply
    # "without writing any html or js": a few words between "without" and the language
    en = ask(engine, "can i build a streamlit app without writing any html or js?")
    assert en.reply.startswith("Yes")


def test_twisted_works_with_asyncio(engine: Engine) -> None:
    r = ask(engine, "twisted не дружить з asyncio")
    assert r.reply.startswith("Ні") and "asyncioreactor" in r.reply
    en = ask(engine, "can twisted work with asyncio?")
    assert en.reply.startswith("Yes") and "Deferred.fromFuture" in en.reply


def test_scaling_is_a_large_project_and_speed_at_scale_is_explained(engine: Engine) -> None:
    r = ask(engine, "django for a startup that might grow to millions of users - will it scale?")
    assert r.reply.startswith("Yes") and list(r.frameworks) == ["django"]
    assert ask(engine, "чи масштабується джанго?").reply.startswith("Так")
    slow = ask(engine, "django is slow, right? everyone says so")
    assert "Instagram" in slow.reply and "caching" in slow.reply


def test_a_price_parser_of_shops_is_scraping_not_a_shop(engine: Engine) -> None:
    r = ask(engine, "building a price parser for 20 online stores, what should I use?")
    assert r.frameworks[0] == "scrapy" and "django" not in r.frameworks
    uk = ask(engine, "треба обійти весь сайт і вивантажити всі ціни товарів у JSON")
    assert uk.frameworks[0] == "scrapy"


def test_a_feature_ruled_out_does_not_rule_out_the_next_clause(engine: Engine) -> None:
    r = ask(engine, "не хочу ніякої бази даних, парсер цін хай просто складає все в csv")
    assert r.frameworks[0] == "scrapy"
    site = ask(engine, "без адмінки, сайт простий")
    assert site.frameworks and site.frameworks[0] != "django"


def test_a_school_diary_and_an_online_course_are_web_apps_with_accounts(engine: Engine) -> None:
    r = ask(engine, "щоденник для школи на чому робити?")
    assert r.frameworks[0] == "django"
    fit = ask(engine, "джанго норм для шкільного щоденника? оцінки, класи, батьки, вчителі")
    assert fit.reply.startswith("Так")
    # the quizzes of a course are no unit tests
    course = ask(engine, "що взяти для онлайн-курсів: юзери, відео, тести, сертифікати")
    assert course.frameworks[0] == "django" and "pytest" not in course.reply
    assert "pytest" in ask(engine, "чим тести писати на пайтоні?").reply


def test_everyday_words_for_demos_browser_clicks_and_one_computer(engine: Engine) -> None:
    demo = ask(engine, "ML модельку зробив, хочу веб-демку щоб заказчик потикав")
    assert demo.frameworks[0] == "streamlit" and "django" not in demo.frameworks
    clicks = ask(engine, "скрипт шоб пайтон сам клацав по сайту і бронював мені час у барбера")
    assert "Playwright" in clicks.reply and not clicks.frameworks
    js = ask(engine, "the price site loads prices with javascript, requests returns empty html")
    assert "Playwright" in js.reply and "flask" not in js.frameworks
    desk = ask(engine, "CRM для залу, але НЕ веб, адміністраторка сидить за одним компом")
    assert desk.frameworks[0] == "pyside6" and "streamlit" not in desk.frameworks


def test_ordinals_keep_to_the_list_shown(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "торнадо vs aiohttp для чату", "а перший хто створив?",
             "а в другого є ще й http клієнт?")
    assert r.reply.startswith("Так") and r.frameworks[0] == "aiohttp"
    based = talk(engine, "порівняй стрімліт і деш", "а другий хто робить?",
                 "а перший теж на фласку побудований?")
    assert based.reply.startswith("Ні") and "Tornado" in based.reply
    licence = talk(engine, "порівняй стрімліт і деш", "а другий хто робить?",
                   "а перший теж на фласку побудований?", "ок, а ліцензія в першого?")
    assert "Apache" in licence.reply
    it = talk(engine, "розкажи про стрімліт", "а він на фласку побудований?")
    assert it.reply.startswith("Ні") and it.frameworks[0] == "streamlit"


def test_a_maker_claim_with_now_is_checked_against_the_owner(engine: Engine) -> None:
    r = ask(engine, "Streamlit is owned by Google now, right?")
    assert r.reply.startswith("No") and "Snowflake" in r.reply
    assert ask(engine, "streamlit now belongs to snowflake?").reply.startswith("Yes")


def test_a_built_in_feature_said_to_be_a_separate_package_is_corrected(engine: Engine) -> None:
    r = ask(engine, "Django's ORM is a separate package you have to install, right?")
    assert r.reply.startswith("No") and "built-in ORM" in r.reply
    assert ask(engine, "адмінку в джанго треба окремо ставити?").reply.startswith("Ні")
    # "built in, or separately?" asks its first half
    either = ask(engine, "чи є в джанго адмінка з коробки чи її треба ставити окремо?")
    assert either.reply.startswith("Так")


def test_which_of_them_is_native_picks_toga(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "ківі чи тога?", "а котрий з них нативний")
    assert r.reply.startswith("З них це Toga")
    named = ask(engine, "which of kivy and toga uses native widgets?")
    assert named.reply.startswith("Of these, Toga") and named.frameworks[0] == "toga"
    orm = ask(engine, "which of django and flask has an orm?")
    assert orm.reply.startswith("Of these, Django")


def test_support_for_a_feature_is_the_feature_not_the_community(engine: Engine) -> None:
    r = ask(engine, "чи має фастапі нативну підтримку async?")
    assert r.reply.startswith("Так") and "Спільнота" not in r.reply


def test_i_meant_another_framework_asks_the_same_of_it(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "чи є в джанго вбудована ORM?", "ой, я мав на увазі фласк")
    assert r.reply.startswith("Ні") and "SQLAlchemy" in r.reply
    who = talk(engine, "хто створив торнадо?", "сорі, я мав на увазі твістед")
    assert "Glyph Lefkowitz" in who.reply
    en = talk(engine, "does django have templates?", "Sorry, I meant Flask")
    assert en.reply.startswith("Yes") and "Jinja" in en.reply


def test_is_it_asgi_or_wsgi_asks_the_interface_of_the_one_in_view(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "tell me about starlette", "Is it ASGI or WSGI?")
    assert r.reply.startswith("Starlette's server interface: ASGI")
    uk = talk(engine, "tell me about flask", "а він wsgi чи asgi?")
    assert uk.reply.startswith("Інтерфейс сервера Flask: WSGI")
    # with nothing in view it is the two concepts
    assert "PEP 3333" in ask(engine, "what is the difference between wsgi and asgi?").reply


def test_asking_for_the_advice_again_repeats_the_recommendation(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "підкажи що вибрати, можеш питати що треба", "сайт",
             "магазин: оплати, кабінет покупця, адмінка для менеджера", "і що?")
    assert r.frameworks[0] == "django" and "Мій вибір — Django" in r.reply
    again = talk(engine, "хочу сайт для кав'ярні", "то шо брати?")
    assert again.frameworks and again.intent == "recommend"
    assert not ask(engine, "і що?").frameworks  # nothing to repeat


def test_they_who_know_python_are_the_team(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "Help me pick a framework step by step", "it's for showing data",
             "internal team, they only know Python, we want it done in a day")
    assert r.frameworks[0] == "streamlit" and "no frontend" in r.reply


def test_a_relation_claim_whatever_the_word_order(engine: Engine) -> None:
    r = ask(engine, "чи побудований Dash на фласку?")
    assert r.reply.startswith("Так") and "Plotly.js" in r.reply
    then = ask(engine, "а фастапі тоді на фласку зроблений?")
    assert then.reply.startswith("Ні") and "Starlette" in then.reply
    maker = ask(engine, "Starlette зробив той самий чувак, що і фастапі?")
    assert maker.reply.startswith("Ні") and "Tom Christie" in maker.reply


def test_not_like_a_game_rules_the_game_out(engine: Engine) -> None:
    r = ask(engine, "хочу апку щоб виглядала як рідна системна, а не як гра")
    assert "pygame" not in r.reply


def test_a_question_then_the_plan_behind_it_answers_the_question(engine: Engine) -> None:
    r = ask(engine, "яка ліцензія у Django? хочу продавати CRM для спортзалів")
    assert "BSD-3-Clause" in r.reply and list(r.frameworks) == ["django"]


def test_do_not_suggest_a_framework_rules_it_out(engine: Engine) -> None:
    r = ask(engine, "a chat for our gaming clan, don't suggest Django, it's too heavy for us")
    assert r.frameworks and "django" not in r.frameworks
    uk = ask(engine, "не пропонуй джанго, треба сайт для кафе")
    assert uk.frameworks and "django" not in uk.frameworks


def test_a_framework_said_to_be_needed_for_a_job_outside_is_corrected(engine: Engine) -> None:
    r = ask(engine, "you need Django to make a Telegram bot")
    assert r.reply.startswith("No") and "aiogram" in r.reply
    uk = ask(engine, "для телеграм бота потрібен джанго?")
    assert uk.reply.startswith("Ні") and "aiogram" in uk.reply
    assert "Instagram" in ask(engine, "хто з відомих використовує django?").reply


def test_the_next_superlative_picks_from_the_same_list(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "порівняй джанго, фласк і торнадо", "а який з них найстаріший?",
             "а наймолодший?")
    assert r.frameworks[0] == "flask"
    docs = talk(engine, "порівняй джанго, фласк і фастапі",
                "а котрий з них сам генерує документацію API?")
    assert docs.frameworks[0] == "fastapi"


def test_which_of_them_is_no_yes_no_question_and_several_winners_agree(engine: Engine) -> None:
    r = ask(engine, "django, flask, fastapi, tornado — котрий з них найпопулярніший?")
    assert r.reply.startswith("Django, Flask і FastAPI популярніші, ніж Tornado")


def test_how_to_run_says_the_production_server_too(engine: Engine) -> None:
    assert "Hypercorn" in ask(engine, "quart чим запускати").reply
    assert "aiohttp.GunicornWebWorker" in ask(engine, "як запустити aiohttp?").reply
    assert "gunicorn app:server" in ask(engine, "how do I run a dash app?").reply
    assert "Twisted" in ask(engine, "Is Scrapy asynchronous?").reply


def test_more_tools_people_ask_about(engine: Engine) -> None:
    fleet = ask(engine, "треба крутити ssh команди на 50 серверах")
    assert "Ansible" in fleet.reply and "twisted" not in fleet.frameworks
    assert "Odoo" in ask(engine, "ERP на пайтоні є щось готове?").reply
    assert "NiceGUI" in ask(engine, "nicegui норм?").reply
    jobs = ask(engine, "how do I run background jobs in flask")
    assert "Celery" in jobs.reply
    # "admin panel" is no Panel
    assert ask(engine, "flask admin panel built in?").reply.startswith("No")


def test_an_iot_panel_is_a_dashboard_and_serving_a_model_is_an_api(engine: Engine) -> None:
    r = ask(engine, "Is Dash a good choice for an IoT panel showing temperature from my sensors?")
    assert r.reply.startswith("Yes") and "twisted" not in r.frameworks
    model = ask(engine, "Our team uses FastAPI. Is it good for serving an ML model?")
    assert model.reply.startswith("Yes") and list(model.frameworks) == ["fastapi"]
    assert ask(engine, "хочу iot сервер для mqtt").frameworks[0] == "twisted"


def test_the_same_but_async_after_ones_framework_is_one_like_it(engine: Engine) -> None:
    r = ask(engine, "я фласкер, хочу те саме але асинхронне")
    assert r.frameworks[0] == "quart"
    assert ask(engine, "I know flask, I want the same thing but async").frameworks[0] == "quart"


def test_a_demo_of_a_model_is_a_data_app(engine: Engine) -> None:
    r = ask(engine, "для нейронки на курсовій швидко зробити демо з інтерфейсом")
    assert r.frameworks[0] == "streamlit" and "kivy" not in r.frameworks


def test_nothing_complex_is_a_small_project(engine: Engine) -> None:
    r = ask(engine, "сайт для кафе, нічого складного")
    assert r.frameworks[0] == "flask" and "невеликий проєкт" in r.reply


def test_an_add_on_is_installed_separately(engine: Engine) -> None:
    r = ask(engine, "а DRF окремо ставиться?")
    assert r.reply.startswith("Так") and "окремий пакет" in r.reply
    assert ask(engine, "drf ставиться окремо від джанго?").reply.startswith("Так")
    assert ask(engine, "does DRF come bundled with Django?").reply.startswith("No")


def test_does_it_need_uvicorn_after_a_framework_with_its_own_server(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "We use Sanic at work. Is it good for websockets?",
             "And does it need uvicorn to run?")
    assert r.reply.startswith("No") and r.frameworks[0] == "sanic"


def test_typed_in_the_wrong_script(engine: Engine) -> None:
    r = ask(engine, "dzhango maie ORM?")
    assert r.lang == "uk" and r.reply.startswith("Так")
    # a Latin "p" for "п" reads as the Cyrillic "р" it looks like
    assert "LGPL" in ask(engine, "pайсайд6 ліцензія").reply


def test_the_other_one_is_the_one_not_talked_about(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "стрімліт чи деш для дашборду?", "котрий з них на фласку?",
             "а хто його зробив?", "а інший кому зараз належить?")
    assert r.frameworks[0] == "streamlit" and "Snowflake" in r.reply


def test_which_of_them_is_closest_to_a_framework(engine: Engine) -> None:
    from asking import talk
    r = talk(engine, "List some async Python web frameworks", "Which of them is closest to Flask?")
    assert r.reply.startswith("Quart reimplements the Flask API") and r.frameworks[0] == "quart"
    maker = talk(engine, "List some async Python web frameworks",
                 "Which of them is closest to Flask?", "Who maintains it now?")
    assert "Pallets" in maker.reply and maker.frameworks[0] == "quart"


def test_single_file_is_bottle(engine: Engine) -> None:
    assert ask(engine, "bottle - однофайловий фреймворк, я правильно розумію?").reply.startswith(
        "Так")
    r = ask(engine, "з трьох, bottle, flask і cherrypy, котрий однофайловий?")
    assert r.reply.startswith("З них це Bottle")


def test_no_database_server_is_needed_to_start(engine: Engine) -> None:
    r = ask(engine, "web2py needs a separate MySQL install before you can start?")
    assert r.reply.startswith("No") and "SQLite" in r.reply
    uk = ask(engine, "для джанго треба ставити mysql?")
    assert uk.reply.startswith("Ні") and "DATABASES" in uk.reply


def test_they_who_only_run_somewhere_are_the_frameworks(engine: Engine) -> None:
    from asking import talk
    # "they" with what a framework does is the frameworks in view, no new need
    r = talk(engine, "мені треба десктоп програма", "do they only run on windows?")
    assert r.intent == "attribute" and r.frameworks[0] == "pyside6"
