"""A stand-in engine for door unit tests.

Door tests check framing, limits and wire shapes, not answers, so they run
against this small deterministic engine instead of the real knowledge base.
Its door texts come from the real ``data/messages.yaml``, so a key a door
needs but the file lacks fails the door tests too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fwbot.reply import Reply, Session

MESSAGES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "messages.yaml").read_text("utf-8"))

FRAMEWORKS = {
    "django": {"id": "django", "name": "Django", "kind": "fullstack"},
    "flask": {"id": "flask", "name": "Flask", "kind": "micro"},
}


class FakeEngine:
    """Echoes questions; knows /quit, /lang and /reset; counts turns."""

    def __init__(self, tag: str = "fake") -> None:
        self.tag = tag
        self.seen: list[str] = []

    def reply(self, session: Session, text: str) -> Reply:
        self.seen.append(text)
        session.turns += 1
        lang = session.lang or ("uk" if any("а" <= c <= "я" for c in text.lower()) else "en")
        session.last_lang = lang
        if text == "/quit":
            return Reply(reply="bye", intent="bye", lang=lang, close=True)
        if text.startswith("/lang "):
            session.lang = text.split()[1]  # type: ignore[assignment]
            return Reply(reply=f"lang {session.lang}", intent="help", lang=session.lang)
        if text == "/reset":
            session.reset()
            return Reply(reply="reset", intent="help", lang=lang)
        if text == "boom":
            raise RuntimeError("engine bug")
        frameworks = [f for f in FRAMEWORKS if f in text.lower()]
        return Reply(reply=f"{self.tag}: {text} (turn {session.turns})",
                     intent="describe" if frameworks else "unknown", lang=lang,
                     frameworks=frameworks, suggestions=["Is it async?"] if frameworks else [])

    def text(self, key: str, lang: str, **kw: Any) -> str:
        return MESSAGES[key][lang].format(**kw)

    def greeting(self) -> str:
        return f"{MESSAGES['greeting']['uk']}\n{MESSAGES['greeting']['en']}"

    def framework_list(self, lang: str) -> list[dict[str, Any]]:
        return [dict(card, lang=lang) for card in FRAMEWORKS.values()]

    def framework_card(self, framework_id: str, lang: str) -> dict[str, Any] | None:
        card = FRAMEWORKS.get(framework_id)
        return None if card is None else dict(card, lang=lang)


class FakeFeedback:
    """An in-memory feedback store; ``hold`` keeps Deferreds unfired to test ordering."""

    def __init__(self, hold: bool = False) -> None:
        from twisted.internet.defer import Deferred

        self.hold = hold
        self.ratings: list[tuple[str, Any, str, str | None]] = []
        self.unknown: list[tuple[str, str, str]] = []
        self.waiting: list[Deferred[int]] = []

    def rate(self, door: str, answered: Any, rating: str, comment: str | None = None) -> Any:
        from twisted.internet.defer import Deferred, succeed

        self.ratings.append((door, answered, rating, comment))
        if self.hold:
            d: Deferred[int] = Deferred()
            self.waiting.append(d)
            return d
        return succeed(len(self.ratings))

    def unanswered(self, door: str, lang: str, question: str) -> Any:
        from twisted.internet.defer import succeed

        self.unknown.append((door, lang, question))
        return succeed(len(self.unknown))

    def report(self, top: int = 20) -> Any:
        from twisted.internet.defer import succeed

        return succeed({"unanswered": [], "unanswered_total": len(self.unknown),
                        "ratings": []})
