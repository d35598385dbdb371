"""``ask``: one message to the engine in a fresh session (the engine tests' helper;
the ``engine`` fixture is conftest's)."""

from __future__ import annotations

from fwbot.engine import Engine
from fwbot.reply import Reply, Session


def ask(engine: Engine, text: str) -> Reply:
    """The engine's reply to ``text`` with no conversation before it."""
    return engine.reply(Session(), text)


def talk(engine: Engine, *texts: str) -> Reply:
    """The engine's reply to the last of ``texts``, said in turn in one conversation."""
    session = Session()
    reply = engine.reply(session, texts[0])
    for text in texts[1:]:
        reply = engine.reply(session, text)
    return reply
