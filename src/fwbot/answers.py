"""Wording of answers: knowledge facts poured into ``answers.yaml`` templates.

Every method returns a finished :class:`~fwbot.reply.Reply`; the choice of
*which* answer is the engine's, the words are here and in the data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from fwbot.knowledge import (
    FEATURES,
    NOTED,
    UNSURE_FEATURES,
    UNWANTED,
    Domain,
    Framework,
    Knowledge,
    Need,
    Tool,
    feature_words,
)
from fwbot.language import normalise, tokenise
from fwbot.recommend import COMMUNITY_RANK, Scored, Scorer, positive
from fwbot.reply import LANGS, Lang, Reply
from fwbot.schema import (
    ATTRIBUTE_FIELD,
    CARD_FULL,
    CARD_HEADED,
    CARD_LABELLED,
    CARD_SHORT,
    FACT_ATTRIBUTES,
    Field,
)

TOP = 3
# A runner-up named in a recommendation scores at least this share of the winner's points.
CONTENDER_SHARE = 0.6
POPULAR = ("django", "flask", "fastapi")
MEMO_SIZE = 8192
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

F = TypeVar("F", bound=Callable[..., Reply])


def _key(arg: Any) -> Any:
    """A hashable stand-in for an argument: frameworks and needs by id."""
    kind = type(arg)
    if kind is str or arg is None or kind is bool or kind is int:  # most arguments
        return arg
    if kind is Framework or kind is Need:
        return arg.id
    if kind is list or kind is tuple:
        return tuple(_key(a) for a in arg)
    if kind is dict:
        return tuple(sorted((k, _key(v)) for k, v in arg.items()))
    return arg


def _fact_value(fw: Framework, attr: str) -> Any:
    """The ``details.values`` entry of a fact attribute (the wire form)."""
    facts = fw.facts
    if facts is None:
        return None
    return {"install": dict(facts.install), "creators": dict(facts.creators),
            "docs": {"docs": facts.docs, "repo": facts.repo},
            "interface": dict(facts.interface) if facts.interface else None,
            "users": dict(facts.users) if facts.users else None,
            "run": dict(facts.run) if facts.run else None,
            "history": dict(facts.history) if facts.history else None,
            "version": None}.get(attr)


def _built(scored: Scored, what: Sequence[Need], against: bool = False) -> bool:
    """Whether a framework gets the main points of one of the things to build
    (``against``: the main points against it of one of the needs not wanted)."""
    got: dict[str, int] = {}
    for need, weight, _ in scored.reasons:
        got[need] = got.get(need, 0) + (-weight if against else weight)
    return any(got.get(n.id, 0) >= max((-r.weight if against else r.weight for r in n.rules),
                                       default=1) for n in what)


def _fit_verdict(mine: Scored, ranking: Sequence[Scored], needs: Sequence[Need],
                 added: frozenset[str] = frozenset()) -> str:
    """How well one framework fits: "yes", "yes_but" (it does all that is asked,
    another does it better), "partly" or "no".

    What is built (a need of the ``what`` group: a website, an API, a GUI) decides
    first: a framework that gets the main points of none of them is not made for it
    ("Twisted for a blog?" is no, whatever its templates give) unless an add-on of
    its own does it (``added``: Django Channels for a chat); one that gets them for
    all, and points from every other need asked, suits it. Its main points are its
    heaviest rule's, or the most any framework gets from it when none can get those
    (no framework reimplements Pyramid's API: being of its kind is all "like
    Pyramid" can give). Otherwise the points decide: within one of the best is
    yes, above zero partly.
    """
    if needs and all(n.id.startswith(UNWANTED) for n in needs):
        # "Flask for a project without async?": only what is not wanted, so it fits
        # unless it is made around that (points against it)
        return "no" if mine.score < 0 else "yes"
    top = ranking[0].score if ranking else 0
    got: dict[str, int] = {}
    for need, weight, _ in mine.reasons:
        got[need] = got.get(need, 0) + weight
    what = [n for n in needs if n.group == "what"]
    if what and mine.score > 0:
        reach: dict[str, int] = {}
        for scored in ranking:
            each: dict[str, int] = {}
            for need, weight, _ in scored.reasons:
                each[need] = each.get(need, 0) + weight
            for need, points in each.items():
                reach[need] = max(reach.get(need, 0), points)
        meets = [got.get(n.id, 0) >= min(max((r.weight for r in n.rules), default=1),
                                         reach.get(n.id, 0) or 1)
                 or n.id in added for n in what]
        if not any(meets):
            return "no"
        rest = [n for n in needs if n.group != "what" and not n.id.startswith(UNWANTED)]
        if all(meets) and all(got.get(n.id, 0) > 0 for n in rest):
            return "yes" if mine.score >= top - 1 else "yes_but"
    if mine.score > 0 and mine.score >= top - 1:
        return "yes"
    if what and not mine.score and any(n.id in added for n in what):
        return "partly"
    return "partly" if mine.score > 0 else "no"


def _lower_first(text: str) -> str:
    """A sentence to follow a colon: its first letter in lower case, its full stop gone."""
    return text[:1].lower() + text[1:].rstrip(".")


def _unverdict(line: str, verdicts: Iterable[str]) -> str:
    """A fact worded for a yes/no question without its "Yes,"/"No," in front."""
    head, _, rest = line.partition(" ")
    if rest and head.rstrip(",.") in verdicts:
        return rest[:1].upper() + rest[1:]
    return line


def _contenders(ranking: Sequence[Scored]) -> Sequence[Scored]:
    """The frameworks worth naming: the best and those close behind it.

    One far behind is no advice ("a shop" does not get Flask as third after
    Django's nineteen points): a runner-up must score at least
    ``CONTENDER_SHARE`` of the winner's points.
    """
    if not ranking:
        return ranking
    bar = ranking[0].score * CONTENDER_SHARE
    return [s for s in ranking if s.score >= bar]


def _lacking(mine: Scored, best: Scored, needs: Sequence[Need]) -> list[Need]:
    """The requirements asked (an admin, an ORM, OpenAPI docs: needs of no wizard
    group) that give ``mine`` no points and ``best`` some: a framework without
    them is no fit for the job, however well it builds the rest."""
    def points(s: Scored) -> dict[str, int]:
        got: dict[str, int] = {}
        for need, weight, _ in s.reasons:
            got[need] = got.get(need, 0) + weight
        return got

    have, top = points(mine), points(best)
    return [n for n in needs if n.group is None and not n.id.startswith(UNWANTED)
            and have.get(n.id, 0) <= 0 and top.get(n.id, 0) > 1]


def memo(method: F) -> F:
    """Build an answer once per distinct arguments.

    An answer depends only on the knowledge base (fixed for this object's
    life) and its arguments, so the same question from a thousand users is
    worded once. Replies are immutable and shared: doors only serialise them.
    Bounded: a knowledge base has few distinct answers, but compare takes any
    combination of frameworks.
    """
    name = method.__name__

    @functools.wraps(method)
    def cached(self: Answers, *args: Any) -> Reply:
        key = (name, *(_key(a) for a in args))
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[key] = method(self, *args)
        return hit

    return cached  # type: ignore[return-value]  # the wrapper takes and returns what F does; mypy cannot see it


class Answers:
    """Builds replies in either language from one knowledge base."""

    def __init__(self, kb: Knowledge, scorer: Scorer) -> None:
        self.kb = kb
        self.scorer = scorer
        self._memo: dict[tuple[Any, ...], Reply] = {}
        self._joined: dict[tuple[Any, ...], tuple[Reply, Reply]] = {}
        self._suggested: dict[tuple[str, str, str | None], tuple[str, ...]] = {}
        self._lines: dict[tuple[str, str, str], str] = {}
        self._split: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = {}
        self.a = kb.answers
        self.vocab = kb.vocabulary
        self.feature_words = feature_words(self.vocab)  # a job's feature: its properties
        # "Так"/"Yes" and "Ні"/"No", as a feature's answer opens with them ("stated"
        # answers drop them: "скільки залежностей тягне фласк?" asks no yes or no)
        self._verdict_words = {lang: frozenset(str(self.vocab["verdict"][v][lang]).rstrip(".")
                                               for v in ("yes", "no")) for lang in ("uk", "en")}
        # Every framework's cards, short and full, in both languages, made once: a
        # card is the knowledge base's facts and words only, and building one (some
        # thirty field look-ups) was an eighth of a cold reply's cost. A table like
        # the phrase indexes, not a cache: clear_caches leaves it. The cards are
        # shared by every reply that carries one, as memoised replies are: nothing
        # may change them.
        self._cards = {(fw.id, lang, short): self._card(fw, lang, short)
                       for fw in kb.frameworks.values() for lang in LANGS
                       for short in (True, False)}

    def clear_caches(self) -> None:
        """Forget every worded answer (benchmarks measure the cold path)."""
        self._memo.clear()
        self._joined.clear()
        self._lines.clear()

    # -- small helpers --------------------------------------------------------

    def t(self, key: str, lang: Lang, **fmt: Any) -> str:
        """A sentence from answers.yaml in ``lang``, filled in: no wording lives in code."""
        return str(self.a[key][lang]).format(**fmt)

    def value(self, trait: str, value: Any, lang: Lang) -> str:
        """How a trait value reads in ``lang`` ("high" -> "висока")."""
        return str(self.vocab["values"][trait][value][lang])

    def values(self, trait: str, items: Sequence[str], lang: Lang) -> str:
        """Several trait values as one comma-separated phrase."""
        return ", ".join(self.value(trait, v, lang) for v in items)

    def kind(self, fw: Framework, lang: Lang) -> str:
        """The label of a framework's kind (full-stack, micro, ...) in ``lang``."""
        return str(self.vocab["kinds"][fw.kind]["label"][lang])

    def a_kind(self, fw: Framework, lang: Lang) -> str:
        """The kind with its English article ("an API framework", "a microframework");
        Ukrainian has none."""
        label = self.kind(fw, lang)
        if lang != "en":
            return label
        return ("an " if label[:1].casefold() in "aeiou" else "a ") + label

    def names(self, fws: Sequence[Framework], lang: Lang) -> str:
        """Framework names as a person lists them: "A, B and C" / "A, B і C"."""
        return self.listed([f.name for f in fws], lang)

    def listed(self, names: Sequence[str], lang: Lang, word: str = "and") -> str:
        """Names as a person lists them: "A, B and C" / "A, B і C" (``word``: the
        label that joins the last two, "or" for choices)."""
        if len(names) <= 1:
            return "".join(names)
        joiner = self.a["labels"][word][lang]
        return f"{', '.join(names[:-1])} {joiner} {names[-1]}"

    def other(self, fid: str) -> str:
        """A well-known framework to suggest comparing with."""
        for candidate in POPULAR:
            if candidate != fid and candidate in self.kb.frameworks:
                return self.kb.frameworks[candidate].name
        return next(iter(self.kb.frameworks.values())).name

    def suggest(self, key: str, lang: Lang, fw: Framework | None = None) -> list[str]:
        """Follow-up questions offered with an answer (chips on the page, bullets on telnet)."""
        made = self._suggested.get((key, lang, fw.id if fw else None))
        if made is None:  # few distinct ones: worded once per knowledge base
            items = self.a["suggestions"][key][lang]
            made = (tuple(str(s) for s in items) if fw is None else
                    tuple(str(s).format(name=fw.name, other=self.other(fw.id)) for s in items))
            self._suggested[(key, lang, fw.id if fw else None)] = made
        return list(made)

    def all_names(self) -> str:
        """Every framework name, for answers that tell what fwbot knows."""
        return ", ".join(fw.name for fw in self.kb.frameworks.values())

    def card(self, fw: Framework, lang: Lang, short: bool = False) -> dict[str, Any]:
        """A framework as structured data (details of describe, the HTTP API), from
        the table made at load time; shared, never to be changed."""
        made = self._cards.get((fw.id, lang, short))
        if made is not None and self.kb.frameworks.get(fw.id) is fw:
            return made
        return self._card(fw, lang, short)  # a framework of no knowledge base of ours

    def _card(self, fw: Framework, lang: Lang, short: bool) -> dict[str, Any]:
        """A card built from the framework's fields."""
        # The fields and their order are fwbot.schema's (Field.card).
        data: dict[str, Any] = {}
        for spec in CARD_SHORT:
            data[spec.key] = self._card_value(fw, spec, lang)
            if spec.shape == "kind":
                data["kind_label"] = self.kind(fw, lang)
        if short:
            return data
        built_in: dict[str, Any] = {}
        for spec in CARD_FULL:
            if spec.card == "built_in":
                data.setdefault("built_in", built_in)[spec.key] = fw.trait(spec.key)
            else:
                data[spec.key] = self._card_value(fw, spec, lang)
        # The words the answers use for these values, in ``lang``: the page shows
        # them as they are instead of keeping its own copy that could drift.
        data["labels"] = {spec.key: self.worded(fw, spec, lang) for spec in CARD_LABELLED}
        # The headings the page shows them under, in ``lang`` (answers.yaml ``headings``).
        data["headings"] = {spec.key: str(self.a["headings"][spec.key][lang])
                            for spec in CARD_HEADED}
        return data

    @staticmethod
    def _card_value(fw: Framework, spec: Field, lang: Lang) -> Any:
        """One field as a card carries it: a text in ``lang``, a list, or the value."""
        value = fw.trait(spec.key)
        if spec.shape == "langs":
            return value[lang]
        return list(value) if isinstance(value, tuple) else value

    def worded(self, fw: Framework, spec: Field, lang: Lang) -> str:
        """A field's value in the words of vocabulary.yaml ``values`` ("" if it has none)."""
        if spec.labels is None:
            return ""
        value = fw.trait(spec.key)
        if spec.shape == "values":
            return self.values(spec.labels, value, lang)
        return self.value(spec.labels, value, lang)

    # -- answers --------------------------------------------------------------

    @memo
    def social(self, intent: str, lang: Lang) -> Reply:
        """Greetings, thanks and goodbyes: short and in the user's language."""
        if intent == "help":
            return self.help(lang)
        if intent == "languages":  # (a kind of help: what it answers in)
            return Reply(self.t(intent, lang), "help", lang,
                         suggestions=self.suggest("start", lang))
        return Reply(self.t(intent, lang), intent, lang,
                     suggestions=self.suggest("start", lang) if intent == "greet" else [])

    @memo
    def help(self, lang: Lang) -> Reply:
        """What fwbot can do and how to ask."""
        return Reply(self.t("help", lang, count=len(self.kb.frameworks)), "help",
                     lang, suggestions=self.suggest("start", lang))

    @memo
    def unknown(self, lang: Lang, thing: str | None) -> Reply:
        """An honest "I don't know" (naming the unknown thing, if any) and what is known."""
        text = (self.t("unknown_thing", lang, thing=thing, names=self.all_names()) if thing
                else self.t("unknown", lang, names=self.all_names()))
        return Reply(text, "unknown", lang, suggestions=self.suggest("start", lang),
                     details={"unknown": thing} if thing else {})

    @memo
    def list_all(self, lang: Lang) -> Reply:
        """Every framework fwbot knows, with the seed's overview."""
        fws = list(self.kb.frameworks.values())
        text = self.t("list", lang, count=len(fws), names=self.all_names())
        text += "\n" + str(self.kb.python["overview"]["text"][lang])
        return Reply(text, "list", lang, frameworks=[f.id for f in fws],
                     suggestions=self.suggest("start", lang),
                     details={"frameworks": [self.card(f, lang, short=True) for f in fws]})

    @memo
    def describe(self, fw: Framework, lang: Lang) -> Reply:
        """One framework: kind, purpose, description, release year and licence, with its card."""
        text = self.t("describe", lang, name=fw.name, kind=self.a_kind(fw, lang),
                      description=fw.description[lang], purpose=fw.purpose[lang],
                      year=fw.first_release,
                      license=fw.license)
        if fw.facts is not None and fw.facts.interface:  # "what is Starlette?": ASGI
            text += self.t("describe_interface", lang, interface=fw.facts.interface[lang])
        return Reply(text, "describe", lang, frameworks=[fw.id],
                     suggestions=self.suggest("framework", lang, fw),
                     details={"framework": self.card(fw, lang)})

    @memo
    def unsure(self, fw: Framework, words: Sequence[str], lang: Lang,
               confirmed: str | None = None) -> Reply:
        """A yes/no question on something ``fw``'s facts do not settle: say so, then
        the sentence of its own texts that shares most of the question's words
        (``words``, raw and lemma), or its summary when none does. ``confirmed``:
        "yes" or "no" when its own sentences holding all those words affirm or deny
        the claim (the engine checked): the answer opens with it, then that sentence."""
        best, hits = "", 0
        for sentence, said in self._sentences(fw, lang):
            n = len(said & set(words))
            if n > hits:
                best, hits = sentence, n
        if confirmed and best:
            return Reply(f"{self.vocab['verdict'][confirmed][lang]} {best}", "attribute", lang,
                         frameworks=[fw.id], suggestions=self.suggest("framework", lang, fw),
                         details={"attribute": None, "found": True, "confirmed": confirmed})
        tail = (self.t("unsure_closest", lang, text=best) if best else
                self.t("unsure_known", lang, text=fw.summary[lang],
                       docs=fw.facts.docs if fw.facts else fw.website))
        return Reply(f"{self.t('unsure', lang, name=fw.name)} {tail}", "attribute", lang,
                     frameworks=[fw.id], suggestions=self.suggest("framework", lang, fw),
                     details={"attribute": None, "found": bool(best)})

    def _sentences(self, fw: Framework, lang: Lang) -> list[tuple[str, frozenset[str]]]:
        """``fw``'s own sentences in ``lang`` (summary, purpose, description, feature
        notes) with the words and lemmas of each; split when first asked."""
        key = (fw.id, lang)
        hit = self._split.get(key)
        if hit is None:
            texts = [fw.summary[lang], fw.purpose[lang], fw.description[lang]]
            if fw.facts is not None:
                texts += [note[lang] for note in fw.facts.notes.values()]
            hit = self._split[key] = [
                (sentence, frozenset(w for tok in tokenise(normalise(sentence))
                                     for w in (tok.raw, tok.lemma)))
                for text in texts for sentence in _SENTENCE_END.split(text) if sentence]
        return hit

    @memo
    def attribute(self, fws: Sequence[Framework], attr: str, lang: Lang,
                  verdict: str | None = None) -> Reply:
        """One property (async, licence, platforms, ...) of one or more frameworks.

        ``verdict`` (yes / no / partly) answers a yes/no question's claim about
        the first framework: the answer opens with it, then states the fact.
        """
        lines = [self._attribute_line(fw, attr, lang) for fw in fws]
        if verdict is not None and attr not in FEATURES:
            said = "yes_partly" if verdict == "partly" and attr == "async" else verdict
            lines[0] = f"{self.vocab['verdict'][said][lang]} {lines[0]}"
            if attr == "async" and fws[0].facts is not None and fws[0].facts.interface:
                # the server interface says since when and how ("WSGI and ASGI, since 3.0")
                lines.insert(1, self._attribute_line(fws[0], "interface", lang))
        elif verdict == "stated" and lines[0].split(" ", 1)[0].rstrip(",.") in (
                self._verdict_words[lang]):  # what it depends on: no yes or no before it
            rest = lines[0].split(" ", 1)[1]
            lines[0] = rest[:1].upper() + rest[1:]
        elif verdict in ("absent", "other") and self.has_feature(fws[0], attr) is not None:
            # The claim "it has no X" holds when it has none: the verdict replaces the
            # yes/no the feature's wording opens with. "other": it has X, but not the
            # one the claim names as its default (the note says which is).
            said = "no" if verdict == "other" or self.has_feature(fws[0], attr) else "yes"
            rest = lines[0].split(" ", 1)[1] if " " in lines[0] else lines[0]
            if not rest.startswith(fws[0].name):
                rest = rest[:1].upper() + rest[1:]
            lines[0] = f"{self.vocab['verdict'][said][lang]} {rest}"
        if attr == "platforms" and len(fws) == 1 and verdict in (None, "yes"):
            # "а на ківі можна зібрати апку під андроїд?": and what packages it for a phone
            lines += [self.t("platforms_mobile", lang, tool=t.name,
                             purpose=t.purpose[lang]) for t in self.kb.tools.values()
                      if t.extends == fws[0].id and "mobile" in t.needs
                      and "mobile" in fws[0].traits.platforms]
        rows = {fw.id: self._attribute_value(fw, attr) for fw in fws}
        return Reply("\n".join(lines), "attribute", lang,
                     frameworks=[f.id for f in fws],
                     suggestions=self.suggest("framework", lang, fws[0]),
                     details={"attribute": attr, "values": rows})

    def layer_lines(self, fws: Sequence[Framework], lang: Lang) -> list[str]:
        """A line for each framework built on top of another one of ``fws``."""
        lines = []
        for top in fws:
            bases = {b.casefold() for b in (top.facts.built_on if top.facts else ())}
            for base in fws:
                if base is not top and base.name.casefold() in bases:
                    others = [b for b in (top.facts.built_on if top.facts else ())
                              if b.casefold() != base.name.casefold()]
                    lines.append(self.t("compare_base", lang, top=top.name, base=base.name,
                                        also=self.t("compare_base_also", lang,
                                                    names=", ".join(others))
                                        if others else ""))
        return lines

    def _api_lines(self, fws: Sequence[Framework], lang: Lang) -> list[str]:
        """A line for each framework that reimplements another one's API (facts
        ``api_of``) among ``fws``."""
        return [self.t("compare_like", lang, verdict="", name=fw.name, other=other.name).strip()
                for fw in fws for other in fws
                if other is not fw and fw.facts is not None and other.name in fw.facts.api_of]

    def optional_feature(self, fw: Framework, attr: str, lang: Lang) -> Reply:
        """"Can I use Django without the ORM?": yes -- a built-in feature is never
        required; one it lacks has nothing to leave out (its line says so)."""
        has = self.has_feature(fw, attr)
        if has:
            text = self.t("feature_optional", lang, name=fw.name,
                          label=self.a["feature_labels"][attr][lang])
        elif has is None:  # not known: what is known of it, with no yes before it
            text = self._attribute_line(fw, attr, lang)
        else:
            text = self.t("feature_absent_anyway", lang, line=self.bare(
                self._attribute_line(fw, attr, lang), ("ні", "no"), capital=False))
        return Reply(text, "attribute", lang, frameworks=[fw.id],
                     suggestions=self.suggest("framework", lang, fw),
                     details={"attribute": attr, "values": {fw.id: self._attribute_value(
                         fw, attr)}})

    def bare(self, line: str, verdicts: tuple[str, ...] = ("так", "yes"),
             capital: bool = True) -> str:
        """A feature's line without the yes (or other ``verdicts``) it opens with, to
        follow another sentence ("Так, у Django є шаблонізатор" -> "У Django є
        шаблонізатор") or a verdict of its own (``capital=False``: "Yes: у ...")."""
        head, sep, rest = line.partition(", ")
        if sep and head.casefold() in verdicts:
            return rest[:1].upper() + rest[1:] if capital else rest
        return line

    def _month(self, month: str, lang: Lang) -> str:
        """"2026-11" as "листопад 2026" / "November 2026"."""
        year, number = month.split("-")
        return f"{self.a['months'][lang][int(number) - 1]} {year}"

    def _attribute_value(self, fw: Framework, attr: str) -> Any:
        if attr in FACT_ATTRIBUTES:
            return _fact_value(fw, attr)
        spec = ATTRIBUTE_FIELD.get(attr)
        if spec is None:
            return None
        value = fw.trait(spec.key)
        return list(value) if isinstance(value, tuple) else value

    def _attribute_line(self, fw: Framework, attr: str, lang: Lang) -> str:
        key = (fw.id, attr, lang)
        line = self._lines.get(key)
        if line is None:  # a line depends on the knowledge base only: worded once
            line = self._lines[key] = self._word_attribute_line(fw, attr, lang)
        return line

    def _word_attribute_line(self, fw: Framework, attr: str, lang: Lang) -> str:
        tmpl = self.a["attribute"][attr][lang]
        tr = fw.traits
        facts = fw.facts
        if attr in FEATURES:  # a yes/no question: the answer opens with yes or no
            flag = fw.trait(attr)
            tmpl = tmpl["unknown" if flag is None else "yes" if flag else "no"]
            note = facts.notes.get(attr) if facts is not None else None
            if note and flag is not None:  # how it is had or added: "Jinja", "Channels"
                line = str(tmpl).format(name=fw.name, docs=facts.docs if facts else "")
                return (line[:-1] if line.endswith(".") else line) + f" ({note[lang]})."
        if attr in FACT_ATTRIBUTES and facts is not None:
            value_of = {
                "install": lambda: facts.install[lang], "creators": lambda: facts.creators[lang],
                "docs": lambda: facts.docs + (f" · {facts.repo}" if facts.repo else ""),
                "interface": lambda: facts.interface[lang] if facts.interface else "",
                "version": lambda: facts.install[lang],
                "users": lambda: facts.users[lang] if facts.users else "",
                "run": lambda: facts.run[lang] if facts.run else "",
                "history": lambda: facts.history[lang] if facts.history else "",
                "strengths": lambda: facts.strengths[lang] if facts.strengths else "",
                "weaknesses": lambda: facts.weaknesses[lang] if facts.weaknesses else "",
            }
            if attr == "interface" and facts.interface is None:
                tmpl = self.a["attribute"]["interface_none"][lang]
            if attr == "users" and facts.users is None:  # not known: said, not guessed
                tmpl = self.a["attribute"]["users_none"][lang]
            if (attr in ("run", "history", "strengths", "weaknesses")
                    and getattr(facts, attr) is None):
                tmpl = self.a["attribute"][f"{attr}_none"][lang]
            if attr == "version" and facts.release is not None:
                # the newest release seen on PyPI, with the month it was seen
                return str(self.a["attribute"]["version_known"][lang]).format(
                    name=fw.name, version=facts.release["version"],
                    released=self._month(str(facts.release["released"]), lang),
                    seen=self._month(str(facts.release["seen"]), lang),
                    value=facts.install[lang])
            return str(tmpl).format(name=fw.name, value=value_of.get(attr, lambda: "")(),
                                    docs=facts.docs, purpose=fw.purpose[lang])
        spec = ATTRIBUTE_FIELD.get(attr)
        value = self.worded(fw, spec, lang) if spec is not None else ""
        note = facts.notes.get(attr) if facts is not None and attr in NOTED else None
        after = ""
        if note and attr == "performance":  # what the speed means at scale, after the
            # template's "(relative to other Python frameworks)"
            after = note[lang]
        elif note:  # how far its async goes ("async views since 2.0, each in a thread"), how
            # an app reaches its platforms ("packaged with Buildozer"), how alive it is
            value = f"{value} ({note[lang]})"
        release = facts.release if facts is not None else None
        if (attr == "community" and facts is not None and release is not None
                and release["rank"] is not None):
            # how popular, measured: its place among PyPI's most downloaded, and when
            # (the package's name: "pip install fastapi (or ...)" is fastapi)
            said = facts.install["en"]
            pip = said.removeprefix("pip install ").split()[0] if said.startswith(
                "pip install ") else fw.id
            value = str(self.a["attribute"]["community_ranked"][lang]).format(
                value=value, pip=pip,
                rank=release["rank"], seen=self._month(str(release["seen"]), lang),
                version=release["version"], released=self._month(str(release["released"]), lang))
        text = str(tmpl).format(name=fw.name, kind=self.a_kind(fw, lang), year=fw.first_release,
                                license=fw.license, use=self._license_use(fw, lang)
                                if attr == "license" else "", value=value, purpose=fw.purpose[lang],
                                sizes=self.values("project_size", tr.project_size, lang),
                                docs=facts.docs if facts else fw.website)
        return f"{text.rstrip('.')}; {after}." if after else text

    def _license_use(self, fw: Framework, lang: Lang) -> str:
        """What the framework's licence allows, by its family ("" for a family with
        no text: a new licence is not described by another's)."""
        family = re.match(r"[a-z]+", fw.license.casefold())
        kind = {"mit": "permissive", "bsd": "permissive", "apache": "permissive",
                "lgpl": "lgpl"}.get(family.group() if family else "")
        return str(self.a["license_use"][kind][lang]) if kind else ""

    @memo
    def property_claim(self, fw: Framework, index: int, verdict: str, lang: Lang) -> Reply:
        """A claim one of the framework's declared properties settles: the verdict,
        then the fact ("Так. Streamlit перезапускає скрипт згори донизу ...")."""
        _words, holds, fact = fw.facts.properties[index] if fw.facts else ((), "", {})
        # ("": what it is asked, not whether: the fact alone)
        text = f"{self.vocab['verdict'][verdict][lang]} {fact[lang]}" if verdict else fact[lang]
        return Reply(text, "attribute", lang, frameworks=[fw.id],
                     suggestions=self.suggest("framework", lang, fw),
                     details={"attribute": "property", "verdict": verdict, "holds": holds})

    @memo
    def claim(self, fw: Framework, others: Sequence[Framework], claim: str, verdict: str,
              lang: Lang, tool_id: str = "") -> Reply:
        """A yes/no question's claim about what ``fw`` is ("Pyramid is a
        microframework?") or what it is built on ("Dash побудований на Flask?"):
        the verdict first, then the fact it rests on."""
        said = self.vocab["verdict"][verdict][lang] if verdict else ""  # "": it asks what
        facts = fw.facts
        tool = self.kb.tools.get(tool_id) if tool_id else None
        if claim == "part_of" and others and others[0].facts and others[0].facts.built_on:
            text = self.t("claim_built_on", lang, verdict=said, name=others[0].name,
                          bases=self.listed(others[0].facts.built_on, lang))
        elif claim in ("built_on", "part_of") and facts is not None and facts.built_on:
            text = self.t("claim_built_on", lang, verdict=said, name=fw.name,
                          bases=self.listed(facts.built_on, lang))
        elif claim in ("built_on", "part_of"):
            text = self.t("claim_built_on_none", lang, verdict=said, name=fw.name,
                          summary=fw.summary[lang])
        elif claim == "language":
            text = self.t("claim_language", lang, verdict=said, name=fw.name)
            if facts is not None and facts.built_on:  # "written in C? so fast?": on what
                text += " " + self.t("claim_built_on", lang, verdict="", name=fw.name,
                                     bases=self.listed(facts.built_on, lang)).strip()
        elif claim == "language_needed":
            pure = fw.kind in ("data-app", "gui", "tui")  # the interface is Python too
            text = self.t("claim_language_needed_pure" if pure else "claim_language_needed",
                          lang, verdict=said, name=fw.name)
            if not pure and fw.traits.templates:  # its pages still are HTML templates
                text += " " + self.bare(self._attribute_line(fw, "templates", lang))
        elif claim == "markup" and not fw.traits.templates:
            text = self.t("claim_markup_api", lang, verdict=said, name=fw.name)
        elif claim == "markup":
            text = self.t("claim_markup_needed", lang, verdict=said, name=fw.name,
                          templates=self.bare(self._attribute_line(fw, "templates", lang)))
        elif claim == "addon" and tool is not None:
            text = self.t("claim_addon", lang, verdict=said, name=fw.name, tool=tool.name,
                          purpose=tool.purpose[lang],
                          install=f" (pip install {tool.pip})" if tool.pip else "")
        elif claim == "serves":
            text = self.t("claim_serves", lang, verdict=said, summary=fw.summary[lang])
        else:
            text = self.t("claim_kind", lang, verdict=said, name=fw.name,
                          kind=self.a_kind(fw, lang), purpose=fw.purpose[lang])
        if claim == "built_on" and facts is not None and others and (
                others[0].name in facts.api_of):  # "quart на фласку?": no, but its API
            text += " " + self.t("compare_like", lang, verdict="", name=fw.name,
                                 other=others[0].name).strip()
        named = [fw.id, *(o.id for o in others)]
        if claim == "built_on" and not others and facts is not None:
            # "на чому тримається scrapy?": Twisted, one of the frameworks compared too
            ids = {f.name.casefold(): f.id for f in self.kb.frameworks.values()}
            named += [ids[b.casefold()] for b in facts.built_on
                      if b.casefold() in ids and ids[b.casefold()] not in named]
        return Reply(text.strip(), "attribute", lang,
                     frameworks=named,
                     suggestions=self.suggest("framework", lang, fw),
                     details={"attribute": claim, "verdict": verdict,
                              "values": {fw.id: list(facts.built_on) if facts else []}
                              if claim != "kind" else {fw.id: fw.kind}})

    @memo
    def which(self, ranked: Sequence[Framework], attr: str | None, lines: Sequence[str],
              found: bool, lang: Lang) -> Reply:
        """"Which of them ...?": the framework that answers it first (or none), then
        one line for each of them."""
        if found:
            head = self.t("which", lang, name=ranked[0].name)
        elif attr is None and not any(":" in line and "+" in line for line in lines):
            head = self.t("which_depends", lang)  # "which is better?" with no criterion
        else:
            head = self.t("which_none", lang, names=self.names(ranked, lang))
        text = "\n".join([head, *lines])
        return Reply(text, "attribute" if attr else "compare", lang,
                     frameworks=[f.id for f in ranked],
                     suggestions=self.suggest("framework", lang, ranked[0]),
                     details={"attribute": attr, "order": [f.id for f in ranked],
                              "found": found})

    def has_feature(self, fw: Framework, attr: str) -> bool | None:
        """Whether ``fw`` has the built-in feature ``attr`` (None: not known)."""
        if attr in UNSURE_FEATURES:
            return getattr(fw.facts, attr) if fw.facts else None
        return bool(getattr(fw.traits, attr))

    def reasons_of(self, s: Scored, lang: Lang) -> str:
        """The reasons of one scored framework, with their points."""
        return self._reasons(s, lang)

    def attribute_line(self, fw: Framework, attr: str, lang: Lang) -> str:
        """One framework's line about ``attr`` (as in :meth:`attribute`)."""
        return self._attribute_line(fw, attr, lang)

    @memo
    def compare(self, fws: Sequence[Framework], needs: Sequence[Need], lang: Lang) -> Reply:
        """Frameworks side by side; with needs ("for a beginner") also scored for them."""
        lines = [self.t("compare", lang, names=self.names(fws, lang))]
        rows = []
        for fw in fws:
            tr = fw.traits
            lines.append(self.t(
                "compare_row", lang, name=fw.name, kind=self.kind(fw, lang),
                year=fw.first_release, license=fw.license,
                performance=self.value("performance", tr.performance, lang),
                sizes=self.values("project_size", tr.project_size, lang),
                community=self.value("community", tr.community, lang),
                **{"async": self.value("async", tr.async_, lang)}))
            rows.append(self.card(fw, lang))
        # "starlette vs fastapi": FastAPI is built on Starlette, said first; "flask vs
        # quart": Quart redoes Flask's API
        lines[1:1] = [*self.layer_lines(fws, lang), *self._api_lines(fws, lang)]
        drawn = [fw.trait("native_widgets") for fw in fws]
        if all(d is not None for d in drawn) and len(set(drawn)) > 1:
            # "Kivy чи Toga?": how each draws its interface is what sets GUI toolkits apart
            lines += [_unverdict(self._attribute_line(fw, "native_widgets", lang),
                                 self._verdict_words[lang]) for fw in fws]
        details: dict[str, Any] = {"rows": rows}
        if needs:  # "Flask or Django for a beginner?": score just these two
            ranking = self.scorer.score(fws, needs)
            labels = self._need_labels(needs, lang)
            if ranking[0].score > ranking[1].score:  # the verdict comes first
                lines.insert(0, self.t("compare_best", lang, needs=labels,
                                       name=ranking[0].framework.name,
                                       reasons="; ".join(r[2][lang] for r in ranking[0].reasons
                                                         if r[1] > 0)))
            else:
                tied = [s.framework for s in ranking if s.score == ranking[0].score]
                lines.insert(0, self.t("compare_even", lang, needs=labels,
                                       names=self.names(tied, lang)))
                sizes = sorted(tied, key=lambda f: -COMMUNITY_RANK[f.traits.community])
                if COMMUNITY_RANK[sizes[0].traits.community] > COMMUNITY_RANK[
                        sizes[1].traits.community]:  # the tie broken by a fact, said
                    lines.insert(1, self.t("compare_even_community", lang, name=sizes[0].name))
            lines.append(self.t("compare_for", lang, needs=self._need_labels(needs, lang),
                                ranking=", ".join(f"{s.framework.name} {s.score}"
                                                  for s in ranking)))
            details.update(needs=[n.id for n in needs],
                           scores={s.framework.id: s.score for s in ranking})
        order = [f.id for f in fws]
        if needs:  # the best for the needs first: "it" is then the one advised
            order = [s.framework.id for s in ranking]
        return Reply("\n".join(lines), "compare", lang,
                     frameworks=order,
                     suggestions=[self.suggest("framework", lang, fw)[0] for fw in fws[:3]],
                     details=details)

    @memo
    def compare_on(self, fws: Sequence[Framework], needs: Sequence[Need], on: str,
                   polar: bool, lang: Lang) -> Reply:
        """A comparison on one trait ("faster", "older"): who wins first (with yes or
        no when the question claimed it of the first one named), then the table."""
        spec = self.vocab["comparisons"][on]
        trait, best = spec["trait"], spec["best"]
        grade = {"low": 0, "medium": 1, "high": 2, "small": 0, "large": 2, "gentle": 0,
                 "moderate": 1, "steep": 2}

        def level(fw: Framework) -> int:
            value = fw.trait(trait)
            if value is None or isinstance(value, bool):  # stdlib_only: unknown is no
                return int(bool(value))
            return int(value) if trait == "first_release" else grade[value]

        levels = {fw.id: level(fw) for fw in fws}
        top = max(levels.values()) if best == "high" else min(levels.values())
        winners = [fw for fw in fws if levels[fw.id] == top]
        said = ""
        if polar:
            verdict = "yes" if winners == [fws[0]] else "no"
            said = f"{self.vocab['verdict'][verdict][lang]} "
        if len(winners) == len(fws):
            head = self.t("compare_tie", lang, verdict=said, names=self.names(fws, lang))
        else:
            label = (spec.get("label_many") or spec["label"]) if len(winners) > 1 else spec["label"]
            head = self.t("compare_verdict", lang, verdict=said,
                          winner=self.names(winners, lang), label=label[lang],
                          others=self.names([f for f in fws if f not in winners], lang))
        table = self.compare(fws, needs, lang)
        ordered = [*winners, *(f for f in fws if f not in winners)]
        return Reply(f"{head}\n{table.reply}", "compare", lang,
                     frameworks=[f.id for f in ordered], suggestions=table.suggestions,
                     details={**table.details, "on": on, "winners": [f.id for f in winners]})

    @memo
    def extreme(self, fws: Sequence[Framework], on: str, lang: Lang) -> Reply:
        """"Which framework is the oldest / newest?": of all of ``fws``, the ones first
        released earliest (``on`` "older") or latest ("newer"), then the next few."""
        newest = on == "newer"
        ranked = sorted(fws, key=lambda f: (-f.first_release if newest else f.first_release,
                                            f.name.casefold()))
        year = ranked[0].first_release
        winners = [f for f in ranked if f.first_release == year]
        rest = ranked[len(winners):len(winners) + 3]
        key = f"extreme_{on}_{'many' if len(winners) > 1 else 'one'}"
        text = self.t("extreme", lang, head=self.t(key, lang), count=len(fws),
                      winners=self.names(winners, lang), year=year,
                      rest=", ".join(f"{f.name} ({f.first_release})" for f in rest))
        return Reply(text, "compare", lang, frameworks=[f.id for f in [*winners, *rest]],
                     suggestions=self.suggest("framework", lang, winners[0]),
                     details={"on": on, "winners": [f.id for f in winners]})

    def compare_like(self, fws: Sequence[Framework], needs: Sequence[Need],
                     lang: Lang, verdict: bool = True) -> Reply:
        """"Is Quart like Flask?": yes first when one reimplements the other's API
        (facts ``api_of``), then the table; otherwise the table alone. ``verdict``
        false: no yes ("which of them is closest to Flask?" asked which, not whether)."""
        table = self.compare(fws, needs, lang)
        for fw, other in (fws, fws[::-1]):
            if fw.facts is not None and other.name in fw.facts.api_of:
                yes = self.vocab["verdict"]["yes"][lang] if verdict else ""
                head = self.t("compare_like", lang, verdict=yes, name=fw.name,
                              other=other.name).strip()
                # (the table's own line of it, said once, with the verdict)
                said = set(self._api_lines(fws, lang))
                rest = "\n".join(line for line in table.reply.split("\n") if line not in said)
                return Reply(f"{head}\n{rest}", "compare", lang,
                             frameworks=table.frameworks, suggestions=table.suggestions,
                             details={**table.details, "like": [fw.id, other.id]})
        return table

    @memo
    def compare_need_one(self, fw: Framework | None, lang: Lang) -> Reply:
        """A comparison with only one framework named: ask for the second."""
        name = fw.name if fw else "Django"
        return Reply(self.t("compare_need_one", lang, name=name), "compare", lang,
                     frameworks=[fw.id] if fw else [])

    def _need_labels(self, needs: Sequence[Need], lang: Lang) -> str:
        if not needs:
            return str(self.a["labels"]["need_none"][lang])
        # What is wanted first, then what is not: "synchronous code; not: asynchronous
        # code" (one list, "not: async, sync", read as if neither were wanted).
        wanted = ", ".join(n.label[lang] for n in needs if not n.id.startswith(UNWANTED))
        unwanted = ", ".join(n.label[lang] for n in needs if n.id.startswith(UNWANTED))
        return f"{wanted}; {unwanted}" if wanted and unwanted else wanted or unwanted

    @memo
    def recommend_for(self, needs: Sequence[Need], among: Sequence[Framework], lang: Lang,
                      excluded: Sequence[str] = ()) -> Reply:
        """Rank ``among`` (or every framework but the ``excluded`` ones) for the needs,
        and word the result."""
        return self.recommend(self.ranking(needs, among, excluded), needs, lang)

    def ranking(self, needs: Sequence[Need], among: Sequence[Framework],
                excluded: Sequence[str] = ()) -> list[Scored]:
        """The frameworks a recommendation ranks for the needs, best first: only those
        that build what is asked, and none made around what is not wanted."""
        pool = list(among) if len(among) >= 2 else list(self.kb.frameworks.values())
        if excluded:
            pool = [f for f in pool if f.id not in excluded]
        ranking = self.scorer.score(pool, needs, positive_only=True)
        what = [n for n in needs if n.group == "what"]
        if len(what) < len(needs):
            # "like Flask, but with an admin": the likeness is a preference then, no
            # filter; the framework that has what is asked may be of another kind.
            what = [n for n in what if not n.id.startswith("like_")]
        if what:
            # Only frameworks that build one of the things asked for: "a mobile app,
            # simple" does not get Flask for being simple.
            builds = [s for s in ranking if _built(s, what)]
            ranking = builds or ranking
        if any(n.id.startswith(UNWANTED) for n in needs):
            # "nothing async": a framework made around what is not wanted is no advice,
            # however well it does the rest (while another one does without it).
            unwanted = [n for n in needs if n.id.startswith(UNWANTED)]
            free = [s for s in ranking if not _built(s, unwanted, against=True)]
            ranking = free or ranking
        return list(ranking)

    def recommend(self, ranking: Sequence[Scored], needs: Sequence[Need], lang: Lang) -> Reply:
        """Word a ranking: the top three with their reasons and points, or why none fits."""
        labels = self._need_labels(needs, lang)
        ranking = _contenders(ranking)
        details = {"needs": [n.id for n in needs],
                   "scores": {s.framework.id: s.score for s in ranking},
                   "ranking": [s.as_detail(lang) for s in ranking[:TOP]]}
        if not ranking:
            return Reply(self.t("recommend_none", lang, needs=labels), "recommend", lang,
                         details=details)
        lines = [self.t("recommend", lang, needs=labels)]
        for rank, s in enumerate(ranking[:TOP], 1):
            reasons = "; ".join(r[2][lang] for r in s.reasons if r[1] > 0)
            lines.append(self.t("recommend_row", lang, rank=rank, name=s.framework.name,
                                score=s.score, reasons=reasons))
        tied = [s.framework for s in ranking[:TOP] if s.score == ranking[0].score]
        if len(tied) > 1 and COMMUNITY_RANK[tied[0].traits.community] > COMMUNITY_RANK[
                tied[1].traits.community]:  # the tie is broken by a fact: say which
            lines.append(self.t("recommend_tie", lang, names=self.names(tied, lang),
                                name=tied[0].name))
        if len(ranking) >= 2:
            lines.append(self._pick(ranking[0], ranking[1], lang))
        lines.append(self.t("recommend_tail", lang))
        top = ranking[0].framework
        return Reply("\n".join(lines), "recommend", lang,
                     frameworks=[s.framework.id for s in ranking[:TOP]],
                     suggestions=self.suggest("recommend", lang, top), details=details)

    def _pick(self, top: Scored, runner: Scored, lang: Lang) -> str:
        """The one pick, and when to take the runner-up instead: the reasons the
        runner-up scores that the pick does not."""
        mine = {r[2][lang] for r in top.reasons if r[1] > 0}
        own = [r[2][lang] for r in runner.reasons if r[1] > 0 and r[2][lang] not in mine]
        if not own:
            key = "recommend_pick_only" if runner.score < top.score else "recommend_pick_first"
            return self.t(key, lang, name=top.framework.name,
                          other=runner.framework.name)
        return self.t("recommend_pick", lang, name=top.framework.name,
                      other=runner.framework.name, reasons="; ".join(dict.fromkeys(own)))

    def _tool_line(self, key: str, tool: Tool, lang: Lang) -> str:
        install = self.t("related_install", lang, pip=tool.pip) if tool.pip else ""
        return self.t(key, lang, name=tool.name, purpose=tool.purpose[lang], install=install)

    @memo
    def related(self, domains: Sequence[str], tools: Sequence[str], lang: Lang,
                asked: str = "", about: Framework | None = None,
                without: Sequence[str] = (), prefer: Sequence[str] = (),
                settled: int = -1) -> Reply:
        """A job or tool outside the framework list: say so, and what people use.

        Named tools are described; a job lists its tools. No framework is
        recommended in their place ("a 2D game" does not get Flask). ``asked``:
        "python" when the question was whether Python suits the job (the answer
        opens with the job's verdict), "why" when it was why not a framework,
        "fit" when it was whether ``about`` suits the job (it is not made for it),
        "with" when the job is to be done with ``about`` ("how do I deploy Django?"),
        "instead" when the message rules out ``without`` (frameworks or tools: "a
        scraper but not Scrapy"), which the answer then leaves out; "vs" when ``about``
        and the frameworks in ``without`` are weighed against the tools, each said. ``prefer``: the
        job's tools the message's conditions call for, listed first ("on Windows").
        ``settled``: the first tool's property that settled a claim, whose fact
        follows the verdict.
        """
        lines = [self._tool_line("related_tool", self.kb.tools[t], lang) for t in tools]
        if asked == "vs" and about is not None:  # "Scrapy чи BeautifulSoup?": both said
            # (and every framework named: "PySide6, Tkinter or Toga?", in ``without``)
            lines[:0] = [self.t("related_vs", lang, name=fw.name, summary=fw.summary[lang])
                         for fw in (about, *(self.kb.frameworks[x] for x in without))]
        for k, did in enumerate(domains):
            domain = self.kb.domains[did]
            # (a verdict is said once: the next job of "Django for a daily email?" is
            # what is used with it)
            said = about is not None and (asked in ("yes", "no") or (
                asked in ("fit", "also") and k))
            key = {"python": f"related_python_{domain.python}", "why": "related_why",
                   "fit": "related_fit", "also": "related_also", "not": "related_not",
                   "with": "related_with", "instead": "related_instead",
                   "neither": "related_neither"}.get(
                       "with" if said else asked, "related")
            if about is not None:
                name = about.name
            elif asked == "neither":  # "фастапі чи джанго для бота?": "FastAPI і Django"
                name = self.names([self.kb.frameworks[x] for x in without], lang)
            else:
                name = ", ".join(
                    (self.kb.frameworks.get(x) or self.kb.tools[x]).name for x in without)
            if about is not None and domain.feature:  # "how do I test Flask?": its own
                # test client first, then the job's tools
                lines += self._feature_facts(about, domain.feature, lang)
            rows = self._tools_for(domain, about, lang, (*tools, *without), prefer)
            if about is not None and self.unserved(did, about):  # "FastAPI на шаред
                # хостинг?": why none of the job's tools runs it, after a "no" (said
                # below when the question was yes or no)
                why = str(domain.unserved[lang] if domain.unserved else "").format(
                    name=about.name)
                lines.append(why if asked in ("yes", "no")
                             else f"{self.vocab['verdict']['no'][lang]} {why}")
                continue
            lines.append(self.t(key, lang, label=domain.label[lang], name=name,
                                kind=self.a_kind(about, lang) if about is not None else ""))
            if about is not None and domain.own and _own_only(about):
                # "how do I run aiohttp in production?": its own server, behind a proxy
                lines.append(domain.own[lang].format(name=about.name))
            lines += [self._tool_line("related_row", tool, lang) for tool in rows]
            if (key == "related_fit" and about is not None and domain.served
                    and "api" in about.traits.uses):
                # not made for training a model, but it serves one
                lines.append(domain.served[lang].format(name=about.name))
        if asked in ("yes", "no") and lines:  # a claim about the tool (or the job), checked
            props = self.kb.tools[tools[0]].properties if tools else ()
            fact = props[settled][2] if 0 <= settled < len(props) else {}
            if fact:  # the fact that settles it, then what the tool is
                lines.insert(0, f"{self.vocab['verdict'][asked][lang]} {fact[lang]}")
            else:
                lines[0] = f"{self.vocab['verdict'][asked][lang]} {lines[0]}"
        extended = [self.kb.tools[t].extends for t in tools if self.kb.tools[t].extends]
        if about is not None:
            extended[:0] = [about.id, *without] if asked == "vs" else [about.id]
        # "Is Python good for ML?" is a question about Python, answered with the tools.
        return Reply("\n".join(lines), "python" if asked == "python" else "related", lang,
                     frameworks=[f for f in dict.fromkeys(extended) if f],
                     suggestions=self.suggest("start", lang),
                     details={"domains": list(domains), "tools": list(tools)})

    def _feature_facts(self, framework: Framework, feature: str, lang: Lang) -> list[str]:
        """The facts of ``framework``'s properties of a declared ``feature`` that it
        has or adds (none when it does not say)."""
        words = self.feature_words.get(feature)
        props = framework.facts.properties if framework.facts else ()
        return [fact[lang] for said, holds, fact in props
                if said == words and holds in ("yes", "addon")]

    def unserved(self, domain_id: str, framework: Framework) -> bool:
        """Whether ``framework`` cannot have the job done at all: the job says why
        when none of its tools serves it (Passenger runs WSGI apps only)."""
        domain = self.kb.domains[domain_id]
        return domain.unserved is not None and not self._tools_for(domain, framework, "en")

    def _tools_for(self, domain: Domain, about: Framework | None, lang: Lang,
                   skip: Sequence[str] = (), prefer: Sequence[str] = ()) -> list[Tool]:
        """The job's tools, less ``skip``; with a framework, those that serve it, the
        ones said to serve it first: no WSGI server for FastAPI, no Gunicorn for
        Streamlit (its own add-on), and another framework's add-on not at all."""
        rows = [self.kb.tools[t] for t in domain.tools if t not in skip]
        if about is not None:
            rows = [t for t in rows if t.extends in (None, about.id)]
            if any(t.extends == about.id for t in rows):
                rows = [t for t in rows if t.extends == about.id or about.name in t.purpose[lang]]
            rows = [t for t in rows if _speaks(t, about)]
            if (domain.own or domain.unserved) and _own_only(about):
                # (no WSGI or ASGI server runs it, only one that says so)
                rows = [t for t in rows if t.extends == about.id or _names(t, about)]
            rows.sort(key=lambda tool: (tool.id not in prefer, tool.extends != about.id,
                                        about.name not in tool.purpose[lang]))
        return rows

    def with_related(self, reply: Reply, domains: Sequence[str], lang: Lang,
                     tools: Sequence[str] = ()) -> Reply:
        """A recommendation followed by the tools of a job outside the list that the
        same message names ("a dashboard of Excel data": pandas besides Streamlit)."""
        key = (id(reply), tuple(domains), tuple(tools), lang)
        hit = self._joined.get(key)
        if hit is not None and hit[0] is reply:  # the answer object is held: ids stay unique
            return hit[1]
        extra = self.related(domains, tools, lang, "")
        made = Reply(f"{reply.reply}\n{extra.reply}", reply.intent, reply.lang,
                     reply.frameworks, reply.suggestions,
                     {**reply.details, "domains": list(domains), "tools": list(tools)})
        if len(self._joined) >= MEMO_SIZE:
            self._joined.clear()
        self._joined[key] = (reply, made)
        return made

    @memo
    def concept(self, concepts: Sequence[str], lang: Lang, verdict: str | None = None,
                about: Sequence[str] = (), settled: int = -1) -> Reply:
        """What a term means (WSGI, ORM, MVC, ...), each asked one in a line; after a
        claim's ``verdict`` ("No." to "does WSGI support WebSockets?") when one was made,
        and the fact of the property that ``settled`` it, if it has one.
        ``about``: the framework it was asked in ("a Deferred in Twisted"), kept in view."""
        text = "\n".join(self.kb.concepts[c].text[lang] for c in concepts)
        if verdict is not None:
            props = self.kb.concepts[concepts[0]].properties
            fact = props[settled][2] if 0 <= settled < len(props) else {}
            text = f"{self.vocab['verdict'][verdict][lang]} " + (
                f"{fact[lang]}\n{text}" if fact else text)
        return Reply(text, "concept", lang, frameworks=list(about),
                     suggestions=self.suggest("start", lang), details={"concepts": list(concepts)})

    @memo
    def fit(self, fw: Framework, needs: Sequence[Need], lang: Lang, can: bool = False,
            other: bool = False, denied: bool = False) -> Reply:
        """"Is X good for Y?": how well ``fw`` fits the needs, where it ranks among all
        frameworks, and the best fit when it is not ``fw``.

        Yes when it scores within a point of the best, "it can, but" when it scores
        above zero, no otherwise; each reason comes from the framework's own rules.
        ``other``: another one was asked for too ("or is something else better?"), so
        a better one leads the frameworks the answer names. ``denied``: the message
        claimed ``fw`` is not for the needs ("фласк не для продакшну"), so the yes or
        no answers that claim: no when it fits, yes when it does not.
        """
        ranking = self.scorer.score(list(self.kb.frameworks.values()), needs)
        mine = next(s for s in ranking if s.framework.id == fw.id)
        best = ranking[0]
        if best.framework.id == fw.id and len(ranking) > 1:
            best = ranking[1]
        addons = [t for t in self.kb.tools.values()
                  if t.extends == fw.id and set(t.needs) & {n.id for n in needs}]
        verdict = _fit_verdict(mine, ranking, needs,
                               frozenset(n for t in addons for n in t.needs))
        pros = ("; ".join(r[2][lang] for r in mine.reasons if r[1] > 0)
                or fw.purpose[lang].rstrip("."))  # no points of its own: what it is for
        if (can and verdict == "no" and {"web", "api"} & set(fw.traits.uses)
                and {n.id for n in needs} & {"web", "api", "realtime"}):
            verdict = "partly"  # "can I make a website with FastAPI?": it can, if not best
        lacking = _lacking(mine, best, needs) if verdict == "partly" and not can else []
        if lacking:
            verdict = "lacks"  # "Sanic for a blog with an admin?": no, it has none
        key = "fit_can" if verdict == "partly" and can else f"fit_{verdict}"
        if denied:  # only what it is not built for makes the claim true ("scrapy is
            # not for websites"); a size, a team or production it can serve, if not best
            key = ("fit_denied_yes" if verdict in ("yes", "yes_but")
                   else "fit_denied_no" if verdict in ("no", "lacks")
                   and any(n.group == "what" for n in needs) else "fit_denied_partly")
        text = self.t(key, lang, name=fw.name, needs=self._need_labels(needs, lang),
                      lacking=self._need_labels(lacking, lang),
                      reasons=pros, purpose=fw.purpose[lang], best=best.framework.name,
                      best_reasons="; ".join(r[2][lang] for r in best.reasons if r[1] > 0)
                      or _lower_first(best.framework.purpose[lang]))  # (only what is not
        # wanted scored: what the better one is for)
        for tool in addons:
            text += " " + self.t("fit_addon", lang, name=fw.name, tool=tool.name,
                                 purpose=tool.purpose[lang])
        asked = {n.id for n in needs}
        for domain in self.kb.domains.values():
            # "is bottle fine for production?": yes, and what it runs on there (its
            # built-in server is for development)
            if verdict in ("no", "lacks") or not domain.companion or not (
                    set(domain.implied_by) & asked):
                continue
            told = fw.facts.interface if fw.facts else None
            if told and _OWN_SERVER_RE.search(told["en"]):  # Tornado, aiohttp, CherryPy
                text += " " + self.t("fit_own_server", lang, interface=told[lang])
            elif rows := self._tools_for(domain, fw, lang)[:3]:
                text += " " + self.t("fit_companion", lang, name=fw.name,
                                     label=domain.label[lang],
                                     tools=self.listed([t.name for t in rows], lang, "or"))
        shown = [fw.id] if verdict == "yes" or key == "fit_denied_yes" else [
            fw.id, best.framework.id]
        if verdict == "yes_but" and best.score <= mine.score:
            shown = [fw.id]
        elif other and verdict != "yes" and best.score > mine.score:
            shown = [best.framework.id, fw.id]  # "... or is something else better?": it is
        return Reply(text, "fit", lang,
                     frameworks=shown, suggestions=self.suggest("framework", lang, fw),
                     details={"needs": [n.id for n in needs], "verdict": verdict,
                              "rank": ranking.index(mine) + 1,
                              "scores": {s.framework.id: s.score for s in ranking[:5]},
                              "ranking": [mine.as_detail(lang), best.as_detail(lang)]})

    @memo
    def explain(self, rec: dict[str, Any], mentioned: Sequence[str], lang: Lang) -> Reply:
        """"Why?" after a recommendation: every rule that gave points, and where a
        framework the user names ranked."""
        needs = [self.kb.needs[n] for n in rec["needs"] if n in self.kb.needs]
        pool = ([self.kb.frameworks[f] for f in rec.get("among", [])] or
                list(self.kb.frameworks.values()))
        ranking = self.scorer.score(pool, needs)
        # the frameworks the recommendation showed, in its order ("тільки не django", "без
        # async": the ones it left out are not the reasons' subject)
        picked = {s.framework.id for s in _contenders(self.ranking(
            needs, [self.kb.frameworks[f] for f in rec.get("among", [])],
            rec.get("excluded", ())))}
        shown = [s for s in positive(ranking) if s.framework.id in picked][:TOP] or (
            positive(ranking)[:TOP] or ranking[:1])
        if not shown:
            return Reply(self.t("explain_none", lang), "explain", lang)
        labels = self._need_labels(needs, lang)
        top = shown[0]
        lines = [self.t("explain", lang, needs=labels, top=top.framework.name, score=top.score,
                        reasons=self._reasons(top, lang))]
        # ("why not Django?": the one asked of is the subject, right after the pick)
        extra = [s for s in ranking if s.framework.id in mentioned and s is not top]
        for s in [*extra, *[x for x in shown[1:] if x not in extra]]:
            rank = shown.index(s) if s in shown else ranking.index(s)
            lines.append(self.t("explain_other", lang, name=s.framework.name, score=s.score,
                                rank=rank + 1, reasons=self._reasons(s, lang)))
        ids = [s.framework.id for s in shown]
        ids += [e.framework.id for e in extra if e.framework.id not in ids]
        return Reply("\n".join(lines), "explain", lang, frameworks=ids,
                     details={"needs": [n.id for n in needs],
                              "scores": {s.framework.id: s.score for s in ranking},
                              "ranking": [s.as_detail(lang) for s in shown]})

    @memo
    def explain_none(self, lang: Lang) -> Reply:
        """"Why?" with nothing recommended yet: say so rather than guess."""
        return Reply(self.t("explain_none", lang), "explain", lang)

    def _reasons(self, s: Scored, lang: Lang) -> str:
        if not s.reasons:
            return str(self.a["no_reasons"][lang])
        return "; ".join(f"{r[2][lang]} ({r[1]:+d})" for r in s.reasons)

    @memo
    def wizard_what(self, lang: Lang) -> Reply:
        """The recommendation wizard's first question: what are you building?"""
        return Reply(self.t("wizard_what", lang), "recommend", lang,
                     suggestions=self.suggest("wizard_what", lang),
                     details={"wizard": "what"})

    @memo
    def wizard_size(self, needs: Sequence[Need], lang: Lang) -> Reply:
        """The wizard's second question for web work: how big is the project?"""
        return Reply(self.t("wizard_size", lang, needs=self._need_labels(needs, lang)),
                     "recommend", lang, suggestions=self.suggest("wizard_size", lang),
                     details={"wizard": "size", "needs": [n.id for n in needs]})

    @memo
    def wizard_again(self, step: str, lang: Lang) -> Reply:
        """The wizard did not understand the answer: ask the same step again."""
        key = "wizard_what" if step == "what" else "wizard_size"
        return Reply(self.t("wizard_again", lang), "recommend", lang,
                     suggestions=self.suggest(key, lang), details={"wizard": step})

    @memo
    def filter_by(self, filters: tuple[str, ...], years: tuple[int, ...], before: bool,
                  lang: Lang) -> Reply:
        """Frameworks with every property asked for, released before/after a year."""
        fws = list(self.kb.frameworks.values())
        labels: list[str] = []
        for fid in filters:
            flt = self.kb.filters[fid]
            fws = [f for f in fws if flt.condition.holds(f)]
            labels.append(flt.label[lang])
        for year in years:
            fws = [f for f in fws if (f.first_release < year if before
                                      else f.first_release > year)]
            labels.append(self.t("filter_year_before" if before else "filter_year_after",
                                 lang, year=year))
        label = "; ".join(labels)
        label = label[0].upper() + label[1:]
        if not fws:
            return Reply(self.t("filter_none", lang, label=label), "filter", lang)
        text = self.t("filter", lang, label=label, names=", ".join(f.name for f in fws))
        return Reply(text, "filter", lang, frameworks=[f.id for f in fws],
                     suggestions=self.suggest("framework", lang, fws[0]),
                     details={"filters": list(filters), "years": list(years)})

    @memo
    def criteria(self, lang: Lang) -> Reply:
        """The seed's criteria for choosing a framework, and its advice."""
        py = self.kb.python
        lines = [self.t("criteria_intro", lang)]
        lines += [f"• {c['text'][lang]}" for c in py["criteria"]]
        lines.append(self.t("criteria_advice", lang, advice=py["advice"]["text"][lang]))
        return Reply("\n".join(lines), "criteria", lang,
                     suggestions=self.suggest("start", lang),
                     details={"criteria": [c["id"] for c in py["criteria"]]})

    @memo
    def python_fact(self, fid: str, lang: Lang, verdict: str | None = None) -> Reply:
        """A fact about Python; after a yes/no question's verdict ("No." to "python
        was created by Microsoft?") the fact that settles it."""
        chosen = next(f for f in self.kb.python["python"] if f["id"] == fid)
        opening = (self.vocab["verdict"][verdict][lang] if verdict is not None
                   else self.t("python_intro", lang))
        text = f"{opening} {chosen['text'][lang]}"
        return Reply(text, "python", lang, suggestions=self.suggest("python", lang),
                     details={"fact": chosen["id"]})

    @memo
    def which_framework(self, attr: str, lang: Lang) -> Reply:
        """A property asked about with no framework in sight: ask which one."""
        example = self.a["which_framework_example"][attr][lang]
        return Reply(self.t("which_framework", lang, example=example),
                     "attribute", lang, suggestions=self.suggest("start", lang),
                     details={"attribute": attr})


# An interface fact that says the framework serves on a server of its own.
_OWN_SERVER_RE = re.compile(r"\bown\b")
_INTERFACES = ("wsgi", "asgi")


def _own_only(framework: Framework) -> bool:
    """Whether ``framework`` serves HTTP with its own server and speaks neither WSGI
    nor ASGI (its ``interface`` fact names neither): aiohttp, Tornado."""
    facts = framework.facts
    told = facts.interface["en"].casefold() if facts and facts.interface else ""
    return bool(told) and "own" in told and not any(i in told for i in _INTERFACES)


def _names(tool: Tool, framework: Framework) -> bool:
    """Whether ``tool``'s purpose or one of its properties names ``framework``."""
    if framework.name in tool.purpose["en"]:
        return True
    names = {framework.id, normalise(framework.name)}
    return any(normalise(w) in names for words, *_ in tool.properties for w in words)


def _speaks(tool: Tool, framework: Framework) -> bool:
    """Whether ``tool`` can serve ``framework``'s server interface: not when every one
    of the framework's interfaces (its ``interface`` fact: "WSGI", "WSGI and ASGI") is a
    claim the tool's properties deny ("Waitress is an ASGI server": no), so a deploy
    answer for FastAPI names no WSGI-only server."""
    facts = framework.facts
    told = facts.interface["en"].casefold() if facts and facts.interface else ""
    own = [i for i in _INTERFACES if i in told]
    denied = {w for words, holds, *_ in tool.properties if holds == "no" for w in words}
    return not own or not all(i in denied for i in own)
