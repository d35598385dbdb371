""""What do I use instead?" right after a framework is said to lack a feature.

"чи є в flask orm?" is answered no, with what people add; the follow-up "а що
тоді використовувати?" asks for that add-on again, without the "no", and is no
new request for a framework (which would start the wizard from nothing).
"""

from __future__ import annotations

from fwbot.engine import Engine
from fwbot.reply import Session


def test_what_instead_of_a_missing_orm_names_its_library(engine: Engine) -> None:
    s = Session()
    assert engine.reply(s, "чи є в flask orm?").reply.startswith("Ні")
    r = engine.reply(s, "а що тоді використовувати?")
    assert list(r.frameworks) == ["flask"] and "SQLAlchemy" in r.reply
    assert not r.reply.startswith("Ні") and r.lang == "uk"
    r = engine.reply(s, "а міграції чим?")
    assert "Flask-Migrate" in r.reply


def test_english_instead_after_a_missing_admin(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "does fastapi have an admin?")
    r = engine.reply(s, "so what do i use instead?")
    assert list(r.frameworks) == ["fastapi"] and r.reply.startswith("FastAPI has no built-in admin")


def test_a_feature_the_framework_has_leaves_what_then_a_new_question(engine: Engine) -> None:
    s = Session()
    engine.reply(s, "does django have an orm?")
    r = engine.reply(s, "what should i use then?")
    assert r.intent != "attribute"
