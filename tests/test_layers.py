"""No module imports a layer above its own (the table of ARCHITECTURE.md).

The layers are read from ARCHITECTURE.md itself, so the document and this
test cannot drift apart: a new module is placed by adding it to a row there.
Imports are read from the source (``ast``), all of them: at the top, inside
functions and under ``TYPE_CHECKING``, since each one ties the modules.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
# A pure layer runs without any of these (and without a reactor).
IMPURE = ("twisted", "autobahn", "zope", "prometheus_client", "OpenSSL", "service_identity")


@dataclass(frozen=True)
class Layer:
    rank: int
    name: str
    pure: bool
    modules: tuple[str, ...]


def layers(text: str) -> list[Layer]:
    """The rows ``| <rank> <name> | yes/no | `module`, ... | ... |`` of the table."""
    found = []
    for row in re.finditer(r"^\| (\d+) ([a-z ]+?) \| (yes|no) \| ([^|]+) \|", text, re.M):
        rank, name, pure, modules = row.groups()
        found.append(Layer(int(rank), name, pure == "yes",
                           tuple(re.findall(r"`([\w.]+)`", modules))))
    return found


def layer_of(table: list[Layer]) -> dict[str, Layer]:
    return {module: layer for layer in table for module in layer.modules}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """``(line, imported module)`` for every import in ``tree``, relative ones resolved."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[:len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # ``from fwbot import engine`` imports the module fwbot.engine, ``from
            # fwbot.engine import Engine`` a name of fwbot.engine: ``owner`` tells.
            out += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return sorted(out)


def owner(imported: str, places: dict[str, Layer]) -> Layer | None:
    """The layer of the fwbot module ``imported`` names (its longest placed prefix)."""
    parts = imported.split(".")
    for end in range(len(parts), 0, -1):
        layer = places.get(".".join(parts[:end]))
        if layer is not None:
            return layer
    return None


def violations(sources: dict[str, tuple[str, bool]], table: list[Layer]) -> list[str]:
    """Every import of ``sources`` (module -> (code, is_package)) the table forbids."""
    places = layer_of(table)
    problems = []
    for module, (code, is_package) in sorted(sources.items()):
        mine = places.get(module)
        if mine is None:
            problems.append(f"{module} is in no layer of ARCHITECTURE.md")
            continue
        for line, imported in imports(ast.parse(code), module, is_package):
            root = imported.split(".")[0]
            if mine.pure and root in IMPURE:
                problems.append(f"{module}:{line}: layer '{mine.name}' is pure Python "
                                f"but imports {imported}")
            if root != "fwbot":
                continue
            theirs = owner(imported, places)
            if theirs is not None and theirs.rank > mine.rank:
                problems.append(f"{module}:{line}: layer {mine.rank} '{mine.name}' imports "
                                f"{imported} of layer {theirs.rank} '{theirs.name}' above it")
    return problems


@pytest.fixture(scope="module")
def table() -> list[Layer]:
    return layers((REPO / "ARCHITECTURE.md").read_text("utf-8"))


def test_the_table_places_every_module_once(table: list[Layer]) -> None:
    assert [layer.rank for layer in table] == list(range(len(table))) and len(table) >= 5
    placed = [module for layer in table for module in layer.modules]
    assert len(placed) == len(set(placed)), "a module is in two layers"
    present = {module_name(p) for p in (SRC / "fwbot").rglob("*.py")}
    assert not set(placed) - present, f"no such module: {sorted(set(placed) - present)}"


def test_no_module_imports_a_layer_above_its_own(table: list[Layer]) -> None:
    sources = {module_name(p): (p.read_text("utf-8"), p.name == "__init__.py")
               for p in (SRC / "fwbot").rglob("*.py")}
    problems = violations(sources, table)
    assert not problems, "\n".join(problems)


def test_the_plugin_imports_nothing_of_fwbot() -> None:
    """twistd imports every plugin file to list them: fwbot's loads only when it runs."""
    plugin = REPO / "twisted" / "plugins" / "fwbot_plugin.py"
    found = imports(ast.parse(plugin.read_text("utf-8")), "twisted.plugins.fwbot_plugin", False)
    assert not [name for _, name in found if name.split(".")[0] == "fwbot"]


def test_the_check_finds_upward_and_impure_imports() -> None:
    """The checker itself, on made-up modules: what it must refuse and what it allows."""
    table = [Layer(0, "values", True, ("fwbot", "fwbot.reply")),
             Layer(1, "engine", True, ("fwbot.engine",)),
             Layer(2, "doors", False, ("fwbot.doors", "fwbot.doors.line"))]
    sources = {
        "fwbot.reply": ("from fwbot import engine\n", False),
        "fwbot.engine": ("import fwbot.reply\ndef f():\n    from twisted.internet import reactor\n"
                         "from fwbot.doors.line import LineDoor\n", False),
        "fwbot.doors.line": ("from fwbot.engine import Engine\nfrom . import other\n", False),
        "fwbot.doors": ("from .line import LineDoor\n", True),
        "fwbot.stray": ("", False),
    }
    assert violations(sources, table) == [
        "fwbot.engine:3: layer 'engine' is pure Python but imports twisted.internet.reactor",
        "fwbot.engine:4: layer 1 'engine' imports fwbot.doors.line.LineDoor of layer 2 "
        "'doors' above it",
        "fwbot.reply:1: layer 0 'values' imports fwbot.engine of layer 1 'engine' above it",
        "fwbot.stray is in no layer of ARCHITECTURE.md",
    ]
