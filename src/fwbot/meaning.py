"""The meaning of one message in its conversation: a :class:`Reading`.

The engine reads every message twice. :class:`fwbot.understand.Reader` finds
what the text holds (names, cues, needs, attributes) without knowing the
conversation; the engine then resolves that against the session into a
Reading: what is asked (``act``), about which frameworks and where they came
from (named in the message, "it" from the context, "which of them", "the
second one"), which attributes, which needs with their polarity, and the
constraints (experience, size, platform). The answer is chosen from the
Reading alone, so a reply's ``details`` carry it with the names of the reader
that understood the message and the rule that answered: a wrong answer is
traced in one look.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from fwbot.knowledge import UNWANTED
from fwbot.reply import Lang

# What can be asked; each has one answering rule (fwbot.engine.RULES).
ACTS: tuple[str, ...] = (
    "empty", "unknown", "social", "describe", "attribute", "claim", "which", "compare",
    "compare_one", "fit", "recommend", "explain", "explain_none", "filter", "list",
    "related", "concept", "python", "criteria", "which_framework", "wizard", "unsure",
)


class Reading(NamedTuple):
    """What one message asks, resolved against the conversation.

    A typed named tuple: immutable and hashable, so the same Reading always gets
    the same answer and the engine keeps the traced reply of each one it has
    answered; and one is built for every message, several times faster than a
    frozen dataclass.
    """

    act: str
    lang: Lang
    frameworks: tuple[str, ...] = ()
    # Where the frameworks came from: "named", "context" ("it", "він"),
    # "which" ("which of them"), "ordinal" ("the second one"), "recommendation",
    # "all" (every framework known: "який найстаріший фреймворк?").
    source: str = ""
    attributes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # wanted, and ``not_<id>`` for "not wanted"
    must: tuple[str, ...] = ()  # needs said to be required ("must", "обов'язково")
    constraints: tuple[tuple[str, str], ...] = ()  # (kind, need id): experience, size, ...
    claim: str | None = None  # yes / no / partly: whether a yes/no question's claim holds
    among: tuple[str, ...] = ()  # a recommendation limited to these frameworks
    concepts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    topic: str | None = None  # the Python fact asked about; or which property settled a claim
    filters: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    before: bool = False
    thing: str | None = None  # the unknown thing named, or the social cue
    step: str | None = None  # the wizard's step this message answers
    words: tuple[str, ...] = ()  # content words no vocabulary knows ("qt"), to match texts
    on: str | None = None  # the comparison asked ("faster", "older")
    excluded: tuple[str, ...] = ()  # frameworks ruled out ("but not Django")
    # A false premise to correct first ("since Django is async-only, ..."):
    # (framework, attribute, verdict) of the attribute answer that corrects it.
    premise: tuple[str, ...] = ()
    # Tools of the job the message's conditions call for, said first ("on Windows": Waitress).
    prefer: tuple[str, ...] = ()
    # The asker doubts the last answer ("are you sure?"): this Reading is that
    # question's, and the answer says first that it stands.
    sure: bool = False

    def as_detail(self, reader: str, rule: str) -> dict[str, Any]:
        """The ``details.reading`` of a reply: the fields that say something,
        the needs split by polarity, and who understood and who answered."""
        out: dict[str, Any] = {"act": self.act, "understood_by": reader, "rule": rule}
        values = (self.lang, self.frameworks, self.source, self.attributes, self.must,
                  self.claim, self.among, self.concepts, self.tools, self.domains, self.topic,
                  self.filters, self.years, self.before, self.thing, self.step, self.words,
                  self.on, self.excluded, self.premise, self.prefer, self.sure)
        for name, value in zip(_SHOWN, values, strict=True):
            if value:
                out[name] = list(value) if type(value) is tuple else value
        if self.needs:
            out["needs"] = {
                "wanted": [n for n in self.needs if not n.startswith(UNWANTED)],
                "unwanted": [n.removeprefix(UNWANTED) for n in self.needs
                             if n.startswith(UNWANTED)],
                "must": list(self.must),
            }
        if self.constraints:
            out["constraints"] = {kind: need for kind, need in self.constraints}
        return out


# The fields as_detail copies as they are (needs and constraints are reshaped).
_SHOWN: tuple[str, ...] = tuple(f for f in Reading._fields
                                if f not in ("act", "needs", "constraints"))
