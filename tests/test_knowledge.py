"""Loading and validating data/: every problem is reported as file:line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from kbfiles import problems_of

from fwbot.knowledge import load


def test_the_built_in_knowledge_base_is_valid() -> None:
    kb = load()
    assert len(kb.frameworks) >= 22
    for fw in kb.frameworks.values():
        assert fw.summary["uk"] and fw.summary["en"]
        assert fw.description["uk"] != fw.description["en"]


def test_wrong_values_are_reported_with_file_and_line(data: Path) -> None:
    flask = data / "frameworks" / "flask.yaml"
    lines = flask.read_text(encoding="utf-8").splitlines()
    kind_line = next(i for i, line in enumerate(lines, 1) if line.startswith("kind:"))
    flask.write_text("\n".join(
        "kind: nano" if line.startswith("kind:") else line for line in lines) + "\n",
        encoding="utf-8")
    problems = problems_of(data)
    assert any(p.startswith(f"{flask}:{kind_line}: 'kind' is 'nano'") for p in problems)


def test_invalid_yaml_duplicates_and_alias_clashes(data: Path) -> None:
    (data / "frameworks" / "broken.yaml").write_text("id: broken\nname: [unclosed\n",
                                                     encoding="utf-8")
    bottle = data / "frameworks" / "bottle.yaml"
    bottle.write_text(bottle.read_text(encoding="utf-8") + "license: MIT\n", encoding="utf-8")
    django = data / "frameworks" / "django.yaml"
    text = django.read_text(encoding="utf-8").replace("aliases: [", "aliases: [фласк, ", 1)
    django.write_text(text, encoding="utf-8")
    problems = "\n".join(problems_of(data))
    assert f"{data / 'frameworks' / 'broken.yaml'}:" in problems and "invalid YAML" in problems
    assert f"{bottle}:" in problems and "duplicate key 'license'" in problems
    assert "'фласк' is also used by" in problems


def test_missing_answer_template_is_refused(data: Path) -> None:
    answers = data / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text.replace("\nexplain_none:", "\nexplain_nothing:"), encoding="utf-8")
    assert any("missing the 'explain_none' answer" in p for p in problems_of(data))


def test_every_attribute_has_its_which_framework_example(data: Path) -> None:
    """"Is it async?" with no framework in sight is answered with an example question;
    an attribute without one is refused at load, not worded as "Async of Django?"."""
    answers = data / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    start = text.index("\nwhich_framework_example:")
    line = text.index("\n  creators:", start)
    answers.write_text(text[:line] + text[text.index("\n", line + 1):], encoding="utf-8")
    assert any("missing which_framework_example 'creators'" in p for p in problems_of(data))


def test_feature_answer_needs_yes_and_no(data: Path) -> None:
    """A yes/no feature answer missing its "no" wording is a file:line error at load,
    not a KeyError in front of the first user who asks about Flask's admin."""
    answers = data / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    start = text.index("\n  admin:\n")
    end = text.index('\n      "no"', start)
    answers.write_text(text[:end] + text[text.index("\n", end + 1):], encoding="utf-8")
    found = [p for p in problems_of(data) if "'admin' needs 'no' and 'yes'" in p]
    assert found and found[0].startswith(str(answers) + ":"), problems_of(data)


def test_kb_check_command(data: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "fwbot.kb", "check", str(data)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "OK, 22 frameworks" in ok.stdout
    (data / "needs.yaml").write_text("needs:\n  api:\n    rules: 7\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "fwbot.kb", "check", str(data)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"{data / 'needs.yaml'}:3: 'words' must be a mapping" in bad.stdout


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("  stdlib_only: false\n", "  stdlib_only: maybe\n",
     "'stdlib_only' must be true, false or null"),
    ("  built_on: [Werkzeug, Jinja]\n", "  built_on: Werkzeug\n", "'built_on' must be a list"),
    ("    templates: {uk:", "    version: {uk:", "a note about 'version', which is no feature"),
    ('    orm: {uk: "зазвичай Flask-SQLAlchemy", en: "usually Flask-SQLAlchemy"}\n',
     '    orm: {uk: "зазвичай Flask-SQLAlchemy"}\n', "en"),
])
def test_new_facts_are_checked_on_load(data: Path, old: str, new: str, problem: str) -> None:
    """Flags, bases and feature notes of a framework are refused when malformed."""
    flask = data / "frameworks" / "flask.yaml"
    text = flask.read_text(encoding="utf-8")
    assert old in text
    flask.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert any(str(flask) in p and problem in p for p in problems_of(data)), problems_of(data)


def test_no_word_of_the_vocabulary_is_read_as_a_boolean() -> None:
    """YAML 1.1 reads bare yes, no, on and off as booleans: "..., yes?" was lost as a
    tag and "no" as a deny word until they were quoted. Every word list is strings."""
    import yaml

    from fwbot.knowledge import default_data_dir

    vocab = yaml.safe_load((default_data_dir() / "vocabulary.yaml").read_text(encoding="utf-8"))
    found = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.extend([where] if isinstance(key, bool) else [])
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            found.extend(where for item in node if isinstance(item, bool))
            for item in node:
                walk(item, where)

    walk(vocab, "")
    assert not found, found


def test_an_analogue_of_a_need_that_does_not_exist_is_refused(data: Path) -> None:
    vocab = data / "vocabulary.yaml"
    text = vocab.read_text(encoding="utf-8")
    vocab.write_text(text.replace("    batteries: [laravel,", "    batterys: [laravel,", 1),
                     encoding="utf-8")
    found = [p for p in problems_of(data) if "analogues.needs: no need 'batterys'" in p]
    assert found and found[0].startswith(f"{vocab}:")
