"""Readings remembered with the part of the conversation they depended on.

Reading a message is most of what a reply costs (py-spy, the bench's load of
100 sessions that keep their state: 55 % of a reply), and a user's message is
nearly always one that was read before -- but in another conversation. A
Reading depends on the message, the language and the session fields the
readers looked at; a message such as "is django async?" looks only at whether
a wizard is open, so its Reading holds for every conversation without one,
while "and the second one?" looks at what was shown last.

So readers are given a :class:`Watch` in place of the session: it notes every
field read and a copy of its value. The Reading is kept with those fields and
values, and it is used again for any session whose fields are equal to them
-- the same inputs to the same pure readers, the same Reading. Keeping the
whole session as the key instead hits nearly never: after a first message the
state (frameworks, the last five named, shown, wizard, recommendation) is
almost never met again (0.03 % of the bench's replies).

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


class Watch:
    """A session as the readers see it, noting each field they read."""

    __slots__ = ("_session", "seen")

    def __init__(self, session: Session) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "seen", {})

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._session, name)
        seen: dict[str, Any] = self.seen
        if name not in seen:
            seen[name] = _copy(value)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"readers do not change the session (tried {name!r})")


# One kept Reading: the fields' getter (None: none read), their values, the reader's name.
Kept = tuple[Callable[[Session], Any] | None, Any, str, Reading]


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
        """Keep ``reading``, valid wherever the fields ``watch`` saw are equal."""
        seen = watch.seen
        if seen:
            fields = tuple(seen)
            getter: Callable[[Session], Any] | None = attrgetter(*fields)
            values = seen[fields[0]] if len(fields) == 1 else tuple(seen.values())
        else:
            getter, values = None, None
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
