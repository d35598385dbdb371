"""Readings remembered with the part of the conversation they depended on.

Reading a message is most of what a reply costs (py-spy, the bench's load of
100 sessions that keep their state: 55 % of a reply), and a user's message is
nearly always one that was read before -- but in another conversation. A
Reading depends on the message, the language and the session fields the
readers looked at; a message such as "is django async?" looks only at whether
a wizard is open, so its Reading holds for every conversation without one,
while "and the second one?" looks at what was shown last.

So readers are given a :class:`Watch` in place of the session: it notes every
field read and a copy of its value. A list field (the frameworks of the last
answer, those shown) is handed out as a :class:`SeenList`, which notes how much
of it was looked at: "а він?" needs only the first framework, "which of them?"
whether there are two or more; the Reading then holds for every session whose
list agrees in that much (under the bench's load of 100 conversations: 80 % of
readings recalled with whole lists as keys, 83 % with these). The Reading is
kept with those fields and values, and it is used again for any session whose
fields are equal to them -- the same inputs to the same pure readers, the same
Reading. Keeping the whole session as the key instead hits nearly never: after
a first message the state (frameworks, the last five named, shown, wizard,
recommendation) is almost never met again (0.03 % of the bench's replies).

Readers only read the session (they get ``self`` and answer with a Reading;
the rules that answer it are the ones that change the session), which is what
makes this sound: a reader that assigned to the session through a Watch would
change nothing, and ``Watch.__setattr__`` refuses it.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from fwbot.meaning import Reading
from fwbot.reply import Lang, Session
from fwbot.understand import Analysis

# Distinct keys kept (message and language) before all are forgotten at once;
# the bound on memory whatever the users send.
SIZE = 8192
# Readings kept for one message under different conversation states.
VARIANTS = 4


def _copy(value: Any) -> Any:
    """A copy of a session field that a later change to the field leaves as it
    is: fields are None, strings, lists of strings and the wizard's and the
    recommendation's dicts of those (one level of lists inside)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return {k: list(v) if isinstance(v, list) else v for k, v in value.items()}
    return value


# How much of a list a reader looked at (SeenList.looked): bits.
TRUTH, LENGTH, FIRST, ALL = 1, 2, 4, 8


class SeenList:
    """A read-only copy of a session's list that notes how much of it is read:
    whether it is empty, its length, its first item, or (any other use) all of it.

    Not a list subclass on purpose: C code reads a list's items without calling
    its methods (``[1] + xs``, ``", ".join(xs)``); for any other type it must
    iterate, which notes ALL, or fail loudly.
    """

    __slots__ = ("items", "looked")

    def __init__(self, items: list[str]) -> None:
        self.items = list(items)
        self.looked = 0

    def __bool__(self) -> bool:
        self.looked |= TRUTH
        return bool(self.items)

    def __len__(self) -> int:
        self.looked |= LENGTH
        return len(self.items)

    def __getitem__(self, index: int | slice) -> Any:
        if index == 0 or (type(index) is slice and index.start in (None, 0)
                          and index.stop == 1 and index.step is None):
            self.looked |= FIRST
        else:
            self.looked |= ALL
        return self.items[index]  # a plain list for a slice

    def __iter__(self) -> Any:
        self.looked |= ALL
        return iter(self.items)

    def __contains__(self, item: object) -> bool:
        self.looked |= ALL
        return item in self.items

    def __eq__(self, other: object) -> bool:
        self.looked |= ALL
        return self.items == (other.items if isinstance(other, SeenList) else other)

    __hash__ = None  # type: ignore[assignment]  # unhashable, as the list it stands for

    def __getattr__(self, name: str) -> Any:  # index, count, copy, ...: all of it
        self.looked |= ALL
        return getattr(self.items, name)

    def key(self) -> Any:
        """What a session's list must agree in for a Reading read from this one."""
        return _looked_at(self.items, self.looked)


def _looked_at(items: list[str], looked: int) -> Any:
    """The part of ``items`` that ``looked`` says was read."""
    if looked & ALL:
        return list(items)
    return (len(items) if looked & LENGTH else -1,
            items[:1] if looked & FIRST else None,
            bool(items) if looked & TRUTH else None)


class Watch:
    """A session as the readers see it, noting each field they read."""

    __slots__ = ("_session", "seen")

    def __init__(self, session: Session) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "seen", {})

    def __getattr__(self, name: str) -> Any:
        seen: dict[str, Any] = self.seen
        if name in seen:
            value = seen[name]
            return value if type(value) is SeenList else getattr(self._session, name)
        value = getattr(self._session, name)
        if type(value) is list:
            value = seen[name] = SeenList(value)
        else:
            seen[name] = _copy(value)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"readers do not change the session (tried {name!r})")


# One kept Reading: the fields' getter (None: none read), their values, the reader's name.
Kept = tuple[Callable[[Session], Any] | None, Any, str, Reading]


def _partial_getter(fields: tuple[str, ...], looks: tuple[int, ...],
                    ) -> Callable[[Session], Any]:
    """A session's values of ``fields``, each list in as much as ``looks`` says
    was read (-1: the field as it is)."""
    pairs = tuple(zip(fields, looks, strict=True))

    def values(session: Session) -> Any:
        return tuple(getattr(session, f) if look < 0 else _looked_at(getattr(session, f), look)
                     for f, look in pairs)

    return values


class Recall:
    """Readings by message, language and the session fields they depended on."""

    def __init__(self) -> None:
        # (id of the analysis, language) -> (the analysis, kept Readings)
        self._kept: dict[tuple[int, Lang], tuple[Analysis, list[Kept]]] = {}

    def get(self, session: Session, a: Analysis, lang: Lang) -> tuple[Reading, str] | None:
        """The Reading kept for this message in a session like this one, if any."""
        hit = self._kept.get((id(a), lang))
        if hit is None or hit[0] is not a:  # another analysis under a reused id
            return None
        for getter, values, name, reading in hit[1]:
            if getter is None or getter(session) == values:
                return reading, name
        return None

    def keep(self, watch: Watch, a: Analysis, lang: Lang, reading: Reading,
             name: str) -> None:
        """Keep ``reading``, valid wherever the fields ``watch`` saw are equal (a
        list's, in as much of it as was read)."""
        seen = watch.seen
        getter: Callable[[Session], Any] | None
        if not seen:
            getter, values = None, None
        elif any(type(v) is SeenList for v in seen.values()):
            held: tuple[Any, ...] = reading
            if any(type(v) is SeenList for v in held):
                return  # a list handed on as it is: the Reading holds it all (never kept)
            fields = tuple(seen)
            looks = tuple(v.looked if type(v) is SeenList else -1 for v in seen.values())
            values = tuple(v.key() if type(v) is SeenList else v for v in seen.values())
            getter = _partial_getter(fields, looks)
        else:
            fields = tuple(seen)
            getter = attrgetter(*fields)
            values = seen[fields[0]] if len(fields) == 1 else tuple(seen.values())
        key = (id(a), lang)
        hit = self._kept.get(key)
        if hit is None or hit[0] is not a:
            if len(self._kept) >= SIZE:
                self._kept.clear()
            hit = (a, [])  # the analysis is held: its id stays unique
            self._kept[key] = hit
        variants = hit[1]
        if len(variants) >= VARIANTS:
            del variants[0]
        variants.append((getter, values, name, reading))

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)
