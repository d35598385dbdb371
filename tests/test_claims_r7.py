"""Claims to confirm or correct, read by their structure (issue 11, seventh round).

A claim's words are found by form or lemma with one other word allowed between
two of them ("python 2 is still officially supported" says "2 still supported"),
a deny word inside or before them turns it, and "not only" does not.
"""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def ask(engine: Engine, text: str) -> Reply:
    return engine.reply(Session(), text)


def opens(reply: Reply, word: str) -> bool:
    return reply.reply.split()[0].strip(".,!").casefold() == word.casefold()


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("чув що python 2 досі офіційно підтримується?", "Ні", "2020"),
    ("is python 2 still officially supported?", "No", "2020"),
    ("python 2 досі не підтримується, так?", "Так", "2020"),
])
def test_a_word_between_the_claims_words_still_says_it(engine: Engine, text: str,
                                                       verdict: str, fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_not_only_does_not_deny(engine: Engine) -> None:
    r = ask(engine, "aiohttp can be used as a server too, not only as http client?")
    assert opens(r, "yes"), r.reply


def test_a_lemma_never_turns_a_denial_into_its_opposite(engine: Engine) -> None:
    # "isn't" and "is" share the lemma "be": "not production ready" is not said
    r = ask(engine, "is flask production ready?")
    assert opens(r, "yes"), r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("чи правда що kivy тільки для ігор?", "Ні", "OpenGL"),
    ("kivy is only good for games, right?", "No", "not only games"),
    ("kivy малює нативні кнопки?", "Ні", "OpenGL"),
    ("toga has native controls?", "Yes", "Cocoa"),
    ("tornado works with asyncio?", "Yes", "5.0"),
    ("торнадо не дружить з asyncio", "Ні", "asyncio"),
    ("is pyside6 paid?", "No", "LGPL"),
    ("pyside6 не платний?", "Так", "LGPL"),
    ("flask began as a joke?", "Yes", "Ronacher"),
    ("litestar was called starlite?", "Yes", "2023"),
    ("textual from the author of rich?", "Yes", "McGugan"),
])
def test_a_framework_claim_opens_with_its_verdict_and_fact(engine: Engine, text: str,
                                                          verdict: str, fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("is python too slow for the web?", "No", "Instagram"),
    ("пайтон надто повільний для бекенду, правда?", "Ні", "Instagram"),
    ("python is slow so big companies avoid it, right?", "No", "Instagram"),
    ("python 2 is still maintained?", "No", "2020"),
])
def test_a_python_myth_is_corrected_with_the_fact(engine: Engine, text: str, verdict: str,
                                                  fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_python_slow_alone_gets_no_guess(engine: Engine) -> None:
    # slower at raw computation than compiled languages: neither a yes nor a no
    r = ask(engine, "is python slow?")
    assert not opens(r, "yes") and not opens(r, "no") and "compiled" in r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("do you need jupyter to use pandas?", "No", "optional"),
    ("can i use pandas without jupyter?", "Yes", "any script"),
    ("чи працює uvicorn на віндовс?", "Так", "uvloop"),
    ("uvicorn is a framework like flask?", "No", "ASGI server"),
    ("is django rest framework part of django?", "No", "pip install djangorestframework"),
])
def test_a_tool_claim_carries_its_fact(engine: Engine, text: str, verdict: str,
                                       fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_a_statement_of_necessity_is_a_claim(engine: Engine) -> None:
    r = ask(engine, "для парсингу обов'язково потрібен scrapy")
    assert opens(r, "Ні"), r.reply
    assert "requests" in r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("async makes python code faster automatically, right?", "No", "process pool"),
    ("асинхронність допомагає з важкими обчисленнями?", "Ні", "multiprocessing"),
    ("async робить код швидшим, тому fastapi завжди швидший за django", "Ні", "multiprocessing"),
])
def test_a_claim_about_async_itself_is_corrected(engine: Engine, text: str, verdict: str,
                                                 fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_a_framework_s_async_is_still_its_own(engine: Engine) -> None:
    r = ask(engine, "is django async?")
    assert "3.1" in r.reply and r.frameworks[:1] == ("django",)


@pytest.mark.parametrize(("text", "verdict"), [
    ("fastapi is not async?", "No"),
    ("tornado isn't asynchronous?", "No"),
    ("bottle doesn't support async, right?", "Yes"),
    ("django doesn't support async?", "No"),
    ("джанго взагалі не вміє в async, це чисто синхронний фреймворк", "Ні"),
    ("flask is purely synchronous, right?", "No"),
])
def test_a_denied_async_is_a_claim_of_sync(engine: Engine, text: str, verdict: str) -> None:
    # answering "yes" to "fastapi is not async?" is the worst failure: the claim is false
    r = ask(engine, text)
    assert opens(r, verdict), r.reply


def test_a_well_known_user_named_with_its_framework_is_confirmed(engine: Engine) -> None:
    r = ask(engine, "Pinterest is built on Django, right?")
    assert opens(r, "yes") and "Pinterest" in r.reply


@pytest.mark.parametrize(("text", "verdict"), [
    ("does textual run on windows or only on linux?", "yes"),
    ("kivy працює на андроїді чи тільки на десктопі?", "так"),
])
def test_or_only_leaves_the_first_alternative_the_claim(engine: Engine, text: str,
                                                        verdict: str) -> None:
    assert opens(ask(engine, text), verdict)


def test_without_a_language_asks_whether_it_is_needed(engine: Engine) -> None:
    r = ask(engine, "can i make a streamlit app without writing javascript?")
    assert opens(r, "yes"), r.reply


def test_the_question_is_the_claim_and_what_follows_its_context(engine: Engine) -> None:
    r = ask(engine, "flask isn't for production, right? our cto wants django instead")
    assert opens(r, "no") and "Gunicorn" in r.reply


def test_a_statement_naming_the_maker_is_a_claim(engine: Engine) -> None:
    r = ask(engine, "tornado was made at friendfeed and facebook opened it later")
    assert opens(r, "yes"), r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("пайтон інтерпретований, тож для бекенду він не годиться", "Ні", "серверної частини"),
    ("python is interpreted so nobody uses it for big sites, right?", "No", "server side"),
])
def test_a_negative_conclusion_from_a_true_premise_is_false(engine: Engine, text: str,
                                                            verdict: str, fact: str) -> None:
    # the premise holds (interpreted), the conclusion drawn from it does not
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


def test_a_reason_is_no_conclusion(engine: Engine) -> None:
    r = ask(engine, "python is interpreted, so is it slower?")
    assert opens(r, "yes"), r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("can kivy apps go on android?", "Yes", "Buildozer"),
    ("на toga можна зробити застосунок для айфона?", "Так", "Briefcase"),
    ("does bottle need anything besides the standard library?", "No", "bottle.py"),
])
def test_a_yes_or_no_says_how_it_is_had(engine: Engine, text: str, verdict: str,
                                       fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("django channels does websockets?", "Yes", "ASGI"),
    ("flask зробив той самий автор що й jinja?", "Так", "Pallets"),
])
def test_more_claims_with_their_facts(engine: Engine, text: str, verdict: str,
                                      fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


@pytest.mark.parametrize(("text", "verdict", "fact"), [
    ("is docker required to deploy flask?", "No", "not required"),
    ("scrapy renders javascript pages by itself?", "No", "Playwright"),
    ("can fastapi serve html templates or only json?", "Yes", "Jinja2Templates"),
    ("is django written in java?", "No", "Python"),
    ("is fastapi written in C?", "No", "Starlette"),
])
def test_claims_settled_with_the_fact_that_settles_them(engine: Engine, text: str,
                                                       verdict: str, fact: str) -> None:
    r = ask(engine, text)
    assert opens(r, verdict), r.reply
    assert fact in r.reply


@pytest.mark.parametrize(("text", "verdict"), [
    ("scrapy обов'язковий для парсингу?", "Ні"),
    ("do i have to use scrapy for scraping?", "No"),
    ("is django rest framework built into django?", "No"),
    ("is tornado from facebook?", "No"),
    ("pinterest uses django?", "Yes"),
])
def test_paraphrases_keep_their_polarity(engine: Engine, text: str, verdict: str) -> None:
    assert opens(ask(engine, text), verdict)


@pytest.mark.parametrize(("text", "first"), [
    ("можна на aiohttp підняти сервер, чи це тільки клієнт?", "Так"),  # the first half
    ("aiohttp is only an http client?", "No"),
    ("does bottle have a server?", "Yes"),                          # its own one
])
def test_a_server_or_only_a_client(engine: Engine, text: str, first: str) -> None:
    assert ask(engine, text).reply.startswith(first)


@pytest.mark.parametrize(("text", "first"), [
    ("черріпай це якийсь новий фреймворк?", "Ні"),   # 2002
    ("is litestar new?", "Yes"),                      # 2021, as Starlite
    ("кварт тепер у pallets?", "Так"),               # the keeper, named
    ("scrapy is built on asyncio, not twisted", "No"),  # the subject stays in
])
def test_age_keepers_and_bases_claimed(engine: Engine, text: str, first: str) -> None:
    assert ask(engine, text).reply.startswith(first)


def test_a_framework_of_middle_age_gets_its_year_and_no_verdict(engine: Engine) -> None:
    reply = ask(engine, "is fastapi new?")
    assert "2018" in reply.reply and not reply.reply.startswith(("Yes", "No"))


def test_a_new_project_is_no_claim_of_age(engine: Engine) -> None:
    assert "2010" not in ask(engine, "flask для нового проєкту норм?").reply


@pytest.mark.parametrize("text", ["друг каже, що фласк не можна в продакшн, це правда?",
                                  "фласк не можна в продакшн?"])
def test_a_not_after_a_name_in_a_yes_no_question_is_the_claim(engine: Engine, text: str) -> None:
    """Said as a question, "фласк не можна ..." claims something of Flask to check; it
    does not rule Flask out of a recommendation."""
    reply = ask(engine, text)
    assert reply.reply.startswith("Ні") and "Gunicorn" in reply.reply
    assert reply.frameworks[:1] == ("flask",)


def test_a_not_after_names_still_rules_them_out_when_others_are_asked_for(
        engine: Engine) -> None:
    reply = ask(engine, "django is not an option, which framework for a blog then?")
    assert "django" not in reply.frameworks


def test_compatible_with_flask_is_the_api_it_redoes(engine: Engine) -> None:
    reply = ask(engine, "кварт сумісний з апішкою фласку?")
    assert reply.reply.startswith("Так") and reply.frameworks[0] == "quart"


@pytest.mark.parametrize(("text", "first"), [
    ("asyncio uses all CPU cores automatically, right?", "No"),
    ("GIL є в усіх реалізаціях пайтона, навіть jython?", "Ні"),
    ("GIL не дає потокам виконувати пайтонівський код паралельно, я правильно розумію?", "Так"),
])
def test_myths_of_async_threads_and_the_gil(engine: Engine, text: str, first: str) -> None:
    assert ask(engine, text).reply.startswith(first)


@pytest.mark.parametrize(("text", "first"), [
    ("твістед побудований на asyncio, правда?", "Ні"),   # its own reactor, and older
    ("pyside6 це ж від Riverbank, так?", "Ні"),          # The Qt Company's (PyQt is Riverbank's)
    ("textual то від мікрософту?", "Ні"),
])
def test_what_it_is_built_on_and_who_makes_it(engine: Engine, text: str, first: str) -> None:
    assert ask(engine, text).reply.startswith(first)


@pytest.mark.parametrize(("text", "first", "says"), [
    ("джанго рест фреймворк це частина самого джанго, так?", "Ні", "окремий пакет"),
    ("джанго працює тільки з постгресом?", "Ні", "SQLite"),
    ("фласковий дев-сервер не для продакшну, правда?", "Так", "flask run"),
])
def test_claims_of_parts_databases_and_the_dev_server(engine: Engine, text: str, first: str,
                                                      says: str) -> None:
    reply = ask(engine, text)
    assert reply.reply.startswith(first) and says in reply.reply


@pytest.mark.parametrize(("text", "first"), [
    ("Kivy uses native Android widgets, is that so?", "No"),        # it draws its own
    ("does textual open a native desktop window?", "No"),           # a terminal UI
    ("does Dash require me to write React code?", "No"),            # Python only
    ("is dash ok if i dont know any react", "Yes"),
    ("bottle has no deps outside the standard library, is that right?", "Yes"),
    ("flask has no dependencies?", "No"),
])
def test_claims_a_wrong_yes_was_given_to(engine: Engine, text: str, first: str) -> None:
    assert ask(engine, text).reply.startswith(first)
