"""Every answer template, worded for every framework in both languages, reads right.

A reader notices "FastAPI is a API framework", a sentence that starts in
lower case, a "{name}" left unfilled, or a suggestion that repeats the
question just asked. These tests word each template of ``data/answers.yaml``
through :class:`fwbot.answers.Answers` for every framework (and every need,
tool, concept and attribute it can be about) and check the text a user sees:
articles, capitals, filled placeholders, spacing, and suggestions that move
the conversation on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pytest

from fwbot.engine import Engine
from fwbot.reply import LANGS, Reply, Session

ENGINE = Engine.load()
KB = ENGINE.kb
ANSWERS = ENGINE.answers
FRAMEWORKS = list(KB.frameworks.values())
NEEDS = [n for n in KB.needs.values() if not n.id.startswith("not_")]

# A word after "a" that starts with a vowel letter needs "an" ("an API", "an ORM");
# a few start with a consonant sound despite the letter ("a unique", "a one-file").
VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "one", "eu")
# A word after "an" that starts with a consonant letter needs "a", except for
# letters read as a vowel sound ("an HTTP server", "an SQL database", "an hour").
CONSONANT_EXCEPTIONS = re.compile(r"^(?:h(?:our|onest)|[FHLMNRSX][A-Z0-9]|[FHLMNRSX]$)")
# Lower-case words a sentence may start with: names spelt in lower case by their
# authors, commands and addresses.
NAMES = sorted({fw.name for fw in KB.frameworks.values()} | {t.name for t in KB.tools.values()},
               key=len, reverse=True)
LOWER_STARTS = re.compile(r"(?:pip|https?://|/|\d|[«\"(•\-–—]|"
                          + "|".join(re.escape(n) for n in NAMES) + ")")
SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n)(\S+)")


def _answers() -> Iterator[tuple[str, Reply]]:
    """(where, reply) for every template, framework, need, tool, concept and language."""
    attributes = [a for a in KB.vocabulary["attributes"] if a in ANSWERS.a["attribute"]]
    for lang in LANGS:
        for intent in ("greet", "help", "bye", "thanks"):
            yield f"{intent} {lang}", ANSWERS.social(intent, lang)
        yield f"help {lang}", ANSWERS.help(lang)
        yield f"list {lang}", ANSWERS.list_all(lang)
        yield f"unknown {lang}", ANSWERS.unknown(lang, None)
        yield f"unknown thing {lang}", ANSWERS.unknown(lang, "Flaskify")
        yield f"criteria {lang}", ANSWERS.criteria(lang)
        yield f"explain none {lang}", ANSWERS.explain_none(lang)
        yield f"wizard what {lang}", ANSWERS.wizard_what(lang)
        yield f"wizard size {lang}", ANSWERS.wizard_size(tuple(NEEDS[:1]), lang)
        for step in ("what", "size"):
            yield f"wizard again {step} {lang}", ANSWERS.wizard_again(step, lang)
        for attr in attributes:
            yield f"which framework {attr} {lang}", ANSWERS.which_framework(attr, lang)
        for fact in KB.python["python"]:
            yield f"python {fact['id']} {lang}", ANSWERS.python_fact(fact["id"], lang)
        for concept in KB.concepts:
            yield f"concept {concept} {lang}", ANSWERS.concept((concept,), lang)
        for tool in KB.tools:
            yield f"related tool {tool} {lang}", ANSWERS.related((), (tool,), lang)
        for domain in KB.domains:
            yield f"related domain {domain} {lang}", ANSWERS.related((domain,), (), lang)
        for need in NEEDS:
            yield f"recommend {need.id} {lang}", ANSWERS.recommend_for((need,), (), lang)
        for fw in FRAMEWORKS:
            yield f"describe {fw.id} {lang}", ANSWERS.describe(fw, lang)
            for attr in attributes:
                yield f"attribute {attr} {fw.id} {lang}", ANSWERS.attribute((fw,), attr, lang)
            for need in NEEDS:
                yield f"fit {fw.id} {need.id} {lang}", ANSWERS.fit(fw, (need,), lang)
        for a, b in pairwise(FRAMEWORKS):
            yield f"compare {a.id} {b.id} {lang}", ANSWERS.compare((a, b), (), lang)
        session = Session()
        ENGINE.reply(session, "Recommend a framework for a REST API" if lang == "en"
                     else "Порадь фреймворк для REST API")
        if session.recommendation:
            yield f"explain {lang}", ANSWERS.explain(session.recommendation, (), lang)


CASES = list(_answers())


def _article_slips(text: str) -> list[str]:
    slips = []
    for m in re.finditer(r"\b([Aa]n?) ([\w-]+)", text):
        article, word = m.group(1).casefold(), m.group(2)
        low = word.casefold()
        if article == "a" and low[:1] in "aeio" and not low.startswith(VOWEL_SOUND_EXCEPTIONS):
            slips.append(m.group(0))
        if (article == "an" and low[:1] not in "aeiou"
                and not CONSONANT_EXCEPTIONS.match(word)):
            slips.append(m.group(0))
    return slips


def _lower_starts(text: str) -> list[str]:
    bad = []
    text = re.sub(r"\b(?:e\.g|i\.e|etc|vs)\.", "", text)
    for m in SENTENCE.finditer(text):
        word = m.group(1)  # (a name may be two words: "django CMS")
        if word[:1].islower() and not LOWER_STARTS.match(text, m.start(1)):
            bad.append(word)
    return bad


def test_asking_about_a_property_without_a_framework_gives_a_real_example() -> None:
    """"Who created it?" with nothing discussed yet asks which framework, with an
    example a person would type (not "Who created of Django?")."""
    en = ENGINE.reply(Session(), "who created it?")
    uk = ENGINE.reply(Session(), "а хто його створив?")
    assert en.reply == 'Which framework do you mean? For example: "Who created Django?"'
    assert uk.reply == "Про який фреймворк ви питаєте? Наприклад: «Хто створив Django?»."


def test_the_checks_catch_the_slips_a_reader_sees() -> None:
    """The checks themselves: the slips reported in issue 13 are caught, good text is not."""
    assert _article_slips("FastAPI is a API framework.") == ["a API"]
    assert _article_slips("an microframework") == ["an microframework"]
    assert not _article_slips("an API, an HTTP server, a unique design, an ORM, a web app")
    assert _lower_starts("Django is big. it has an admin.") == ["it"]
    assert not _lower_starts("aiohttp is async. pip install flask works.\n• Flask")


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_is_worded_for_every_framework(lang: str) -> None:
    """No placeholder left, no doubled space or stray space before punctuation, no
    article slip, every sentence starts with a capital letter."""
    problems = []
    for where, reply in CASES:
        if reply.lang != lang:
            continue
        text = reply.reply
        if re.search(r"\{\w*\}|\bNone\b|\bTrue\b|\bFalse\b", text):
            problems.append(f"{where}: unfilled or raw value: {text!r}")
        if re.search(r"[^\S\n]{2,}|\s[.,;:!?](?:\s|$)|\.\.(?!\.)", text):
            problems.append(f"{where}: spacing or punctuation: {text!r}")
        if lang == "en":
            problems += [f"{where}: article: {s!r}" for s in _article_slips(text)]
        problems += [f"{where}: lower-case sentence start {w!r}: {text!r}"
                     for w in _lower_starts(text)]
        for s in reply.suggestions:
            problems += [f"{where}: suggestion {s!r} starts in lower case"
                         for _ in _lower_starts(s)]
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


def _same(a: str, b: str) -> bool:
    def plain(text: str) -> str:
        return re.sub(r"[\W_]+", " ", text).casefold().strip()
    return plain(a) == plain(b)


@pytest.mark.parametrize("lang", LANGS)
def test_a_suggestion_never_repeats_the_question_just_asked(lang: str) -> None:
    """Each suggestion offered with an answer, sent as the next message, is answered
    with something new: never a suggestion equal to itself, never the same answer."""
    problems = []
    asked = 0
    for where, reply in CASES:
        if reply.lang != lang:
            continue
        for suggestion in reply.suggestions:
            session = Session()
            next_reply = ENGINE.reply(session, suggestion)
            asked += 1
            if any(_same(s, suggestion) for s in next_reply.suggestions):
                problems.append(f"{where}: {suggestion!r} is offered again after itself")
    assert asked > 100
    assert not problems, "\n".join(sorted(set(problems))[:40]) + f"\n({len(problems)} in all)"


@pytest.mark.parametrize(("question", "echo"), [
    ("Is {name} async?", re.compile(r":\s*(?:yes|no)\b", re.I)),
    ("Чи {name} асинхронний?", re.compile(r":\s*(?:так|ні)\b", re.I)),
])
def test_a_yes_or_no_is_said_once(question: str, echo: re.Pattern[str]) -> None:
    """"Is Tornado async?" opens with the verdict; the fact after it names the kind of
    support ("native"), not a second "yes" ("Yes. Tornado's async support: yes")."""
    for fw in FRAMEWORKS:
        text = ENGINE.reply(Session(), question.format(name=fw.name)).reply
        assert not echo.search(text), text
