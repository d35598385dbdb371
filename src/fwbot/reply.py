"""The values every door exchanges with the engine: a Session and a Reply.

They are plain data, so a door can keep a Session for as long as it likes
(per connection, per HTTP session id) and an engine reload can swap the
knowledge under it without losing the conversation. ``Answered`` (what a
rating points at) and the two small rules about a session every layer
above needs (``user_lang``, ``blank``) live here too, so the conversation
layer (``fwbot.conversation``) needs nothing that imports Twisted.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Lang = Literal["uk", "en"]
LANGS: tuple[Lang, ...] = ("uk", "en")

# The two ratings an answer can get (``/rate up|down``, ``"rating": "up"|"down"``).
RATINGS: tuple[str, ...] = ("up", "down")

INTENTS: tuple[str, ...] = (
    "greet", "help", "bye", "thanks", "list", "describe", "attribute", "compare",
    "recommend", "explain", "filter", "python", "criteria", "unknown", "fit", "related", "concept",
)


@dataclass
class Session:
    """What the engine remembers about one conversation.

    ``lang`` is the language fixed with ``/lang`` (None: follow each message);
    ``last_lang`` is the language of the last answer, used for messages whose
    language cannot be told (a bare "ok?"). ``answered`` is the last answer,
    the one a rating refers to: the conversation layer sets it, the engine
    never reads it, and it lives here so that every door and the session
    store share it (a page may ask over its WebSocket and rate over HTTP).
    """

    lang: Lang | None = None
    last_lang: Lang = "en"
    frameworks: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # the last answer's frameworks, in order
    concepts: list[str] = field(default_factory=list)  # the concepts last explained
    intent: str | None = None
    attribute: str | None = None
    feature: str | None = None  # the declared feature last answered ("sessions"): "and bottle?"
    recommendation: dict[str, Any] | None = None
    wizard: dict[str, Any] | None = None
    turns: int = 0
    answered: Answered | None = None
    # The last question the engine answered (not a command, not "are you sure?"):
    # "are you sure?" answers it again.
    asked: str | None = None

    def reset(self) -> None:
        """Forget the conversation but keep a language the user chose.

        In place, with every field from a fresh Session: the door keeps this
        object, and a field added later is reset without being listed here.
        """
        vars(self).update(vars(type(self)(lang=self.lang)))


# A JSON string's characters that json.dumps(ensure_ascii=False) writes as they are.
_AS_IS = re.compile(r'[^\x00-\x1f"\\]*')


@dataclass(frozen=True)
class Reply:
    """One answer; the same fields go out through every door: ``reply``
    in ``protocols/websocket.schema.json`` and ``Reply`` in ``protocols/openapi.yaml``.

    ``close`` is not part of the wire format: it tells a door the user asked
    to end the session (``/quit``), so the door can say goodbye and hang up.

    Answers are memoised and one Reply goes to many users, so it must not
    change once built: ``frameworks`` and ``suggestions`` are stored as
    tuples whatever sequence is passed, and ``details`` is read-only by
    contract (doors only serialise it).
    """

    reply: str
    intent: str
    lang: Lang
    frameworks: Sequence[str] = ()  # a tuple once built
    suggestions: Sequence[str] = ()  # a tuple once built
    details: dict[str, Any] = field(default_factory=dict)
    close: bool = False

    def __init__(self, reply: str, intent: str, lang: Lang, frameworks: Sequence[str] = (),
                 suggestions: Sequence[str] = (), details: dict[str, Any] | None = None,
                 close: bool = False) -> None:
        # Written out (dataclass keeps an __init__ the class defines): the generated
        # one sets each field through object.__setattr__, twice as slow, and every
        # answer builds two Replies. tests/test_reply.py holds it to the fields.
        vars(self).update(
            reply=reply, intent=intent, lang=lang,
            frameworks=frameworks if type(frameworks) is tuple else tuple(frameworks),
            suggestions=suggestions if type(suggestions) is tuple else tuple(suggestions),
            details={} if details is None else details, close=close)

    @staticmethod
    def member(name: str, value: Any) -> bytes:
        """One encoded JSON member, ``"name":value``, for :meth:`wire`.

        Every HTTP answer adds its session id this way. A string with nothing
        JSON escapes (with ``ensure_ascii=False``: no quote, backslash or
        control character) -- every session id -- is quoted directly:
        ``json.dumps`` with options builds a new encoder at each call.
        """
        if type(value) is str and _AS_IS.fullmatch(value) and _AS_IS.fullmatch(name):
            return f'"{name}":"{value}"'.encode()
        return json.dumps({name: value}, ensure_ascii=False, separators=(",", ":"))[1:-1].encode(
            "utf-8")

    @cached_property
    def wire_fields(self) -> bytes:
        """The JSON members of :meth:`to_dict`, without the braces, encoded once.

        Answers are memoised and shared, so the same Reply goes to many
        users; each door wraps these bytes with its own members (``type``,
        ``session``) instead of encoding the whole answer again.
        """
        body = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return body[1:-1].encode("utf-8")

    def rendered(self, door: str, render: Callable[[Reply], bytes]) -> bytes:
        """``render(self)``, made once per door and kept with this reply.

        The same memoised Reply goes to many users; a door that sends it in a
        form of its own (the line door's text lines with the prompt) builds
        those bytes for the first user only.
        """
        made: dict[str, bytes] = self.__dict__.setdefault("_rendered", {})
        hit = made.get(door)
        if hit is None:
            hit = made[door] = render(self)
        return hit

    def wire(self, head: bytes = b"", tail: bytes = b"") -> bytes:
        """A JSON object: the encoded members ``head``, this reply's fields, then ``tail``."""
        # filter(): the members given, without a comprehension's frame (every answer).
        return b"{" + b",".join(filter(None, (head, self.wire_fields, tail))) + b"}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready wire form (without the door-only ``close`` flag)."""
        return {
            "reply": self.reply,
            "intent": self.intent,
            "lang": self.lang,
            "frameworks": list(self.frameworks),
            "suggestions": list(self.suggestions),
            "details": self.details,
        }


def user_lang(session: Session) -> Lang:
    """The language to speak to this user in when the engine is not asked."""
    return session.lang or session.last_lang


def blank(text: str) -> bool:
    """True if ``text`` has nothing but whitespace -- Python's or JSON Schema's.

    The contracts say ``"pattern": "[^\\s\\x1c-\\x1f\\x85]"``: Python strips
    \\x1c-\\x1f and \\x85, ECMA-262 regexes also count U+FEFF as space.
    """
    return not text.replace("\ufeff", "").strip()


# Which answer a rating is about: unique across restarts (a random prefix per
# process), cheap per answer (a counter; the text is built only when rated).
_PROCESS = secrets.token_hex(6)
_serials = itertools.count(1)


@dataclass(frozen=True)
class Answered:
    """What a rating points at: one answer a conversation got.

    ``serial`` tells this answer from every other, even one with the same
    text, so rating it again replaces its rating instead of adding one.
    """

    intent: str
    lang: Lang
    text: str
    serial: int = field(default_factory=lambda: next(_serials), compare=False)

    @classmethod
    def of(cls, reply: Reply) -> Answered:
        """Remember the answer; hashing waits until somebody rates it (most never do).

        Every answer makes one, so its fields go in with one update of its
        ``__dict__``, as ``Reply.__init__`` does, instead of the frozen
        dataclass's ``object.__setattr__`` per field (tests/test_reply.py
        holds it equal to the generated ``__init__``).
        """
        answered = cls.__new__(cls)
        vars(answered).update(intent=reply.intent, lang=reply.lang, text=reply.reply,
                              serial=next(_serials))
        return answered

    @property
    def reply_sha(self) -> str:
        """What the ratings table stores: which answer, without keeping its text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def key(self) -> str:
        """The ratings table's ``answer``: at most one row per answer."""
        return f"{_PROCESS}:{self.serial}"
