"""Checking what a yes/no question claims about a framework.

"Is Tornado asynchronous?", "quart синхронний?", "kivy працює тільки на
windows?", "django з'явився в 2015?", "django was created by armin ronacher?":
the question states a claim, and the answer must open with whether it is
true. :func:`verdict` compares the claim in the message with the framework's
facts; it returns None when the message claims nothing it can check, and the
answer then states the fact without a yes or no. Words are data
(``vocabulary.yaml`` ``claims``, the ``properties`` of frameworks, tools,
concepts and Python); this module holds the mechanism: a claim's phrase is
found word by word by form or lemma with one other word allowed between two
of its words (:meth:`Claims.claimed`), a denial inside or just before it turns
it, and a negative conclusion drawn with "so" from a premise is false
whatever the premise (:meth:`Claims.python`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from fwbot.knowledge import Framework
from fwbot.language import (
    Token,
    asks_with_what,
    is_known,
    latin_keys,
    normalise,
    sounds_like,
    tokenise,
)

Verdict = str | None  # "yes", "no", "partly" or None (nothing to check)

# Words that end a denial's reach ("не mvc, а mtv") and that make two claims a choice.
# "не mvc, а mtv": what sets the claim made against the one denied before it.
RATHER = frozenset(("а", "but", "instead", "rather"))
CONTRAST = frozenset(("а", "але", "but", "and", "і", "й", "та", "or", "чи", "instead"))
# A two-letter name as a fact writes it ("Qt", "MS"): a maker's, not a word.
_SHORT_NAME_RE = re.compile(r"\b[A-Z][A-Za-z]\b")
# A name as a fact writes it in Latin letters, long enough to be heard in Cyrillic.
PROPER_RE = re.compile(r"\b[A-Z][A-Za-z]{3,}\b")
# "can" after a denial: "не можна", "не вийде" (what a licence is said to forbid).
CAN_WORDS = frozenset(("можна", "вийде", "дозволено", "дозволяє", "можу", "можемо", "можете",
                       "allowed", "can", "permitted"))
# Words that say "in" before a language's name ("в пайтоні", "in python").
IN_WORDS = frozenset(("в", "у", "in", "на"))
EITHER = frozenset(("or", "чи", "або", "either"))
# The interfaces a claim may name, as typed in either script ("фалкон підтримує асгі?").
INTERFACE_FORMS = (("asgi", frozenset(("asgi", "асгі"))),
                   ("wsgi", frozenset(("wsgi", "вісгі", "всгі"))))
WITHOUT = frozenset(("without", "без", "w/o"))

# The licence families that are copyleft: changed copies keep the licence.
COPYLEFT = frozenset(("gpl", "lgpl", "agpl", "mpl"))

# How the words for async begin ("async", "asynchronous", "асинхронний", "асинк").
ASYNC_STEMS = ("async", "асинхрон", "асинк")

# Where a creators fact turns from who made it to who keeps it ("Armin Ronacher;
# today the Pallets community maintains it", "спершу Insophia і Mydeco, тепер Zyte").
_ORIGINAL = re.compile(r";|, (?:today|now|тепер|зараз|сьогодні)\b")


# A graded trait's value read as the answer to "is it <high end>?" ("fast",
# "popular", "hard to learn"); the low-end words ("slow", "easy") flip it.
GRADED: dict[str, tuple[str, dict[str, str]]] = {
    "performance": ("performance", {"high": "yes", "medium": "partly", "low": "no"}),
    "community": ("community", {"large": "yes", "medium": "partly", "small": "no"}),
    "learning_curve": ("learning_curve", {"steep": "yes", "moderate": "partly", "gentle": "no"}),
}


# Words that ask whether something can be done at all ("can I use GraphQL with
# Flask?", "чи можна"), which a feature an add-on gives is yes to.
ADDON_YES = frozenset(("can", "could", "possible", "support", "supports", "можна", "можливо",
                       "підтримує", "підтримка", "зможу", "вийде"))


def _opening_chy(tokens: tuple[Token, ...]) -> int:
    """Where an "or" could begin: past a "чи" that opens the question ("чи правда,
    що ...?", "а чи є ...?"), which asks yes or no and offers no choice."""
    if tokens and tokens[0].raw == "чи":
        return 1
    if len(tokens) > 1 and tokens[1].raw == "чи" and tokens[0].raw in ("а", "і", "ну"):
        return 2
    return 0


# Before a word of paying, these say it is free: "не платячи", "without paying".
FREE_NOT = frozenset(("не", "без", "not", "no", "without", "never"))


class Claims:
    """The claim words of one knowledge base, normalised once."""

    def __init__(self, table: Mapping[str, Any], ordinary: frozenset[str] = frozenset(),
                 python: Mapping[str, Any] | None = None) -> None:
        def words(key: str) -> frozenset[str]:
            return frozenset(normalise(str(w)) for ws in table[key].values() for w in ws)

        self.polar_start = words("polar_start")
        self.tags = words("tags")
        self.wh = words("wh")
        self.sync = words("sync")
        self.only = words("only")
        # "so", "тому": what follows is concluded from what comes before; "nobody"
        self.consequence = frozenset(normalise(str(w)) for ws in table.get(
            "consequence", {}).values() for w in ws)
        self.nobody = frozenset(normalise(str(w)) for ws in table.get("nobody", {}).values()
                                for w in ws)
        # "at all", "purely", "взагалі": a claim that allows no exception
        self.absolute = frozenset(normalise(str(w)) for ws in table.get("absolute", {}).values()
                                  for w in ws)
        self.deny = words("deny")
        self.copula = words("copula")
        self.plain_verbs = words("plain_verbs")
        self.licenses = words("licenses")
        self.copyleft = frozenset(normalise(str(w)) for ws in table.get(
            "copyleft", {}).values() for w in ws)
        self.banned = frozenset(normalise(str(w)) for ws in table.get(
            "banned", {}).values() for w in ws)
        self.paid = words("paid")
        self.written_in = tuple(tuple(normalise(str(w)).split()) for ws in
                                table["written_in"].values() for w in ws)
        self.python_words = words("python_words")
        self.need_words = words("need_words")
        self.client_words, self.server_words = words("client_words"), words("server_words")
        self.also_words = tuple(tuple(normalise(str(w)).split()) for ws in
                                table["also_words"].values() for w in ws)
        self.other_languages = words("other_languages")
        self.markup = words("markup")
        self.separate = words("separate")
        self.fast, self.slow = words("fast"), words("slow")
        self.popular = words("popular")
        self.hard, self.easy = words("hard"), words("easy")
        self.alive, self.dead = words("alive"), words("dead")
        self.builtin = tuple(tuple(normalise(str(w)).split()) for ws in
                             table["builtin"].values() for w in ws)
        self.from_start = tuple(tuple(normalise(str(w)).split()) for ws in
                                table["from_start"].values() for w in ws)
        self.open = words("open")
        self.now = words("now")
        self.companies = words("companies")
        age = table["age"]
        self.age: dict[str, Any] = {
            "as_of": int(age["as_of"]), "new_within": int(age["new_within"]),
            "old_after": int(age["old_after"]),
            **{k: frozenset(normalise(str(w)) for ws in age[k].values() for w in ws)
               for k in ("new", "old", "not_after")}}
        self.made_forms = frozenset(str(w).casefold() for ws in table["made_forms"].values()
                                    for w in ws)
        self.ordinary = ordinary  # words the vocabulary knows: not people's names
        self._loose: dict[tuple[str, ...], tuple[tuple[Token, ...], ...]] = {}
        self._last_said: tuple[tuple[Token, ...], frozenset[str], bool] | None = None
        self.platforms = {platform: frozenset(normalise(str(w)) for w in ws)
                          for platform, ws in table["platforms"].items()}
        self.platform_words = frozenset().union(*self.platforms.values())  # any platform's
        # What Python itself is (python.yaml ``claims``): its year, its creator's
        # names, and properties with whether they hold and the fact that says so.
        py = python or {}
        self.python_year: int | None = py.get("year")
        self.python_creators = frozenset(normalise(str(w)) for w in py.get("creators", ()))
        self.python_properties = tuple(
            (tuple(p for p in (tokenise(normalise(str(w))) for w in prop["words"]) if p),
             str(prop["holds"]), str(prop["fact"])) for prop in py.get("properties", ()))

    def python(self, tokens: tuple[Token, ...], years: tuple[int, ...], creators: bool,
               ) -> tuple[Verdict, str | None]:
        """Whether a yes/no question's claim about Python holds, and the fact that
        says so: "python was created by microsoft in 2000?" is no (1991, Guido van
        Rossum), "пайтон компільована мова?" is no (interpreted). (None, None) when
        it claims nothing checkable, or two things that disagree ("interpreted or
        compiled?" asks which)."""
        verdicts: list[tuple[str, str]] = []
        if years and self.python_year is not None:
            verdicts.append(("yes" if self.python_year in years else "no", "created"))
        if creators:
            names = [t.raw for t in tokens if len(t.raw) >= 4 and not t.raw.isdigit()
                     and t.raw not in self.ordinary
                     and t.lemma not in self.ordinary and t.raw not in self.python_words
                     and t.raw not in self.polar_start and t.raw not in self.tags]
            if any(n in self.python_creators for n in names):
                verdicts.append(("yes", "created"))
            elif names:
                verdicts.append(("no", "created"))
        # ("потоки в пайтоні взагалі марні" says "потоки взагалі марні": the language's
        # own name inside a claim about it is a filler, as are the words saying "in" it)
        bare = tuple(t for i, t in enumerate(tokens) if t.raw not in self.python_words and not (
            i + 1 < len(tokens) and tokens[i + 1].raw in self.python_words
            and t.raw in IN_WORDS))
        for phrases, holds, fact in self.python_properties:
            at, denied = self.claimed(tokens, phrases)
            if at < 0 and len(bare) < len(tokens):
                at, denied = self.claimed(bare, phrases)
            if at >= 0:
                verdicts.append(({"yes": "no", "no": "yes"}[holds] if denied else holds, fact))
        if verdicts and self.concludes_against(tokens):
            # "пайтон інтерпретований, тому для бекенду не годиться": whatever the premise,
            # the conclusion that Python will not do is the claim, and it is false
            slow = any(t.raw in self.slow or t.lemma in self.slow for t in tokens)
            return "no", "speed" if slow else "uses"
        if not verdicts:
            return None, None
        said = {v for v, _ in verdicts}
        if said == {"yes"}:
            return "yes", verdicts[0][1]
        if len(verdicts) > 1 and not any(f == "created" for _, f in verdicts) and len(said) > 1:
            return None, None  # "interpreted or compiled?": a choice, not a claim
        return "no", next(f for v, f in verdicts if v == "no")

    def concludes_against(self, tokens: tuple[Token, ...]) -> bool:
        """Whether the message draws a negative conclusion from what it states first:
        a "so"/"тому" (not "тому що", a reason) followed by a denial ("..., so nobody
        uses it for big sites", "тому для бекенду він не годиться")."""
        for i, t in enumerate(tokens[1:-1], 1):
            if t.raw in self.consequence and tokens[i + 1].raw not in ("що", "шо"):
                return any(u.raw in self.deny or u.raw in self.nobody for u in tokens[i + 1:])
        return False

    def properties(self, tokens: tuple[Token, ...],
                   table: Sequence[tuple[Any, ...]]) -> Verdict:
        """The verdict of :meth:`property_found` alone."""
        return self.property_found(tokens, table)[0]

    def property_found(self, tokens: tuple[Token, ...],
                       table: Sequence[tuple[Any, ...]],
                       ) -> tuple[Verdict, int]:
        """Whether a claim about a tool or a concept holds, from its declared
        ``properties`` (each: the words that state it, and "yes" or "no"):
        "can gunicorn run on windows?" is no, "uvicorn це asgi сервер?" yes. A deny
        word up to three words before the claim's words turns it ("wsgi не
        підтримує вебсокети" is yes). None when no property is said, or when two
        said disagree ("WSGI or ASGI?" asks which)."""
        found: dict[str, tuple[int, int]] = {}  # verdict -> (where said, which property)
        turned: set[str] = set()  # the verdicts a deny word turned
        for index, prop in enumerate(table):  # (words, holds, and maybe its fact)
            words, holds = prop[0], prop[1]
            phrases = self._loose.get(words)
            if phrases is None:
                phrases = self._loose[words] = tuple(
                    p for p in (tokenise(normalise(w)) for w in words) if p)
            at, denied = self.claimed(tokens, phrases)
            if at < 0:
                continue
            if holds == "addon":  # not built in, an add-on does it: "can I use X?" yes,
                # "is X built in?", "does it have X?" no (the fact names the add-on)
                holds = "yes" if (any(t.raw in ADDON_YES for t in tokens)
                                  and not self.says_builtin(tokens)) else "no"
            if denied:
                holds = {"yes": "no", "no": "yes"}.get(holds, holds)
            if holds not in found or at < found[holds][0]:
                found[holds] = (at, index)
                if denied:
                    turned.add(holds)
        if len(found) == 1:
            (verdict, (_, index)), = found.items()
            return verdict, index
        if found and not any(t.raw in EITHER for t in tokens[_opening_chy(tokens):]):
            # two claims that disagree ("pyside6 is the unofficial one and pyqt the
            # official"): the one said first is about the subject
            (verdict, (at, index)), (second, (later, other)) = sorted(
                found.items(), key=lambda kv: kv[1][0])[:2]
            if verdict in turned and any(t.raw in RATHER for t in tokens[at:later]):
                return second, other  # "в джанго ж не mvc а mtv?": the claim is the second
            return verdict, index
        return None, -1  # "WSGI or ASGI?" asks which

    def claimed(self, tokens: tuple[Token, ...], phrases: Sequence[tuple[Token, ...]],
                ) -> tuple[int, bool]:
        """Where the first of the phrases is said (-1: none is), and whether it is
        denied: by a deny word inside it or up to three words before it ("wsgi не
        підтримує вебсокети"), up to a contrast ("не mvc, а mtv": the deny is the
        other claim's), and not by "not only" ("a server too, not only a client")."""
        at, denied = self._loosely(tokens, phrases)
        if at < 0:
            return at, False
        return at, denied != self.denied_before(tokens, at)

    def denied_before(self, tokens: tuple[Token, ...], at: int) -> bool:
        """Whether a deny word up to three words before ``at`` denies what is said
        there, up to a contrast, and not as "not only"."""
        for k in range(at - 1, max(0, at - 3) - 1, -1):
            t = tokens[k]
            if t.raw in CONTRAST:
                return False
            if t.raw in self.deny:
                # "not only as a client": more than that, not less
                return tokens[k + 1].raw not in self.only
        return False

    def _use_denied(self, tokens: tuple[Token, ...], at: int) -> bool:
        """Whether the use said at ``at`` is said to be forbidden: a denial before it
        ("can't use it commercially") or a denied "can" just after ("комерційно юзати
        не можна"); not any "not" nearby ("в закритому коді, не відкриваючи свій")."""
        if self.denied_before(tokens, at):
            return True
        return any(tokens[j].raw in self.deny and tokens[j + 1].raw in CAN_WORDS
                   for j in range(at + 1, min(len(tokens) - 1, at + 4)))

    def _same(self, t: Token, w: Token) -> bool:
        """Whether a message's word says a claim's word: the same form, or the same
        lemma unless either is a denial ("isn't" is not "is", though both are "be");
        any denial says another ("isn't for production" says "not for production")."""
        deny = self.deny
        if t.raw in deny or w.raw in deny:
            return t.raw in deny and w.raw in deny
        return t.raw == w.raw or t.lemma == w.lemma

    def _said_words(self, tokens: tuple[Token, ...]) -> tuple[frozenset[str], bool]:
        """Every form and lemma the message says, and whether it says a denial; kept
        for the last message, as one claim check walks many properties' phrases."""
        last = self._last_said
        if last is not None and last[0] is tokens:
            return last[1], last[2]
        said = frozenset(t.raw for t in tokens) | frozenset(t.lemma for t in tokens)
        any_deny = any(t.raw in self.deny for t in tokens)
        self._last_said = (tokens, said, any_deny)
        return said, any_deny

    def _loosely(self, tokens: tuple[Token, ...], phrases: Sequence[tuple[Token, ...]],
                 ) -> tuple[int, bool]:
        """Where the first of the phrases is said, and whether a deny word sits inside
        it: each word by its form or its lemma ("рендерити" says "рендерить"), and
        one other word may come between two of its words ("2 досі офіційно
        підтримується" says "2 досі підтримується", "not meant for production" says
        "not for production"). (-1, False) when none is said."""
        n = len(tokens)
        best, best_denied = -1, False
        said, any_deny = self._said_words(tokens)
        deny = self.deny
        for phrase in phrases:
            # A phrase whose first word the message does not say cannot be said:
            # most properties are skipped here, before the word-by-word walk below.
            first = phrase[0]
            if not (any_deny if first.raw in deny
                    else first.raw in said or first.lemma in said):
                continue
            for i in range(n if best < 0 else best):
                if not self._same(tokens[i], first):
                    continue
                at, denied, ok = i, False, True
                for w in phrase[1:]:
                    for step in (1, 2):  # the next word, or the one after one between
                        j = at + step
                        if j < n and self._same(tokens[j], w):
                            if step == 2:
                                between = tokens[at + 1].raw
                                if between in CONTRAST:
                                    continue  # ("wsgi, а asgi"): not one claim
                                denied = denied or between in self.deny
                            at = j
                            break
                    else:
                        ok = False
                        break
                if ok:
                    best, best_denied = i, denied
                    break
        return best, best_denied

    def polar(self, tokens: tuple[Token, ...], text: str) -> bool:
        """Whether the message asks yes or no: "is ...", "чи ...", "..., right?",
        or a question mark after a statement that opens with no wh-word."""
        if not tokens:
            return False
        raws = [t.raw for t in tokens]
        at = 1 if raws[0] in ("а", "so", "and", "і", "ну") and len(raws) > 1 else 0
        start = raws[at]
        if start in self.wh:
            return False
        if asks_with_what(raws, at):
            return False
        return (start in self.polar_start or raws[-1] in self.tags
                or text.rstrip().endswith("?")
                # "скрепі ж на asyncio, чи шо": a claim closed with "чи шо / чи ні"
                or (len(raws) > 2 and raws[-2] == "чи" and raws[-1] in ("шо", "що", "ні")))

    @staticmethod
    def _said(tokens: tuple[Token, ...], phrases: tuple[tuple[str, ...], ...]) -> bool:
        """Whether one of the phrases occurs in the message, word for word."""
        return _where(tuple(t.raw for t in tokens), phrases) >= 0

    def from_the_start(self, tokens: tuple[Token, ...]) -> bool:
        """Whether the message says "from the start" ("from the ground up", "з нуля")."""
        return self._said(tokens, self.from_start)

    def says_builtin(self, tokens: tuple[Token, ...]) -> bool:
        """Whether the message asks what comes in the box ("built in", "з коробки")."""
        return self._said(tokens, self.builtin)

    def needs_language(self, tokens: tuple[Token, ...]) -> bool:
        """Whether the message says another language is needed ("do I need to know
        JavaScript to build a Streamlit app?"): it never is for these frameworks."""
        said = {t.raw for t in tokens} | {t.lemma for t in tokens}
        # ("without writing JavaScript": whether it is needed, asked the other way)
        # ("without writing any html or js": a few words may come between)
        without = any(t.raw in WITHOUT and any(u.raw in self.other_languages
                                               for u in tokens[i + 1:i + 6])
                      for i, t in enumerate(tokens))
        return bool(said & self.other_languages and (said & self.need_words or without))

    def needs_markup(self, tokens: tuple[Token, ...]) -> bool:
        """Whether the message asks if HTML or CSS is needed ("чи треба знати html css
        для фласка"), and names no programming language (that is another claim)."""
        said = {t.raw for t in tokens} | {t.lemma for t in tokens}
        return bool(said & self.markup and said & self.need_words
                    and not said & self.other_languages)

    def serves(self, fw: Framework, tokens: tuple[Token, ...]) -> Verdict:
        """"aiohttp is only an HTTP client?" (no: it serves too) and "can aiohttp be a
        server too?" (yes): whether a framework serves requests, or None when the
        message says nothing of clients and servers."""
        said = {t.raw for t in tokens} | {t.lemma for t in tokens}
        client, server = bool(said & self.client_words), bool(said & self.server_words)
        also = self._said(tokens, self.also_words)
        # "можна на aiohttp підняти сервер?", "а сервер на ньому можна?": serving is
        # what can be done with it (not "does Bottle have a server?": its own one)
        can = server and bool(said & ADDON_YES) and not self.says_builtin(tokens)
        if not (client or (server and (also or can))):
            return None  # "does Bottle have a server?" asks for its own server
        serving = bool({"web", "api", "network", "realtime"} & set(fw.traits.uses))
        if client and server:
            words = self.client_words | self.server_words
            at = [i for i, t in enumerate(tokens) if t.raw in words or t.lemma in words]
            first = tokens[at[0]]
            if (first.raw in self.server_words or first.lemma in self.server_words) and any(
                    t.raw in EITHER for t in tokens[at[0]:]):
                # "a server, or only a client?": the question is its first half
                return "yes" if serving else "no"
        if client and said & self.only and not also:  # the claim: only a client
            return "no" if serving else "yes"
        if server:  # the claim: it is (also) a server
            return "yes" if serving else "no"
        return None

    def _denied_platforms(self, tokens: tuple[Token, ...]) -> set[str]:
        """The platforms a claim denies: a deny word within three words before the
        platform's ("can't run on ios") or three after it ("на андроїд ним не
        зробиш"). A platform also claimed plainly elsewhere is not denied."""
        denied: set[str] = set()
        plain: set[str] = set()
        for i, t in enumerate(tokens):
            for platform, ws in self.platforms.items():
                if t.raw in ws or t.lemma in ws:
                    near = tokens[max(0, i - 3):i] + tokens[i + 1:i + 4]
                    (denied if any(u.raw in self.deny for u in near) else plain).add(platform)
        return denied - plain

    def language(self, tokens: tuple[Token, ...]) -> Verdict:
        """"Is it written in JavaScript?": yes for Python, no for another language,
        None when the message claims no language (every framework here is Python's)."""
        if not self._said(tokens, self.written_in):
            return None
        said = {t.raw for t in tokens} | {t.lemma for t in tokens}
        if said & self.other_languages:
            return "no"
        return "yes" if said & self.python_words else None

    def verdict(self, fw: Framework, attr: str, tokens: tuple[Token, ...],
                years: tuple[int, ...], lang: str) -> Verdict:
        """Whether the claim about ``attr`` of ``fw`` in the message holds."""
        raws = {t.raw for t in tokens}
        lemmas = {t.lemma for t in tokens}
        said = raws | lemmas
        if attr == "async":
            value = fw.traits.async_
            # "fastapi is not async?", "джанго не вміє в async": a denied async claims sync
            no_async = any(t.raw.startswith(ASYNC_STEMS) and self.denied_before(tokens, i)
                           for i, t in enumerate(tokens))
            sync_at = [i for i, t in enumerate(tokens)
                       if (t.raw in self.sync or t.lemma in self.sync)
                       and not (i and tokens[i - 1].raw == "non")]  # "non-blocking": async
            # ("flask не синхронний?" claims async; "only async, no sync views?" too)
            claims_sync = (bool(sync_at) and not all(self.denied_before(tokens, i)
                                                     for i in sync_at) and not (
                said & self.only and any(w.startswith(ASYNC_STEMS) for w in said))) or no_async
            if sync_at and said & EITHER and any(t.raw.startswith(ASYNC_STEMS) for t in tokens):
                return None  # "is Sanic sync or async?" asks which
            if value == "partial" and claims_sync and (
                    no_async or said & self.absolute or said & self.only):
                return "no"  # "django can't do async at all", "sync only?": it can, partly
            interface = ((fw.facts.interface or {}).get("en", "") if fw.facts else "").casefold()
            if not claims_sync and said & self.only:  # "async-only, no sync views?"
                return "yes" if value == "yes" and "wsgi" not in interface else "no"
            if not claims_sync and self._said(tokens, self.from_start) and (
                    "since" in interface or value != "yes"):
                return "no"  # "async from the start?": added in a later version, or partly
            if value == "partial":
                return "partly"
            holds = value == "yes"
            return ("no" if holds else "yes") if claims_sync else ("yes" if holds else "no")
        if attr == "interface":
            facts = fw.facts
            named = [w for w, forms in INTERFACE_FORMS if forms & said]
            if facts is None or not named:
                return None
            interface_text = (facts.interface or {}).get("en", "").casefold()
            if said & self.only:  # "ASGI-only?": that one and not the other
                other = {"asgi": "wsgi", "wsgi": "asgi"}
                return "yes" if all(w in interface_text and other[w] not in interface_text
                                    for w in named) else "no"
            if any(w in interface_text for w in named):
                return "yes"
            return "no"
        if attr == "platforms":
            claimed = [p for p, ws in self.platforms.items() if said & ws]
            if not claimed:
                return None
            have = set(fw.traits.platforms)
            if have & {"web", "terminal"}:  # servers and terminal apps run on any desktop OS
                have.add("desktop")
            denied = self._denied_platforms(tokens)
            if denied:  # "only desktop, can't do android with it": android is denied
                claimed = [p for p in claimed if p not in denied]
                return "no" if denied & have or not set(claimed) <= have else "yes"
            either_only = any(t.raw in EITHER and u.raw in self.only
                              for t, u in pairwise(tokens))
            if said & self.only and not either_only:  # ("windows or only linux?": the
                return "yes" if have == set(claimed) else "no"  # first is the claim)
            return "yes" if all(p in have for p in claimed) else "no"
        if attr == "community" and said & (self.alive | self.dead):
            # "is Flask dead?": a release in the two years before its PyPI figures were
            # seen says it is kept up; else a small community is no proof of death: partly
            alive = {"large": "yes", "medium": "yes", "small": "partly"}[fw.traits.community]
            release = fw.facts.release if fw.facts is not None else None
            if release is not None:
                alive = "yes" if _months_between(str(release["released"]),
                                                 str(release["seen"])) <= 24 else "partly"
            return alive if said & self.alive else {"yes": "no"}.get(alive, alive)
        if attr in GRADED:
            trait, grades = GRADED[attr]
            value = getattr(fw.traits, trait)
            up, down = {"performance": (self.fast, self.slow),
                        "community": (self.popular | self.alive, self.dead),
                        "learning_curve": (self.hard, self.easy)}[attr]
            if said & up:
                return grades[value]
            if said & down:
                return {"yes": "no", "no": "yes", "partly": "partly"}[grades[value]]
            return None
        if attr == "year":
            return None if not years else ("yes" if fw.first_release in years else "no")
        if attr == "license":
            family = re.match(r"[a-z]+", fw.license.casefold())
            families = said & self.licenses
            if said & self.copyleft:  # "web2py має копілефт ліцензію?": LGPL is
                return "yes" if family and family.group() in COPYLEFT else "no"
            if families and family and said & self.banned:
                # "де GPL і LGPL заборонені": no when its own licence is the banned one
                return "no" if family.group() in families else "yes"
            if families and family and family.group() not in families:
                return "no"  # "pyside6 is gpl?": LGPL is not GPL
            # (whole words: "безплатний" holds "платний")
            joined = " " + " ".join(t.raw for t in tokens) + " "
            # ("не платячи", "without paying" says it is free)
            paid = any((t.raw in self.paid or t.lemma in self.paid) and not (
                i and tokens[i - 1].raw in FREE_NOT) for i, t in enumerate(tokens))
            if family and family.group() in self.licenses and (
                    paid or any(f" {w} " in joined for w in self.paid)):
                return "no"  # an open-source license: it costs nothing
            use = next((i for i, t in enumerate(tokens)
                        if t.raw in self.open or t.lemma in self.open), -1)
            if use < 0 and not any(f" {w} " in joined for w in self.open):
                return "yes" if families and family else None
            # "fastapi is MIT so I can't use it commercially", "комерційно юзати не
            # можна": what the licence is said to forbid, it allows
            return "no" if use >= 0 and self._use_denied(tokens, use) else "yes"
        if attr == "install" and fw.facts is not None and "pip" in said:
            # "встановлюється через pip?": no when its install fact says not with pip
            how = fw.facts.install.get("en", "").casefold()
            return "no" if how.startswith("not") or "pip install" not in how else "yes"
        if attr == "creators":
            facts = fw.facts
            if facts is None:
                return None
            # "Tornado made by Facebook?": the ones who made it are named before the
            # ones who look after it now ("...; Facebook open-sourced it in 2009"),
            # who count only when the question asks who keeps it ("maintained by").
            asks_now = bool(said & self.now)
            known = normalise(" ".join(text if asks_now else _ORIGINAL.split(text, 1)[0]
                                       for text in facts.creators.values()))
            everyone = normalise(" ".join(facts.creators.values()))
            skip = {fw.id, normalise(fw.name), *(normalise(a) for a in fw.aliases)}
            # (a short Latin name is a maker's too: "від самих qt?", "made by MS?")
            names = [t.raw for t in tokens if (len(t.raw) >= 4 or (t.latin and len(t.raw) >= 2))
                     and t.raw not in skip
                     and t.raw not in self.ordinary and t.lemma not in self.ordinary
                     and t.raw not in self.polar_start and t.raw not in self.tags
                     and t.raw not in self.now]  # ("owned by Google now": no "snowflake")
            # A maker named in the fact counts even when it is a word fwbot knows
            # ("Plotly" is a tool too); ordinary words must match a whole word.
            # (an alias may be the maker's name too: "BeeWare" for Toga)
            known_words = {t.raw for t in tokenise(known)} - {fw.id, normalise(fw.name)}
            # (not the claim's own words: "належить" is in "Streamlit належить Snowflake")
            said_words = {t.raw for t in tokens if len(t.raw) >= 4 and t.raw not in self.now
                          and t.raw not in self.made_forms and t.raw not in self.polar_start}
            # (a word said in another case names the same: "для газети", "у газеті")
            known_lemmas = {t.lemma for t in tokenise(known) if len(t.lemma) >= 4}
            # and a two-letter name the fact writes capitalised ("Qt": "від самих qt?")
            short = {w.casefold() for text in facts.creators.values()
                     for w in _SHORT_NAME_RE.findall(text)}
            people = [t.raw for t in tokens if t.raw in short] + [
                t.raw for t in tokens if t.raw in names and (
                t.raw in known or t.lemma in known_lemmas)] + sorted(said_words & known_words)
            if not people and any(t.cyrillic for t in tokens):
                # a maker's Latin name said in Cyrillic ("тога це частина бівару?")
                keys = [latin_keys(w) for text in facts.creators.values() for w in
                        PROPER_RE.findall(text if asks_now else _ORIGINAL.split(text, 1)[0])]
                people = [t.raw for t in tokens if t.cyrillic and t.raw in names
                          and not is_known(t.raw) and any(sounds_like(t.raw, k) for k in keys)]
            if people:
                return "yes"
            said_text = " " + " ".join(t.raw for t in tokens) + " "
            if any(f" {c} " in said_text and c not in everyone for c in self.companies):
                return "no"  # "made by the Qt Company?" of Toga: a company that did not
            if any(n in everyone for n in names):
                return "no"  # named, but for what it did later: the answer says what
            return "no" if names else None  # "made by Google?": a name it was not made by
        return None


def _where(words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> int:
    """Where the first of the phrases found in ``words`` starts, or -1."""
    present = set(words)  # most messages hold no phrase's first word: checked first
    for phrase in phrases:
        if phrase and phrase[0] in present:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if words[i:i + n] == phrase:
                    return i
    return -1


def _months_between(earlier: str, later: str) -> int:
    """Months from one "YYYY-MM" to another ("2024-06" to "2026-11": 29)."""
    (y0, m0), (y1, m1) = (map(int, earlier.split("-")[:2]), map(int, later.split("-")[:2]))
    return (y1 - y0) * 12 + m1 - m0
