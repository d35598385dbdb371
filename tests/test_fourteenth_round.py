"""Issue 11's fourteenth round: "X не для Y" said of a framework is a claim to
check, and "not iOS, just Android" still wants a mobile app.

"фласк не для продакшну", "django is not good for a rest api", "scrapy не для
сайтів" say a framework does not fit something. They were read as a fit with
that need ruled out, which answered "No, Flask is not made for this (without:
production) ... A better fit is Streamlit: ." -- a verdict on nothing, with an
empty reason. Now the claim is checked against how well the framework fits what
it is said not to be for: no when it fits, "not quite" when it can but another
fits better, yes only when it is not built for that kind of thing at all.
"""

from __future__ import annotations

from asking import ask, talk

from fwbot.engine import Engine


def test_a_framework_said_not_to_fit_what_it_fits_is_corrected(engine: Engine) -> None:
    r = ask(engine, "bottle не для продакшну")
    assert r.reply.startswith("Ні") and "Gunicorn" in r.reply and tuple(r.frameworks) == ("bottle",)
    r = ask(engine, "django is not good for a rest api")
    assert r.reply.startswith("No") and "Django REST framework" in r.reply
    assert tuple(r.frameworks) == ("django",)  # the verdict names no other framework


def test_a_size_it_can_serve_is_not_quite(engine: Engine) -> None:
    r = ask(engine, "джанго не для маленьких проектів")
    assert r.reply.startswith("Не зовсім") and "Flask" in r.reply
    assert r.frameworks[0] == "django"


def test_what_it_is_not_built_for_confirms_the_claim(engine: Engine) -> None:
    r = ask(engine, "scrapy не для сайтів")
    assert r.reply.startswith("Так") and r.frameworks[0] == "scrapy"
    assert len(r.frameworks) == 2 and ": ." not in r.reply  # the better fit, with its reason


def test_a_need_left_out_is_still_a_need_left_out(engine: Engine) -> None:
    # no claim: what the user does not want, with the framework's own answer
    r = ask(engine, "django без адмінки?")
    assert r.reply.startswith("Так") and "адмін" in r.reply


def test_dev_server_in_slang_is_the_dev_server(engine: Engine) -> None:
    r = ask(engine, "чи є в фласку дев сервер?")
    assert r.reply.startswith("Так") and "flask run" in r.reply
    r = ask(engine, "у джанго є дев-сервер?")
    assert r.reply.startswith("Так") and "runserver" in r.reply and "8000" in r.reply


def test_a_need_said_to_be_all_that_is_wanted_survives_its_negation(engine: Engine) -> None:
    # iOS and Android are both a mobile app: "not iOS" must not rule the app out
    r = ask(engine, "we don't need iOS, just Android")
    assert r.intent == "recommend" and r.frameworks[0] in ("kivy", "toga")
    r = ask(engine, "no async, only sync")
    assert r.frameworks[0] in ("django", "flask", "bottle")
    # what is wanted and what is not are told apart in the answer's summary
    assert "synchronous code; not: asynchronous code" in r.reply


def test_said_not_wanted_twice_is_still_not_wanted(engine: Engine) -> None:
    r = ask(engine, "nothing async, the team doesn't know async")
    assert not r.frameworks and "What are you building" in r.reply  # nothing wanted yet


def test_uploading_to_a_host_is_no_question_of_an_abandoned_project(engine: Engine) -> None:
    # "закинути" (to upload) shares its lemma with "закинутий" (abandoned)
    r = ask(engine, "чи можна джанго на хостинг закинути?")
    assert r.reply.startswith("Так") and "PythonAnywhere" in r.reply
    r = ask(engine, "web2py закинутий?")
    assert "py4web" in r.reply and r.frameworks[0] == "web2py"


def test_a_raspberry_pi_is_a_linux_machine(engine: Engine) -> None:
    r = ask(engine, "flask на raspberry pi піде?")
    assert r.reply.startswith("Так") and r.lang == "uk"
    r = ask(engine, "kivy на малинці працює?")
    assert r.reply.startswith("Так") and "Linux" in r.reply


def test_arguing_for_another_framework_gets_how_it_fits_the_same_needs(engine: Engine) -> None:
    r = talk(engine, "need an api for a mobile app", "but flask is simpler")
    assert r.intent == "fit" and r.frameworks[0] == "flask"
    assert r.reply.startswith("Yes") and "FastAPI" in r.reply  # it fits; what fits better
    r = talk(engine, "потрібен сайт-блог з адмінкою", "але ж фласк простіший")
    assert r.frameworks[0] == "flask" and "Django" in r.reply and r.lang == "uk"


def test_but_not_still_rules_a_framework_out(engine: Engine) -> None:
    r = talk(engine, "need an api for a mobile app", "but not flask")
    assert r.intent == "recommend" and "flask" not in r.frameworks


def test_an_api_framework_is_not_for_training_a_model_but_serves_one(engine: Engine) -> None:
    r = ask(engine, "is flask good for machine learning?")
    assert r.reply.startswith("No") and "scikit-learn" in r.reply
    assert "Serving a trained model as an HTTP API" in r.reply
    r = ask(engine, "is kivy good for machine learning?")  # no API framework: no such line
    assert r.reply.startswith("No") and "HTTP API" not in r.reply


def test_just_one_file_counts_and_claims_no_more(engine: Engine) -> None:
    r = ask(engine, "bottle is really just one file?")
    assert r.reply.startswith("Yes") and "bottle.py" in r.reply
    r = ask(engine, "aiohttp is only a client?")  # an "only" that claims more: no
    assert r.reply.startswith("No")


def test_whether_the_orm_is_async_is_how_far_async_reaches(engine: Engine) -> None:
    r = ask(engine, "джанго орм вміє в async?")
    assert r.reply.startswith("Так, частково") and "4.1" in r.reply


def test_how_long_to_learn_is_the_learning_curve(engine: Engine) -> None:
    r = ask(engine, "скільки часу вчити джанго?")
    assert r.intent == "attribute" and r.frameworks[0] == "django" and "Складність" in r.reply
    r = ask(engine, "how long does it take to learn flask?")
    assert r.intent == "attribute" and "easy to start" in r.reply


def test_where_to_start_learning_the_web_names_a_framework(engine: Engine) -> None:
    r = ask(engine, "з чого почати вивчати веб на пайтоні?")
    assert r.intent == "recommend" and r.frameworks[0] == "flask" and r.lang == "uk"
    r = ask(engine, "з чого почати вивчати пайтон?")  # Python itself: the tutorial
    assert r.intent == "python" and "docs.python.org" in r.reply


def test_a_claim_that_a_framework_cannot_do_what_it_does_is_corrected(engine: Engine) -> None:
    r = ask(engine, "в ботлі не можна робити api")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "bottle"
    r = ask(engine, "you can't build an api with django")
    assert r.reply.startswith("No") and "Django REST framework" in r.reply
    # ruling a framework out while asking for another stays a recommendation
    r = ask(engine, "фласк не підходить, треба щось для api")
    assert r.intent == "recommend" and "flask" not in r.frameworks


def test_a_not_reaches_through_one_wish_only(engine: Engine) -> None:
    r = ask(engine, "flask не хочу, треба api")
    assert r.intent == "recommend" and r.frameworks[0] == "fastapi"
    r = ask(engine, "не треба async")
    assert not r.frameworks  # nothing wanted yet: what is built is asked


def test_nobody_uses_it_is_a_claim_that_it_is_dead(engine: Engine) -> None:
    r = ask(engine, "кажуть фласк вже ніхто не юзає")
    assert r.reply.startswith("Ні") and "PyPI" in r.reply
    r = ask(engine, "web2py ніхто не використовує?")
    assert r.reply.startswith("Частково") and "py4web" in r.reply


def test_go_in_cyrillic_is_another_language(engine: Engine) -> None:
    r = ask(engine, "фастапі написаний на го?")
    assert r.reply.startswith("Ні") and "Python" in r.reply


def test_only_for_a_job_outside_the_list_is_a_claim_of_its_use(engine: Engine) -> None:
    r = ask(engine, "streamlit is only for machine learning?")
    assert r.reply.startswith("No") and "dashboards" in r.reply.lower()
    assert "scikit-learn" not in r.reply  # no "not made for this" with the ML tools


def test_asgi_in_cyrillic_and_only_one_interface(engine: Engine) -> None:
    r = ask(engine, "фалкон підтримує асгі?")
    assert r.reply.startswith("Так") and "ASGI" in r.reply
    r = ask(engine, "фалкон тільки для wsgi?")
    assert r.reply.startswith("Ні") and "ASGI" in r.reply


def test_more_ukrainian_words_for_features_and_names(engine: Engine) -> None:
    r = ask(engine, "в джанго є вбудована система юзерів і логіну?")
    assert r.reply.startswith("Так") and "django.contrib.auth" in r.reply
    r = ask(engine, "у web2py своя прослойка до бази є?")
    assert r.reply.startswith("Так") and "DAL" in r.reply
    r = ask(engine, "чи треба для деша знати джаваскрипт?")  # Dash, inflected
    assert r.reply.startswith("Ні") and r.frameworks[0] == "dash"
    r = ask(engine, "що за фреймворк пірамід, звідки він")
    assert "Pylons" in r.reply


def test_not_writing_the_admin_oneself_wants_one_built_in(engine: Engine) -> None:
    r = ask(engine, "на чому зробити блог з адмінкою, щоб не писати адмінку самому")
    assert r.frameworks[0] == "django"
    r = ask(engine, "I need a shop but don't want to write the admin myself")
    assert r.frameworks[0] == "django"


def test_json_only_and_running_it_properly(engine: Engine) -> None:
    r = ask(engine, "мені не треба шаблони, тільки json віддавати")
    assert r.intent == "recommend" and r.frameworks[0] == "fastapi"
    r = ask(engine, "I'm a sysadmin, the dev gave me a flask app, how do I run it properly?")
    assert "Gunicorn" in r.reply and "flask run" not in r.reply.split("\n")[0]


def test_an_opening_chy_offers_no_choice(engine: Engine) -> None:
    # "чи" opening a question is no "or": the claim is checked
    r = ask(engine, "чи правда що джанго працює тільки з постгресом?")
    assert r.reply.startswith("Ні") and "SQLite" in r.reply and "MySQL" in r.reply


def test_web2py_and_py4web_are_two_frameworks(engine: Engine) -> None:
    r = ask(engine, "web2py і py4web це одне й те саме?")
    assert r.reply.startswith("Ні") and "наступник" in r.reply
    r = ask(engine, "web2py has a successor?")
    assert r.reply.startswith("Yes") and "py4web" in r.reply


def test_sites_heavy_on_javascript_are_scrapy_s_rendering(engine: Engine) -> None:
    r = ask(engine, "is scrapy ok for sites heavy on javascript")
    assert r.reply.startswith("No") and "Playwright" in r.reply
    r = talk(engine, "що таке скрапі", "а сайти з js він потягне?")
    assert r.reply.startswith("Ні") and "Splash" in r.reply


def test_the_docs_of_ones_own_api_are_openapi(engine: Engine) -> None:
    r = ask(engine, "де в фастапі подивитись документацію свого апі")
    assert "/docs" in r.reply and r.lang == "uk"


def test_a_tool_run_over_ssh_is_a_terminal_app(engine: Engine) -> None:
    r = ask(engine, "чи підійде textual для утиліти яку запускаю на серверах по ссш?")
    assert r.reply.startswith("Так") and r.frameworks[0] == "textual"


def test_a_tool_for_analysts_is_a_data_app(engine: Engine) -> None:
    r = ask(engine, "streamlit for an internal tool for 5 analysts?")
    assert r.reply.startswith("Yes") and r.frameworks[0] == "streamlit"
