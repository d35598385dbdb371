"""Follow-ups of the seventh round: what a follow-up refers to, kept in the session.

"Which of them has X" picks the one that has it, by the fact, in any case of
"який" ("в якого з них є адмінка?") and with a comparison ("а швидший з них
який?"); the one picked is then "it".
"""

from __future__ import annotations

import pytest
from asking import talk

from fwbot.engine import Engine
from fwbot.reply import Session


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_which_of_them_has_picks_the_one_that_has_it(engine: Engine) -> None:
    r = talk(engine, "що краще вчити першим, фласк чи джанго?", "а в якого з них є адмінка?")
    assert r.frameworks[0] == "django" and "адмінк" in r.reply
    r = talk(engine, "flask or django?", "which of them has an admin panel?")
    assert r.frameworks[0] == "django"


def test_the_one_picked_is_it_afterwards(engine: Engine) -> None:
    r = talk(engine, "фласк чи джанго?", "а в якого з них є адмінка?", "а вона безкоштовна?")
    assert r.frameworks == ("django",) and r.reply.startswith("Так")


def test_a_comparison_of_them_picks_by_the_trait(engine: Engine) -> None:
    r = talk(engine, "django чи fastapi для апі?", "а швидший з них який?")
    assert r.frameworks[0] == "fastapi"
    r = talk(engine, "flask or fastapi?", "and the faster of the two?")
    assert r.frameworks[0] == "fastapi"


def test_a_phrase_with_it_inside_asks_of_the_framework_in_view(engine: Engine) -> None:
    r = talk(engine, "що таке streamlit?", "а хто його зараз підтримує?")
    assert r.frameworks == ("streamlit",) and "Snowflake" in r.reply
    r = talk(engine, "fastapi чи django для апі?", "а хто його зробив?")
    assert r.frameworks == ("fastapi",) and "Рамірес" in r.reply


def test_since_which_version_is_asked_of_the_last_answer(engine: Engine) -> None:
    r = talk(engine, "джанго підтримує асинхронні в'юхи?", "з якої версії?")
    assert "3.1" in r.reply and not r.reply.startswith("Так")
    r = talk(engine, "does django support async views?", "since which version?")
    assert "3.1" in r.reply


def test_a_yes_no_follow_up_naming_nothing_is_of_the_framework_in_view(engine: Engine) -> None:
    r = talk(engine, "що таке textual?", "а в браузері може працювати?")
    assert r.frameworks == ("textual",) and r.reply.startswith("Так")
    r = talk(engine, "що таке dash?", "а js треба знати?")
    assert r.frameworks == ("dash",) and r.reply.startswith("Ні")


def test_a_question_asking_two_things_answers_both(engine: Engine) -> None:
    r = talk(engine, "хто створив джанго і коли?")
    assert "Головаті" in r.reply and "2005" in r.reply
    r = talk(engine, "who created fastapi and when?")
    assert "Ramírez" in r.reply and "2018" in r.reply
    r = talk(engine, "яка ліцензія у streamlit і яка компанія його купила?")
    assert "Apache" in r.reply and "Snowflake" in r.reply


def test_the_company_that_maintains_it_is_its_maker(engine: Engine) -> None:
    assert "Zyte" in talk(engine, "яка компанія зараз підтримує scrapy?").reply
    assert "Zyte" in talk(engine, "which company maintains scrapy now?").reply


def test_a_concept_asked_of_the_framework_in_view(engine: Engine) -> None:
    r = talk(engine, "tell me about tornado", "does it still have its own event loop or is it "
             "asyncio now?")
    assert r.frameworks == ("tornado",) and "asyncio" in r.reply
    r = talk(engine, "what about fastapi?", "and if i call requests inside an async endpoint?")
    assert "httpx" in r.reply and "event loop" in r.reply


def test_is_it_good_for_with_it_is_a_fit_of_the_framework_in_view(engine: Engine) -> None:
    r = talk(engine, "what is streamlit?", "is it good for an internal dashboard with 10 users?")
    assert r.frameworks == ("streamlit",) and r.reply.startswith("Yes")


def test_is_it_one_of_yours_after_tools_outside_the_list(engine: Engine) -> None:
    r = talk(engine, "синові 12, хоче робити ігри на пайтоні",
             "а це один з фреймворків, які ти порівнюєш?")
    assert r.reply.startswith("Ні") and "pygame" in r.reply


def test_the_same_job_with_another_framework(engine: Engine) -> None:
    first = talk(engine, "I have a flask app and must host it on a Windows Server")
    assert "Waitress" in first.reply
    r = talk(engine, "I have a flask app and must host it on a Windows Server",
             "why not gunicorn?", "ok and for a fastapi app on the same box?")
    assert r.frameworks == ("fastapi",) and "Uvicorn" in r.reply


def test_how_to_do_a_job_opens_with_no_yes(engine: Engine) -> None:
    r = talk(engine, "iis на windows server 2019, як підняти на ньому flask?")
    assert not r.reply.startswith("Так") and "Waitress" in r.reply


def test_all_in_python_refines_the_recommendation(engine: Engine) -> None:
    r = talk(engine, "шукаю фреймворк для диплому", "мобільний додаток",
             "хочу щоб виглядав нативно і на андроїд і на айос", "і все на пайтоні, без джави")
    assert r.frameworks[0] == "toga"


def test_why_not_a_plain_tool_says_what_the_pick_does(engine: Engine) -> None:
    r = talk(engine, "i need to collect data from websites, 100k pages following links",
             "why not just requests?")
    assert r.frameworks[0] == "scrapy" and "concurren" in r.reply


def test_no_html_or_javascript_refines_a_dashboard(engine: Engine) -> None:
    r = talk(engine, "help me choose a python framework", "it's for a dashboard",
             "I only know pandas, no html or javascript", "why?")
    assert "JavaScript" in r.reply and "django" not in r.frameworks


def test_does_it_do_a_job_outside_the_list_after_it_was_named(engine: Engine) -> None:
    r = talk(engine, "яким фреймворком парсити сайти?", "а js-сторінки він рендерить сам?")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "scrapy" and "Playwright" in r.reply
    r = talk(engine, "scrapy or requests+beautifulsoup for a few hundred pages?",
             "and if the site renders everything with javascript?")
    assert "Playwright" in r.reply and "django" not in r.frameworks


def test_a_listed_framework_that_does_a_job_outside_the_list(engine: Engine) -> None:
    r = talk(engine, "синові 12, хоче робити ігри на пайтоні",
             "а щось із твого списку для простих ігор на телефон?")
    assert r.frameworks[0] == "kivy" and "pygame" in r.reply
    r = talk(engine, "чи підійде kivy для гри на геймджем чи краще щось інше")
    assert r.reply.startswith("Так") and "pygame" in r.reply


def test_why_explains_the_recommendation_as_it_was_made(engine: Engine) -> None:
    r = talk(engine, "API для мікросервісу, тільки не django", "а ще без async, команда не вміє",
             "чому?")
    assert "django" not in r.frameworks and r.frameworks[0] == "flask"
    assert "місце 2" in r.reply


def test_was_it_called_otherwise_before(engine: Engine) -> None:
    r = talk(engine, "litestar це що?", "а раніше воно якось інакше називалось?")
    assert r.reply.startswith("Так") and "Starlite" in r.reply
    r = talk(engine, "tell me about django", "was it called something else before?")
    assert not r.reply.startswith(("Yes", "No"))  # its history names no earlier name


def test_the_first_one_after_a_comparison_is_the_first_named(engine: Engine) -> None:
    r = talk(engine, "django or fastapi for a mobile app api? i want swagger docs and async",
             "and for the operators admin panel, the first one then?")
    assert r.frameworks == ("django",) and r.reply.startswith("Yes")


def test_which_of_two_concepts_a_framework_uses(engine: Engine) -> None:
    r = talk(engine, "hey senior, what is wsgi?", "and asgi?", "which of the two does fastapi use?")
    assert r.frameworks == ("fastapi",) and "ASGI" in r.reply
    r = talk(engine, "що таке wsgi?", "а asgi?", "а який з них використовує django?")
    assert "WSGI і ASGI" in r.reply


def test_what_else_the_author_wrote(engine: Engine) -> None:
    r = talk(engine, "хто створив flask?", "а він ще щось відоме написав?")
    assert "Jinja2" in r.reply and "Werkzeug" in r.reply
    assert talk(engine, "фласк написав Гвідо ван Россум?").reply.startswith("Ні")


def test_which_of_them_has_a_feature_that_is_also_a_concept(engine: Engine) -> None:
    r = talk(engine, "flask or django?", "which of them has an orm?", "is it free?")
    assert r.frameworks == ("django",) and r.reply.startswith("Yes")


def test_who_maintains_it_now(engine: Engine) -> None:
    r = talk(engine, "що таке scrapy", "а хто його зараз розвиває?")
    assert "Zyte" in r.reply
    r = talk(engine, "tell me about scrapy", "who maintains it?")
    assert r.reply.startswith("Scrapy was created by Insophia and Mydeco") and "Zyte" in r.reply


def test_a_yes_no_question_and_a_wh_question_in_one(engine: Engine) -> None:
    r = talk(engine, "django", "чи є в ньому адмінка і яка ліцензія?")
    assert r.reply.startswith("Так") and "BSD" in r.reply
    r = talk(engine, "що таке fastapi?", "а він швидкий і хто його зробив?")
    assert "висока" in r.reply and "Рамірес" in r.reply


def test_a_language_named_in_a_follow_up_is_asked_of_the_framework(engine: Engine) -> None:
    r = talk(engine, "what is dash?", "and do I need to know javascript?")
    assert r.frameworks == ("dash",) and r.reply.startswith("No")


def test_is_it_faster_than_a_named_one_compares_it_with_that_one(engine: Engine) -> None:
    r = talk(engine, "що таке fastapi?", "and is it faster than flask?")
    assert r.reply.startswith("Yes. FastAPI is faster than Flask")
    r = talk(engine, "що таке flask?", "а він швидший за fastapi?")
    assert r.reply.startswith("Ні")


def test_popularity_names_the_package_alone(engine: Engine) -> None:
    r = talk(engine, "що таке fastapi?", "чи він ще підтримується?")
    assert "пакет fastapi був" in r.reply and "or pip install" not in r.reply


def test_which_of_them_is_lighter_is_the_one_without_dependencies() -> None:
    from fwbot.engine import Engine
    from fwbot.reply import Session
    engine, session = Engine.load(), Session()
    engine.reply(session, "bottle or flask for a raspberry pi zero?")
    reply = engine.reply(session, "which of them is lighter?")
    assert reply.frameworks[0] == "bottle" and "no dependencies" in reply.reply
    session = Session()
    engine.reply(session, "джанго вміє async?")
    assert "Channels" in engine.reply(session, "а для вебсокетів що треба?").reply
    session = Session()
    engine.reply(session, "що таке тога?")
    assert "Briefcase" in engine.reply(session, "а як зробити з неї інсталятор?").reply


def test_native_widgets_and_how_it_differs_as_follow_ups(engine: Engine) -> None:
    session = Session()
    engine.reply(session, "ківі для мобілок норм?")
    assert engine.reply(session, "а віджети там нативні?").reply.startswith("Ні")
    session = Session()
    engine.reply(session, "what is litestar?")
    reply = engine.reply(session, "how is it different from fastapi?")
    assert reply.intent == "compare" and set(reply.frameworks[:2]) == {"litestar", "fastapi"}


def test_why_after_a_yes_no_about_a_framework_says_what_it_is(engine: Engine) -> None:
    """"а чому?" after "а в фласка?" (no ORM): Flask is a microframework, which is why;
    no "nothing to explain"."""
    session = Session()
    engine.reply(session, "в джанго є орм?")
    engine.reply(session, "а в фласка?")
    reply = engine.reply(session, "а чому?")
    assert reply.frameworks[:1] == ("flask",) and "мікрофреймворк" in reply.reply
