"""What a message says: frameworks, cues, attributes, needs, filters, language.

:class:`Reader` is built once per knowledge base (all phrase indexes are
precomputed there) and turns a text into an :class:`Analysis`. It decides
nothing about the dialogue; :mod:`fwbot.engine` does that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from fwbot.knowledge import Knowledge
from fwbot.language import NameFinder, PhraseIndex, Token, detect_lang, normalise, tokenise

_YEAR_RE = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Analysis:
    """Everything found in one message; positions are token indexes."""

    text: str
    tokens: tuple[Token, ...]
    lang: str | None
    frameworks: tuple[str, ...]
    cues: frozenset[str]
    filter_cue: bool
    attributes: tuple[str, ...]
    needs: tuple[str, ...]
    filters: tuple[str, ...]
    unknown: tuple[str, ...]
    python_topics: tuple[str, ...]
    years: tuple[int, ...]
    comparative: bool
    content_words: int = 0
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def has(self, cue: str) -> bool:
        return cue in self.cues


def _phrases(table: dict[str, dict[str, list[str]]]) -> list[tuple[str, str]]:
    """(phrase, key) pairs of a {key: {lang: [phrases]}} table."""
    return [(phrase, key) for key, langs in table.items()
            for words in langs.values() for phrase in words]


class Reader:
    """Reads messages against one knowledge base."""

    def __init__(self, kb: Knowledge) -> None:
        vocab = kb.vocabulary
        names: dict[str, str] = {}
        for fw in kb.frameworks.values():
            for name in (fw.id, fw.name, *fw.aliases):
                names[name] = fw.id
        self.cues: PhraseIndex[str] = PhraseIndex(
            (p, k) for p, k in _phrases(vocab["cues"]) if k != "filter" and "_exact" not in k)
        self.filter_cues = _ExactIndex(p for p, _ in _phrases({"f": vocab["cues"]["filter"]}))
        self.exact_cues = {k.removesuffix("_exact"): _ExactIndex(
            p for langs in v.values() for p in langs)
            for k, v in vocab["cues"].items() if k.endswith("_exact")}
        self.attributes: PhraseIndex[str] = PhraseIndex(_phrases(vocab["attributes"]))
        self.needs: PhraseIndex[str] = PhraseIndex(
            (p, nid) for nid, need in kb.needs.items()
            for words in need.words.values() for p in words)
        self.filters: PhraseIndex[str] = PhraseIndex(
            (p, fid) for fid, flt in kb.filters.items()
            for words in flt.words.values() for p in words)
        self.unknown: PhraseIndex[str] = PhraseIndex(
            (p, p) for words in vocab["unknown_things"].values() for p in words)
        self.comparatives: PhraseIndex[str] = PhraseIndex(
            (p, "cmp") for words in vocab["comparatives"].values() for p in words)
        self.python_topics: PhraseIndex[str] = PhraseIndex(
            (str(word), fact["id"]) for fact in kb.python["python"]
            for word in fact.get("topic", []))
        self.neutral = {normalise(w) for w in vocab["neutral_words"]}
        ordinary: set[str] = set()
        for index in (self.cues, self.attributes, self.needs, self.filters, self.unknown,
                      self.comparatives):
            ordinary |= index.words()
        ordinary -= {normalise(n) for n in names}
        self.names = NameFinder(names, ordinary)
        self.read = lru_cache(maxsize=4096)(self._read)

    def _read(self, text: str) -> Analysis:
        norm = normalise(text)
        tokens = tokenise(norm)
        fw_matches = self.names.find(tokens)
        unknown = self.unknown.find(tokens)
        fw_spans = {i for m in fw_matches for i in range(m.start, m.end)}
        # A word that names an unknown thing is not a misspelled framework.
        fw_matches = [m for m in fw_matches
                      if not any(u.start <= m.start < u.end for u in unknown)]
        frameworks: list[str] = []
        for m in fw_matches:
            if m.payload not in frameworks:
                frameworks.append(m.payload)
        cue_matches = self.cues.find(tokens)
        cue_matches = [m for m in cue_matches if m.start not in fw_spans]
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in cue_matches:
            spans.setdefault(m.payload, []).append((m.start, m.end))
        for intent, index in self.exact_cues.items():
            if index.found(tokens):
                spans.setdefault(intent, [])
        skip = fw_spans | {i for i, t in enumerate(tokens) if t.raw in self.neutral}
        skip |= {i for m in unknown for i in range(m.start, m.end)}
        attrs = _unique(m.payload for m in self.attributes.find(tokens)
                        if m.start not in fw_spans)
        needs = _unique(m.payload for m in self.needs.find(tokens) if m.start not in fw_spans)
        filters = _unique(m.payload for m in self.filters.find(tokens)
                          if m.start not in fw_spans)
        known_unknown = [" ".join(t.raw for t in tokens[m.start:m.end]) for m in unknown]
        covered: set[int] = set(fw_spans)
        for m in cue_matches:
            covered.update(range(m.start, m.end))
        return Analysis(
            text=norm,
            tokens=tokens,
            lang=detect_lang(tokens, skip),
            frameworks=tuple(frameworks),
            cues=frozenset(spans),
            filter_cue=self.filter_cues.found(tokens),
            attributes=attrs,
            needs=needs,
            filters=filters,
            unknown=tuple(known_unknown),
            python_topics=_unique(m.payload for m in self.python_topics.find(tokens)),
            years=tuple(int(t.raw) for t in tokens if _YEAR_RE.match(t.raw)),
            comparative=bool(self.comparatives.find(tokens)),
            content_words=len(tokens) - len(covered),
            spans=spans,
        )


class _ExactIndex:
    """Phrases matched word for word as written (no lemmas): plural "which frameworks"
    must not match singular "which framework"."""

    def __init__(self, phrases: object) -> None:
        self._phrases = {tuple(t.raw for t in tokenise(normalise(str(p))))
                         for p in phrases}  # type: ignore[attr-defined]
        self._phrases.discard(())
        self._max = max((len(p) for p in self._phrases), default=0)

    def found(self, tokens: tuple[Token, ...]) -> bool:
        raws = [t.raw for t in tokens]
        for n in range(1, self._max + 1):
            for i in range(len(raws) - n + 1):
                if tuple(raws[i:i + n]) in self._phrases:
                    return True
        return False


def _unique(items: object) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item not in out:
            out.append(item)
    return tuple(out)
