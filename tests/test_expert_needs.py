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
