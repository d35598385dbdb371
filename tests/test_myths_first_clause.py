"""Myths said with who says them, and myths the frameworks' own facts settle.

"flask can't scale, everyone on reddit says use django" is a claim about Flask
in its first clause; the rest is hearsay and names Django only as the advice.
"джанго не тягне великі навантаження" and "для dash треба знати react" are
false, and the reply says why.
"""

from __future__ import annotations

from asking import ask

from fwbot.engine import Engine


def test_a_myth_in_the_first_clause_with_hearsay_after_it(engine: Engine) -> None:
    r = ask(engine, "flask can't scale, everyone on reddit says use django for anything "
                    "serious. true?")
    assert r.reply.startswith("No") and "Gunicorn" in r.reply
    assert list(r.frameworks) == ["flask"]


def test_django_under_heavy_load(engine: Engine) -> None:
    r = ask(engine, "джанго повільний і не тягне великі навантаження, так?")
    assert r.reply.startswith("Ні") and "Instagram" in r.reply


def test_dash_needs_no_react(engine: Engine) -> None:
    r = ask(engine, "для dash треба знати react щоб ним користуватись")
    assert r.reply.startswith("Ні.") and "Python" in r.reply
    assert r.reply.count("Ні") == 1
    assert ask(engine, "do i need to know react for dash?").reply.startswith("No")
