"""The language layer: pure functions over text, no knowledge of intents.

Normalise (NFC, case, apostrophes, dashes), tokenise, lemmatise Ukrainian and
English with simplemma, tell the language of a message, match cue phrases by
word or lemma, and find framework names even when misspelled or inflected.

simplemma's dictionaries are read as MARISA tries (its ``TrieDictionaryFactory``),
not as Python dicts: the same dictionaries and the same lemmatisation steps, so
the same lemmas, in 5 MB instead of 95 MB and 0.07 s instead of 0.7 s at
start-up. The tries are built from simplemma's own data once per machine (about
2 s, by :func:`warm_up`; ``make install`` runs it) into fwbot's cache directory,
``$XDG_CACHE_HOME/fwbot`` (``~/.cache/fwbot``). Where that directory cannot be
written, simplemma builds them in memory at every start.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import simplemma
from platformdirs import user_cache_dir
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory
from simplemma.utils import canonicalize_token, has_apostrophe, normalize_token

from fwbot.reply import Lang

T = TypeVar("T")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'",
                              "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
                              "«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})
_APOSTROPHE_RE = re.compile("[" + re.escape("".join(map(chr, _APOSTROPHES))) + "]")
# "ios/android" is two words, "http/2" one.
_TOKEN_RE = re.compile(r"\w+(?:(?:['\-.]|/(?=\d))\w+)*[+#]*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z]")
_LATIN_HYPHEN_RE = re.compile(r"(?<=[a-z0-9])-(?=[a-z])")
_MIXED_HYPHEN_RE = re.compile(r"(?<=[a-z0-9])-(?=[\u0400-\u04ff])|(?<=[\u0400-\u04ff])-(?=[a-z])")
_CYRILLIC_COMPOUND_RE = re.compile(
    r"[\u0400-\u04ff][\u0400-\u04ff']*(?:-[\u0400-\u04ff][\u0400-\u04ff']*)+")
# Letters that look alike in the two scripts, lower case (the text is casefolded
# first). A phone keyboard or a careless layout switch puts a Latin "i" into
# "пiтон"; such a word is read in the script of most of its letters.
_TO_CYRILLIC = str.maketrans("aceiopxyk", "асеіорхук")
_TO_LATIN = str.maketrans("асеіорхук", "aceiopxyk")
_LOOKALIKE_LATIN = frozenset("aceiopxyk")
# A mostly Cyrillic word with Latin letters that have no lookalike ("torнадо"):
# the writer switched scripts mid-word, so those letters are read by their sound.
_SOUND_TO_CYRILLIC = str.maketrans("aceiopxykbdfghjlmnqrstuvwz",
                                   "асеіорхукбдфгхйлмнкрстуввз")
_LOOKALIKE_CYRILLIC = frozenset("асеіорхук")
# A whole word (a run of \w) holding both a Latin and a Cyrillic letter. It is tried
# only where a word starts, and each look-ahead stays within the word: the pattern
# it replaces (\w*(?:[a-z]\w*[cyr]|[cyr]\w*[a-z])\w*) backtracked through every
# word of a message at every letter, ~100 us for "що таке flask ... django ...".
_MIXED_WORD_RE = re.compile(r"(?<!\w)(?=\w*[a-z])(?=\w*[\u0400-\u04ff])\w+")


def normalise(text: str) -> str:
    """Canonical form of a message: NFC, casefolded, one kind of apostrophe and dash."""
    if text.isascii():  # most English questions: the same steps, the cheap way
        # (NFC already; "`" is the only ASCII key of _APOSTROPHES; casefold is lower;
        # no Cyrillic letter, so no word of mixed scripts)
        text = (text.replace("`", "'") if "`" in text else text).lower()
    else:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _APOSTROPHE_RE.search(text):  # translate() is slow on non-ASCII text
            text = text.translate(_APOSTROPHES)
        if _CAPITAL_TWINS_RE.search(text):  # "Тornado": a capital that is a twin only so
            text = _MIXED_ANY_CASE_RE.sub(_latin_capitals, text)
        text = text.casefold()
        if _CYRILLIC_RE.search(text) and _LATIN_RE.search(text):
            text = _MIXED_WORD_RE.sub(_one_script, text)
    # "web-crawler", "full-stack", "e-commerce": Latin compounds are two words
    # (Ukrainian ones such as "інтернет-магазин" stay whole: simplemma knows them).
    if "-" in text:
        text = _LATIN_HYPHEN_RE.sub(" ", text)
        if _CYRILLIC_RE.search(text):
            text = _CYRILLIC_COMPOUND_RE.sub(_compound, text)
            # "toga-апку", "slack-бот", "джанго-app": a name joined to a word of the other
            # script is two words
            text = _MIXED_HYPHEN_RE.sub(" ", text)
    # Spaces made single. Always split and join: on the evaluation set's messages
    # that costs a third of what a regex search for uneven spaces before it did
    # (0.44 us against 1.4 us, timeit, 2026-12-02), and a single-spaced text comes
    # back unchanged.
    return " ".join(text.split())


# Hyphenated words of the vocabulary (see keep_compounds): they stay whole.
_KEPT_COMPOUNDS: set[str] = set()


def keep_compounds(phrases: Iterable[str]) -> None:
    """Keep the hyphenated Ukrainian words of these phrases whole in every text
    normalised from now on ("сайт-візитка", "телеграм-бот" are the vocabulary's
    words as written); call it before the phrases themselves are normalised."""
    for phrase in phrases:
        if "-" in phrase:
            _KEPT_COMPOUNDS.update(m.group() for m in
                                   _CYRILLIC_COMPOUND_RE.finditer(phrase.casefold()))


def _compound(match: re.Match[str]) -> str:
    """A Ukrainian hyphenated word that is neither the vocabulary's nor the
    dictionary's, as its parts ("сайта-портфоліо": "сайта портфоліо")."""
    word = match.group()
    if word in _KEPT_COMPOUNDS or is_known(word):
        return word
    return word.replace("-", " ")


# Cyrillic capitals with a Latin twin only in upper case ("Т" and "T"; "т" is no "t"):
# "Тornado", typed with the layout switched for one key, is Tornado.
_CAPITAL_TWINS = str.maketrans("ТМНВАСЕІОРХУКасеіорхук", "TMHBACEIOPXYKaceiopxyk")
_CAPITAL_TWINS_RE = re.compile("[ТМНВ]")
_MIXED_ANY_CASE_RE = re.compile(r"(?<!\w)(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+")


def _latin_capitals(match: re.Match[str]) -> str:
    """A mostly Latin word with Cyrillic lookalikes, capitals included, in Latin."""
    word = match.group()
    latin = sum(1 for c in word if "a" <= c.lower() <= "z")
    cyrillic = [c for c in word if "\u0400" <= c <= "\u04ff"]
    if latin > len(cyrillic) and all(c in "ТМНВАСЕІОРХУКасеіорхук" for c in cyrillic):
        return word.translate(_CAPITAL_TWINS)
    return word


def _one_script(match: re.Match[str]) -> str:
    """A word mixing Latin and Cyrillic letters, in the script most of it is in:
    by lookalike letters ("пiтон"), or, in a mostly Cyrillic word, by sound when
    a Latin letter has no lookalike ("torнадо"); a mostly Latin word whose
    Cyrillic letters are not all lookalikes stays as written ("flaskом")."""
    word = match.group()
    latin = [c for c in word if "a" <= c <= "z"]
    cyrillic = [c for c in word if "\u0400" <= c <= "\u04ff"]
    if len(cyrillic) >= len(latin):
        return word.translate(_TO_CYRILLIC if _LOOKALIKE_LATIN.issuperset(latin)
                              else _SOUND_TO_CYRILLIC)
    if len(latin) > len(cyrillic) and _LOOKALIKE_CYRILLIC.issuperset(cyrillic):
        return word.translate(_TO_LATIN)
    return word


def trie_directory() -> Path:
    """Where the tries are cached: per simplemma and marisa-trie release, as
    either may change the dictionaries or the file format."""
    return (Path(user_cache_dir("fwbot")) / "tries"
            / f"simplemma-{simplemma.__version__}-marisa-{version('marisa-trie')}")


# One trie per language, read on first use. The Lemmatizer keeps no cache of
# its own (lemma() has one, which caches_clear() empties for the benchmarks).
_DICTIONARIES = TrieDictionaryFactory(disk_cache_dir=str(trie_directory()))
_LEMMATIZER = Lemmatizer(cache_max_size=0,
                         lemmatization_strategy=DefaultStrategy(dictionary_factory=_DICTIONARIES))
_LOOKUP = DictionaryLookupStrategy(_DICTIONARIES)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one normalised word (uk for Cyrillic, en for Latin)."""
    if _CYRILLIC_RE.search(word):
        return _lemmatize(word, "uk").casefold()
    if _LATIN_RE.search(word):
        return _lemmatize(word, "en").casefold()
    return word


def _lemmatize(word: str, lang: str) -> str:
    """``simplemma.lemmatize(word, lang)``, with its first step taken here.

    For a word without an apostrophe that is not a number, simplemma's steps
    start with a plain dictionary look-up; when the word is in the dictionary
    that is the answer, and most words of a message are. Only the others go
    through the whole chain of steps (a test holds this to simplemma's own).
    """
    token = normalize_token(word)
    if not token.isnumeric() and not has_apostrophe(token):
        found = _DICTIONARIES.get_dictionary(lang).get(canonicalize_token(token, lang))
        if found is not None:
            return found
    return _LEMMATIZER.lemmatize(token, lang)


def is_known(word: str) -> bool:
    """Whether the dictionary (uk for Cyrillic, else en) holds ``word``
    (``simplemma.is_known``, over the tries)."""
    lang = "uk" if _CYRILLIC_RE.search(word) else "en"
    return _LOOKUP.get_lemma(normalize_token(word), lang) is not None


def caches_clear() -> None:
    """Forget memoised lemmas and tokens (benchmarks measure the cold path)."""
    lemma.cache_clear()
    _token.cache_clear()
    tokenise.cache_clear()


def warm_up() -> None:
    """Load the dictionaries now, not on the first user's message."""
    lemma("фреймворки")
    lemma("frameworks")


class Token(NamedTuple):
    """A word of a message: as written (normalised), its lemma and its script.

    A named tuple, built once per distinct word: faster to build than a
    frozen dataclass, and compared and hashed by value all the same.
    """

    raw: str
    lemma: str
    cyrillic: bool
    latin: bool


# The tokens of the knowledge base's own words (its phrases, names, function
# words), made once at load time by keep_tokens() and never cleared: most words
# of a question are such words, and each costs a dictionary look-up in the tries
# (several for a word they lack) that this table saves. A few thousand entries.
_KNOWN: dict[str, Token] = {}


def keep_tokens(texts: Iterable[str]) -> None:
    """Keep the tokens of every word in ``texts`` (normalised text), in place of
    those kept before.

    For the vocabulary a knowledge base is read with: a table, not a cache,
    so :func:`caches_clear` leaves it; a reload makes it anew (the words an
    operator removed do not stay). Its tokens are those :func:`_token`
    makes (tests/test_language.py holds them to the slow path).
    """
    global _KNOWN
    known: dict[str, Token] = {}
    for text in texts:
        for raw in _TOKEN_RE.findall(text):
            if raw not in known:  # (most are in _token's cache: the indexes made them)
                known[raw] = _token(raw)
    _KNOWN = known


def known_words(texts: Iterable[str]) -> list[str]:
    """The words of ``texts`` (normalised text), as tokenise splits them."""
    return [raw for text in texts for raw in _TOKEN_RE.findall(text)]


@lru_cache(maxsize=65536)
def _token(raw: str) -> Token:
    known = _KNOWN.get(raw)
    return known if known is not None else _make_token(raw)


def _make_token(raw: str) -> Token:
    """The token of one word, lemmatised (the slow path the caches and _KNOWN spare)."""
    # lemma()'s own tests of the script, done once here (this cache is the one that counts).
    if _CYRILLIC_RE.search(raw):
        return Token(raw, _lemmatize(raw, "uk").casefold(), True, False)
    if _LATIN_RE.search(raw):
        return Token(raw, _lemmatize(raw, "en").casefold(), False, True)
    return Token(raw, raw, False, False)


# Words of one message that are lemmatised and matched fuzzily against the
# framework names. A question a person asks is shorter; past this, a word of
# gibberish (the costliest input: each is a dictionary miss and a fuzzy search)
# costs about 0.04 ms on the reactor thread everyone shares, so later words
# are taken as typed: they still match the vocabulary exactly.
MAX_LOOKUP_WORDS = 40


def _as_typed(raw: str) -> Token:
    cyrillic = _CYRILLIC_RE.search(raw) is not None
    return Token(raw, raw.casefold(), cyrillic,
                 not cyrillic and _LATIN_RE.search(raw) is not None)


@lru_cache(maxsize=16384)
def tokenise(text: str) -> tuple[Token, ...]:
    """Split normalised text into tokens with lemmas (the first MAX_LOOKUP_WORDS)."""
    raws = _TOKEN_RE.findall(text)
    if len(raws) <= MAX_LOOKUP_WORDS:
        return tuple(map(_token, raws))
    head = map(_token, raws[:MAX_LOOKUP_WORDS])
    return (*head, *map(_as_typed, raws[MAX_LOOKUP_WORDS:]))


def detect_lang(tokens: Sequence[Token], skip: Iterable[int] = (),
                function_words: Mapping[str, str] | None = None) -> Lang | None:
    """``uk`` or ``en`` by the script of the words, or None when it cannot be told.

    Tokens at ``skip`` positions (framework names, technical terms) do not count,
    so "що таке FastAPI" is Ukrainian and "what is Джанго" is English. When the
    message holds grammar words (``function_words``: word -> language) of
    different counts, they decide: "Python для Data Science?" is Ukrainian.
    """
    skipped = skip if isinstance(skip, set | frozenset) else set(skip)
    uk = en = 0
    named_uk = False  # a name spelled in Cyrillic ("пірамід vs джанго")
    grammar = {"uk": 0, "en": 0}
    for i, tok in enumerate(tokens):
        if function_words:
            lang = function_words.get(tok.raw)
            if lang is not None:
                grammar[lang] += 1
        if i in skipped:
            named_uk = named_uk or tok.cyrillic
            continue
        if tok.cyrillic:
            uk += 1
        elif tok.latin:
            en += 1
    if grammar["uk"] != grammar["en"] and uk and en:  # mixed: the grammar decides
        return "uk" if grammar["uk"] > grammar["en"] else "en"
    if uk and en and grammar["uk"]:  # as much grammar of each ("how to зробити auth у
        return "uk"  # фастапі через jwt"): English is not written with Ukrainian words
    if uk >= en and uk:  # a tie: technical terms are Latin, Ukrainian words are not
        return "uk"
    if uk and grammar["uk"] == grammar["en"] == 0:
        # "flask написав armin ronacher?": names and terms are typed in Latin letters
        # inside Ukrainian, while English is not written with a Cyrillic word
        return "uk"
    if en > uk:
        return "en"
    if named_uk:  # only names and terms, and a name in Cyrillic: English types none
        return "uk"
    return None


# Ukrainian typed in Latin letters ("shcho take flask", "chy ye v django adminka"):
# the national transliteration (KMU 2010) and its everyday variants, read back.
# Longest spellings first; a word's own letters decide, so "dlia", "dlya" and
# "dlja" all read "для".
_FROM_LATIN = sorted({
    "shch": "щ", "sch": "щ", "zgh": "зг", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч",
    "sh": "ш", "yu": "ю", "iu": "ю", "ju": "ю", "ya": "я", "ia": "я", "ja": "я",
    "ye": "є", "ie": "є", "je": "є", "yi": "ї", "ji": "ї", "a": "а", "b": "б",
    "v": "в", "h": "г", "g": "г", "d": "д", "e": "е", "z": "з", "y": "и", "i": "і",
    "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "u": "у", "f": "ф", "c": "ц", "w": "в", "x": "кс", "q": "к",
}.items(), key=lambda kv: -len(kv[0]))
_LATIN_VOWELS = frozenset("aeiouy")


def from_latin(word: str) -> str:
    """A Ukrainian word typed in Latin letters, in Cyrillic ("shcho" -> "що").

    "i" after a vowel and before a consonant or the end is й ("sait" -> "сайт"),
    and a word-final "yi"/"yj"/"iy" is "ий" ("yakyi" -> "який"), as people type them.
    """
    low = word.casefold()
    out: list[str] = []
    i = 0
    while i < len(low):
        rest = low[i:]
        if rest in ("yi", "yj", "iy", "ij") and i > 0:
            out.append("ий")
            break
        if (low[i] == "i" and i > 0 and low[i - 1] in _LATIN_VOWELS
                and (i + 1 == len(low) or low[i + 1] not in _LATIN_VOWELS)):
            out.append("й")
            i += 1
            continue
        for latin, cyr in _FROM_LATIN:
            if rest.startswith(latin):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(low[i])
            i += 1
    return "".join(out)


# How a name sounds, the same in either script ("Snowflake", "Сноуфлейк"; "BeeWare",
# "Біваре"): its consonants in order with "V" for each run of vowels, a final vowel
# dropped (a silent "e", a case ending), doubled letters once, "h" and the soft sign
# silent, "w" read as "в" or as nothing, "г" as "h" or "g", "ch" and "х" as "k".
_LATIN_SOUNDS = (("ch", "k"), ("kh", "k"), ("ck", "k"), ("ph", "f"), ("th", "t"),
                 ("sh", "ш"), ("ce", "se"), ("ci", "si"), ("c", "k"), ("q", "k"),
                 ("x", "ks"), ("j", "dж"))
_CYRILLIC_SOUNDS = str.maketrans({
    "б": "b", "в": "v", "ґ": "g", "д": "d", "ж": "ж", "з": "z", "к": "k",
    "л": "l", "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f",
    "х": "k", "ц": "ts", "ч": "ч", "ш": "ш", "щ": "шч", "а": "a", "е": "e", "є": "e",
    "и": "y", "і": "i", "ї": "i", "й": "y", "о": "o", "у": "u", "ю": "u", "я": "a",
    "ь": "", "'": ""})
_VOWELS_RE = re.compile(r"[aeiouy]+")
_SILENT_RE = re.compile(r"[^a-zVжчш]|h|г")


def _sound(word: str) -> str:
    """A word's sound key ("pallets" -> "pVlVts")."""
    key = _VOWELS_RE.sub("V", _SILENT_RE.sub("", word))
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:-1] if key.endswith("V") else key


@lru_cache(maxsize=4096)
def latin_keys(name: str) -> frozenset[str]:
    """The sound keys a Latin name may be written with in Cyrillic: "w" read as
    "в" and as nothing ("BeeWare" is "Біваре", "Snowflake" is "Сноуфлейк").
    Kept: its names are the knowledge base's (makers, bases), asked of again in
    every claim that names one in Cyrillic."""
    low = name.casefold()
    for latin, sound in _LATIN_SOUNDS:
        low = low.replace(latin, sound)
    return frozenset(_sound(low.replace("w", w)) for w in ("v", ""))


def cyrillic_keys(word: str) -> frozenset[str]:
    """The sound keys of a Cyrillic word that a Latin name's :func:`latin_keys` may
    equal: "г" read as "h" and as "g", with and without a case ending; only keys
    of three consonants or more, so a short word matches no name by chance."""
    low = word.casefold().translate(_CYRILLIC_SOUNDS)
    keys = {_sound(low), _sound(low.replace("г", "g"))}
    keys |= {k[:-2] for k in keys if k[-2:] in ("Vm", "Vv", "Vk")}  # "біваром", "-ів", "-ах"
    return frozenset(k for k in keys if sum(c != "V" for c in k) >= 3)


def sounds_like(word: str, keys: frozenset[str]) -> bool:
    """Whether a Cyrillic word writes a Latin name of ``keys`` (:func:`latin_keys`)."""
    return not cyrillic_keys(word).isdisjoint(keys)


# Endings of transliterated Ukrainian words that English words do not have:
# "z adminkoyu i oplatoyu", "zrobyty", "mobilnyi", "frameworkiv" is not (English -iv).
_UK_ENDINGS = ("oyu", "eyu", "iyu", "yty", "ytys", "ytysia", "ytysya", "ykh", "annia", "annya",
               "ennia", "ennya", "nyi", "nyy", "skyi", "skyy", "ovyi", "ovyy", "aite", "ayte")


def read_transliterated(text: str, markers: frozenset[str], english: frozenset[str],
                        keep: frozenset[str]) -> str | None:
    """``text`` in Cyrillic when it is Ukrainian typed in Latin letters, else None.

    It is when it has no Cyrillic letter and more of its words are Ukrainian
    function words as people transliterate them (``markers``: "shcho", "chy",
    "dlia") than English ones. Words in ``keep`` (framework and tool names,
    technical terms) stay as they are.
    """
    if _CYRILLIC_RE.search(text):
        return None
    words = _TOKEN_RE.findall(text)
    ukrainian = sum(w in markers or w.endswith(_UK_ENDINGS) for w in words)
    if not ukrainian or ukrainian <= sum(w in english for w in words):
        return None
    return _TOKEN_RE.sub(
        lambda m: m.group(0) if m.group(0) in keep or any(c.isdigit() for c in m.group(0))
        else from_latin(m.group(0)), text)


class Match(NamedTuple, Generic[T]):
    """A phrase found in a message: token span [start, end) and its payload.

    A named tuple, not a dataclass: several are built for every message, and
    a tuple is built several times faster than a frozen dataclass.
    """

    start: int
    end: int
    payload: T


_Entry = tuple[tuple[Token, ...], T]


def _keys(word: Token) -> tuple[str, ...]:
    return (word.raw,) if word.lemma == word.raw else (word.raw, word.lemma)


class PhraseIndex(Generic[T]):
    """Finds known phrases in a token sequence; each word matches by raw form or lemma.

    One-word phrases (most of them) sit in a dictionary by word; longer ones
    by their first word and then their second, so a message costs a few
    dictionary look-ups per token and only phrases whose first two words
    already match are checked.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]],
                 as_written: frozenset[str] = frozenset()) -> None:
        """``as_written``: one-word phrases found by their raw form only, because
        their lemma is another word ("тога", whose lemma is the pronoun "того")."""
        self._single: dict[str, list[T]] = {}
        self._multi: dict[str, dict[str, list[_Entry[T]]]] = {}
        # Equal entries (a phrase listed twice) are one object, so find() can tell the
        # ones it has tried by identity.
        canonical: dict[_Entry[T], _Entry[T]] = {}
        for phrase, payload in phrases:
            words = tokenise(normalise(phrase))
            if len(words) == 1:
                keys = (words[0].raw,) if words[0].raw in as_written else _keys(words[0])
                for key in keys:
                    self._single.setdefault(key, []).append(payload)
            elif words:
                entry = canonical.setdefault((words, payload), (words, payload))
                for k1 in _keys(words[0]):
                    for k2 in _keys(words[1]):
                        entries = self._multi.setdefault(k1, {}).setdefault(k2, [])
                        if not any(e is entry for e in entries):  # each phrase once a list
                            entries.append(entry)
        self._kinds = {key: list(payloads) for key, payloads in self._single.items()}
        for k1, by_second in self._multi.items():
            for entries in by_second.values():
                self._kinds.setdefault(k1, []).extend(payload for _, payload in entries)

    def find(self, tokens: Sequence[Token]) -> list[Match[T]]:
        """Every occurrence of every phrase (overlaps included)."""
        found: list[Match[T]] = []
        n = len(tokens)
        single, multi = self._single, self._multi
        new, add = tuple.__new__, found.append  # Match(...) without its Python-level __new__
        for i, (raw, lem, _, _) in enumerate(tokens):
            payloads = single.get(raw)
            if payloads:
                for payload in payloads:
                    add(new(Match, (i, i + 1, payload)))
            by_lemma = None
            if lem != raw:
                more = single.get(lem)
                if more:
                    for payload in more:
                        if not payloads or payload not in payloads:
                            add(new(Match, (i, i + 1, payload)))
                by_lemma = multi.get(lem)
            by_raw = multi.get(raw)
            if (by_raw is None and by_lemma is None) or i + 1 >= n:
                continue
            nxt = tokens[i + 1]
            if by_lemma is None and by_raw is not None and nxt.lemma == nxt.raw:
                # Most words: one list to try, and no phrase twice in a list.
                for phrase, payload in by_raw.get(nxt.raw, ()):
                    size = len(phrase)
                    if i + size > n:
                        continue
                    for j in range(2, size):
                        w, t = phrase[j], tokens[i + j]
                        if w.raw != t.raw and w.lemma != t.lemma:
                            break
                    else:
                        add(new(Match, (i, i + size, payload)))
                continue
            seconds = (nxt.raw,) if nxt.lemma == nxt.raw else (nxt.raw, nxt.lemma)
            seen: set[int] = set()  # each phrase once (by raw form or lemma)
            for follow in (by_raw, by_lemma):
                if follow is None:
                    continue
                for k2 in seconds:
                    for entry in follow.get(k2, ()):
                        if id(entry) in seen:
                            continue
                        seen.add(id(entry))
                        phrase, payload = entry
                        size = len(phrase)
                        if i + size > n:
                            continue
                        for j in range(2, size):
                            w, t = phrase[j], tokens[i + j]
                            if w.raw != t.raw and w.lemma != t.lemma:
                                break
                        else:
                            add(new(Match, (i, i + size, payload)))
        return found

    def clear_cache(self) -> None:
        """Nothing is memoised here; kept so callers can clear every cache alike."""

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
    longer ones, and never for a word the dictionary knows (:func:`is_known`). That accepts
    "djnago", "flsk", "фласку", "твістеду" but keeps ordinary words such as
    "bash", "flash" or "kiwi" from becoming frameworks.
    """

    def __init__(self, names: dict[str, str], ordinary: set[str],
                 as_written: frozenset[str] = frozenset()) -> None:
        self._index: PhraseIndex[str] = PhraseIndex(names.items(), as_written)
        self.names = dict(names)
        self._single = sorted({normalise(n) for n in names if " " not in normalise(n)
                               and len(normalise(n)) >= 4})
        self._owner = {normalise(n): fid for n, fid in names.items()}
        self._ordinary = ordinary
        self._cache: dict[str, str | None] = {}
        # The look-ups of the vocabulary's own words (see keep), never cleared.
        self._kept: dict[str, str | None] = {}

    def keep(self, words: Iterable[str]) -> None:
        """Look these words up now and keep the answers for good: for the words
        of the vocabulary, which most questions are made of (a few hundred need a
        look-up; each costs a dictionary probe and a fuzzy search)."""
        for word in words:
            if len(word) >= 4 and word not in self._ordinary and word not in self._kept:
                self._kept[word] = self._lookup(word)

    def find(self, tokens: Sequence[Token],
             exact: list[Match[str]] | None = None) -> list[Match[str]]:
        """Framework matches in message order, one per token span.

        ``exact`` lets a caller that already scanned the message with a combined
        index (holding these names) pass its name matches instead of a second scan.
        """
        if exact is None:
            exact = self._index.find(tokens)
        taken: set[int] = set()
        result: list[Match[str]] = []
        if exact:
            if len(exact) > 1:  # longest first at each start
                exact.sort(key=lambda m: (m.start, m.start - m.end))
            for m in exact:
                span = range(m.start, m.end)
                if taken.isdisjoint(span):
                    taken.update(span)
                    result.append(m)
        cache, ordinary, fuzzy = self._cache, self._ordinary, self.fuzzy
        for i, tok in enumerate(tokens[:MAX_LOOKUP_WORDS]):
            word = tok.raw
            # Inline the cheap refusals: most words are short, known or cached.
            if len(word) < 4 or i in taken or word in ordinary:
                continue
            fid = cache[word] if word in cache else fuzzy(tok)
            if fid is not None:
                result.append(Match(i, i + 1, fid))
        if exact and len(result) > 1:
            result.sort(key=lambda m: m.start)
        return result

    def clear_cache(self) -> None:
        """Forget the fuzzy look-ups (benchmarks measure the cold path)."""
        self._cache.clear()

    def fuzzy(self, tok: Token) -> str | None:
        """The framework a misspelled or inflected word stands for, if any."""
        word = tok.raw
        if len(word) < 4 or word in self._ordinary or tok.lemma in self._ordinary:
            return None
        if word in self._cache:
            return self._cache[word]
        if word in self._kept:
            return self._kept[word]
        if len(self._cache) >= 8192:  # bounded: arbitrary user words must not grow it
            self._cache.clear()
        found = self._lookup(word)
        self._cache[word] = found
        return found

    def _lookup(self, word: str) -> str | None:
        if word.endswith("'s") and word[:-2] in self._owner:
            return self._owner[word[:-2]]  # "kivy's markup", "django's admin"
        # A word the dictionary knows ("flash", "kiwi", "bash") is meant as itself.
        if is_known(word):
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


def asks_with_what(raws: Sequence[str], at: int) -> bool:
    """Whether the message opens (at ``at``) by asking with what to do a thing ("чим
    робити REST API?", "чим парсити?"): no yes/no question, though no wh-word opens
    it ("чим" alone also compares: "чим фласк кращий?")."""
    return (raws[at] == "чим" and at + 1 < len(raws)
            and raws[at + 1].endswith(("ти", "ть")))
