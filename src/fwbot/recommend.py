"""Recommendation scoring: a transparent sum of need rules over framework traits.

Kept apart from the dialogue so it can be read, tested and explained on its
own: :func:`score` gives every framework its points and the reasons for them;
nothing here knows about sessions or languages beyond picking reason texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fwbot.knowledge import Framework, Need

COMMUNITY_RANK = {"large": 2, "medium": 1, "small": 0}


@dataclass(frozen=True)
class Scored:
    """One framework's result: total points and the rules that gave them."""

    framework: Framework
    score: int
    reasons: tuple[tuple[str, int, dict[str, str]], ...]  # (need id, weight, reason texts)

    def as_detail(self, lang: str) -> dict[str, object]:
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
        self._hits: dict[str, list[tuple[int, dict[str, str], frozenset[str]]]] = {
            need.id: [(rule.weight, dict(rule.reason),
                       frozenset(f.id for f in fws if rule.condition.holds(f)))
                      for rule in need.rules]
            for need in needs
        }

    def score(self, frameworks: Iterable[Framework], needs: Sequence[Need]) -> list[Scored]:
        """Every framework scored against the needs, best first.

        Ties break by community size (the seed's "popularity and community
        activity" criterion), then by id, so the same needs always give the
        same ranking.
        """
        rules = [(need.id, rule) for need in needs for rule in self._hits[need.id]]
        results: list[Scored] = []
        for fw in frameworks:
            reasons = tuple((nid, weight, reason) for nid, (weight, reason, hits) in rules
                            if fw.id in hits)
            results.append(Scored(fw, sum(r[1] for r in reasons), reasons))
        results.sort(key=lambda s: (-s.score, -COMMUNITY_RANK[s.framework.traits.community],
                                    s.framework.id))
        return results


def positive(scored: Sequence[Scored]) -> list[Scored]:
    """Only frameworks that any need actually speaks for."""
    return [s for s in scored if s.score > 0]
