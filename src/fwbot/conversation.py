"""One conversation as every door sees it: events in, events out, no I/O.

In the spirit of h11 (a sans-IO HTTP library), this layer knows what a
conversation's events mean and nothing of bytes, sockets or the reactor.
A door is a codec: it turns its bytes into events by calling a method of
its :class:`Conversation` --

- ``admit()``: a message arrived; is it within the rate?
- ``say(text)``: a line of text, which may be a command (the line door);
- ``quit()``: the user ends the session without a command (Ctrl-D);
- ``ask(text, lang)``: a question, optionally fixing the language first;
- ``set_lang(lang)``: the language, as its own message (WebSocket ``lang``);
- ``rate(rating, comment)``: a rating of the last answer, then ``rated`` or
  ``not_rated`` once the door has stored it (storing is I/O);
- ``resume(session)``: another conversation of the session store goes on here;
- ``decline(code)``: the door could not read a message (bad framing, bad JSON);

-- and turns what comes back into bytes: a :class:`~fwbot.reply.Reply` (an
answer; ``close`` when the user asked to end the session), a
:class:`Refusal` (a declared door text in the user's language, counted),
a :class:`SlowDown` (over the rate: stop reading a while, warned once per
burst), a :class:`Store` (a valid rating for the door to store), a
:class:`Rated` (it is stored).

Every rule here holds on every door; where a door differs it is because
its contract in ``protocols/`` says so, and the difference is a parameter
named after that contract: ``/rate`` is a text command on the line door
only (``line.md``; ``text_ratings``), and a bad rating is worded as a
command's usage there but as an ``invalid_field`` in JSON (``as_text``).
The commands ``/help``, ``/lang``, ``/reset`` and ``/quit`` are answered
by the engine (``Engine.reply``, wording in ``answers.yaml``): this layer
routes them and their JSON equivalents there, so the engine's own
bookkeeping of a turn (its language, its intent) stays one code path.

No Twisted here: the bot is anything with :class:`BotLike`'s methods,
tests drive this layer with plain calls (``tests/test_conversation.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from fwbot.reply import LANGS, RATINGS, Answered, Lang, Reply, Session, blank


class _Limits(Protocol):
    @property
    def rating_comment_chars(self) -> int: ...


class _Metrics(Protocol):
    def error(self, door: str, code: str) -> None: ...


class _Greeter(Protocol):
    def greeting(self) -> str: ...


class BotLike(Protocol):
    """What the layer asks of ``fwbot.service.Bot``: answers, texts, decisions."""

    @property
    def limits(self) -> _Limits: ...
    @property
    def metrics(self) -> _Metrics: ...
    @property
    def engine(self) -> _Greeter: ...
    def ask(self, door: str, session: Session, text: str, throttle: Any = None) -> Reply: ...
    def text(self, key: str, lang: str, **kw: Any) -> str: ...
    def session_wait(self, host: str | None) -> float: ...


class ThrottleLike(Protocol):
    """A message rate limit (``fwbot.doors.ratelimit.Throttle``)."""

    def take(self) -> bool: ...
    def wait(self) -> float: ...


@dataclass(frozen=True, slots=True)
class Refusal:
    """A message refused: ``code`` is a declared door text (``fwbot.texts``) and the
    wire's error code, ``message`` that text in the user's language."""

    code: str
    message: str
    retry_after: int | None = None  # whole seconds, when the contract says when to retry


@dataclass(frozen=True, slots=True)
class SlowDown:
    """Over a rate: read nothing from this client for ``wait`` seconds.

    ``warning`` is the ``rate_limited`` refusal to send, or None when this
    burst was already told: a flood gets one warning, not one a message.
    """

    wait: float
    warning: Refusal | None


@dataclass(frozen=True, slots=True)
class Store:
    """A valid rating of ``answered``: the door stores it, then calls ``rated`` or
    ``not_rated`` with what the store said."""

    answered: Answered
    rating: str
    comment: str | None


@dataclass(frozen=True, slots=True)
class Rated:
    """A rating committed to the feedback database as row ``id``; ``message`` is the
    thanks in the user's language (the line door says it)."""

    rating: str
    id: int
    message: str


# The other words of a text rating (``line.md``); a text command's words are
# case-insensitive, a JSON field's value is exact (its schema's enum).
TEXT_RATINGS = {"+": "up", "-": "down", "👍": "up", "👎": "down"}


class Conversation:
    """The state of one conversation a door carries, and the rules of its events.

    ``session`` is what the engine remembers, and ``session.answered`` the
    answer a rating refers to. ``throttle`` is the message rate limit of
    this connection (or HTTP request), ``host`` the client's address (the
    per-address limits), ``new`` says the session is not stored yet (its
    first question is counted per address: ``--session-rate``), and ``lang``
    is the language of refusals until the user has one (an HTTP request's
    ``Accept-Language``).
    """

    __slots__ = ("_lang", "bot", "door", "host", "new", "session", "text_ratings", "throttle",
                 "warned")

    def __init__(self, bot: BotLike, door: str, session: Session,
                 throttle: ThrottleLike | None = None, host: str | None = None, *,
                 new: bool = False, lang: Lang | None = None,
                 text_ratings: bool = False) -> None:
        self.bot = bot
        self.door = door
        self.session = session
        self.throttle = throttle
        self.host = host
        self.new = new
        self._lang = lang
        self.text_ratings = text_ratings
        self.warned = False  # told "slow down" since the last message that passed

    @property
    def lang(self) -> Lang:
        """The language to refuse in: the user's, else the one the door was told."""
        session = self.session
        return session.lang or self._lang or session.last_lang

    def greeting(self) -> str:
        """The bilingual hello a new conversation sees."""
        return self.bot.engine.greeting()

    # -- refusals and the rate ------------------------------------------------

    def tell(self, code: str, **kw: Any) -> str:
        """A door text in the user's language (a goodbye, an "I am here")."""
        return self.bot.text(code, self.lang, **kw)

    def decline(self, code: str, retry_after: int | None = None, **kw: Any) -> Refusal:
        """Refuse a message with the door text ``code`` in the user's language, counted."""
        return self._refuse(code, None, retry_after, **kw)

    def _refuse(self, code: str, lang: Lang | None, retry_after: int | None = None,
                **kw: Any) -> Refusal:
        """``decline`` in ``lang`` when the message itself asked for one, else the user's."""
        self.bot.metrics.error(self.door, code)
        return Refusal(code, self.bot.text(code, lang or self.lang, **kw), retry_after)

    def admit(self) -> SlowDown | None:
        """A message arrived: None if it is within the rate (a token is spent), else how
        long to stop reading -- with a warning once per burst."""
        throttle = self.throttle
        if throttle is None:
            return None
        if not throttle.take():
            return self._over(throttle.wait())
        if self.warned and not throttle.wait():
            # Below its rate again, not riding the edge of it: a later burst gets
            # its own warning, a flood read on at the rate does not.
            self.warned = False
        return None

    def holding(self) -> float:
        """Seconds to wait before even reading the next message (0: read it).

        A client told to slow down that still has no token is held before
        its next message is parsed, so what a flood sent is answered at the
        rate rather than skipped message by message.
        """
        if not self.warned or self.throttle is None:
            return 0.0
        return self.throttle.wait()

    def _over(self, wait: float, lang: Lang | None = None) -> SlowDown:
        warning = None
        if not self.warned:
            self.warned = True
            warning = self._refuse("rate_limited", lang)
        return SlowDown(wait, warning)

    # -- messages -------------------------------------------------------------

    def say(self, text: str) -> Reply | Refusal | Store:
        """A line of text, already framed (stripped, not blank): a ``/rate`` where the
        door's contract has that command, else a question or a command for the engine."""
        if self.text_ratings and text[:1] == "/" and text[:5].lower() == "/rate" and (
                len(text) == 5 or text[5].isspace()):
            parts = text.split(maxsplit=2)
            word = parts[1].lower() if len(parts) > 1 else ""
            return self.rate(TEXT_RATINGS.get(word, word), parts[2] if len(parts) > 2 else None,
                             as_text=True)
        return self.answer(text)

    def quit(self) -> Reply:
        """The user ends the session (Ctrl-D on the line door): the ``/quit`` command."""
        return self.answer("/quit")

    def ask(self, text: Any, lang: Any = None) -> Reply | Refusal | SlowDown:
        """A question (``text`` as the wire gave it), in ``lang`` if one is given.

        ``lang`` fixes the session's language first, as ``/lang`` does -- once
        the ask is taken: an ask refused changes nothing, but its refusal is
        worded in the ``lang`` it asked for (``openapi.yaml``: "the request's
        ``lang``, else the session's language, else ``Accept-Language``").
        A session's first question stores it, which is limited per address.
        """
        if lang is not None and lang not in LANGS:
            return self.decline("invalid_field", field="lang")
        if not isinstance(text, str):
            return self._refuse("empty_text", lang)
        if "\ufeff" in text:
            if blank(text):
                return self._refuse("empty_text", lang)
            text = text.strip()
        else:  # ``blank`` is then ``not text.strip()``: strip once, for both
            text = text.strip()
            if not text:
                return self._refuse("empty_text", lang)
        if self.new:
            wait = self.bot.session_wait(self.host)
            if wait:
                return self._over(wait, lang)
            self.new = False
        if lang is not None:
            self.session.lang = lang
        return self.answer(text)

    def set_lang(self, lang: Any) -> Reply | Refusal | SlowDown:
        """The language as a message of its own: the ``/lang`` command for it."""
        if lang not in LANGS:
            return self.decline("invalid_field", field="lang")
        return self.ask(f"/lang {lang}")

    def answer(self, text: str) -> Reply:
        """The engine's answer to ``text``, which becomes the answer a rating refers to."""
        session = self.session
        reply = self.bot.ask(self.door, session, text, self.throttle)
        session.answered = Answered.of(reply)
        return reply

    # -- ratings --------------------------------------------------------------

    def rate(self, rating: Any, comment: Any, as_text: bool = False) -> Store | Refusal:
        """A rating of the last answer: valid, or refused as the door's contract words it.

        The rating is ``up`` or ``down``; the comment is absent or a string
        of at most ``--rating-comment-max`` characters (an empty one is
        none); and there must be an answer to rate. ``as_text``: it came as
        the ``/rate`` command (``line.md``), whose refusals are the
        command's usage and the comment's limit; in JSON (``websocket.md``,
        ``openapi.yaml``) they name the field that is wrong.
        """
        if rating not in RATINGS:
            return (self.decline("feedback_usage") if as_text
                    else self.decline("invalid_field", field="rating"))
        answered = self.session.answered
        if as_text and answered is None:  # the command's order: what to rate, then the comment
            return self.decline("nothing_to_rate")
        limit = self.bot.limits.rating_comment_chars
        if comment is not None and (not isinstance(comment, str) or len(comment) > limit):
            return (self.decline("comment_too_long", limit=limit) if as_text
                    else self.decline("invalid_field", field="comment"))
        if answered is None:
            return self.decline("nothing_to_rate")
        return Store(answered, rating, comment or None)

    def rated(self, store: Store, row_id: int) -> Rated:
        """The rating is committed."""
        return Rated(store.rating, row_id, self.tell("feedback_thanks"))

    def not_rated(self, code: str, retry_after: int | None = None) -> Refusal:
        """The store refused the rating (``rate_limited``, ``storage_full``,
        ``storage_unavailable``)."""
        return self.decline(code, retry_after)

    # -- sessions -------------------------------------------------------------

    def resume(self, session: Session) -> None:
        """Go on with ``session`` (a stored one, resumed by id) from here."""
        self.session = session
        self.new = False
