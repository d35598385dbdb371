"""The schema of ``frameworks/<id>.yaml``, declared once.

Each field of a framework file is one :class:`Field` of :data:`FIELDS`: its
YAML key, where it lives (the top level, ``traits:`` or ``facts:``), its
shape (what the loader checks), its Python type, its choices, the names a
user asks it by, whether a need's condition may test it, where it goes on a
card and which ``vocabulary.yaml`` ``values`` words its values. Everything
else is derived from this table rather than written out again, because the
copies drifted: the loader's checks and its known keys
(``fwbot.knowledge``), ``Framework.trait``, the attributes the answers word
and the fact attributes among them (``fwbot.answers``), and the fields of a
card (``GET /api/frameworks`` and ``details.framework``) with the worded
``labels`` and the ``headings`` the page shows. ``tests/test_schema.py`` fails when the
dataclasses (``Framework``, ``Traits``, ``Facts``), ``data/README.md``'s
example or the data disagree with it.

Pure data: no I/O, imports nothing of fwbot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Where = Literal["top", "traits", "facts"]
# What the loader checks for each shape (fwbot.knowledge._Fields):
#   text        a non-empty string             year    a whole number 1980..2100
#   kind        one id of vocabulary ``kinds``  choice  one of ``choices``
#   flag        true or false                  values  a non-empty list of ``choices``
#   words       a list of words, may be absent (then empty)
#   langs       one text per language (``required=False``: may be absent, then None)
#   maybe_flag  true, false or null (not known for sure), may be absent
#   url         an https:// address or null    names   a list of names, may be absent
#   notes       feature -> {uk, en}: how a feature is had or added
#   properties  a list of {holds: yes | no, words: [...], fact: {uk, en}}: claims
#               people make of it, whether each holds, and the fact that says so
#   release     {version: "6.1.3", released: "2026-11", rank: 528 | null, seen:
#               "2026-11"}: its newest release on PyPI, when that came out, its
#               download rank, and the month all of that was seen
Shape = Literal["text", "year", "kind", "choice", "flag", "values", "words", "langs",
                "maybe_flag", "url", "names", "notes", "properties", "release"]
# Where a field goes on a card: the short one (every card), the full one only,
# inside the full card's ``built_in`` mapping, or nowhere.
Card = Literal["short", "full", "built_in"]


@dataclass(frozen=True)
class Field:
    """One field of a framework file and everything the code needs to know of it."""

    key: str  # the YAML key
    where: Where
    shape: Shape
    type: str  # the annotation of the attribute on Framework / Traits / Facts
    doc: str
    choices: tuple[str, ...] = ()
    required: bool = True
    attr: str = ""  # the Python attribute, when not the key ("async" -> "async_")
    asked: tuple[str, ...] = ()  # attribute names a user asks it by ("year", "use")
    condition: bool = False  # a need's or filter's condition may test it
    card: Card | None = None
    # vocabulary.yaml ``values`` section wording each value ("high" -> "висока");
    # ``labelled``: the full card carries that wording in ``labels`` (the page shows it).
    labels: str | None = None
    labelled: bool = False
    # The page shows it under a heading: the full card carries that heading, in the
    # card's language, in ``headings`` (answers.yaml ``headings``; checked at load).
    heading: bool = False

    @property
    def name(self) -> str:
        """The Python attribute this field is stored in."""
        return self.attr or self.key

    @property
    def feature(self) -> bool:
        """A built-in feature asked about as yes/no ("does Django have an ORM?")."""
        return self.shape in ("flag", "maybe_flag") and bool(self.asked)


LEVELS = ("low", "medium", "high")
SIZES = ("small", "medium", "large")

# In the order of a card (and of data/README.md's example); the loader checks in
# this order too, so a broken file's problems read top to bottom.
FIELDS: tuple[Field, ...] = (
    Field("id", "top", "text", "str", "lowercase [a-z0-9]+, equals the file name",
          card="short"),
    Field("name", "top", "text", "str", "display name", condition=True,
          card="short"),  # "keep the Flask code": Flask itself keeps it
    Field("kind", "top", "kind", "str", "one id of vocabulary.yaml kinds",
          asked=("kind",), condition=True, card="short", heading=True),
    Field("first_release", "top", "year", "int", "year of the first public release",
          asked=("year",), condition=True, card="short", heading=True),
    Field("license", "top", "text", "str", "SPDX id",
          asked=("license",), condition=True, card="short", heading=True),
    Field("summary", "top", "langs", "Mapping[str, str]", "one sentence: what it is",
          condition=True, card="short"),  # needs test what a framework is said to be
    # with ``contains`` ("an HTTP client and web server"), its purpose and notes too
    Field("website", "top", "text", "str", "its home page", card="full", heading=True),
    Field("purpose", "top", "langs", "Mapping[str, str]", "what it is for (one sentence)",
          condition=True, card="full", heading=True),
    Field("description", "top", "langs", "Mapping[str, str]", "two or three sentences",
          condition=True, card="full"),
    Field("aliases", "top", "words", "tuple[str, ...]",
          "other spellings: Cyrillic, typos, old names", card="full"),
    Field("async", "traits", "choice", "str", "native async request handling",
          attr="async_", choices=("yes", "partial", "no"), asked=("async",),
          condition=True, card="full", labels="async", labelled=True, heading=True),
    Field("performance", "traits", "choice", "str", "relative, within Python",
          choices=LEVELS, asked=("performance",),
          condition=True, card="full", labels="performance", labelled=True, heading=True),
    Field("learning_curve", "traits", "choice", "str", "how hard it is to learn",
          choices=("gentle", "moderate", "steep"), asked=("learning_curve",),
          condition=True, card="full", labels="learning_curve", labelled=True, heading=True),
    Field("community", "traits", "choice", "str", "popularity, activity",
          choices=SIZES, asked=("community",),
          condition=True, card="full", labels="community", labelled=True, heading=True),
    Field("project_size", "traits", "values", "tuple[str, ...]", "the sizes of project it suits",
          choices=SIZES, condition=True, card="full", labels="project_size", labelled=True,
          heading=True),
    Field("platforms", "traits", "values", "tuple[str, ...]", "where its programs run",
          choices=("web", "desktop", "mobile", "terminal"), asked=("platforms",),
          condition=True, card="full", labels="platforms"),
    Field("uses", "traits", "values", "tuple[str, ...]", "what it is used for",
          choices=("web", "api", "realtime", "network", "gui", "mobile", "dashboard",
                   "scraping", "terminal", "prototype"), asked=("use",),
          condition=True, card="full", labels="uses"),
    *(Field(key, "traits", "flag", "bool", doc, asked=(key,), condition=True, card="built_in")
      for key, doc in (
          ("orm", "built-in ORM / database layer"),
          ("admin", "built-in admin interface"),
          ("auth", "built-in authentication"),
          ("templates", "built-in template engine"),
      )),
    Field("seed", "top", "words", "tuple[str, ...]",
          "which of these facts the founding text states", card="full"),
    Field("install", "facts", "langs", "Mapping[str, str]", "how to install it",
          asked=("install", "version")),
    Field("creators", "facts", "langs", "Mapping[str, str]", "who made it and who keeps it now",
          asked=("creators",)),
    Field("docs", "facts", "text", "str", "the documentation's address", asked=("docs",)),
    Field("repo", "facts", "url", "str | None", "the source repository (https://), or null",
          required=False),
    Field("interface", "facts", "langs", "Mapping[str, str] | None",
          "the server interface (WSGI, ASGI)", required=False, asked=("interface",),
          condition=True),  # "a WSGI framework": needs test it with ``contains``
    Field("users", "facts", "langs", "Mapping[str, str] | None",
          "well-known companies that use it, with the year that was said (absent: not known)",
          required=False, asked=("users",)),
    Field("run", "facts", "langs", "Mapping[str, str] | None",
          "how to start a project and run it, with the development server's default "
          "address (absent: not known)", required=False, asked=("run",)),
    Field("history", "facts", "langs", "Mapping[str, str] | None",
          "where it came from: its name, earlier names, who owns it (absent: not known)",
          required=False, asked=("history",)),
    Field("strengths", "facts", "langs", "Mapping[str, str] | None",
          "what it does well, in a few points (absent: not known)", required=False,
          asked=("strengths",)),
    Field("weaknesses", "facts", "langs", "Mapping[str, str] | None",
          "where it is weak or not the tool, in a few points (absent: not known)",
          required=False, asked=("weaknesses",)),
    *(Field(key, "facts", "maybe_flag", "bool | None", doc, required=False, asked=(key,),
            condition=True) for key, doc in (
        ("websocket", "WebSockets built in"),
        ("openapi", "OpenAPI documentation generated"),
        ("migrations", "schema migrations built in"),
        ("forms", "an HTML form library built in"),
        ("validation", "request data validated from declared types"),
        ("dev_server", "runs on a server of its own, no separate one needed"),
        ("stdlib_only", "needs nothing beyond Python's standard library"),
        ("native_widgets", "a GUI drawn with each OS's own widgets (Toga)"),
    )),
    Field("built_on", "facts", "names", "tuple[str, ...]",
          "what it is built on top of, by name (FastAPI: Starlette, Pydantic)",
          required=False, condition=True),
    Field("api_of", "facts", "names", "tuple[str, ...]",
          "frameworks whose API it reimplements, by name (Quart: Flask)",
          required=False, condition=True),
    Field("notes", "facts", "notes", "Mapping[str, Mapping[str, str]]",
          "how a feature is had or added, said with its yes/no answer", required=False,
          condition=True),
    Field("release", "facts", "release", "Mapping[str, object] | None",
          "its newest release on PyPI and its month, its download rank among PyPI's "
          "15,000 most downloaded (null: not in them), and the month those were seen",
          required=False),
    Field("properties", "facts", "properties",
          "tuple[tuple[tuple[str, ...], str, Mapping[str, str]], ...]",
          "claims people make of it (the words that state one), whether each holds, "
          "and the fact said with the verdict", required=False),
)

FIELD: Mapping[str, Field] = MappingProxyType({f.key: f for f in FIELDS})
SECTIONS: tuple[Where, ...] = ("traits", "facts")  # the mappings of a framework file

# -- derived: what the rest of the code used to write out by hand -------------------

# Every attribute a user may ask about; answers.yaml ``attribute`` and
# ``which_framework_example`` and vocabulary.yaml ``attributes`` need each one.
ATTRIBUTES: tuple[str, ...] = tuple(a for f in FIELDS for a in f.asked)
# The field an attribute is about ("year" -> first_release, "version" -> install).
ATTRIBUTE_FIELD: Mapping[str, Field] = MappingProxyType(
    {a: f for f in FIELDS for a in f.asked})
# Built-in features asked about as yes/no: their answers open with yes or no, so
# each has a "yes" and a "no" wording per language.
FEATURES: tuple[str, ...] = tuple(f.key for f in FIELDS if f.feature)
# Features that may be null (not known for sure): also an "unknown" wording.
UNSURE_FEATURES: tuple[str, ...] = tuple(f.key for f in FIELDS if f.feature
                                         and f.shape == "maybe_flag")
# Attributes told from facts: worded from the fact itself, not from a trait's value.
FACT_ATTRIBUTES: tuple[str, ...] = tuple(a for f in FIELDS if f.where == "facts"
                                         and not f.feature for a in f.asked)
# What a need's or a filter's condition may test.
CONDITION_KEYS: frozenset[str] = frozenset(f.key for f in FIELDS if f.condition)


def fields_in(where: Where) -> tuple[Field, ...]:
    """The fields of one part of a framework file, in declared order."""
    return tuple(f for f in FIELDS if f.where == where)


def missing(field: Field) -> object:
    """A fact's value when a framework has no ``facts`` at all."""
    return () if field.shape in ("names", "words", "properties") else None
# A card's fields in their order: the short card's, then what the full one adds.
CARD_SHORT: tuple[Field, ...] = tuple(f for f in FIELDS if f.card == "short")
CARD_FULL: tuple[Field, ...] = tuple(f for f in FIELDS if f.card in ("full", "built_in"))
CARD_LABELLED: tuple[Field, ...] = tuple(f for f in FIELDS if f.labelled)
CARD_HEADED: tuple[Field, ...] = tuple(f for f in FIELDS if f.heading)
