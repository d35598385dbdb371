"""The framework schema is declared once (fwbot.schema): a field added in one place
only (the declaration, a dataclass, data/README.md, a framework file, the words
of its values) fails here or at load, never in front of a user."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from kbfiles import problems_of

from fwbot import schema
from fwbot.engine import Engine
from fwbot.knowledge import Facts, Framework, Traits, load
from fwbot.reply import Session

README = Path(__file__).resolve().parents[1] / "data" / "README.md"
HOLDERS = {"top": Framework, "traits": Traits, "facts": Facts}


def test_the_dataclasses_hold_exactly_the_declared_fields() -> None:
    """Framework, Traits and Facts (written out for mypy) match the declaration:
    the same fields, the same types."""
    for where, holder in HOLDERS.items():
        declared = {f.name: f.type for f in schema.fields_in(where)}
        actual = {f.name: f.type for f in dataclasses.fields(holder)
                  if f.name not in schema.SECTIONS}
        assert actual == declared, where


def _readme_example() -> dict[str, object]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## `frameworks/<id>.yaml`", 1)[1].split("```yaml", 1)[1].split("```")[0]
    return yaml.safe_load(block), block


def test_data_readme_documents_every_declared_field_and_no_other() -> None:
    """data/README.md's example file has every field where the schema keeps it, and
    the comment beside a field with choices names all of them."""
    example, block = _readme_example()
    for where in ("top", "traits", "facts"):
        part = example if where == "top" else example[where]
        keys = set(part) - (set(schema.SECTIONS) if where == "top" else set())
        assert keys == {f.key for f in schema.fields_in(where)}, where
    for spec in schema.FIELDS:
        if spec.choices:
            line = next(x for x in block.splitlines() if x.strip().startswith(f"{spec.key}:"))
            assert re.search(" [|] ".join(map(re.escape, spec.choices)), line), line


def test_derived_names_follow_the_declaration() -> None:
    """What the loader and the answers use is computed from the fields."""
    assert set(schema.FEATURES) == {"orm", "admin", "auth", "templates", *schema.UNSURE_FEATURES}
    assert "stdlib_only" in schema.UNSURE_FEATURES and "native_widgets" in schema.UNSURE_FEATURES
    assert schema.ATTRIBUTE_FIELD["year"].key == "first_release"
    assert schema.ATTRIBUTE_FIELD["version"].key == "install"
    assert {"install", "version", "creators", "docs", "interface"} <= set(schema.FACT_ATTRIBUTES)
    assert not set(schema.FACT_ATTRIBUTES) & set(schema.FEATURES)
    assert len(set(schema.ATTRIBUTES)) == len(schema.ATTRIBUTES)


def test_every_declared_field_is_read_by_its_name() -> None:
    """``Framework.trait`` finds every field where the schema says it lives."""
    kb = load()
    django = kb.frameworks["django"]
    assert django.trait("kind") == "fullstack" and django.trait("async") == "partial"
    assert django.trait("migrations") is True and django.trait("first_release") == 2005
    for spec in schema.FIELDS:
        for fw in kb.frameworks.values():
            fw.trait(spec.key)
    with pytest.raises(AttributeError):
        django.trait("colour")


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("  orm: true\n", "  orm: true\n  graphql: true\n", "unknown trait 'graphql'"),
    ("  stdlib_only: false\n", "  stdlib_only: false\n  graphql: true\n",
     "unknown fact 'graphql'"),
    ("website:", "mascot: pony\nwebsite:", "unknown field 'mascot'"),
    ("  performance: medium\n", "  performance: fast\n",
     "'performance' is 'fast'; expected one of: low, medium, high"),
    ("  stdlib_only: false\n", "  stdlib_only: maybe\n",
     "'stdlib_only' must be true, false or null"),
])
def test_a_field_in_a_framework_file_only_is_refused(data: Path, old: str, new: str,
                                                     problem: str) -> None:
    path = data / "frameworks" / "django.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [p for p in problems_of(data) if problem in p]
    assert found and re.match(r".*django\.yaml:\d+: ", found[0]), found


def test_a_value_without_its_words_is_refused(data: Path) -> None:
    """Every value a field may take is worded in vocabulary.yaml ``values``; one
    missing is a file:line error, not a KeyError on the first card that shows it."""
    path = data / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    line = '    low: {uk: "невисока", en: "modest"}\n'
    assert line in text
    path.write_text(text.replace(line, "", 1), encoding="utf-8")
    assert any(re.match(r".*vocabulary\.yaml:\d+: values\.performance: missing 'low'", p)
               for p in problems_of(data))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_cards_carry_the_declared_fields(engine: Engine) -> None:
    """``/api/frameworks`` (short) and a full card hold the fields the schema puts on
    them, and the full card's labels are the words the answers use."""
    short = engine.framework_list("en")[0]
    assert list(short) == [k for f in schema.CARD_SHORT
                           for k in ((f.key, "kind_label") if f.shape == "kind" else (f.key,))]
    card = engine.framework_card("django", "en")
    assert card is not None
    on_card = {f.key for f in schema.CARD_FULL if f.card == "full"}
    assert on_card <= set(card) and set(card["built_in"]) == {
        f.key for f in schema.CARD_FULL if f.card == "built_in"}
    assert set(card["labels"]) == {f.key for f in schema.CARD_LABELLED}


@pytest.mark.parametrize(("lang", "question"), [("uk", "яка продуктивність у {name}?"),
                                              ("en", "what is the performance of {name}?")])
def test_a_card_words_a_value_as_the_answer_does(engine: Engine, lang: str,
                                                 question: str) -> None:
    """The card beside an answer never reads "low" where the answer says "modest"."""
    for fid, fw in engine.kb.frameworks.items():
        card = engine.framework_card(fid, lang)
        assert card is not None
        reply = engine.reply(Session(), question.format(name=fw.name))
        assert reply.details.get("attribute") == "performance", reply.reply
        assert card["labels"]["performance"] in reply.reply, (fid, reply.reply)


def test_the_page_takes_its_headings_from_the_card(engine: Engine) -> None:
    """The page keeps no words of its own for a framework's fields: every heading it
    shows comes from the card (answers.yaml ``headings``) in the card's language."""
    script = (Path(__file__).resolve().parents[1] / "src" / "fwbot" / "static"
              / "app.js").read_text(encoding="utf-8")
    for lang in ("uk", "en"):
        card = engine.framework_card("django", lang)
        assert card is not None
        headings = card["headings"]
        assert set(headings) == {f.key for f in schema.CARD_HEADED}
        for text in headings.values():
            assert f'"{text}"' not in script, text  # no copy on the page to drift
    assert engine.framework_card("django", "uk")["headings"]["performance"] == "Продуктивність"


def test_a_missing_heading_is_refused(data: Path) -> None:
    path = data / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    line = '  learning_curve: {uk: "Складність вивчення", en: "Learning curve"}\n'
    assert line in text
    path.write_text(text.replace(line, "", 1), encoding="utf-8")
    assert any(re.match(r".*answers\.yaml:\d+: missing the heading of 'learning_curve'", p)
               for p in problems_of(data))


@pytest.mark.parametrize("section", ["comparisons", "verdict"])
def test_a_vocabulary_section_the_engine_reads_is_required(data: Path, section: str) -> None:
    """Every key of knowledge.Vocabulary (what the engine reads) must be in
    vocabulary.yaml: without one, load refuses instead of a KeyError later."""
    path = data / "vocabulary.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{section}:\n")
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i]))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    assert any(re.match(rf".*vocabulary\.yaml:\d+: missing '{section}'", p)
               for p in problems_of(data))
