"""Recommendation scoring: a transparent sum of need rules over framework traits.

Kept apart from the dialogue so it can be read, tested and explained on its
own: :func:`score` gives every framework its points and the reasons for them;
nothing here knows about sessions or languages beyond picking reason texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from fwbot.knowledge import Framework, Need

COMMUNITY_RANK = {"large": 2, "medium": 1, "small": 0}


class Scored(NamedTuple):
    """One framework's result: total points and the rules that gave them.

    A named tuple: a recommendation builds one for every framework, and a
    tuple is built several times faster than a frozen dataclass.
    """

    framework: Framework
    score: int
    reasons: tuple[tuple[str, int, dict[str, str]], ...]  # (need id, weight, reason texts)

    def as_detail(self, lang: str) -> dict[str, object]:
        """The wire form of this result (the ``ranking`` entries of a reply's details)."""
        return {
            "id": self.framework.id,
            "score": self.score,
            "reasons": [
                {"need": need, "points": weight, "text": reason[lang]}
                for need, weight, reason in self.reasons
            ],
        }


class Scorer:
    """Scores frameworks against needs, with every rule's matches computed once.

    A knowledge base is fixed while it serves, so which frameworks satisfy
    each rule is worked out at load time; a recommendation then costs a few
    set look-ups per rule instead of trait comparisons per framework.
    """

    def __init__(self, frameworks: Iterable[Framework], needs: Iterable[Need]) -> None:
        fws = list(frameworks)
        self._hits: dict[str, list[tuple[int, dict[str, str], tuple[str, ...]]]] = {
            need.id: [(rule.weight, dict(rule.reason),
                       tuple(f.id for f in fws if rule.condition.holds(f)))
                      for rule in need.rules]
            for need in needs
        }
        self._order = {f.id: _tie_break(f) for f in fws}

    def score(self, frameworks: Iterable[Framework], needs: Sequence[Need],
              positive_only: bool = False) -> list[Scored]:
        """Every framework scored against the needs, best first.

        Ties break by community size (the seed's "popularity and community
        activity" criterion), then by id, so the same needs always give the
        same ranking. ``positive_only`` leaves out frameworks no need speaks
        for (what a recommendation shows) without building their results.
        """
        reasons: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
        totals: dict[str, int] = {}
        for need in needs:
            for weight, reason, hits in self._hits[need.id]:
                why = (need.id, weight, reason)
                for fid in hits:
                    if fid in reasons:
                        reasons[fid].append(why)
                        totals[fid] += weight
                    else:
                        reasons[fid] = [why]
                        totals[fid] = weight
        order = self._order
        rows = []
        for fw in frameworks:
            mine = reasons.get(fw.id)
            total = totals[fw.id] if mine else 0
            if total > 0 or not positive_only:
                # Ids are unique, so the sort never reaches the framework itself.
                rows.append((-total, order.get(fw.id) or _tie_break(fw), fw, mine))
        rows.sort()
        return [Scored(fw, -neg, tuple(mine) if mine else ()) for neg, _, fw, mine in rows]


def _tie_break(fw: Framework) -> tuple[int, str]:
    return (-COMMUNITY_RANK[fw.traits.community], fw.id)


def positive(scored: Sequence[Scored]) -> list[Scored]:
    """Only frameworks that any need actually speaks for."""
    return [s for s in scored if s.score > 0]
