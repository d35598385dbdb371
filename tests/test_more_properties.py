"""Claims about Kivy's drawing and KV language, Textual's colours and mouse, Quart's
Flask compatibility: settled by each framework's declared properties, not with
"I have no checked fact"."""

from __future__ import annotations

import pytest

from fwbot.engine import Engine
from fwbot.reply import Session


@pytest.mark.parametrize(("text", "opens", "says"), [
    ("у ківі віджети малюються через opengl, так?", "Так.", "OpenGL ES"),
    ("у ківі є своя мова розмітки kv?", "Так.", ".kv"),
    ("textual can only do plain text, no mouse or colors", "No.", "mouse support"),
    ("does textual support the mouse?", "Yes.", "mouse support"),
    ("is quart compatible with flask?", "Yes.", "async/await"),
])
def test_declared_properties(engine: Engine, text: str, opens: str, says: str) -> None:
    r = engine.reply(Session(), text)
    assert r.reply.startswith(opens) and says in r.reply
    assert r.reply.count("Так") + r.reply.count("Yes") + r.reply.count("No.") <= 1
