"""The typed model of ``data/*.yaml``, loaded and validated once.

Every problem is reported as ``file:line: what is wrong`` so that a person
editing the YAML can jump to it; :func:`load` collects all of them before it
refuses, instead of stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

import yaml

import fwbot
from fwbot.schema import (
    ATTRIBUTES,
    CONDITION_KEYS,
    FEATURES,
    FIELD,
    FIELDS,
    SECTIONS,
    UNSURE_FEATURES,
    Field,
    Where,
    fields_in,
    missing,
)
from fwbot.texts import TEXTS, placeholders

LANG_KEYS = ("uk", "en")
ID_RE = re.compile(r"^[a-z0-9]+$")

# Templates the engine fills; a knowledge base without one of them is refused
# at load time rather than failing on the first user who needs it.
REQUIRED_ANSWERS = (
    "greet", "help", "languages", "bye", "thanks", "list", "unknown", "unknown_thing", "describe",
    "attribute", "compare", "compare_row", "compare_for", "compare_need_one", "recommend",
    "recommend_row", "recommend_tail", "recommend_none", "wizard_what", "wizard_size",
    "wizard_again", "explain", "explain_other", "explain_none", "no_reasons", "filter",
    "filter_none", "filter_year_before", "filter_year_after", "which_framework",
    "python_intro", "criteria_intro", "criteria_advice", "lang_set", "lang_auto",
    "lang_usage", "reset", "unknown_command", "empty", "too_long", "labels", "suggestions",
    "fit_yes", "fit_yes_but", "fit_partly", "fit_no", "fit_denied_yes",
    "fit_denied_partly", "fit_denied_no", "fit_addon", "related", "related_row",
    "related_tool", "related_install", "which_framework_example", "unsure", "unsure_closest",
    "unsure_known", "related_python_yes", "related_python_partly", "related_why",
    "related_fit", "compare_even_community", "recommend_tie", "related_vs",
    "related_not",
    "describe_interface", "claim_language_needed", "claim_language_needed_pure", "claim_serves",
    "claim_addon", "sure", "license_use", "fit_companion",
    "fit_own_server", "extreme", "extreme_older_one", "extreme_older_many",
    "extreme_newer_one", "extreme_newer_many",
)
# What a framework file holds is declared once, in fwbot.schema; these names
# stay importable from here for the engine (engine.py, answers.py).
__all__ = ["ATTRIBUTES", "FEATURES", "UNSURE_FEATURES"]


class KnowledgeError(Exception):
    """A knowledge base that cannot be used; ``problems`` are ``file:line: ...``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def default_data_dir() -> Path:
    """The built-in knowledge base: inside the wheel, or the repo's ``data/``."""
    here = Path(fwbot.__file__).resolve().parent
    installed = here / "data"
    if installed.is_dir():
        return installed
    return here.parents[1] / "data"


# --------------------------------------------------------------------------
# YAML with line numbers


class LDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list[Any]):
    """A sequence that remembers its line."""

    line: int = 0


# libyaml's parser when PyYAML has it: the knowledge base parses about 4x
# faster, which is most of what the start-up and every reload wait for. The
# constructors below (line numbers, duplicate keys) run on either parser.
# Both have SafeLoader's interface (CSafeLoader swaps only the reader and
# parser), so mypy checks _Loader against the pure-Python one.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys."""

    duplicates: list[tuple[int, str]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            loader.duplicates.append((key_node.start_mark.line + 1, key))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _line_of(container: Any, key: str | None = None) -> int:
    if key is not None and isinstance(container, LDict):
        return container.key_lines.get(key, container.line)
    return getattr(container, "line", 1)


# --------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Traits:
    """What a framework is like; the recommender and filters read these."""

    async_: str
    orm: bool
    admin: bool
    auth: bool
    templates: bool
    performance: str
    learning_curve: str
    project_size: tuple[str, ...]
    platforms: tuple[str, ...]
    community: str
    uses: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """What an advisor is asked besides the traits: who, how to install, where the
    docs are, the server interface, and two features that are true, false or not
    known for sure (None: the answer says so instead of guessing)."""

    install: Mapping[str, str]
    creators: Mapping[str, str]
    docs: str
    repo: str | None
    interface: Mapping[str, str] | None
    websocket: bool | None
    openapi: bool | None
    built_on: tuple[str, ...] = ()  # what it is built on top of ("Starlette", "Flask")
    migrations: bool | None = None  # schema migrations built in
    forms: bool | None = None  # an HTML form library built in
    validation: bool | None = None  # request data validated from declared types
    dev_server: bool | None = None  # runs on a server of its own, no separate one needed
    stdlib_only: bool | None = None  # needs nothing beyond Python's standard library
    # How a feature is had or added, per feature and language ("templates": "Jinja").
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    native_widgets: bool | None = None  # a GUI drawn with each OS's own widgets (Toga)
    # Well-known companies that use it, with the year that was said (None: not known).
    users: Mapping[str, str] | None = None
    api_of: tuple[str, ...] = ()  # frameworks whose API it reimplements (Quart: Flask)
    # How to start a project and run it, with the dev server's address (None: not known).
    run: Mapping[str, str] | None = None
    # Where it came from: its name, earlier names, who owns it (None: not known).
    history: Mapping[str, str] | None = None
    # What it does well, and where it is weak or not the tool (None: not known).
    strengths: Mapping[str, str] | None = None
    weaknesses: Mapping[str, str] | None = None
    # Its newest release on PyPI when last looked: version, month (YYYY-MM), download
    # rank among PyPI's 15,000 most downloaded then (None: not among them).
    release: Mapping[str, object] | None = None
    # Claims people make of it: (the words that state one, "yes" or "no", the fact
    # said with the verdict), checked by fwbot.claims ("Streamlit reruns the script?").
    properties: tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...] = ()


@dataclass(frozen=True)
class Framework:
    """One framework of ``frameworks/<id>.yaml``."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    first_release: int
    license: str
    website: str
    traits: Traits
    summary: Mapping[str, str]
    purpose: Mapping[str, str]
    description: Mapping[str, str]
    seed: tuple[str, ...] = ()
    facts: Facts | None = None

    def trait(self, name: str) -> Any:
        """A field by its YAML name (``kind``, ``async``, ``websocket``, ...), wherever
        the file keeps it (fwbot.schema): what conditions and comparisons read."""
        spec = FIELD.get(name)
        if spec is None:
            raise AttributeError(f"no framework field {name!r}")
        if spec.where == "top":
            return getattr(self, spec.name)
        if spec.where == "traits":
            return getattr(self.traits, spec.name)
        return getattr(self.facts, spec.name) if self.facts else missing(spec)


@dataclass(frozen=True)
class Condition:
    """A test of one trait: equals (``is``), contains (``has``), one of (``in``), or its
    words, in either language, hold a phrase (``contains``)."""

    trait: str
    op: str
    value: Any

    def holds(self, framework: Framework) -> bool:
        """Whether ``framework`` satisfies this test (evaluated once per rule at load)."""
        actual = framework.trait(self.trait)
        if self.op == "is":
            return bool(actual == self.value)
        if self.op == "has":
            return self.value in actual
        if self.op == "in":
            return actual in self.value
        return self.value.lower() in _text(actual).lower()  # "contains"


def _text(value: Any) -> str:
    """A field's words as one text: a mapping's (by language, by feature) joined."""
    if isinstance(value, Mapping):
        return " ".join(_text(v) for v in value.values())
    return str(value)


@dataclass(frozen=True)
class Rule:
    """One scoring rule of a need."""

    condition: Condition
    weight: int
    reason: Mapping[str, str]
    # False: the rule does not count against a framework when the need is not
    # wanted ("partly supports async" is optional: "no async" keeps Flask).
    against: bool = True


@dataclass(frozen=True)
class Need:
    """Something a project may need; see ``needs.yaml``."""

    id: str
    group: str | None
    words: Mapping[str, tuple[str, ...]]
    label: Mapping[str, str]
    rules: tuple[Rule, ...]
    # Needs (or related.yaml domains) that make this one only the object of the
    # job: "scrape prices from shops" or "a Telegram bot for my shop" wants no shop.
    yields_to: tuple[str, ...] = ()


UNWANTED = "not_"  # id prefix of the need "the user does NOT want <need>"


def unwanted_needs(needs: Mapping[str, Need], negation: Mapping[str, Any],
                   ) -> dict[str, Need]:
    """For each need, the need of *not* having it ("I don't need async").

    It scores against the frameworks the need itself speaks for (each of its
    positive rules with the weight negated), so "без адмінки" counts against
    the batteries-included frameworks. It has no words of its own: the Reader
    turns a need found after a negation word into its unwanted twin.
    """
    label, reason = negation["label"], negation["reason"]
    out = {}
    for need in needs.values():
        rules = tuple(
            Rule(rule.condition, -rule.weight,
                 {lang: str(reason[lang]).format(reason=text)
                  for lang, text in rule.reason.items()})
            for rule in need.rules if rule.weight > 0 and rule.against)
        out[UNWANTED + need.id] = Need(
            UNWANTED + need.id, None, {},
            {lang: str(label[lang]).format(label=text) for lang, text in need.label.items()},
            rules)
    return out


def like_needs(frameworks: Mapping[str, Framework], kinds: Mapping[str, Any],
               likeness: Mapping[str, Any]) -> dict[str, Need]:
    """For each framework, the need of one like it ("like Flask, but not Flask"):
    of its kind, worded with ``needs.yaml`` ``likeness`` and the kind's label. It has
    no words of its own: the Reader finds it in a name both kept and ruled out."""
    label, reason, api = likeness["label"], likeness["reason"], likeness["same_api"]
    near = likeness.get("closest", api)
    out = {}
    for fw in frameworks.values():
        kind = dict(kinds[fw.kind]["label"])
        if "en" in kind:  # "an API framework", "a microframework"
            kind["en"] = ("an " if kind["en"][:1].casefold() in "aeiou" else "a ") + kind["en"]
        rule = Rule(Condition("kind", "is", fw.kind), 4,
                    {lang: str(reason[lang]).format(kind=kind[lang], name=fw.name)
                     for lang in reason})
        # One that reimplements its API (Quart of Flask) is the closest there is: as
        # many points as one of its kind, which count as building what is asked, and
        # one more.
        same_api = Rule(Condition("api_of", "has", fw.name), 4,
                        {lang: str(api[lang]).format(name=fw.name) for lang in api})
        closest = Rule(Condition("api_of", "has", fw.name), 1,
                       {lang: str(near[lang]).format(name=fw.name) for lang in near})
        out["like_" + fw.id] = Need(
            "like_" + fw.id, "what", {},
            {lang: str(label[lang]).format(name=fw.name) for lang in label},
            (rule, same_api, closest))
    return out


@dataclass(frozen=True)
class Tool:
    """A tool outside the framework list (``related.yaml``): named, never ranked."""

    id: str
    name: str
    aliases: tuple[str, ...]
    pip: str | None
    purpose: Mapping[str, str]
    extends: str | None = None
    needs: tuple[str, ...] = ()
    # Claims people make of it, each with whether it holds: (words that state it,
    # "yes" or "no", the fact said after the verdict, or {} for none), checked by
    # fwbot.claims ("can Gunicorn run on Windows?": no).
    properties: tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...] = ()


@dataclass(frozen=True)
class Concept:
    """A term people ask about (WSGI, ORM, MVC, ...): ``concepts.yaml``."""

    id: str
    words: Mapping[str, tuple[str, ...]]
    text: Mapping[str, str]
    properties: tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...] = ()  # as Tool's


@dataclass(frozen=True)
class Domain:
    """A job done with tools outside the list ("a 2D game", "a Telegram bot")."""

    id: str
    label: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]]
    tools: tuple[str, ...]
    # "Is Python good for this?": "yes" (machine learning, bots) or "partly" (games:
    # done in Python, but it is not the main language for them).
    python: str = "yes"
    # Listed frameworks that do this job too (aiohttp is an HTTP client as well).
    frameworks: tuple[str, ...] = ()
    # Listed frameworks whose job these tools do when one is ruled out ("a scraper
    # but not Scrapy": requests and Beautiful Soup).
    instead: tuple[str, ...] = ()
    # Needs that, said with this job, are what it is done to, not what is built
    # ("where do I host my Flask site?": the site is hosted): they yield to it.
    outranks: tuple[str, ...] = ()
    # Attributes its words mean otherwise ("host it for free" asks no licence).
    absorbs: tuple[str, ...] = ()
    # A job done on an app whatever framework it is written with (tests, deployment,
    # a database): "can I write tests for a Flask app?" is yes, with its tools.
    companion: bool = False
    # Needs that, said with an attribute it absorbs, ask for this job ("how do I run
    # Django in production?": its start command and "production" ask how it is deployed).
    implied_by: tuple[str, ...] = ()
    # Tools one does other things with (installers): named beside another tool, that
    # other is what is asked about ("tkinter треба ставити через pip?").
    means: bool = False
    # What a framework for APIs does for this job, said after "is FastAPI good for
    # machine learning?" (no, but it serves a trained model): {uk, en} with {name}.
    served: Mapping[str, str] | None = None
    # What this job is for a framework that serves HTTP with its own server only
    # (aiohttp, Tornado): said in place of the servers of interfaces it does not speak.
    own: Mapping[str, str] | None = None
    # A declared feature (``vocabulary.yaml`` ``features``) a framework may have for
    # this job: its fact is said when the job is done with it ("how do I test Flask?":
    # app.test_client(), then pytest).
    feature: str | None = None
    # Said, after "no", when none of this job's tools serves a framework ("FastAPI на
    # шаред хостинг?": Passenger runs WSGI apps only; "Tornado on AWS Lambda?": no
    # adapter runs an app with its own server): {uk, en} with {name}.
    unserved: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Filter:
    """A property to list frameworks by; see ``vocabulary.yaml`` ``filters``."""

    id: str
    words: Mapping[str, tuple[str, ...]]
    condition: Condition
    label: Mapping[str, str]


Texts = dict[str, str]  # language -> text
Words = dict[str, list[str]]  # language -> words and phrases


class Vocabulary(TypedDict):
    """What the engine reads of ``vocabulary.yaml``: every key is required at load
    (``_vocabulary``, ``_check_required``), so a section the engine reads is declared
    here once and a file without it is a ``file:line`` error, not a KeyError."""

    cues: dict[str, Words]  # intent -> words that ask for it
    attributes: dict[str, Words]  # attribute (fwbot.schema.ATTRIBUTES) -> words
    values: dict[str, dict[str, Texts]]  # Field.labels -> value -> wording
    kinds: dict[str, dict[str, Texts]]  # kind -> label, plural
    filters: dict[str, Any]  # read into Knowledge.filters
    unknown_things: Words
    neutral_words: list[str]
    comparatives: Words
    comparisons: dict[str, dict[str, Any]]  # trait, best, words, label, label_many
    function_words: Words
    transliterated: Words
    analogues: dict[str, Any]  # cues, same_api, knows, needs, domains (other ecosystems' names)
    features: dict[str, Words]  # feature -> words, for frameworks' {feature: ...} properties
    negation: dict[str, Any]
    claims: dict[str, Any]
    verdict: dict[str, Texts]  # yes, no, partly, ... -> wording


# The sections of vocabulary.yaml that must be mappings (the rest must exist).
VOCABULARY_MAPPINGS = ("cues", "attributes", "values", "kinds", "filters", "unknown_things")


class PythonFacts(TypedDict):
    """What the engine reads of ``python.yaml`` (checked by ``_check_python``)."""

    python: list[dict[str, Any]]  # facts about Python: id, text, ...
    criteria: list[dict[str, Any]]  # the choice criteria: id, text
    overview: dict[str, Texts]  # text
    advice: dict[str, Texts]  # text
    claims: NotRequired[dict[str, Any]]


@dataclass
class Knowledge:
    """Everything under one ``data/`` directory, validated."""

    source: Path
    frameworks: dict[str, Framework]
    needs: dict[str, Need]
    filters: dict[str, Filter]
    vocabulary: Vocabulary
    python: PythonFacts
    # Templates looked up by a key the engine computes (Answers.t): the keys it
    # must find are REQUIRED_ANSWERS, checked at load.
    answers: dict[str, Any]
    messages: dict[str, dict[str, str]]  # door texts: key -> lang -> text (fwbot.texts)
    files: list[Path] = field(default_factory=list)
    tools: dict[str, Tool] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)


# --------------------------------------------------------------------------
# Validation


class _Problems:
    """Collects ``file:line: message`` lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: Path, line: int, message: str) -> None:
        self.lines.append(f"{path}:{line}: {message}")


def _read(path: Path, problems: _Problems) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, 1, f"cannot read: {exc}")
        return None
    loader = _Loader(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.add(path, line, f"invalid YAML: {getattr(exc, 'problem', exc)}")
        return None
    finally:
        loader.dispose()
    for line, key in loader.duplicates:
        problems.add(path, line, f"duplicate key {key!r}")
    return data


class _Checker:
    """Field checks for one file; each failed check adds a problem and returns None.

    Each method is named after the shape it expects (``mapping``, ``text``,
    ``integer``, ``choice``, ``flag``, ``strings``, ``langs`` for one text per
    language, ``lang_words`` for word lists per language, ``condition``), so
    a loader reads as a description of the file and a broken file gets every
    problem reported with its line, not just the first.
    """

    def __init__(self, path: Path, problems: _Problems) -> None:
        self.path = path
        self.problems = problems

    def fail(self, where: Any, key: str | None, message: str) -> None:
        self.problems.add(self.path, _line_of(where, key), message)

    def mapping(self, data: Any, key: str, where: Any = None) -> dict[str, Any] | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            self.fail(data if where is None else where, key, f"'{key}' must be a mapping")
            return None
        return value

    def text(self, data: Any, key: str) -> str | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.fail(data, key, f"'{key}' must be a non-empty string")
            return None
        return value

    def integer(self, data: Any, key: str, low: int, high: int) -> int | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(data, key, f"'{key}' must be a whole number from {low} to {high}")
            return None
        return value

    def choice(self, data: Any, key: str, choices: tuple[Any, ...]) -> Any:
        value = data.get(key) if isinstance(data, dict) else None
        if value not in choices:
            shown = ", ".join(str(c) for c in choices)
            self.fail(data, key, f"'{key}' is {value!r}; expected one of: {shown}")
            return None
        return value

    def flag(self, data: Any, key: str) -> bool | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, bool):
            self.fail(data, key, f"'{key}' must be true or false")
            return None
        return value

    def strings(self, data: Any, key: str, *, choices: tuple[str, ...] | None = None,
                allow_empty: bool = False) -> tuple[str, ...] | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or (not value and not allow_empty):
            self.fail(data, key, f"'{key}' must be a {'' if allow_empty else 'non-empty '}list")
            return None
        out: list[str] = []
        for item in value:
            if not isinstance(item, str | int) or isinstance(item, bool) or not str(item).strip():
                self.fail(value, None, f"'{key}' has an item that is not a word: {item!r}")
                return None
            if choices is not None and item not in choices:
                self.fail(value, None,
                          f"'{key}' has {item!r}; expected items of: {', '.join(choices)}")
                return None
            out.append(str(item))
        return tuple(out)

    def langs(self, data: Any, key: str) -> dict[str, str] | None:
        value = self.mapping(data, key)
        if value is None:
            return None
        out: dict[str, str] = {}
        for lang in LANG_KEYS:
            text = self.text(value, lang)
            if text is None:
                return None
            out[lang] = text
        return out

    def lang_words(self, data: Any, key: str) -> dict[str, tuple[str, ...]] | None:
        value = self.mapping(data, key)
        if value is None:
            return None
        out: dict[str, tuple[str, ...]] = {}
        for lang in LANG_KEYS:
            words = self.strings(value, lang, allow_empty=True)
            if words is None:
                return None
            out[lang] = words
        return out

    def condition(self, data: Any) -> Condition | None:
        if not isinstance(data, dict):
            self.fail(data, None, "a condition must be a mapping {trait, is|has|in}")
            return None
        trait = data.get("trait")
        if trait not in CONDITION_KEYS:
            self.fail(data, "trait", f"unknown trait {trait!r}")
            return None
        ops = [op for op in ("is", "has", "in", "contains") if op in data]
        if len(ops) != 1:
            self.fail(data, None, "a condition needs exactly one of is, has, in, contains")
            return None
        return Condition(trait=str(trait), op=ops[0], value=data[ops[0]])


UNKNOWN: dict[Where, str] = {"top": "unknown field", "traits": "unknown trait",
                             "facts": "unknown fact"}


def _framework(path: Path, data: Any, kinds: set[str], problems: _Problems) -> Framework | None:
    """One framework file, every field of :data:`fwbot.schema.FIELDS` checked as its
    shape says, and none besides them; None (all reported) when anything is wrong."""
    check = _Checker(path, problems)
    if not isinstance(data, dict):
        check.fail(data, None, "a framework file must be a mapping")
        return None
    before = len(problems.lines)
    parts: dict[Where, dict[str, Any] | None] = {"top": data}
    values: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.where not in parts:  # traits: and facts: are opened where they begin
            parts[spec.where] = check.mapping(data, spec.where)
        holder = parts[spec.where]
        if holder is None:
            continue
        values[spec.key] = _field(check, holder, spec, kinds)
        if spec.key == "id" and values["id"] is not None:
            if not ID_RE.match(values["id"]):
                check.fail(data, "id", f"id {values['id']!r} must be lowercase letters and digits")
            elif values["id"] != path.stem:
                check.fail(data, "id", f"id {values['id']!r} does not match the file name "
                                       f"{path.stem!r}")
    for where in (*SECTIONS, "top"):
        holder = parts.get(where)
        known = {f.key for f in fields_in(where)} | (set(SECTIONS) if where == "top" else set())
        for key in holder or ():
            if key not in known:
                check.fail(holder, key, f"{UNKNOWN[where]} {key!r}")
    if len(problems.lines) > before:
        return None

    def part(where: Where) -> dict[str, Any]:
        return {f.name: tuple(values[f.key] or ()) if f.shape in ("words", "names", "values")
                else values[f.key] for f in fields_in(where)}

    return Framework(**part("top"), traits=Traits(**part("traits")), facts=Facts(**part("facts")))


def _field(check: _Checker, holder: dict[str, Any], spec: Field, kinds: set[str]) -> Any:
    """One field's value, checked as :data:`fwbot.schema.Shape` says (None when a
    required one is broken, reported with its line)."""
    key, shape = spec.key, spec.shape
    if shape == "text":
        return check.text(holder, key)
    if shape == "year":
        return check.integer(holder, key, 1980, 2100)
    if shape == "kind":
        return check.choice(holder, key, tuple(sorted(kinds)))
    if shape == "choice":
        return check.choice(holder, key, spec.choices)
    if shape == "flag":
        return check.flag(holder, key)
    if shape == "values":
        return check.strings(holder, key, choices=spec.choices)
    if shape == "words":
        return check.strings(holder, key, allow_empty=True) if key in holder else ()
    if shape == "langs":
        return check.langs(holder, key) if spec.required or key in holder else None
    value = holder.get(key)
    if shape == "maybe_flag":
        if value is not None and not isinstance(value, bool):
            check.fail(holder, key, f"'{key}' must be true, false or null (not sure)")
        return value
    if shape == "url":
        if value is not None and not (isinstance(value, str) and value.startswith("https://")):
            check.fail(holder, key, f"'{key}' must be an https:// address")
        return value
    if shape == "names":
        value = value or []
        if not (isinstance(value, list) and all(isinstance(b, str) and b for b in value)):
            check.fail(holder, key, f"'{key}' must be a list of names")
            return []
        return value
    if shape == "properties":
        return _fw_properties(check, holder, key)
    if shape == "release":
        return _release(check, holder, key)
    return _notes(check, holder, key)


def _release(check: _Checker, holder: dict[str, Any], key: str) -> Mapping[str, object] | None:
    """``facts.release``: ``{version, released: YYYY-MM, rank: int | null, seen:
    YYYY-MM}``, checked: a figure that changes carries the month it was true."""
    raw = holder.get(key)
    if raw is None:
        return None
    month = re.compile(r"20\d\d-(0[1-9]|1[0-2])")
    if not (isinstance(raw, dict) and isinstance(raw.get("version"), str)
            and month.fullmatch(str(raw.get("released", "")))
            and month.fullmatch(str(raw.get("seen", "")))
            and (raw.get("rank") is None or isinstance(raw.get("rank"), int))
            and set(raw) == {"version", "released", "rank", "seen"}):
        check.fail(holder, key, f"'{key}' must be {{version, released: YYYY-MM, "
                               "rank: int or null, seen: YYYY-MM}")
        return None
    return {k: raw[k] for k in ("version", "released", "rank", "seen")}


def _fw_properties(check: _Checker, holder: dict[str, Any], key: str,
                   ) -> tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...]:
    """``facts.properties``: each ``{holds, words, fact: {uk, en}}``, checked."""
    raw = holder.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.fail(holder, key, f"'{key}' must be a list")
        return ()
    out = []
    for prop in raw:
        holds = prop.get("holds") if isinstance(prop, dict) else None
        if holds not in ("yes", "no", "addon"):
            check.fail(holder, key, f"a property's 'holds' is {holds!r}, not yes, no or "
                                    "addon (not built in; an add-on the fact names does it)")
            continue
        if "feature" in prop:  # its words are the feature's (vocabulary.yaml features)
            feature = prop["feature"]
            words: Sequence[str] | None = (
                [FEATURE_MARK + feature] if isinstance(feature, str) else [])
            if not words:
                check.fail(prop, "feature", "'feature' must name a feature of vocabulary.yaml")
        else:
            words = check.strings(prop, "words")
        fact = check.langs(prop, "fact")
        if words and fact:
            out.append((tuple(str(w) for w in words), str(holds), fact))
    return tuple(out)


# A property's words that stand for a declared feature's ("@feature:sessions").
FEATURE_MARK = "@feature:"


def feature_words(vocab: Any) -> dict[str, tuple[str, ...]]:
    """Each declared feature's words (``vocabulary.yaml`` ``features``), both languages
    in one tuple: what a ``{feature: ...}`` property holds as its words."""
    table = vocab.get("features") if isinstance(vocab, dict) else None
    if not isinstance(table, dict):
        return {}
    return {str(fid): tuple(str(w) for ws in langs.values() for w in (ws or []))
            for fid, langs in table.items() if isinstance(langs, dict)}


def _with_feature_words(path: Path, fw: Framework, vocab: Any,
                        problems: _Problems) -> Framework:
    """The framework with each ``{feature: sessions}`` property given that feature's
    words (``vocabulary.yaml`` ``features``), said once for every framework."""
    if fw.facts is None or not any(w[0].startswith(FEATURE_MARK)
                                   for w, _, _ in fw.facts.properties):
        return fw
    table = feature_words(vocab)
    props = []
    for words, holds, fact in fw.facts.properties:
        if words[0].startswith(FEATURE_MARK):
            feature = words[0].removeprefix(FEATURE_MARK)
            if feature not in table:
                problems.add(path, 1, f"property of feature '{feature}': vocabulary.yaml "
                                      "declares no such feature")
                continue
            words = table[feature]
        props.append((words, holds, fact))
    return replace(fw, facts=replace(fw.facts, properties=tuple(props)))


# Attributes besides the features a note may qualify: async (how far it goes),
# platforms (how an app is packaged for them), community (how alive it is),
# performance (what its speed means at scale: "Django is slow?" and Instagram).
NOTED = ("async", "platforms", "community", "performance")


def _notes(check: _Checker, holder: dict[str, Any], key: str) -> dict[str, Mapping[str, str]]:
    """``facts.notes``: how a feature is had or added, per feature and language."""
    notes: dict[str, Mapping[str, str]] = {}
    raw_notes = holder.get(key) or {}
    if not isinstance(raw_notes, dict):
        check.fail(holder, key, f"'{key}' must map features to {{uk, en}} texts")
        return notes
    for feature in raw_notes:
        if feature not in FEATURES and feature not in NOTED:
            check.fail(raw_notes, feature, f"a note about {feature!r}, which is no feature")
            continue
        texts = check.langs(raw_notes, feature)
        if texts is not None:
            notes[str(feature)] = texts
    return notes


def _needs(path: Path, data: Any, problems: _Problems) -> dict[str, Need]:
    check = _Checker(path, problems)
    needs: dict[str, Need] = {}
    table = check.mapping(data, "needs") if isinstance(data, dict) else None
    if table is None:
        if not isinstance(data, dict):
            check.fail(data, None, "needs.yaml must be a mapping with 'needs'")
        return needs
    for nid, item in table.items():
        if not isinstance(item, dict):
            check.fail(table, nid, f"need {nid!r} must be a mapping")
            continue
        words = check.lang_words(item, "words")
        label = check.langs(item, "label")
        group = item.get("group")
        if group not in (None, "what", "size", "from"):
            check.fail(item, "group", f"group {group!r}: expected what, size or from")
        rules: list[Rule] = []
        raw_rules = item.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            check.fail(item, "rules", "'rules' must be a non-empty list")
            continue
        for raw in raw_rules:
            cond = check.condition(raw.get("if") if isinstance(raw, dict) else None)
            weight = raw.get("weight") if isinstance(raw, dict) else None
            if not isinstance(weight, int) or isinstance(weight, bool):
                check.fail(raw, "weight", "'weight' must be a whole number")
                continue
            reason = check.langs(raw, "reason")
            against = raw.get("against", True)
            if not isinstance(against, bool):
                check.fail(raw, "against", "'against' must be true or false")
                against = True
            if cond is not None and reason is not None:
                rules.append(Rule(cond, weight, reason, against))
        if words is not None and label is not None:
            yields = check.strings(item, "yields_to", allow_empty=True) \
                if "yields_to" in item else ()
            needs[nid] = Need(nid, group, words, label, tuple(rules), tuple(yields or ()))
    return needs


def _filters(path: Path, vocabulary: Any, problems: _Problems) -> dict[str, Filter]:
    check = _Checker(path, problems)
    out: dict[str, Filter] = {}
    table = check.mapping(vocabulary, "filters") if isinstance(vocabulary, dict) else None
    for fid, item in (table or {}).items():
        if not isinstance(item, dict):
            check.fail(table, fid, f"filter {fid!r} must be a mapping")
            continue
        words = check.lang_words(item, "words")
        cond = check.condition(item.get("match"))
        label = check.langs(item, "label")
        if words is not None and cond is not None and label is not None:
            out[fid] = Filter(fid, words, cond, label)
    return out


def _check_langs_tree(check: _Checker, data: Any, where: str) -> None:
    """Every leaf mapping with uk/en must have both; used for answers and messages."""
    if isinstance(data, dict):
        keys = set(data)
        if keys & set(LANG_KEYS):
            for lang in LANG_KEYS:
                if lang not in data:
                    check.fail(data, None, f"{where}: missing the '{lang}' text")
            return
        for key, value in data.items():
            _check_langs_tree(check, value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        return
    elif not isinstance(data, str):
        check.fail(data, None, f"{where}: expected texts in uk and en")


def _vocabulary(path: Path, data: Any, problems: _Problems) -> set[str]:
    check = _Checker(path, problems)
    if not isinstance(data, dict):
        check.fail(data, None, "vocabulary.yaml must be a mapping")
        return set()
    for section in VOCABULARY_MAPPINGS:
        if not isinstance(data.get(section), dict):
            check.fail(data, section, f"'{section}' must be a mapping")
    cues = data.get("cues")
    if isinstance(cues, dict):
        for intent, words in cues.items():
            if isinstance(words, dict):
                check.lang_words(cues, intent)
            else:
                check.fail(cues, intent, f"cues for {intent!r} must map uk/en to lists")
    attrs = data.get("attributes")
    if isinstance(attrs, dict):
        for attr in attrs:
            check.lang_words(attrs, attr)
    values = data.get("values")
    if isinstance(values, dict):  # every value a field may take is worded (fwbot.schema)
        for spec in FIELDS:
            if spec.labels is None:
                continue
            words = values.get(spec.labels)
            if not isinstance(words, dict):
                check.fail(values, None, f"missing the values of '{spec.labels}'")
                continue
            for choice in spec.choices:
                if choice in words:
                    check.langs(words, choice)
                else:
                    check.fail(words, None, f"values.{spec.labels}: missing {choice!r}")
    kinds = data.get("kinds")
    if isinstance(kinds, dict):
        for item in kinds.values():
            check.langs(item, "label")
            check.langs(item, "plural")
        return set(kinds)
    return set()


def load(directory: Path | str | None = None) -> Knowledge:
    """Load and validate a knowledge base directory, or raise KnowledgeError."""
    root = Path(directory) if directory is not None else default_data_dir()
    problems = _Problems()
    if not root.is_dir():
        raise KnowledgeError([f"{root}:1: not a knowledge base directory"])
    named = {name: root / f"{name}.yaml" for name in
             ("vocabulary", "needs", "python", "answers", "messages")}
    raw: dict[str, Any] = {}
    for name, path in named.items():
        if not path.is_file():
            problems.add(path, 1, "file is missing")
            raw[name] = None
        else:
            raw[name] = _read(path, problems)
    kinds = _vocabulary(named["vocabulary"], raw["vocabulary"], problems)
    filters = _filters(named["vocabulary"], raw["vocabulary"], problems)
    needs = _needs(named["needs"], raw["needs"], problems)
    if raw["answers"] is not None:
        _check_langs_tree(_Checker(named["answers"], problems), raw["answers"], "")
    _check_required(named, raw, problems)
    messages = _door_texts(named["messages"], raw["messages"], problems)
    if raw["python"] is not None:
        _check_python(named["python"], raw["python"], problems)

    frameworks: dict[str, Framework] = {}
    files = sorted((root / "frameworks").glob("*.yaml"))
    if not files:
        problems.add(root / "frameworks", 1, "no framework files")
    aliases: dict[str, tuple[str, Path, int]] = {}
    for path in files:
        data = _read(path, problems)
        if data is None:
            continue
        fw = _framework(path, data, kinds, problems)
        if fw is None:
            continue
        fw = _with_feature_words(path, fw, raw["vocabulary"], problems)
        frameworks[fw.id] = fw
        for alias in (fw.id, fw.name, *fw.aliases):
            key = alias.casefold()
            other = aliases.get(key)
            if other is not None and other[0] != fw.id:
                problems.add(path, _line_of(data, "aliases"),
                             f"name or alias {alias!r} is also used by {other[0]} "
                             f"({other[1]}:{other[2]})")
            aliases[key] = (fw.id, path, _line_of(data, "aliases"))
    if problems.lines:
        raise KnowledgeError(problems.lines)
    vocab_attrs = raw["vocabulary"].get("attributes") if isinstance(
        raw["vocabulary"], dict) else None
    tools, domains = _related(root / "related.yaml", frameworks, needs, problems,
                              frozenset(vocab_attrs or ()),
                              frozenset(feature_words(raw["vocabulary"])))
    concepts = _concepts(root / "concepts.yaml", problems)
    _check_analogues(named["vocabulary"], raw["vocabulary"], needs, domains, problems)
    if problems.lines:
        raise KnowledgeError(problems.lines)
    likeness = raw["needs"].get("likeness") if isinstance(raw["needs"], dict) else None
    kinds_table = raw["vocabulary"].get("kinds") if isinstance(raw["vocabulary"], dict) else None
    if isinstance(likeness, dict) and isinstance(kinds_table, dict):
        needs.update(like_needs(frameworks, kinds_table, likeness))
    negation = raw["vocabulary"].get("negation") if isinstance(raw["vocabulary"], dict) else None
    if isinstance(negation, dict):
        needs.update(unwanted_needs(needs, negation))
    return Knowledge(
        source=root, frameworks=frameworks, needs=needs, filters=filters,
        vocabulary=raw["vocabulary"], python=raw["python"], answers=raw["answers"],
        messages=messages, files=[*named.values(), *files, root / "related.yaml",
                                                      root / "concepts.yaml"],
        tools=tools, domains=domains, concepts=concepts,
    )


def _related(path: Path, frameworks: Mapping[str, Framework], needs: Mapping[str, Need],
             problems: _Problems, attributes: frozenset[str] = frozenset(),
             features: frozenset[str] = frozenset(),
             ) -> tuple[dict[str, Tool], dict[str, Domain]]:
    """``related.yaml``: tools outside the list and the jobs they are for.

    Every tool a domain names must exist, ``extends`` must be a framework id and
    its ``needs`` needs, so a typo is a file:line error, not a silent gap.
    """
    if not path.is_file():
        problems.add(path, 1, "file is missing")
        return {}, {}
    data = _read(path, problems)
    check = _Checker(path, problems)
    tools: dict[str, Tool] = {}
    domains: dict[str, Domain] = {}
    raw_tools = check.mapping(data, "tools")
    raw_domains = check.mapping(data, "domains")
    for tid, item in (raw_tools or {}).items():
        name = check.text(item, "name")
        purpose = check.langs(item, "purpose")
        aliases = check.strings(item, "aliases", allow_empty=True) or ()
        pip = item.get("pip") if isinstance(item, dict) else None
        if pip is not None and not (isinstance(pip, str) and pip.strip()):
            check.fail(item, "pip", "'pip' must be a package name or null")
        extends = item.get("extends") if isinstance(item, dict) else None
        if extends is not None and extends not in frameworks:
            check.fail(item, "extends", f"'extends' is {extends!r}, not a framework id")
        wanted = check.strings(item, "needs", allow_empty=True) if isinstance(
            item, dict) and "needs" in item else ()
        for nid in wanted or ():
            if nid not in needs:
                check.fail(item, "needs", f"unknown need {nid!r}")
        if name and purpose:
            tools[str(tid)] = Tool(str(tid), name, tuple(str(a) for a in aliases), pip,
                                   purpose, extends, tuple(wanted or ()),
                                   _properties(check, item))
    for did, item in (raw_domains or {}).items():
        label = check.langs(item, "label")
        words = check.lang_words(item, "words") if isinstance(item, dict) else None
        listed = check.strings(item, "tools") or ()
        for tid in listed:
            if tid not in tools:
                check.fail(item, "tools", f"unknown tool {tid!r}")
        python = item.get("python", "yes") if isinstance(item, dict) else "yes"
        if python not in ("yes", "partly"):
            check.fail(item, "python", f"'python' is {python!r}, not yes or partly")
        also = (check.strings(item, "frameworks", allow_empty=True)
                if isinstance(item, dict) and "frameworks" in item else ()) or ()
        # (a framework this knowledge base leaves out simply does not do the job here)
        also = tuple(f for f in also if f in frameworks)
        instead = (check.strings(item, "instead", allow_empty=True)
                   if isinstance(item, dict) and "instead" in item else ()) or ()
        outranks = (check.strings(item, "outranks", allow_empty=True)
                    if isinstance(item, dict) and "outranks" in item else ()) or ()
        for nid in outranks:
            if nid not in needs:
                check.fail(item, "outranks", f"unknown need {nid!r}")
        absorbs = (check.strings(item, "absorbs", allow_empty=True)
                   if isinstance(item, dict) and "absorbs" in item else ()) or ()
        for attr in absorbs:
            if attr not in attributes:
                check.fail(item, "absorbs", f"unknown attribute {attr!r}")
        implied = (check.strings(item, "implied_by", allow_empty=True)
                   if isinstance(item, dict) and "implied_by" in item else ()) or ()
        for nid in implied:
            if nid not in needs:
                check.fail(item, "implied_by", f"unknown need {nid!r}")
        feature = item.get("feature") if isinstance(item, dict) else None
        if feature is not None and feature not in features:
            check.fail(item, "feature", f"unknown feature {feature!r} (vocabulary.yaml features)")
            feature = None
        if label and words:
            domains[str(did)] = Domain(str(did), label, words, tuple(listed), str(python),
                                       tuple(str(f) for f in also),
                                       tuple(str(f) for f in instead if f in frameworks),
                                       tuple(str(n) for n in outranks if n in needs),
                                       tuple(str(x) for x in absorbs if x in attributes),
                                       _flag(check, item, "companion"),
                                       tuple(str(n) for n in implied if n in needs),
                                       _flag(check, item, "means"),
                                       check.langs(item, "served")
                                       if isinstance(item, dict) and "served" in item
                                       else None,
                                       check.langs(item, "own")
                                       if isinstance(item, dict) and "own" in item
                                       else None, feature,
                                       check.langs(item, "unserved")
                                       if isinstance(item, dict) and "unserved" in item
                                       else None)
    return tools, domains


def _flag(check: _Checker, item: object, key: str) -> bool:
    """An optional true/false field (absent: false)."""
    value = item.get(key, False) if isinstance(item, dict) else False
    if not isinstance(value, bool):
        check.fail(item, key, f"'{key}' must be true or false")
        return False
    return value


def _concepts(path: Path, problems: _Problems) -> dict[str, Concept]:
    """``concepts.yaml``: each concept's words and text in both languages."""
    if not path.is_file():
        problems.add(path, 1, "file is missing")
        return {}
    data = _read(path, problems)
    check = _Checker(path, problems)
    out: dict[str, Concept] = {}
    for cid, item in (check.mapping(data, "concepts") or {}).items():
        words = check.lang_words(item, "words")
        text = check.langs(item, "text")
        if words and text:
            out[str(cid)] = Concept(str(cid), words, text, _properties(check, item))
    return out


def _properties(check: _Checker, item: object,
                ) -> tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...]:
    """A tool's or concept's ``properties``: claims with whether they hold, each
    ``{holds: "yes" | "no", words: [...], fact: {uk, en}}`` (the fact optional);
    a wrong one is a file:line error."""
    raw = item.get("properties") if isinstance(item, dict) else None
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.fail(item, "properties", "'properties' must be a list")
        return ()
    out = []
    for prop in raw:
        holds = prop.get("holds") if isinstance(prop, dict) else None
        words = check.strings(prop, "words") if isinstance(prop, dict) else None
        if holds not in ("yes", "no"):
            check.fail(item, "properties", f"a property's 'holds' is {holds!r}, not yes or no")
        elif words:
            fact = check.langs(prop, "fact") if isinstance(prop, dict) and "fact" in prop else {}
            out.append((tuple(str(w) for w in words), str(holds), fact or {}))
    return tuple(out)


def _check_required(named: dict[str, Path], raw: dict[str, Any], problems: _Problems) -> None:
    """Keys the engine relies on must exist, whatever else the files hold."""
    answers, vocab = raw["answers"], raw["vocabulary"]
    if isinstance(answers, dict):
        check = _Checker(named["answers"], problems)
        for key in REQUIRED_ANSWERS:
            if key not in answers:
                check.fail(answers, None, f"missing the '{key}' answer")
        if isinstance(answers.get("attribute"), dict):
            for key in ATTRIBUTES:
                if key not in answers["attribute"]:
                    check.fail(answers["attribute"], None, f"missing attribute answer '{key}'")
                elif key in FEATURES:
                    for lang in ("uk", "en"):
                        entry = answers["attribute"][key]
                        forms = entry.get(lang) if isinstance(entry, dict) else None
                        need = {"yes", "no"} | ({"unknown"} if key in UNSURE_FEATURES
                                                else set())
                        if not (isinstance(forms, dict) and need <= set(forms)):
                            check.fail(answers["attribute"], key,
                                       f"attribute answer '{key}' needs "
                                       f"{' and '.join(repr(f) for f in sorted(need))} "
                                       f"wordings in {lang}")
        headings = answers.get("headings")
        if not isinstance(headings, dict):
            check.fail(answers, None, "missing the 'headings' of the page's fields")
        else:
            for spec in FIELDS:
                if spec.heading and spec.key not in headings:
                    check.fail(headings, None, f"missing the heading of '{spec.key}'")
        examples = answers.get("which_framework_example")
        if isinstance(examples, dict):
            for key in ATTRIBUTES:
                if key not in examples:
                    check.fail(examples, None, f"missing which_framework_example '{key}'")
    elif answers is not None:
        problems.add(named["answers"], 1, "answers.yaml must be a mapping")
    if isinstance(vocab, dict) and isinstance(vocab.get("attributes"), dict):
        check = _Checker(named["vocabulary"], problems)
        for key in ATTRIBUTES:
            if key not in vocab["attributes"]:
                check.fail(vocab["attributes"], None, f"missing attribute words '{key}'")
        for key in Vocabulary.__annotations__:  # the mappings: checked by _vocabulary
            if key not in VOCABULARY_MAPPINGS and key not in vocab:
                check.fail(vocab, None, f"missing '{key}'")


def _check_analogues(path: Path, vocab: Any, needs: Mapping[str, Any],
                     domains: Mapping[str, Any], problems: _Problems) -> None:
    """``analogues``: cues in each language, and names under needs and jobs that exist."""
    section = vocab.get("analogues") if isinstance(vocab, dict) else None
    if not isinstance(section, dict):
        return  # (its absence is reported with the other missing sections)
    line = _line_of(vocab, "analogues")
    for key in ("cues", "same_api", "knows"):
        cues = section.get(key)
        if not isinstance(cues, dict) or not all(isinstance(cues.get(lang), list)
                                                 for lang in ("uk", "en")):
            problems.add(path, line, f"analogues.{key} must list words for uk and en")
    for key, known, what in (("needs", needs, "need"), ("domains", domains, "job")):
        table = section.get(key)
        if not isinstance(table, dict):
            problems.add(path, line, f"analogues.{key} must be a mapping")
            continue
        for target, words in table.items():
            if target not in known:
                problems.add(path, line, f"analogues.{key}: no {what} '{target}'")
            elif not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                problems.add(path, line, f"analogues.{key}.{target} must be a list of words")


def _door_texts(path: Path, data: Any, problems: _Problems) -> dict[str, dict[str, str]]:
    """``messages.yaml``: exactly the texts :data:`fwbot.texts.TEXTS` declares.

    Each in both languages, naming no ``{placeholder}`` its caller does not
    fill (``str.format`` would raise in front of the user); a key that is not
    declared is refused too, since no door would ever say it (a typo of one).
    """
    check = _Checker(path, problems)
    out: dict[str, dict[str, str]] = {}
    if data is None:
        return out
    if not isinstance(data, dict):
        check.fail(data, None, "messages.yaml must be a mapping of door texts")
        return out
    for key, declared in TEXTS.items():
        if key not in data:
            check.fail(data, None, f"missing the door text '{key}' ({declared.purpose})")
            continue
        entry = data[key] if isinstance(data[key], dict) else {}
        texts = {lang: text for lang in LANG_KEYS
                 if isinstance(text := entry.get(lang), str) and text.strip()}
        broken = [lang for lang in LANG_KEYS if lang not in texts]
        if broken:
            check.fail(data, key, f"door text '{key}' needs a non-empty "
                                  f"{' and '.join(repr(lang) for lang in broken)} text")
            continue
        for lang, template in texts.items():
            try:
                unfilled = placeholders(template) - set(declared.fields)
            except ValueError as exc:
                check.fail(data[key], lang, f"door text '{key}' ({lang}): {exc}")
                continue
            if unfilled:
                filled = ", ".join(declared.fields) or "nothing"
                check.fail(data[key], lang,
                           f"door text '{key}' ({lang}) names "
                           f"{', '.join('{' + f + '}' for f in sorted(unfilled))}, "
                           f"which its caller does not fill (it fills: {filled})")
        out[key] = texts
    for key in data:
        if key not in TEXTS:
            check.fail(data, key, f"unknown door text {key!r}: declare it in fwbot/texts.py")
    return out


def _check_python(path: Path, data: Any, problems: _Problems) -> None:
    check = _Checker(path, problems)
    if not isinstance(data, dict):
        check.fail(data, None, "python.yaml must be a mapping")
        return
    for section in ("python", "criteria"):
        items = data.get(section)
        if not isinstance(items, list) or not items:
            check.fail(data, section, f"'{section}' must be a non-empty list")
            continue
        for item in items:
            if not isinstance(item, dict):
                check.fail(items, None, f"'{section}' items must be mappings")
                continue
            check.text(item, "id")
            check.langs(item, "text")
    for section in ("overview", "advice"):
        item = check.mapping(data, section)
        if item is not None:
            check.langs(item, "text")


def iter_texts(value: Any) -> Iterator[str]:
    """All strings in a nested YAML value (used by tests and the eval tool)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_texts(item)

