"""Door texts are a declared set (``fwbot.texts``) that the loader enforces.

Two halves: a ``data/`` that lacks a declared text, has it in one language
only, or names a placeholder its caller does not fill, is refused by
``python -m fwbot.kb check`` and at start-up with ``file:line``; and every
text key the doors and the service look up is declared, found by reading
their source (the AST), so a new ``bot.text("typo")`` fails here and not in
front of the first user who triggers it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fwbot import kb
from fwbot.knowledge import load
from fwbot.texts import TEXTS, placeholders

SRC = Path(__file__).resolve().parents[1] / "src" / "fwbot"
TWISTD = Path(sys.executable).parent / "twistd"


# --------------------------------------------------------------------------
# The loader refuses a data/ that breaks the declaration


def edit_messages(data: Path, old: str, new: str) -> Path:
    path = data / "messages.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if line.startswith(start))


def check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = kb.main(["check", str(data)])
    return status, capsys.readouterr().out


def test_the_built_in_messages_hold_every_declared_text_in_both_languages() -> None:
    messages = load().messages
    assert set(messages) == set(TEXTS)
    for key, declared in TEXTS.items():
        for lang in ("uk", "en"):
            assert placeholders(messages[key][lang]) <= set(declared.fields), (key, lang)


def test_kb_check_refuses_a_data_dir_without_rate_limited(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "messages.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^rate_limited:\n(  .*\n)+", "", text, flags=re.M), "utf-8")
    status, out = check(data, capsys)
    assert status == 1
    assert re.search(rf"^{re.escape(str(path))}:\d+: missing the door text 'rate_limited'",
                     out, re.M), out


def test_a_text_in_one_language_only_is_refused_at_its_line(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edit_messages(data, '  en: "Too many messages, please slow down', '  de: "Zu viele')
    status, out = check(data, capsys)
    assert status == 1
    assert (f"{path}:{line_of(path, 'rate_limited:')}: door text 'rate_limited' needs a "
            "non-empty 'en' text") in out


def test_a_placeholder_the_caller_does_not_fill_is_refused(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edit_messages(data, "(over {limit} bytes) and was", "(over {max} bytes) and was")
    status, out = check(data, capsys)
    assert status == 1
    line = line_of(path, "line_too_long:") + 2  # the en line
    assert (f"{path}:{line}: door text 'line_too_long' (en) names {{max}}, which its caller "
            "does not fill (it fills: limit)") in out


def test_an_undeclared_text_is_refused_as_a_likely_typo(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edit_messages(data, "\nrequest_timeout:", "\nrequest_timeot:")
    status, out = check(data, capsys)
    assert status == 1
    assert f"{path}:{line_of(path, 'request_timeot:')}: unknown door text 'request_timeot'" in out
    assert "missing the door text 'request_timeout'" in out


@pytest.mark.e2e
def test_the_server_refuses_to_start_without_a_declared_text(data: Path) -> None:
    path = edit_messages(data, "\nidle_timeout:", "\nidle_timeout_:")
    done = subprocess.run(
        [str(TWISTD), "-n", "--pidfile=", "fwbot", f"--data={data}",
         "--telnet=tcp:0:interface=127.0.0.1", "--http=tcp:0:interface=127.0.0.1"],
        cwd=data.parent, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "refusing to start" in done.stderr
    assert f"{path}:" in done.stderr and "missing the door text 'idle_timeout'" in done.stderr


# --------------------------------------------------------------------------
# Every key the doors and the service look up is declared


@dataclass(frozen=True)
class Sink:
    """A callable whose argument ``index`` (or keyword ``name``) is a text key."""

    index: int
    name: str | None


@dataclass
class Scan:
    keys: dict[str, list[str]] = field(default_factory=dict)  # key -> ["file:line", ...]
    unresolved: list[str] = field(default_factory=list)  # "file:line: expression"


# ``bot.text(key, lang)`` / ``engine.text(key, lang)`` is where a key becomes a
# text; ``Refused(code)`` carries a code that a door turns into one
# (``bot.text(Refused.of(failure).code, ...)``).
SEEDS = {"text": Sink(0, "key"), "Refused": Sink(0, "code")}
# Expressions that stand for keys collected elsewhere: a Refused's code is one
# of the literals its constructor calls pass, which the scan collects.
STANDS_FOR_COLLECTED = re.compile(r"(^|\.)code$")


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _params(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _argument(call: ast.Call, sink: Sink) -> ast.expr | None:
    if sink.index < len(call.args) and not any(
            isinstance(a, ast.Starred) for a in call.args[:sink.index + 1]):
        return call.args[sink.index]
    return next((k.value for k in call.keywords if k.arg == sink.name), None)


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _enclosing(tree: ast.AST) -> dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None]:
    """Each call's innermost enclosing function (None at module level)."""
    owner: dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None] = {}

    def visit(node: ast.AST, function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) \
                else function
            owner[child] = function
            visit(child, inner)

    visit(tree, None)
    return owner


def _pick(value: ast.expr, position: int | None) -> Iterator[ast.expr]:
    """The expressions ``value`` may give a target at ``position`` of a tuple."""
    if isinstance(value, ast.IfExp):
        yield from _pick(value.body, position)
        yield from _pick(value.orelse, position)
    elif position is None:
        yield value
    elif isinstance(value, ast.Tuple) and position < len(value.elts):
        yield value.elts[position]


def _assigned(function: ast.AST | None, name: str) -> list[ast.expr]:
    """What a local ``name`` is assigned in ``function`` (plain and tuple targets)."""
    found: list[ast.expr] = []
    for node in ast.walk(function) if function is not None else ():
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id == name:
                found += _pick(node.value, None)
            elif isinstance(target, ast.Tuple):
                for i, elt in enumerate(target.elts):
                    if isinstance(elt, ast.Name) and elt.id == name:
                        found += _pick(node.value, i)
    return found


def scan(sources: Iterable[tuple[str, str]]) -> Scan:
    """The text keys ``sources`` (name, code) pass to a text look-up.

    A function that hands one of its parameters to a look-up is a look-up
    itself (``_error(code)`` calls ``bot.text(code, ...)``), found to a
    fixed point across all sources; at each call the argument is a literal,
    a conditional of literals, or a local assigned literals (also by tuple
    unpacking). Anything else is ``unresolved``, so the scan cannot
    silently miss a key.
    """
    trees = [(name, ast.parse(code, name)) for name, code in sources]
    sinks: dict[str, set[Sink]] = {callee: {sink} for callee, sink in SEEDS.items()}
    owners = {name: _enclosing(tree) for name, tree in trees}
    changed = True
    while changed:
        changed = False
        for name, tree in trees:
            for function in _functions(tree):
                params = _params(function)
                for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                    if owners[name].get(call) is not function:
                        continue
                    for sink in sinks.get(_callee(call) or "", set()):
                        arg = _argument(call, sink)
                        if isinstance(arg, ast.Name) and arg.id in params:
                            new = Sink(params.index(arg.id), arg.id)
                            if new not in sinks.setdefault(function.name, set()):
                                sinks[function.name].add(new)
                                changed = True
    result = Scan()
    for name, tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            function = owners[name].get(call)
            params = _params(function) if function is not None else []
            for sink in sinks.get(_callee(call) or "", set()):
                arg = _argument(call, sink)
                if arg is None or (isinstance(arg, ast.Name) and arg.id in params):
                    continue  # no key here, or passed on: counted at the callers
                todo, seen = [arg], 0
                while todo and seen < 50:
                    expr, seen = todo.pop(), seen + 1
                    where = f"{name}:{expr.lineno}"
                    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                        result.keys.setdefault(expr.value, []).append(where)
                    elif isinstance(expr, ast.IfExp):
                        todo += [expr.body, expr.orelse]
                    elif isinstance(expr, ast.Name) and _assigned(function, expr.id):
                        todo += _assigned(function, expr.id)
                    elif not STANDS_FOR_COLLECTED.search(ast.unparse(expr)):
                        result.unresolved.append(f"{where}: {ast.unparse(expr)}")
        for node in ast.walk(tree):  # engine.greeting(): kb.messages["greeting"]
            if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "messages"
                    and isinstance(node.slice, ast.Constant)):
                result.keys.setdefault(str(node.slice.value), []).append(
                    f"{name}:{node.lineno}")
    return result


def door_sources() -> list[tuple[str, str]]:
    """The doors, the service and every other module that could say a door text.

    ``knowledge.py`` is left out: its ``_Checker.text(data, key)`` reads YAML
    fields, not door texts.
    """
    paths = sorted(p for p in SRC.rglob("*.py") if p.name != "knowledge.py")
    assert SRC / "service.py" in paths and SRC / "doors" / "line.py" in paths
    return [(str(p.relative_to(SRC.parents[1])), p.read_text("utf-8")) for p in paths]


def test_every_text_key_the_doors_and_the_service_use_is_declared() -> None:
    found = scan(door_sources())
    assert not found.unresolved, (
        "cannot tell which door text these look up (use a literal key, or a local "
        "assigned literals): " + "; ".join(found.unresolved))
    undeclared = {key: where for key, where in found.keys.items() if key not in TEXTS}
    assert not undeclared, f"door texts used but not declared in fwbot/texts.py: {undeclared}"


def test_every_declared_text_is_said_somewhere() -> None:
    unused = set(TEXTS) - set(scan(door_sources()).keys)
    assert not unused, f"declared in fwbot/texts.py but no door says them: {sorted(unused)}"


def test_the_scan_follows_keys_through_helpers_locals_and_refusals() -> None:
    """The scanner itself: what it must find, and what it must not let pass."""
    door = '''
class Door:
    def hang_up(self, code):
        self._say(self.bot.text(code, "en"))
    def _error(self, code, lang, **kw):
        self._say(self.bot.text(code, lang, **kw))
    def idle(self):
        self.hang_up("idle_timeout")
    def bad(self, flood):
        status, code = (431, "header_too_large") if flood else (400, "bad_requets")
        self._error(code, "en")
    def refused(self, failure):
        self._error(Refused.of(failure).code, "en")
    def guess(self, name):
        self._error(self.codes[name], "en")
def rate():
    return Refused("rate_limted")
'''
    found = scan([("door.py", door)])
    assert set(found.keys) == {"idle_timeout", "header_too_large", "bad_requets",
                               "rate_limted"}
    assert found.keys["bad_requets"] == ["door.py:10"]
    assert found.unresolved == ["door.py:15: self.codes[name]"]
