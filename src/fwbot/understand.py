"""What a message says: frameworks, cues, attributes, needs, filters, language.

:class:`Reader` is built once per knowledge base (all phrase indexes are
precomputed there) and turns a text into an :class:`Analysis`. It decides
nothing about the dialogue; :mod:`fwbot.engine` does that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, pairwise
from operator import attrgetter
from typing import Any, TypeVar, cast

from fwbot.knowledge import UNWANTED, Knowledge
from fwbot.language import (
    Match,
    NameFinder,
    PhraseIndex,
    Token,
    asks_with_what,
    detect_lang,
    keep_compounds,
    keep_tokens,
    known_words,
    lemma,
    normalise,
    read_transliterated,
    tokenise,
)
from fwbot.language import (
    caches_clear as language_caches_clear,
)
from fwbot.reply import Lang

T = TypeVar("T")
U = TypeVar("U")

# Fields of an Analysis that, when not empty, mark it by their own name.
MARK_FIELDS = ("filter_cue", "attributes", "needs", "filters", "unknown", "years",
               "comparative", "tools", "domains", "concepts", "python_topics", "excluded",
               "excluded_tools")
MEMO_CHARS = 256  # longer messages are analysed afresh each time, never cached
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")  # no year without them: most texts skip the search
# Words a question may open with before its real first word ("а чи ...", "so is ...").
OPENERS = frozenset(("а", "so", "and", "і", "ну"))
# Question words that inside a sentence mostly join it ("компільована мова, як C?",
# "кажуть, що ...?"): they do not make a statement a wh-question.
AS_WORDS = frozenset(("як", "що", "шо", "коли"))
# A relative clause after a comma ("один файл, який можна закинути в проект?"): its
# "який" asks nothing.
RELATIVE_RE = re.compile(
    r",\s*(який|яка|яке|які|яку|якого|якої|якій|яким|якими|котрий|which|that)\b"
    # ("a framework from the guy who made Rich?" asks no "who")
    r"|\b(?:guy|guys|person|people|man|team|company|folks|devs?|developers?|author)\s+(who)\b"
    # nor one without its comma, after a word and before who does it ("програмі яку я
    # продаю клієнтам?")
    r"|(?<=\w\s)(який|яка|яке|які|яку|якого|якої|якій|яким|якими)\s+"
    r"(?:я|ми|ти|ви|він|вона|вони|воно)\b"
    # or before a verb that says what the thing does ("графік який оновлюється кожну
    # секунду?", "штуку яка тягне курси")
    r"|(?<=[а-яіїєґ']{3}\s)(який|яка|яке|які|що)\s+"
    r"(?=[а-яіїєґ']{2,}(?:ється|ться|ує|ює|ає|яє|ить|іть|ать|ять|уть|ють|не|же|ве)\b)")
# A question mark followed by "or ...": the yes/no question continues with its other half.
OR_GOES_ON = re.compile(r"\?\s*(?:чи|або|or)\b", re.IGNORECASE)
# Words that rule out the framework named after them ("anything but Flask").
RULE_OUT = frozenset(("but", "except", "besides", "крім", "окрім", "замість", "instead",
                      "альтернатива", "альтернативу", "альтернативи", "hate", "dislike",
                      "ненавиджу"))
RULE_OUT_PAIRS = frozenset((("other", "than"), ("alternative", "to"), ("alternatives", "to"),
                            ("інше", "ніж"), ("інший", "ніж"), ("щось", "крім")))
# "Flask не пропонуйте", "Django і FastAPI не підходять", "flask is not an option":
# a "not" right after the names with one of these words rules the names out (not
# "Flask не має ORM", a claim about it).
RULE_OUT_AFTER = frozenset(("пропонуйте", "пропонувати", "радьте", "радити", "можна",
                            "підходить", "підходять", "підійде", "підійдуть", "хочу",
                            "хочемо", "треба", "потрібен", "потрібні", "варіант", "кажіть",
                            "option", "allowed", "suggest", "recommend", "wanted", "welcome"))
NOT_AFTER = frozenset(("не", "not", "isn't", "aren't", "no"))
# "forget the mobile part": the need is dropped, and what follows is the new wish.
FORGET_WORDS = frozenset(("забудь", "забудьте", "forget"))
# "стрімліт від гугла": a short unpunctuated statement of a framework is a claim to
# check; a comparison or a request in it is none.
BARE_CLAIM_WORDS = 6
BARE_CLAIM_LONG = 10
IN_WORDS = frozenset(("в", "у", "in"))
# "а в нього залежності є", "на айфон можна": a last word that asks whether, unpunctuated.
BARE_ASKS = frozenset(("є", "можна", "вміє", "підтримує", "буде", "нормально", "норм"))
BARE_NOT = frozenset(("vs", "versus", "чи", "або", "or", "проти", "порівняй", "compare",
                      "і", "and", "та", "чим", "розкажи", "tell", "install", "встановити"))
# A message that corrects itself: what follows replaces what was named before.
CORRECTION_MARKERS = (("ой", "тобто"), ("ой", "ні"), ("ой",), ("ні", "стоп"), ("хоча", "ні"),
                      ("вірніше",), ("точніше",), ("wait", "no"), ("no", "wait"),
                      ("i", "meant"), ("oops",), ("actually",), ("or", "rather"),
                      ("scratch", "that"))
# "не X, а Y", "not X but Y": the word that sets the one meant against the other.
CONTRAST_WORDS = frozenset(("а", "but", "rather"))
# "ківі на айфон не можна", "flask on windows is not ...": a "not" after where the named
# one is put denies what it does there, it rules nothing out.
ON_WHERE = frozenset(("на", "під", "on", "under"))
# "what else?", "що ще є?": others are asked for, the names said are ruled out.
ELSE_WORDS = frozenset(("ще", "else", "інше", "інший", "інші", "other", "others",
                        "alternative", "alternatives", "альтернатива", "альтернативи"))
# "my Django app", "для моєї flask апки": what is said with these is there already.
MY_WORDS = frozenset(("my", "our", "мій", "наш"))  # (Ukrainian by lemma)
# "маю flask бекенд": what one has, before a framework's name (as written; "маю
# jupyter ноутбуки" names what the project is about)
OWN_WORDS = frozenset(("маю", "маємо"))
# "out of the box" right after a need says how that one comes.
BUILTIN_PHRASES = frozenset((("з", "коробки"), ("із", "коробки"), ("out", "of", "the", "box")))
# "десктоп замість апі": a need after these is what another one replaces.
REPLACED = frozenset(("замість", "натомість"))
# A developer named as the asker's trade ("я веб-розробник", "ми бекенд-розробники").
ROLE_WORDS = frozenset(("розробник", "розробники", "розробниця", "developer", "developers",
                        "dev", "devs"))
ROLE_BEFORE = frozenset(("я", "ми", "веб", "бекенд", "фронтенд", "фулстек", "python", "пайтон",
                         "web", "backend", "frontend", "fullstack", "a", "junior", "senior",
                         "джун", "мідл", "сеньйор", "i'm", "we're"))
# A count that makes a project large: "50 розробників", "a team of 20 devs", "200 таблиць".
# (People in general are not counted: "для 50 людей" is who uses a small site.)
TEAM_WORDS = frozenset(("розробників", "розрабів", "девів", "девелоперів", "програмістів",
                        "інженерів", "devs", "developers", "engineers", "programmers"))
SCHEMA_WORDS = frozenset(("таблиць", "tables", "моделей", "models", "сутностей", "entities"))
LARGE_TEAM, LARGE_SCHEMA = 10, 50
# "not on Starlette": a name ruled out after these is what the framework is built on.
ON_WORDS = frozenset(("on", "на"))
# What may stand between a framework and "на" another for it to say the first is
# built on the second ("скрапі ж працює на твістеді?").
ON_FILLERS = frozenset(("ж", "же", "теж", "також", "хіба", "це", "тож", "тоді", "then", "працює",
                        "написаний", "написана", "зроблений", "зроблена", "is", "also",
                        "runs", "written", "реально", "справді", "насправді", "really",
                        "actually"))
FROM_WORDS = frozenset(("з", "із", "зі", "від", "from"))
# "а він на фласку побудований?": "на" a framework, then one of these, says what the
# framework in view is built on.
BUILT_AFTER = frozenset(("побудований", "побудована", "побудовано", "зроблений", "зроблена",
                         "зроблено", "написаний", "написана", "працює", "базується"))
# "fastapi is just flask with types", "це просто фласк з типами": one said to be the
# other plus something.
JUST_WORDS = frozenset(("just", "basically", "only", "просто", "лише", "тільки", "всього"))
PLUS_WORDS = frozenset(("with", "plus", "+", "з", "із", "зі", "але", "but"))
# The cues ("answer in ukrainian", "відповідай англійською") that name the reply's language.
_LANG_ASKED: dict[str, Lang] = {"answer_uk": "uk", "answer_en": "en"}
# Words that join the items of a list: a "not" before the first reaches the rest.
LIST_WORDS = frozenset(("or", "and", "nor", "a", "an", "any", "чи", "або", "і", "й", "та",
                        "ні", "ані"))
# "don't need models or admin": a "not" reaches over one word listed before the need.
LIST_OR = frozenset(("or", "nor", "чи", "або", "ані"))
# "no gui, terminal only": a need said to be the only one is wanted, whatever came
# right before it.
ONLY_WORDS = frozenset(("only", "тільки", "лише", "тіко", "тілько", "тіки"))
# "Not to write it myself": a need wanted built in, not unwanted.
WRITE_WORDS = frozenset(("писати", "написати", "пиляти", "write", "writing", "code", "build"))
SELF_WORDS = frozenset(("самому", "самим", "самій", "сам", "самостійно", "руками", "вручну",
                        "myself", "ourselves", "yourself", "manually"))
# Words of wanting: a "not" reaches back through one of them ("не треба async"),
# never through two ("не хочу, треба api").
WANT_WORDS = frozenset(("треба", "потрібно", "потрібен", "потрібна", "потрібні", "хочу",
                        "хочемо", "need", "needs", "want", "wants"))
# Before a need: "just Android", "лише андроїд" (all that is wanted of it).
JUST_ONLY = ONLY_WORDS | {"just", "просто"}
WITHOUT_WORDS = frozenset(("without", "без", "w/o"))
# What qualifies a likeness: "like Flask but async", "як фласк, тільки асинхронне".
LIKE_BUT = frozenset(("but", "only", "just", "yet", "але", "тільки", "лише", "проте", "однак"))


@dataclass(slots=True)
class Analysis:
    """Everything found in one message; positions are token indexes.

    Treat it as immutable: the Reader memoises analyses and shares them. (Not
    ``frozen=True`` only because frozen dataclasses build slower, and one is
    built for every message.)
    """

    text: str
    tokens: tuple[Token, ...]
    lang: Lang | None
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
    tools: tuple[str, ...] = ()    # tools outside the list named ("pygame", "DRF")
    domains: tuple[str, ...] = ()  # jobs done with such tools ("a 2D game")
    concepts: tuple[str, ...] = ()  # terms asked about ("WSGI", "ORM")
    # What is there at all, for the engine to skip readers cheaply: the cues, the
    # names of the non-empty fields above, "fws2" (two or more frameworks) and
    # "first:<word>" (the opening word past a leading "and" / "а").
    marks: frozenset[str] = frozenset()
    # Frameworks named only to be ruled out ("a website but not Django", "не хочу
    # django", "anything but Flask"): not in ``frameworks``.
    excluded: tuple[str, ...] = ()
    # Tools named only to be ruled out ("any game library but not pygame"): not in
    # ``tools``.
    excluded_tools: tuple[str, ...] = ()
    # Needs and frameworks said of what the user has already ("my web app", "моєї
    # flask апки"): the app a job is for, not one to build.
    owned: tuple[str, ...] = ()
    polar: bool = False  # asks yes or no: "is ...", "чи ...", "..., right?", "...?"

    def has(self, cue: str) -> bool:
        """Whether the message holds a cue of this intent ("compare", "why", ...)."""
        return cue in self.cues


# A question mark, then a new sentence, as typed ("...? Мені в курсі так пояснили.").
ASKED_THEN_TOLD = re.compile(r"\?\s+[«\"(]?[A-ZА-ЯІЇЄҐ]")
# Words before a thing said as a likeness ("як matplotlib", "поруч з Pygame"); not an
# example of a kind ("під asgi сервером типу uvicorn", "such as"). Narrower than the
# engine's LIKE_WORDS, whose "same", "також" and "типу" also liken frameworks.
LIKENESS = frozenset(("like", "як", "подібно"))
LIKENESS_PAIRS = frozenset((("поруч", "з"), ("поряд", "з"), ("поруч", "із"), ("поряд", "із"),
                            ("next", "to")))


def _as_likeness(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the words before ``at`` say that what starts there is a likeness."""
    return (at > 0 and tokens[at - 1].raw in LIKENESS) or (
        at > 1 and (tokens[at - 2].raw, tokens[at - 1].raw) in LIKENESS_PAIRS)


# Attributes a comparison's own words can hold ("що краще" is no "what is good about").
WEIGHED = frozenset(("strengths", "weaknesses"))
# Feminine pronouns besides "вона" ("її", "неї"), which more often point at a noun of
# the message than at a framework: a pronoun only in a message this short.
FEMININE = frozenset(("вона", "її", "неї", "ній", "нею"))
FEMININE_SHORT = 5
# The words after which the name is the one rivalled ("alternatives to Flask").
RIVAL_OF = frozenset(("to", "for", "of", "like"))
# "its rival Dash", "його конкурент Dash": the one named is the rival, of one in view.
POSSESSIVE = frozenset(("its", "his", "their", "його", "її", "їхній", "їх"))


def _of_the_named(tokens: tuple[Token, ...], cue: Match[tuple[str, str]],
                  fws: list[Match[str]]) -> bool:
    """Whether a word for rivals asks for the named framework's ("Kivy alternatives",
    "alternatives to Flask", "аналоги Kivy"), not names it as the rival of another
    ("its rival Dash", "a rival Dash": the name right after an English word)."""
    if cue.start and tokens[cue.start - 1].raw in POSSESSIVE:
        return False
    last = tokens[cue.end - 1]
    if last.latin and last.raw not in RIVAL_OF and any(m.start == cue.end for m in fws):
        return False
    # (the name by the word: "Kivy alternatives", "аналоги Kivy", "alternatives to Flask",
    # not "an alternative way to deploy Flask")
    return any(m.start == cue.end or m.end == cue.start for m in fws)


BECAUSE = frozenset(("бо", "тому", "because", "cause", "since", "оскільки"))


def _reasons_from(tokens: tuple[Token, ...], named: list[Match[str]],
                  excluded: list[str]) -> int:
    """Where "because" follows a framework ruled out ("Kivy не хочу, бо він ..."),
    or -1."""
    at = min((m.end for m in named if m.payload in excluded), default=-1)
    if at < 0:
        return -1
    return next((i for i in range(at, min(len(tokens), at + 5)) if tokens[i].raw in BECAUSE),
                -1)


# Where a sentence ends: after its mark, at the space that follows.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _sentence_starts(norm: str, size: int) -> frozenset[int]:
    """Where each sentence after the first starts, as token indexes of the message."""
    pieces = SENTENCE_END.split(norm)
    if len(pieces) < 2:
        return frozenset()
    at, out = 0, set()
    for piece in pieces[:-1]:
        at += len(tokenise(piece))
        out.add(at)
    # (a piece the tokeniser reads otherwise than inside the whole: no boundaries)
    return frozenset(out) if at + len(tokenise(pieces[-1])) == size else frozenset()


def _counted(tokens: tuple[Token, ...], found: dict[str, list[Match[tuple[str, str]]]]) -> None:
    """A team or a schema counted large enough is a large project ("на 50 розрабів і 200
    таблиць"); the counted tables are the database's, no widgets of an interface."""
    large: list[Match[tuple[str, str]]] = []
    for i, t in enumerate(tokens[:-1]):
        if not t.raw.isdigit():
            continue
        word = tokens[i + 1].raw
        if ((word in TEAM_WORDS and int(t.raw) >= LARGE_TEAM)
                or (word in SCHEMA_WORDS and int(t.raw) >= LARGE_SCHEMA)):
            large.append(tuple.__new__(Match, (i, i + 2, ("need", "large"))))
    if large:
        spans = {m.start + 1 for m in large}
        found["need"] = sorted([m for m in found.get("need", ()) if m.start not in spans]
                               + large, key=attrgetter("start"))


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
        # One index for every kind of phrase: a message is scanned once.
        phrases: list[tuple[str, tuple[str, str]]] = []
        phrases += [(p, ("cue", k)) for p, k in _phrases(vocab["cues"])
                    if k != "filter" and not k.endswith("_exact")]
        phrases += [(p, ("attr", k)) for p, k in _phrases(vocab["attributes"])]
        phrases += [(p, ("need", nid)) for nid, need in kb.needs.items()
                    for words in need.words.values() for p in words]
        phrases += [(p, ("filter", fid)) for fid, flt in kb.filters.items()
                    for words in flt.words.values() for p in words]
        phrases += [(p, ("unknown", p)) for words in vocab["unknown_things"].values()
                    for p in words]
        phrases += [(p, ("cmp", "cmp")) for words in vocab["comparatives"].values()
                    for p in words]
        phrases += [(str(w), ("topic", fact["id"])) for fact in kb.python["python"]
                    for w in fact.get("topic", [])]
        phrases += [(name, ("name", fid)) for name, fid in names.items()]
        self.yields = {nid: frozenset(n.yields_to) for nid, n in kb.needs.items() if n.yields_to}
        self.what = frozenset(nid for nid, n in kb.needs.items() if n.group == "what")
        self.sizes = frozenset(nid for nid, n in kb.needs.items() if n.group == "size")
        for domain in kb.domains.values():  # "host my Flask site": the site is hosted
            for nid in domain.outranks:
                self.yields[nid] = self.yields.get(nid, frozenset()) | {domain.id}
        # The attributes each job's words mean otherwise ("for free" hosting).
        self.absorbed = {d.id: frozenset(d.absorbs) for d in kb.domains.values() if d.absorbs}
        self.implied = [(d.id, frozenset(d.implied_by), frozenset(d.absorbs))
                        for d in kb.domains.values() if d.implied_by]
        self.likes = frozenset(nid for nid in kb.needs if nid.startswith("like_"))
        # Frameworks another one reimplements (Flask: Quart): "like Flask but async"
        # asks for that one.
        self.reimplemented = frozenset(
            fid for fid, fw in kb.frameworks.items()
            if any(fw.name in (other.trait("api_of") or ()) for other in kb.frameworks.values()))
        # The frameworks built on each one ("Flask": Dash), for "nothing built on Flask".
        # The tools each framework is built on ("fastapi": pydantic), by tool id.
        tool_ids = {name.casefold(): t.id for t in kb.tools.values()
                    for name in (t.id, t.name, *t.aliases)}
        self.bases = {fw.id: frozenset(tool_ids[b.casefold()]
                                       for b in (fw.facts.built_on if fw.facts else ())
                                       if b.casefold() in tool_ids)
                      for fw in kb.frameworks.values()}
        self.any_base = frozenset().union(*self.bases.values())
        self.built_on_it: dict[str, tuple[str, ...]] = {}
        for fw in kb.frameworks.values():
            bases = {b.casefold() for b in (fw.facts.built_on if fw.facts else ())}
            for other in kb.frameworks.values():
                if other.name.casefold() in bases:
                    self.built_on_it[other.id] = (*self.built_on_it.get(other.id, ()), fw.id)
        # (a framework, one whose API it reimplements): "quart is basically flask but
        # async?" says it is like it, not built on it
        self.api_pairs = frozenset((fw.id, other.id) for fw in kb.frameworks.values()
                                   for other in kb.frameworks.values()
                                   if fw.facts is not None and other.name in fw.facts.api_of)
        phrases += [(name, ("tool", tool.id)) for tool in kb.tools.values()
                    for name in (tool.name, tool.id, *tool.aliases)]
        phrases += [(word, ("concept", concept.id)) for concept in kb.concepts.values()
                    for words in concept.words.values() for word in words]
        phrases += [(word, ("domain", domain.id)) for domain in kb.domains.values()
                    for words in domain.words.values() for word in words]
        self.function_words = {normalise(str(w)): lang
                               for lang, words in vocab["function_words"].items()
                               for w in words}
        function = self.function_words
        # A name whose lemma is a function word ("тога": "того") is found as written.
        # So is a cue of analogy: "типу" (like) is no form of "тип" (type).
        cues = {normalise(str(w)) for ws in vocab["analogues"]["cues"].values() for w in ws}
        as_written = frozenset(
            {key for key in (normalise(n) for n in names)
             if " " not in key and lemma(key) != key and lemma(key) in function}
            | {key for key in cues if " " not in key and lemma(key) != key}
            | {normalise(str(w)) for w in cast("list[str]", vocab.get("as_written") or [])})
        analogues = vocab["analogues"]
        phrases += [(str(p), ("analogue", f"{kind}:{target}"))
                    for section, kind in (("needs", "need"), ("domains", "domain"))
                    for target, words in analogues[section].items() for p in words]
        phrases += [(str(p), ("analogy", "cue")) for words in analogues["cues"].values()
                    for p in words]
        phrases += [(str(p), ("analogy", "same")) for words in analogues["same_api"].values()
                    for p in words]
        phrases += [(str(p), ("analogy", "knows")) for words in analogues["knows"].values()
                    for p in words]
        # A feature's words ("стрімити", "сесії") are ordinary words, no misspelled
        # framework name; whether one holds is the claims' to say (fwbot.claims).
        phrases += [(str(w), ("feature", fid)) for fid, langs in vocab["features"].items()
                    for ws in langs.values() for w in ws]
        keep_compounds(p for p, _ in phrases)
        self.index: PhraseIndex[tuple[str, str]] = PhraseIndex(phrases, as_written)
        # Phrases matched as written: the filter cues and every "*_exact" cue.
        self.exact = _ExactIndex(
            [(p, "filter") for p, _ in _phrases({"f": vocab["cues"]["filter"]})]
            + [(p, k.removesuffix("_exact")) for p, k in _phrases(vocab["cues"])
               if k.endswith("_exact")])
        self.neutral = {normalise(w) for w in vocab["neutral_words"]}
        beside = cast("dict[str, list[str]]", vocab.get("not_a_name") or {})
        self.not_a_name = {normalise(str(w)): frozenset(normalise(str(x)) for x in ws)
                           for w, ws in beside.items()}
        neg = vocab["negation"]
        self.neg_before = {normalise(str(w)) for ws in neg["before"].values() for w in ws}
        self.neg_adjacent = {normalise(str(w)) for ws in neg["adjacent"].values() for w in ws}
        self.neg_through = {normalise(str(w)) for ws in neg["through"].values() for w in ws}
        self.neg_list = LIST_WORDS
        # "not needed" phrases by their first word: most words start none.
        self.neg_after: dict[str, list[tuple[str, ...]]] = {}
        for ws in neg["after"].values():
            for w in ws:
                phrase = tuple(normalise(str(w)).split())
                self.neg_after.setdefault(phrase[0], []).append(phrase)
        claims = vocab["claims"]

        def claim_words(key: str) -> frozenset[str]:
            return frozenset(normalise(str(w)) for ws in claims[key].values() for w in ws)

        self.polar_start, self.tags, self.wh = (claim_words("polar_start"),
                                                claim_words("tags"), claim_words("wh"))
        self.hearsay = claim_words("hearsay")
        ordinary = {key for key in self.index.words()
                    if any(kind not in ("topic", "name")
                           for kind, _v in self.index.payloads_of(key))}
        ordinary |= set(self.function_words)  # "того" is no misspelled "тога"
        ordinary -= {normalise(n) for n in names}
        self.names = NameFinder(names, ordinary, as_written)
        # Ukrainian typed in Latin letters is read back into Cyrillic, but names,
        # tools, concepts and technical terms stay as typed.
        self.translit_markers = frozenset(normalise(str(w))
                                          for w in vocab["transliterated"]["uk"])
        self.english_words = frozenset(w for w, lang in self.function_words.items()
                                       if lang == "en")
        self.translit_keep = frozenset(
            {key for key in self.index.words()
             if any(kind in ("name", "tool", "concept")
                    for kind, _v in self.index.payloads_of(key))}
            | self.neutral | {normalise(n) for n in names})
        # The words of every phrase and word list above keep their tokens for good:
        # a question is mostly made of them (see fwbot.language.keep_tokens).
        vocabulary = [*(normalise(p) for p, _ in phrases), *self.neutral, *self.neg_before,
                      *self.neg_adjacent, *self.neg_through, *self.polar_start, *self.tags,
                      *self.wh, *self.hearsay, *self.function_words, *self.translit_markers,
                      *(w for words in self.exact.phrases() for w in words)]
        keep_tokens(vocabulary)
        self.names.keep(known_words(vocabulary))
        self.means = frozenset(t for d in kb.domains.values() if d.means for t in d.tools)
        self._cached_read = lru_cache(maxsize=4096)(self._read)

    def read(self, text: str) -> Analysis:
        """The analysis of ``text``; short texts (nearly every question) are memoised.

        Long ones are not: a cache of every distinct long text would let one
        client fill memory with messages of the size limit.
        """
        if len(text) <= MEMO_CHARS:
            return self._cached_read(text)
        return self._read(text)

    def clear_caches(self) -> None:
        """Forget analyses, lemmas, tokens and name look-ups (all of them bounded)."""
        self._cached_read.cache_clear()
        self.index.clear_cache()
        self.names.clear_cache()
        language_caches_clear()

    def _needs(self, matches: list[Match[tuple[str, str]]] | None, outside: set[int],
               tokens: tuple[Token, ...], names: set[int] | None = None,
               features: frozenset[int] | set[int] = frozenset(), reasons: int = -1,
               ) -> tuple[str, ...]:
        """The needs in message order; one said not to be wanted becomes its
        ``not_`` twin (:func:`fwbot.knowledge.unwanted_needs`). ``features``: where
        features are named, which a "not" reaches through along a list ("без
        шаблонів, адмінки"). ``reasons``: where the reason a framework is ruled out
        starts ("Kivy не хочу, бо він не виглядає нативно"): what it is said to lack
        there is wanted."""
        if not matches:
            return ()
        # A need inside a name or a job's phrase is none ("machine learning" is no
        # "learn"); one that goes on past a name holds it ("фласк апка": a Flask app),
        # and a longer one past a job's phrase ("http клієнт і сервер": both in one).
        kept = [m for m in matches if m.start not in outside
                or (names is not None and m.start in names and m.end - 1 not in outside)
                or (m.end - 1 not in outside and m.end - m.start > 2)]
        if len(kept) > 1:
            # What is built, named inside a longer phrase naming another thing built,
            # is that phrase's: "web ui" is a website's interface, not a desktop GUI.
            what = self.what
            kept = [m for m in kept if m.payload[1] not in what or not any(
                o.payload[1] != m.payload[1] and o.payload[1] in what
                and o.start <= m.start and m.end <= o.end
                and o.end - o.start > m.end - m.start for o in kept)]
        if len(kept) > 1:  # a need's phrase inside a longer one of its own is that one's:
            # "жодних залежностей" in "без жодних залежностей" is not negated by its "без";
            # and a size inside another need's phrase is none ("середній рівень": of skill),
            # nor speed inside a size's ("швидка демка" is quick to make, not fast to run)
            sizes = self.sizes
            kept = [m for m in kept if not any(
                (o.payload[1] == m.payload[1] or m.payload[1] in sizes
                 or (m.payload[1] == "performance" and o.payload[1] in sizes))
                and o.start <= m.start and m.end <= o.end
                and o.end - o.start > m.end - m.start for o in kept)]
        if len(kept) > 1:  # "асинхронний з коробки", "async out of the box": how the need
            # before it comes, no need of batteries of its own
            kept = [m for m in kept if not (
                tuple(t.raw for t in tokens[m.start:m.end]) in BUILTIN_PHRASES
                and any(o.end == m.start for o in kept))]
        if len(kept) > 1:  # a phrase that holds its own "not" ("не вікна і не браузер":
            # a terminal) holds the needs it names, ruled out in it, no longer apart
            neg = self.neg_before
            kept = [m for m in kept if not any(
                o.start < m.start and m.end <= o.end and tokens[o.start].raw in neg
                for o in kept)]
        floor = 0
        negated: list[tuple[int, int]] = []
        # A feature named in a list passes a "not" on, unless a need's own phrase holds
        # it ("без залежностей, один файл": that need's "без" is its own)
        listed = (features - {i for m in kept for i in range(m.start, m.end)}
                  if features else features)
        for m in kept:
            reach = _negated(self, tokens, m.start, m.end, floor, listed)
            if reach:
                floor = max(floor, reach)
                negated.append((m.start, m.end))
            elif m.start and tokens[m.start - 1].raw in REPLACED and any(
                    o is not m and o.payload[1] in self.what for o in kept):
                # "десктоп програму зроблю замість апі": what the new plan replaces
                # (alone, "шо замість ларавеля?" asks for its counterpart)
                negated.append((m.start, m.end))
        # "don't need a website or a dashboard": the "not" reaches along a list.
        for prev, m in pairwise(kept):
            if any(t.raw in FORGET_WORDS for t in tokens[max(0, prev.start - 3):prev.start]):
                continue  # "забудь мобілку, десктоп під windows": forgotten, then the new wish
            if ((prev.start, prev.end) in negated and (m.start, m.end) not in negated
                    and (prev.end < m.start or not _only(tokens, m.end))
                    and tokens[m.start].raw not in JUST_ONLY  # "no async, only sync"
                    # ("не хочу бази даних, парсер хай пише в csv": what is built, right
                    # after a feature ruled out, starts the next clause)
                    and not (prev.end == m.start and m.payload[1] in self.what
                             and prev.payload[1] not in self.what)
                    and all(t.raw in self.neg_list for t in tokens[prev.end:m.start])):
                negated.append((m.start, m.end))
        out: dict[str, None] = {}
        only: set[str] = set()
        for m in kept:
            # Overlapping phrases of one span ("async", "need async") share its fate.
            no = any(s < m.end and m.start < e for s, e in negated) and not (
                0 <= reasons < m.start)
            out[UNWANTED + m.payload[1] if no else m.payload[1]] = None
            if not no and (tokens[m.start].raw in JUST_ONLY
                           or (m.start and tokens[m.start - 1].raw in JUST_ONLY)):
                only.add(m.payload[1])
        # "nothing async, the team doesn't know async": said not wanted once, the
        # need is not wanted, however often it is named -- unless it is then said to
        # be all that is wanted ("we don't need iOS, just Android": a mobile app).
        if UNWANTED + "gui" in out and "mobile" in out:
            del out[UNWANTED + "gui"]  # "забудь десктоп, це під андроїд": the desktop
            # ruled out, a phone's interface wanted
        return tuple(n for n in out if (
            n.removeprefix(UNWANTED) not in only if n.startswith(UNWANTED)
            else UNWANTED + n not in out or n in only))

    def _polar(self, tokens: tuple[Token, ...], text: str, asked: str | None = None) -> bool:
        """Whether the message asks yes or no: "is ...", "чи ...", "..., right?",
        or a question mark after a statement that opens with no wh-word (``asked``: the
        message as typed, whose capitals say where a new sentence starts)."""
        if not tokens:
            return False
        at = 1 if len(tokens) > 1 and tokens[0].raw in OPENERS else 0
        start = tokens[at].raw
        if start in self.wh or asks_with_what([t.raw for t in tokens[at:at + 2]], 0):
            return False
        if start in self.polar_start or (  # "скрепі ж на asyncio, чи шо": a claim
                len(tokens) > 2 and tokens[-2].raw == "чи"
                and tokens[-1].raw in ("шо", "що", "ні")):
            return True
        relative = {m.group(1) or m.group(2) or m.group(3) or m.group(4)  # ", який ..."
                    for m in RELATIVE_RE.finditer(text)}
        if any(t.raw in self.wh and t.raw not in AS_WORDS and t.raw not in relative
               for t in tokens):
            return False  # "rest api on django - which library do people use?"
        return (tokens[-1].raw in self.tags or text.rstrip().endswith("?")
                # "Twisted — це ігровий рушій? Знайшов його поруч з Pygame.": the question,
                # then a sentence of where it was heard (a capital after the mark)
                or (asked is not None and ASKED_THEN_TOLD.search(asked) is not None)
                # "адмінка з коробки є? чи треба пакет ставити": the question goes on
                or OR_GOES_ON.search(text) is not None
                or any(t.raw in self.hearsay for t in tokens))

    def _bare_claim(self, tokens: tuple[Token, ...], text: str,
                    fws: list[Match[str]]) -> bool:
        """Whether a short message typed without a question mark states something of
        the framework it opens with, to be checked ("стрімліт від гугла", "скрапі на
        твістеді", "aiohttp тільки клієнт": a phone's chat is not punctuated), or one that
        ends in a word asking whether ("а в нього залежності є"). Not a comparison
        ("bottle vs flask"), nothing that asks what, no "not" (which states a claim the
        fit readers check as said)."""
        if not tokens or text.rstrip()[-1:] in ".!?" or len(tokens) > BARE_CLAIM_LONG:
            return False
        if len(tokens) > BARE_CLAIM_WORDS and not (
                fws and fws[0].start == 0 and fws[0].end < len(tokens)
                and tokens[fws[0].end].raw in BARE_ASKS):
            return False  # (longer when what it can do follows the name: "Flask можна
            # напряму запустити як iOS додаток")
        if tokens[-1].raw in BARE_ASKS and len(tokens) >= 2:
            pass  # "а в нього залежності є", "на айфон можна": asked whether
        elif not fws:
            return False
        else:
            at = 1 if len(tokens) > 1 and tokens[0].raw in OPENERS else 0
            if fws[0].start != at or fws[0].end >= len(tokens):
                return False
        # ("scrapy не для сайтів" states what it is not; a "як" after the name is "as":
        # "... запустити як iOS додаток")
        return not any((t.raw in self.wh and not (i and t.raw in ("як", "like", "as")))
                       or t.raw in BARE_NOT or t.raw in NOT_AFTER
                       for i, t in enumerate(tokens))

    def _ruled_out(self, tokens: tuple[Token, ...], start: int,
                   starts: frozenset[int] = frozenset()) -> bool:
        """Whether the framework named at ``start`` is said not to be wanted: "not",
        "no", "but", "без", "крім" right before it, or a negation reaching through
        one filler word ("не хочу django", "don't want django"). No "not" reaches
        into the next sentence (``starts``: "Фронтендерів нема. Streamlit підійде?")."""
        if start == 0 or start in starts:
            return False
        before = tokens[start - 1].raw
        if start == 1 and before in self.polar_start:
            return False  # "Doesn't Django have an ORM?" asks about Django
        if before == "but" and start >= 3 and tokens[start - 3].raw in NOT_AFTER:
            return False  # "not Django but Flask": Flask is the one meant
        if before in self.neg_before or before in self.neg_adjacent or before in RULE_OUT:
            return True
        if start >= 2 and (tokens[start - 2].raw, before) in RULE_OUT_PAIRS:
            return True  # "something other than Flask", "an alternative to Django"
        i = start - 1  # "not with Kivy", "not interested in Streamlit": through fillers
        while i > 0 and start - i <= 4 and tokens[i].raw in self.neg_through:
            i -= 1
            if tokens[i].raw in self.neg_before:
                return True
        return False

    def _kept(self, tokens: tuple[Token, ...], fws: list[Match[str]],
              claims: bool = False, starts: frozenset[int] = frozenset()) -> list[Match[str]]:
        """The framework matches not ruled out; a "not" or "except" reaches along a
        list ("anything except streamlit and dash"). In a yes/no question (``claims``)
        a "not" after the names is the claim's ("фласк не можна в продакшн?"), no
        ruling out."""
        kept: list[Match[str]] = []
        out = False
        prev_end = -1
        for m in fws:
            along = out and m.start not in starts and all(
                t.raw in self.neg_list for t in tokens[prev_end:m.start])
            out = along or self._ruled_out(tokens, m.start, starts)
            if not out:
                kept.append(m)
            prev_end = m.end
        if kept and not claims and any(t.raw in NOT_AFTER for t in tokens):
            kept = self._not_after(tokens, fws, kept)
        return kept

    def _not_after(self, tokens: tuple[Token, ...], fws: list[Match[str]],
                   kept: list[Match[str]]) -> list[Match[str]]:
        """The matches left once a "not" after a list of names rules the list out
        ("джанго і фастапі не підходять", "flask is not an option")."""
        out: set[int] = set()
        run: list[Match[str]] = []
        for k, m in enumerate(fws):
            run.append(m)
            nxt = fws[k + 1].start if k + 1 < len(fws) else len(tokens)
            gap = tokens[m.end:nxt]
            if k + 1 < len(fws) and all(t.raw in self.neg_list for t in gap):
                continue  # the list goes on
            for i, t in enumerate(gap[:3]):
                if any(u.raw in ON_WHERE for u in gap[:i]):
                    break  # "ківі на айфон не можна": what it cannot do there, a claim
                if t.raw in NOT_AFTER and any(
                        u.raw in RULE_OUT_AFTER or u.lemma in RULE_OUT_AFTER
                        for u in gap[i + 1:i + 4]):
                    out.update(r.start for r in run)
                    break
            run = []
        return [m for m in kept if m.start not in out] if out else kept

    def _a_word(self, tokens: tuple[Token, ...], m: Match[Any]) -> bool:
        """Whether a one-word name is the everyday word it also is ("ти даш",
        "даш пораду": the verb, not Dash; "button clicks": no Click), by the words
        beside it."""
        beside = self.not_a_name.get(tokens[m.start].raw) if m.end - m.start == 1 else None
        if not beside:
            return False
        return ((m.start > 0 and tokens[m.start - 1].raw in beside)
                or (m.end < len(tokens) and tokens[m.end].raw in beside))

    def _likened(self, tokens: tuple[Token, ...], fws: list[Match[str]],
                 found: dict[str, list[Match[tuple[str, str]]]]) -> list[str]:
        """The frameworks said by analogy and then qualified by a need ("something
        like Flask but async", "щось як фласк, тільки асинхронне"): the asker wants
        another one like it, with that need, not that one. Only a framework another
        one reimplements (Flask: Quart) is read so: "like Django but async" is
        answered by Django's own async support, which says more than a ranking of
        full-stack frameworks would."""
        cue_at = {m.end: m.start for m in found["analogy"] if m.payload[1] == "cue"}
        postfix = {m.start for m in found["analogy"]
                   if m.payload[1] == "cue" and tokens[m.start].raw == "like"}
        same = any(m.payload[1] == "same" for m in found["analogy"])
        # ("я знаю фласк, хочу те саме але асинхронне": the name before "the same")
        same_at = min((m.start for m in found["analogy"] if m.payload[1] == "same"),
                      default=-1)
        # "вся команда знає тільки flask": what the team knows, right before the name
        knows = {m.end for m in found["analogy"] if m.payload[1] == "knows"}
        needs_at = [m.start for m in found.get("need", ())]
        out: list[str] = []
        for m in fws:
            if m.payload not in self.reimplemented:
                continue
            if m.end in postfix or m.start in knows or (
                    same and m.start and tokens[m.start - 1].raw in FROM_WORDS) or (
                    same and m.end <= same_at and found.get("need")):
                # "an async flask-like thing"; "з фласку, хочу async, але щоб синтаксис
                # той самий": the need may be anywhere in the message
                out.append(m.payload)
                continue
            if m.start not in cue_at:
                continue
            # the need after ("like Flask but async") or before ("an async API, but
            # so that it looks like Flask")
            after = next((k for k in range(m.end, min(m.end + 2, len(tokens)))
                          if tokens[k].raw in LIKE_BUT), None)
            before = next((k for k in range(cue_at[m.start] - 1,
                                            max(-1, cue_at[m.start] - 5), -1)
                           if tokens[k].raw in LIKE_BUT), None)
            if ((after is not None and any(s > after for s in needs_at))
                    or (before is not None and any(s < before for s in needs_at))):
                out.append(m.payload)
        return out

    def _by_analogy(self, tokens: tuple[Token, ...],
                    found: dict[str, list[Match[tuple[str, str]]]], named: bool) -> None:
        """A name from another ecosystem said by analogy ("the Laravel of Python",
        "типу Jest") becomes the need or job it stands for; said otherwise, or
        ruled out ("не електрон"), it is the asker's background and is dropped.
        Beside a framework of the list it only compares ("у фласка є свій ORM
        типу Eloquent?" asks of Flask's ORM), so it asks for no job then."""
        analogues = found.pop("analogue")
        if found.pop("analogy", None) is None:
            return
        for m in analogues:
            if named and m.payload[1].startswith("domain:"):
                continue
            if m.start and (tokens[m.start - 1].raw in self.neg_before
                            or tokens[m.start - 1].raw in self.neg_adjacent):
                continue
            kind, target = m.payload[1].split(":", 1)
            found.setdefault(kind, []).append(
                tuple.__new__(Match, (m.start, m.end, (kind, target))))
            found[kind].sort(key=lambda x: x.start)

    def _yield(self, needs: tuple[str, ...], domains: tuple[str, ...]) -> tuple[str, ...]:
        """Drop each need that yields to another need or a job in the message."""
        if not self.yields or not needs:
            return needs
        present = set(needs) | set(domains)
        return tuple(n for n in needs if not (self.yields.get(n, frozenset()) & present))

    def _read(self, text: str) -> Analysis:
        norm = normalise(text)
        norm = read_transliterated(norm, self.translit_markers, self.english_words,
                                   self.translit_keep) or norm
        tokens = tokenise(norm) if len(norm) <= MEMO_CHARS else tokenise.__wrapped__(norm)
        # Matches by kind; their payloads stay (kind, value) pairs.
        found: dict[str, list[Match[tuple[str, str]]]] = {}
        names: list[Match[str]] = []
        for m in self.index.find(tokens):
            kind = m.payload[0]
            if kind == "name":
                names.append(tuple.__new__(Match, (m.start, m.end, m.payload[1])))
            elif kind in found:
                found[kind].append(m)
            else:
                found[kind] = [m]
        if any(t.raw.isdigit() for t in tokens):
            _counted(tokens, found)
        if "attr" in found and any(t.raw in ROLE_WORDS for t in tokens):
            # "я веб-розробник на джанго": the asker's trade, not who made it
            found["attr"] = [m for m in found["attr"] if not (
                m.payload[1] == "creators" and m.end - m.start == 1 and m.start
                and tokens[m.start].raw in ROLE_WORDS and tokens[m.start - 1].raw in ROLE_BEFORE)]
        if self.not_a_name and "tool" in found:  # "button clicks": no Click, for all below
            found["tool"] = [m for m in found["tool"] if not self._a_word(tokens, m)]
        if "analogue" in found:
            self._by_analogy(tokens, found, bool(self.names.find(tokens, list(names))))
        unknown = found.get("unknown", ())
        if unknown and ("domain" in found or "tool" in found):  # "neural net" is no ".NET"
            jobs = [m for kind in ("domain", "tool") for m in found.get(kind, ())]
            unknown = [u for u in unknown
                       if not any(j.start <= u.start < j.end for j in jobs)]
        if unknown and "tool" in found:  # "як socket.io в ноді": the other stack's tool,
            # named by analogy, is no tool asked about
            elsewhere = {u.start for u in unknown}
            found["tool"] = [m for m in found["tool"] if not (
                m.end + 1 in elsewhere and tokens[m.end].raw in IN_WORDS)]
        fw_matches = self.names.find(tokens, names)
        if self.not_a_name and fw_matches:  # "даш пораду": the verb, no Dash
            fw_matches = [m for m in fw_matches if not self._a_word(tokens, m)]
        if unknown and fw_matches:  # a word naming an unknown thing is no misspelled framework
            fw_matches = [m for m in fw_matches
                          if not any(u.start <= m.start < u.end for u in unknown)]
        tools = found.get("tool", ())
        if len(tools) > 1 and any(m.payload[1] in self.means for m in tools) and any(
                m.payload[1] not in self.means for m in tools):
            # "tkinter треба ставити через pip?": the installer is how, Tkinter is what
            means = {(m.start, m.end) for m in tools if m.payload[1] in self.means}
            tools = found["tool"] = [m for m in tools if m.payload[1] not in self.means]
            if "concept" in found:  # (and "pip" is no question of what pip is)
                found["concept"] = [m for m in found["concept"] if (m.start, m.end) not in means]
        if tools and "domain" in found:  # "click through an old desktop app": the job's
            # phrase holds the word, no Click
            tools = found["tool"] = _outermost(list(tools), found["domain"])
        excluded_tools: list[str] = []
        if tools and tokens[0].raw not in self.wh:  # "why not pygame?" asks about it
            kept_tools = [m for m in tools if not self._ruled_out(tokens, m.start)]
            if len(kept_tools) < len(tools):
                excluded_tools = [m.payload[1] for m in tools if m not in kept_tools]
                # (the same tool matched again inside its ruled-out name: "без Django
                # Channels" holds "Channels")
                found["tool"] = [m for m in kept_tools if m.payload[1] not in excluded_tools]
        if tools and fw_matches:  # "Django REST framework" is the tool, not Django
            fw_matches = [m for m in fw_matches
                          if not any(t.start <= m.start < t.end for t in tools)]
        if tools and (fw_matches or found.get("need")):
            # "does fastapi need pydantic?", "async, auto docs, we use pydantic": a tool
            # a named framework is built on, or one said as a need beside others, is
            # part of the question about frameworks, not a question about the tool
            bases = {b for m in fw_matches for b in self.bases.get(m.payload, ())
                     # ("pydantic без fastapi?" asks of Pydantic on its own)
                     if not (m.start and tokens[m.start - 1].raw in WITHOUT_WORDS)}
            needs = found.get("need", ())

            def as_need(t: Match[tuple[str, str]]) -> bool:
                same = [n for n in needs if n.start == t.start and n.end == t.end]
                return (t.payload[1] in self.any_base and bool(same)
                        and any(n.start != t.start for n in needs))

            staying = [t for t in found.get("tool", ())
                       if t.payload[1] not in bases and not as_need(t)]
            if len(staying) < len(found.get("tool", ())):
                found["tool"] = staying
        if "domain" in found and fw_matches and found.get("tool"):
            # "Scrapy — це бібліотека для графіків, як matplotlib?", "Twisted ... поруч з
            # Pygame": a tool said after a framework as its likeness is what the claim
            # likens it to; the job asked about is said in its own words
            subject = fw_matches[0].start
            found["tool"] = [m for m in found["tool"]
                             if not (m.start > subject and _as_likeness(tokens, m.start))]
        concepts = found.get("concept", [])
        if len(concepts) > 1:  # "rest api" is REST, not also API
            concepts = found["concept"] = _outermost(concepts, concepts)
        said_jobs = found.get("domain")
        if said_jobs and len(said_jobs) > 1:  # "load testing" is no "testing" too
            found["domain"] = _outermost(said_jobs, said_jobs)
        attrs = found.get("attr")
        if concepts and attrs:  # nor is "event loop" in "the event loop" async
            attrs = found["attr"] = _outermost(attrs, concepts)
        if attrs and "need" in found:  # "збирати ціни" is scraping, not "збирати" (build):
            # a purpose's phrase (a "what" need) is the job; a property's ("asgi framework",
            # "on windows") still asks about that attribute. Years inside a need's phrase
            # are how long, no release year ("supported for 10 years", "на 10 років").
            attrs = found["attr"] = _outermost(
                [m for m in attrs if m.payload[1] not in CONDITIONS],
                [m for m in found["need"] if m.payload[1] in self.what]) + [
                    m for m in attrs if m.payload[1] in CONDITIONS]
            attrs.sort()
            years = [m for m in attrs if m.payload[1] == "year"]
            if years:
                durations = _outermost(years, found["need"])
                attrs = found["attr"] = [m for m in attrs
                                         if m.payload[1] != "year" or m in durations]
        if attrs and any(m.payload[1] == "creators" for m in attrs):
            # "з 20 розробниками", "a team of 5 developers": the team, not who made it
            found["attr"] = [m for m in attrs if not (
                m.payload[1] == "creators" and m.start and tokens[m.start - 1].raw.isdigit())]
        if concepts and fw_matches:  # "flask run" is the development server, not Flask
            fw_matches = _outermost(fw_matches, concepts)
        fw_spans: set[int] = set()
        for fm in fw_matches:
            fw_spans.update(range(fm.start, fm.end))
        excluded: list[str] = []
        likeness: list[str] = []
        correction = -1  # where "не X, а Y" starts: it takes the last question up again
        named = fw_matches
        polar = self._polar(tokens, norm, text) or self._bare_claim(tokens, norm, fw_matches)
        if fw_matches:
            # Only a request for advice rules names out, or a message that names
            # frameworks only to rule them out ("тільки не веб2пай"); a yes/no
            # question's "not" is its claim's ("фласк не можна в продакшн, правда?")
            # unless others are asked for ("..., що ще є?") or advice is.
            claims = polar and not any(t.raw in ELSE_WORDS for t in tokens) and not any(
                m.payload[1] == "recommend" for m in found.get("cue", ()))
            kept_fws = self._kept(tokens, fw_matches, claims=claims,
                                  starts=_sentence_starts(norm, len(tokens)))
            out = [m.payload for m in fw_matches if m not in kept_fws]
            # "like Flask but not Flask": the name kept is only a likeness
            likeness = [f for f in dict.fromkeys(out) if "like_" + f in self.likes
                        and any(m.payload == f for m in kept_fws)]
            if not likeness and "analogy" in found and (found.get("need") or any(
                    m.payload[1] == "same" for m in found["analogy"])):
                # "щось як фласк, тільки асинхронне": one like it, with the need
                likeness = self._likened(tokens, kept_fws, found)
                out += likeness
                kept_fws = [m for m in kept_fws if m.payload not in likeness]
            if (not likeness and len(one := {m.payload for m in fw_matches}) == 1
                    and not (found.get("need") or found.get("tool") or found.get("domain")
                             or found.get("attr"))
                    and "like_" + next(iter(one)) in self.likes
                    and any(m.payload[1] == "rival" and _of_the_named(tokens, m, fw_matches)
                            for m in found.get("cue", ()))):
                # "Kivy alternatives", "які є альтернативи Django?": others like it
                likeness = list(one)
                out = likeness
                kept_fws = []
            if out and (found.get("need") or likeness or (
                    not kept_fws and tokens[0].raw not in self.wh)):  # "why not Django?" asks
                excluded = out
                fw_matches = [m for m in kept_fws if m.payload not in excluded]
            elif out and kept_fws and (contrasted := _contrasted(tokens, fw_matches, kept_fws)):
                # "у нас не фастапі, а літестар", "Litestar, not FastAPI": the message is
                # of the one put in the other's place, the other no longer in view
                fw_matches = [m for m in fw_matches if m.start not in contrasted]
                correction = min(contrasted)
            if fw_matches and (cut := _corrected(tokens)) is not None:
                # "хто зробив фласк ой тобто фастапі", "kivy or toga... actually forget
                # the mobile part, i need a terminal ui": what is said after the
                # correction replaces the names said before it
                cut_at, cut_end = cut
                head = [m for m in fw_matches if m.end <= cut_at]
                if head and (any(m.start >= cut_end for m in fw_matches) or (len(head) >= 2 and any(
                        m.start >= cut_end for m in found.get("need", ())))):
                    # ("does kivy actually run on android?": one named, then what of it)
                    fw_matches = [m for m in fw_matches if m.end > cut_at]
        # A tool's name is no misspelled framework ("pygame" is not Pyramid), and a
        # need inside a job's phrase is no need ("machine learning" is not "learn").
        beside: set[int] = set(fw_spans)
        for m in (*found.get("tool", ()), *found.get("domain", ())):
            beside.update(range(m.start, m.end))
        spans: dict[str, list[tuple[int, int]]] = {}
        for start, end, (_, intent) in found.get("cue", ()):
            if start not in fw_spans:
                spans.setdefault(intent, []).append((start, end))
        if not fw_matches:
            # "а вона під айфон працює?" of Toga: "вона" points at a framework; "її" only in
            # a short follow-up ("а хто її зробив?"; "у мене є стара програма, як її
            # переписати?" is of the program)
            for i, t in enumerate(tokens):
                if t.raw == "вона" or (t.raw in FEMININE and len(tokens) <= FEMININE_SHORT):
                    spans.setdefault("pronoun", []).append((i, i + 1))
        for start, end in spans.get("plainly", ()):  # "простими словами" asks no simple app
            beside.update(range(start, end))
        for start, end in spans.get("for_whom", ()):  # nor "для малого бізнесу" a small one
            beside.update(range(start, end))
        if excluded and "relation" in spans:
            # "nothing built on Starlette", "без flask під капотом": what is built on
            # a framework ruled out is ruled out with it (FastAPI, Dash), but not one
            # named to be spoken of ("scrapy is built on asyncio, not twisted").
            kept = {m.payload for m in fw_matches}
            excluded += [f for x in excluded for f in self.built_on_it.get(x, ())
                         if f not in kept]
            fw_matches = [m for m in fw_matches if m.payload not in excluded]
        elif excluded and any(m.payload in excluded and m.start
                              and tokens[m.start - 1].raw in ON_WORDS for m in named):
            # "API, але не на старлет": the same, but a framework named to be asked
            # about stays ("scrapy на asyncio, а не на twisted?" asks of Scrapy)
            kept = {m.payload for m in fw_matches}
            excluded += [f for x in excluded for f in self.built_on_it.get(x, ())
                         if f not in kept]
        # ("чи ...?" opening a question is no "or": see below)
        opening_chi = all(e - s == 1 and tokens[s].raw == "чи" and (
            s == 0 or (s == 1 and tokens[0].raw in ("а", "і", "ну")))
            for s, e in spans.get("compare", ()))
        if polar and "relation" not in spans and opening_chi and len(
                fw_matches) == 2 and fw_matches[0].payload != fw_matches[1].payload:
            # "dash на фласку?", "скрапі ж працює на твістеді?": one said to be on the
            # other asks what it is built on, not for the two compared
            first, second = fw_matches
            gap = tokens[first.end:second.start]
            after = tokens[second.end].raw if second.end < len(tokens) else ""
            if gap and gap[-1].raw in ON_WORDS and all(t.raw in ON_FILLERS for t in gap[:-1]) and (
                    not first.start or tokens[first.start - 1].raw not in FROM_WORDS):
                # ("переписати з фласку на джанго?" moves from one to the other)
                spans["relation"] = [(second.start - 1, second.start)]
            elif (gap and any(t.raw in JUST_WORDS for t in gap) and after in PLUS_WORDS
                  and all(t.raw in JUST_WORDS or t.raw in ON_FILLERS for t in gap)
                  and (first.payload, second.payload) not in self.api_pairs):
                # "fastapi is just flask with types": the second with more is its base
                spans["relation"] = [(second.start - 1, second.start)]
        if (polar and "relation" not in spans and len(fw_matches) == 1
                and (lone := fw_matches[0]).start
                and tokens[lone.start - 1].raw in ON_WORDS
                and any(t.raw in BUILT_AFTER for t in tokens[lone.end:lone.end + 2])
                and all(t.raw in ON_FILLERS or t.raw in BUILT_AFTER
                        for t in tokens[lone.end:lone.end + 2])):
            # "а він теж на фласку побудований?": the framework in view on the one named
            spans["relation"] = [(lone.start - 1, lone.start)]
        if correction >= 0 and "followup" not in spans:
            spans["followup"] = [(correction - 1, correction)]
        cmp = spans.get("compare")
        if cmp and all(e - s == 1 and tokens[s].raw == "чи" and (
                s == 0 or (s == 1 and tokens[0].raw in ("а", "і", "ну"))) for s, e in cmp):
            del spans["compare"]  # "чи є в ...?" opens a question: it is no "or"
        filter_cue = False
        for start, end, intent in self.exact.find(tokens):
            if intent == "filter":
                filter_cue = True
            else:
                spans.setdefault(intent, []).append((start, end))
        # Words that say nothing about the language: names, technical terms,
        # the names of unknown things.
        skip = set(fw_spans)
        for start, end, _ in unknown:
            skip.update(range(start, end))
        neutral = self.neutral
        skip.update(i for i, t in enumerate(tokens) if t.raw in neutral)
        covered = set(fw_spans)
        for found_spans in spans.values():
            for start, end in found_spans:
                covered.update(range(start, end))
        attr_found = found.get("attr")
        if attr_found and len({m.payload for m in fw_matches}) >= 2 and "compare" in spans:
            # "що краще, flask чи django?": the two weighed, not the first one's strengths
            weighed = set(spans["compare"])
            attr_found = [m for m in attr_found if not (
                m.payload[1] in WEIGHED and (m.start, m.end) in weighed)]
        attributes = _values(attr_found, fw_spans)
        owned: list[str] = []
        for start, _end, (_, nid) in found.get("need", ()):
            i = start - 1  # back over the names ("my django app")
            while i >= 0 and i in fw_spans:
                i -= 1
            if i >= 0 and (tokens[i].raw in MY_WORDS or tokens[i].lemma in MY_WORDS or (
                    i < start - 1 and tokens[i].raw in OWN_WORDS)):
                owned.append(nid)
        owned += [m.payload for m in fw_matches if m.start > 0 and (
            tokens[m.start - 1].raw in MY_WORDS or tokens[m.start - 1].lemma in MY_WORDS
            or tokens[m.start - 1].raw in OWN_WORDS)]
        if found.get("domain"):  # "не телеграм бот, а просто сайт": a job ruled out
            # (a tool's name ruled out is the tool's: "no celery please, just ... in fastapi")
            tooled = {i for m in tools for i in range(m.start, m.end)}
            found["domain"] = [m for m in found["domain"] if m.start in tooled or not (
                m.start and _negated(self, tokens, m.start, m.end, 0))]
        domains = _values(found.get("domain"), fw_spans)
        if attributes and self.implied and found.get("need") and not found.get("tool"):
            said = {nid for _s, _e, (_, nid) in found["need"]}
            domains += tuple(d for d, needs, absorbs in self.implied if d not in domains
                             and needs & said and absorbs.intersection(attributes))
        if attributes and domains and self.absorbed:
            gone = {x for d in domains for x in self.absorbed.get(d, ())}
            attributes = tuple(x for x in attributes if x not in gone)
        a = Analysis(
            text=norm,
            tokens=tokens,
            lang=_LANG_ASKED.get(next((k for k in spans if k in _LANG_ASKED), ""))
            or detect_lang(tokens, skip, self.function_words),
            frameworks=tuple(dict.fromkeys(m.payload for m in fw_matches)) if fw_matches else (),
            cues=frozenset(spans),
            filter_cue=filter_cue,
            attributes=attributes,
            needs=self._yield(self._needs(found.get("need"), beside, tokens, fw_spans, {
                i for m in found.get("attr", ()) for i in range(m.start, m.end)},
                _reasons_from(tokens, named, excluded) if excluded else -1)
                              + tuple("like_" + f for f in likeness),
                              domains),
            # ("web framework" is one filter, every framework for the web; its "web",
            # for websites, is not a second one)
            filters=_values(_outermost(flt, flt) if (flt := found.get("filter")) else None,
                            fw_spans),
            unknown=tuple(" ".join(t.raw for t in tokens[u.start:u.end]) for u in unknown)
            if unknown else (),
            python_topics=_values(found.get("topic")),
            years=tuple(int(t.raw) for t in tokens
                        if not (t.cyrillic or t.latin) and _YEAR_RE.match(t.raw))
            if _FOUR_DIGITS_RE.search(norm) else (),
            comparative="cmp" in found,
            content_words=len(tokens) - len(covered),
            spans=spans,
            tools=_values(found.get("tool"), fw_spans),
            domains=domains,
            # (a concept inside a tool's own name, "Django REST framework", is the tool)
            concepts=_values(found.get("concept"), fw_spans | {
                i for m in found.get("tool") or () if m.end - m.start > 1
                for i in range(m.start, m.end)}),
            excluded=tuple(dict.fromkeys(excluded)) if excluded else (),
            excluded_tools=tuple(dict.fromkeys(excluded_tools)) if excluded_tools else (),
            owned=tuple(dict.fromkeys(owned)) if owned else (),
            polar=polar,
        )
        a.marks = _marks(a)
        return a


_mark_values = attrgetter(*MARK_FIELDS)  # the MARK_FIELDS of an analysis, in one call


def _marks(a: Analysis) -> frozenset[str]:
    """The :attr:`Analysis.marks` of an analysis: its cues, and the name of each
    :data:`MARK_FIELDS` field that is not empty (once per analysis, which is memoised)."""
    marks = set(a.cues)
    add = marks.add
    if a.frameworks:
        add("frameworks")
        if len(a.frameworks) >= 2:
            add("fws2")
    marks.update(compress(MARK_FIELDS, _mark_values(a)))  # the fields that are not empty
    toks = a.tokens
    if toks:
        first = toks[1] if len(toks) > 1 and toks[0].raw in OPENERS else toks[0]
        add("first:" + first.raw)
    return frozenset(marks)


def _only(tokens: tuple[Token, ...], end: int) -> bool:
    """Whether the need ending at ``end`` is said to be the only one ("terminal only")."""
    return tokens[end - 1].raw in ONLY_WORDS or (end < len(tokens)
                                                 and tokens[end].raw in ONLY_WORDS)


def _negated(reader: Reader, tokens: tuple[Token, ...], start: int, end: int,
             floor: int, features: frozenset[int] | set[int] = frozenset()) -> int:
    """How far the "not wanted" of the need at tokens [start, end) reaches, or 0.

    A negation word before it, reaching through filler words only and not
    below ``floor`` ("don't really need async", "без адмінки"; "ні"/"no" only
    right before it): returns ``end``. A "not needed" phrase right after it
    ("асинхронність не потрібна"): returns the end of that phrase, which the
    next need's look-back must not reuse ("... не потрібна, простий сайт").
    """
    i = start - 1
    if i >= floor and tokens[i].raw in reader.neg_adjacent:
        return end
    wants = 0
    listed = False
    while i >= floor and start - i <= 4:
        word = tokens[i].raw
        if word in LIST_OR and not listed and i - 1 > floor and i == start - 1:
            listed = True  # "we don't need models or admin": one word named before it
            i -= 2
            continue
        if word in reader.neg_before:
            if any(t.raw in WRITE_WORDS for t in tokens[i + 1:start]) and any(
                    t.raw in SELF_WORDS for t in tokens[end:end + 3]):
                return 0  # "щоб не писати адмінку самому": wanted, built in
            return end
        if i in features and word not in reader.neg_through:
            if wants or any(t.raw in JUST_ONLY for t in tokens[i + 1:end]):
                break  # "без мікрофреймворків, хочу все з коробки": a new wish
            # (a feature in a list reaches on: "без шаблонів, адмінки і ORM")
        elif word not in reader.neg_through:
            break
        if word in WANT_WORDS:
            wants += 1
            if wants > 1:  # "не хочу flask, треба api": the "not" was the other wish's
                break
        i -= 1
    if end >= len(tokens):
        return 0
    phrases = reader.neg_after.get(tokens[end].raw)
    if phrases:
        after = tuple(t.raw for t in tokens[end:end + 4])
        for phrase in phrases:
            if after[:len(phrase)] == phrase:
                return end + len(phrase)
    return 0


# Attributes a purpose's phrase may carry as its condition ("works on windows" for a
# desktop app, "an async api"): still asked, not absorbed by the purpose.
CONDITIONS = frozenset(("platforms", "interface", "async", "performance"))


def _outermost(matches: list[Match[T]], outer: list[Match[U]]) -> list[Match[T]]:
    """``matches`` but those lying inside a longer match of ``outer`` that says
    something else: the longest phrase is what the words mean."""
    return [m for m in matches if not any(
        o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
        and o.payload != m.payload for o in outer)]


def _corrected(tokens: tuple[Token, ...]) -> tuple[int, int] | None:
    """Where the last self-correction in a message ("ой тобто", "wait no, i meant")
    starts and ends, or None."""
    found = None
    raws = [t.raw for t in tokens]
    for i in range(1, len(raws)):
        for marker in CORRECTION_MARKERS:
            if tuple(raws[i:i + len(marker)]) == marker:
                found = (i, i + len(marker))
    return found


def _contrasted(tokens: tuple[Token, ...], fws: list[Match[str]],
                kept: list[Match[str]]) -> set[int]:
    """Where the names ruled out only to be set against the next or the last one
    start: "не X, а Y" / "not X but Y" and "Y, а не X" / "Y, not X", the two side by
    side. Such a "not" corrects which framework is meant; it asks for nothing else."""
    starts = {m.start for m in kept}
    contrasted: set[int] = set()
    for k, m in enumerate(fws):
        if m.start in starts or not m.start or tokens[m.start - 1].raw not in NOT_AFTER:
            continue
        nxt = fws[k + 1] if k + 1 < len(fws) else None
        if (nxt is not None and nxt.start in starts and nxt.start == m.end + 1
                and tokens[m.end].raw in CONTRAST_WORDS):
            contrasted.add(m.start)  # "не фастапі, а літестар"
        prev = fws[k - 1] if k else None
        if prev is not None and prev.start in starts and (
                m.start - 1 == prev.end or (m.start - 2 == prev.end
                                            and tokens[prev.end].raw in CONTRAST_WORDS)):
            contrasted.add(m.start)  # "літестар, а не фастапі"
    return contrasted


def _values(matches: list[Match[tuple[str, str]]] | None, outside: set[int] | None = None,
            ) -> tuple[str, ...]:
    """The values of ``matches`` in message order, each once, skipping those that
    start inside ``outside`` (a framework's name is not also a need or a cue)."""
    if not matches:  # most messages: nothing of this kind
        return ()
    if len(matches) == 1:
        m = matches[0]
        return () if outside and m.start in outside else (m.payload[1],)
    out: dict[str, None] = {}
    for m in matches:
        if not outside or m.start not in outside:
            out[m.payload[1]] = None
    return tuple(out)


class _ExactIndex:
    """Phrases matched word for word as written (no lemmas): plural "which frameworks"
    must not match singular "which framework", and "чому" must not match "що"."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, payload in phrases:
            words = tuple(t.raw for t in tokenise(normalise(phrase)))
            if words:
                self._first.setdefault(words[0], []).append((words, payload))

    def phrases(self) -> list[tuple[str, ...]]:
        """The words of every phrase."""
        return [words for entries in self._first.values() for words, _ in entries]

    def find(self, tokens: tuple[Token, ...]) -> list[tuple[int, int, str]]:
        """(start, end, payload) of every phrase found."""
        found = []
        first = self._first
        raws = None
        for i, tok in enumerate(tokens):
            candidates = first.get(tok.raw)
            if candidates:
                if raws is None:
                    raws = tuple(t.raw for t in tokens)
                for words, payload in candidates:
                    if raws[i:i + len(words)] == words:
                        found.append((i, i + len(words), payload))
        return found

