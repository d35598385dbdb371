"""The language layer: pure functions over text, no knowledge of intents.

Normalise (NFC, case, apostrophes, dashes), tokenise, lemmatise Ukrainian and
English with simplemma, tell the language of a message, match cue phrases by
word or lemma, and find framework names even when misspelled or inflected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

T = TypeVar("T")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'",
                              "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
                              "«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})
_TOKEN_RE = re.compile(r"\w+(?:['\-./]\w+)*[+#]*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z]")
_LATIN_HYPHEN_RE = re.compile(r"(?<=[a-z0-9])-(?=[a-z])")


def normalise(text: str) -> str:
    """Canonical form of a message: NFC, casefolded, one kind of apostrophe and dash."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_APOSTROPHES).casefold()
    # "web-crawler", "full-stack", "e-commerce": Latin compounds are two words
    # (Ukrainian ones such as "інтернет-магазин" stay whole: simplemma knows them).
    if "-" in text:
        text = _LATIN_HYPHEN_RE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one normalised word (uk for Cyrillic, en for Latin)."""
    if _CYRILLIC_RE.search(word):
        return simplemma.lemmatize(word, lang="uk").casefold()
    if _LATIN_RE.search(word):
        return simplemma.lemmatize(word, lang="en").casefold()
    return word


def caches_clear() -> None:
    """Forget memoised lemmas and tokens (benchmarks measure the cold path)."""
    lemma.cache_clear()
    _token.cache_clear()
    tokenise.cache_clear()


def warm_up() -> None:
    """Load simplemma's dictionaries now, not on the first user's message."""
    lemma("фреймворки")
    lemma("frameworks")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a message: as written (normalised), its lemma and its script."""

    raw: str
    lemma: str
    cyrillic: bool
    latin: bool


@lru_cache(maxsize=65536)
def _token(raw: str) -> Token:
    cyrillic = _CYRILLIC_RE.search(raw) is not None
    return Token(raw, lemma(raw), cyrillic, not cyrillic and _LATIN_RE.search(raw) is not None)


@lru_cache(maxsize=16384)
def tokenise(text: str) -> tuple[Token, ...]:
    """Split normalised text into tokens with lemmas."""
    return tuple(_token(raw) for raw in _TOKEN_RE.findall(text))


def detect_lang(tokens: Sequence[Token], skip: Iterable[int] = ()) -> str | None:
    """``uk`` or ``en`` by the script of the words, or None when it cannot be told.

    Tokens at ``skip`` positions (framework names, technical terms) do not count,
    so "що таке FastAPI" is Ukrainian and "what is Джанго" is English.
    """
    skipped = set(skip)
    uk = en = 0
    for i, tok in enumerate(tokens):
        if i in skipped:
            continue
        if tok.cyrillic:
            uk += 1
        elif tok.latin:
            en += 1
    if uk > en:
        return "uk"
    if en > uk:
        return "en"
    return None


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found in a message: token span [start, end) and its payload."""

    start: int
    end: int
    payload: T


_Entry = tuple[tuple[Token, ...], T]


def _keys(word: Token) -> tuple[str, ...]:
    return (word.raw,) if word.lemma == word.raw else (word.raw, word.lemma)


class PhraseIndex(Generic[T]):
    """Finds known phrases in a token sequence; each word matches by raw form or lemma.

    One-word phrases (most of them) sit in a dictionary by word; longer ones
    by their first two words, so a message costs a few dictionary look-ups per
    token and only phrases whose first two words already match are checked.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._single: dict[str, list[T]] = {}
        self._multi: dict[tuple[str, str], list[_Entry[T]]] = {}
        for phrase, payload in phrases:
            words = tokenise(normalise(phrase))
            if len(words) == 1:
                for key in _keys(words[0]):
                    self._single.setdefault(key, []).append(payload)
            elif words:
                entry = (words, payload)
                for k1 in _keys(words[0]):
                    for k2 in _keys(words[1]):
                        self._multi.setdefault((k1, k2), []).append(entry)
        self._kinds = {key: list(payloads) for key, payloads in self._single.items()}
        for (k1, _), entries in self._multi.items():
            self._kinds.setdefault(k1, []).extend(payload for _, payload in entries)

    def find(self, tokens: Sequence[Token]) -> list[Match[T]]:
        """Every occurrence of every phrase (overlaps included)."""
        found: list[Match[T]] = []
        n = len(tokens)
        single, multi = self._single, self._multi
        for i, tok in enumerate(tokens):
            raw, lem = tok.raw, tok.lemma
            payloads = single.get(raw)
            if payloads:
                found.extend(Match(i, i + 1, p) for p in payloads)
            if lem != raw:
                more = single.get(lem)
                if more:
                    found.extend(Match(i, i + 1, p) for p in more
                                 if not payloads or p not in payloads)
            if i + 1 >= n or not multi:
                continue
            nxt = tokens[i + 1]
            seen: list[_Entry[T]] = []
            for k1 in ((raw,) if lem == raw else (raw, lem)):
                for k2 in ((nxt.raw,) if nxt.lemma == nxt.raw else (nxt.raw, nxt.lemma)):
                    for entry in multi.get((k1, k2), ()):
                        if entry in seen:
                            continue
                        seen.append(entry)
                        words, payload = entry
                        size = len(words)
                        if i + size > n:
                            continue
                        for j in range(2, size):
                            w, t = words[j], tokens[i + j]
                            if w.raw != t.raw and w.lemma != t.lemma:
                                break
                        else:
                            found.append(Match(i, i + size, payload))
        return found

    def clear_cache(self) -> None:
        """Nothing is memoised here any more; kept for callers that clear every cache."""

    def words(self) -> set[str]:
        """Every first word known (raw and lemma), to keep them out of fuzzy matching."""
        return set(self._kinds)

    def payloads_of(self, word: str) -> list[T]:
        """What phrases starting with ``word`` stand for."""
        return self._kinds.get(word, [])


class NameFinder:
    """Finds framework names in tokens: exact, multi-word, inflected or misspelled.

    Exact names and aliases come first. Then, for words that are not known
    vocabulary, a Damerau-Levenshtein match against single-word names: at
    most one edit for words of up to six letters (same first letter), two for
    longer ones, and never for a word simplemma's dictionary knows. That accepts
    "djnago", "flsk", "фласку", "твістеду" but keeps ordinary words such as
    "bash", "flash" or "kiwi" from becoming frameworks.
    """

    def __init__(self, names: dict[str, str], ordinary: set[str]) -> None:
        self._index: PhraseIndex[str] = PhraseIndex(names.items())
        self.names = dict(names)
        self._single = sorted({normalise(n) for n in names if " " not in normalise(n)
                               and len(normalise(n)) >= 4})
        self._owner = {normalise(n): fid for n, fid in names.items()}
        self._ordinary = ordinary
        self._cache: dict[str, str | None] = {}

    def find(self, tokens: Sequence[Token],
             exact: list[Match[str]] | None = None) -> list[Match[str]]:
        """Framework matches in message order, one per token span.

        ``exact`` lets a caller that already scanned the message with a combined
        index (holding these names) pass its name matches instead of a second scan.
        """
        taken: set[int] = set()
        result: list[Match[str]] = []
        if exact is None:
            exact = self._index.find(tokens)
        for m in sorted(exact, key=lambda m: (m.start, m.start - m.end)):
            if any(i in taken for i in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            result.append(m)
        for i, tok in enumerate(tokens):
            if i in taken:
                continue
            fid = self.fuzzy(tok)
            if fid is not None:
                result.append(Match(i, i + 1, fid))
        result.sort(key=lambda m: m.start)
        return result

    def clear_cache(self) -> None:
        self._cache.clear()
        self._index.clear_cache()

    def fuzzy(self, tok: Token) -> str | None:
        """The framework a misspelled or inflected word stands for, if any."""
        word = tok.raw
        if len(word) < 4 or word in self._ordinary or tok.lemma in self._ordinary:
            return None
        if word in self._cache:
            return self._cache[word]
        if len(self._cache) >= 8192:  # bounded: arbitrary user words must not grow it
            self._cache.clear()
        found = self._lookup(word)
        self._cache[word] = found
        return found

    def _lookup(self, word: str) -> str | None:
        # A word the dictionary knows ("flash", "kiwi", "bash") is meant as itself.
        if simplemma.is_known(word, lang="uk" if _CYRILLIC_RE.search(word) else "en"):
            return None
        limit = 1 if len(word) <= 6 else 2
        best = process.extractOne(word, self._single, scorer=DamerauLevenshtein.distance,
                                  score_cutoff=limit)
        if best is not None and best[0][0] == word[0]:
            return self._owner[best[0]]
        # Ukrainian case endings: "фласком", "твістедом" -> the alias plus up to 3 letters.
        if _CYRILLIC_RE.search(word):
            for choice in self._single:
                if word.startswith(choice) and len(word) - len(choice) <= 3:
                    return self._owner[choice]
        return None
