"""Every ``type: ignore`` in ``src/`` says why, next to it.

mypy makes each one name its error code (``enable_error_code =
["ignore-without-code"]``) and reports the ones no longer needed
(``warn_unused_ignores``); what it cannot check is the reason, which is what
the next reader needs to tell a Twisted stub's gap from a real bug hushed.
A reason is a comment after the ignore, on its line (``# type:
ignore[attr-defined]  # Twisted's stub lacks it``): a comment above may be
about anything, so it does not count.

``UNEXPLAINED`` lists the files that had ignores without a reason when
this test came, with their count then: it may only go down, and a file
leaves the list when it reaches zero.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(?P<rest>.*)$")

UNEXPLAINED: dict[str, int] = {}  # every file's ignores now say why


def unexplained(code: str) -> list[int]:
    """Lines of ``code`` whose ``type: ignore`` has no reason after it."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        match = IGNORE.search(tok.string) if tok.type == tokenize.COMMENT else None
        if match is not None and not match["rest"].strip().lstrip("#").strip():
            found.append(tok.start[0])
    return found


def test_every_type_ignore_gives_its_reason() -> None:
    counts = {}
    for path in sorted(SRC.rglob("*.py")):
        lines = unexplained(path.read_text("utf-8"))
        if lines:
            counts[str(path.relative_to(SRC))] = (len(lines), lines)
    over = {name: lines for name, (count, lines) in counts.items()
            if count > UNEXPLAINED.get(name, 0)}
    assert not over, f"a type: ignore without a reason (file: lines): {over}"
    fixed = {name: (allowed, counts.get(name, (0, []))[0])
             for name, allowed in UNEXPLAINED.items() if counts.get(name, (0, []))[0] < allowed}
    assert not fixed, f"fewer unexplained ignores than UNEXPLAINED allows, lower it: {fixed}"


def test_a_reason_beside_counts_and_a_bare_ignore_does_not() -> None:
    code = ("a = f()  # type: ignore[arg-type]  # the stub says str, it takes bytes\n"
            "# rates per address\n"
            "b = g()  # type: ignore[attr-defined]\n"
            "c = h()  # type: ignore[misc]  #\n"
            "s = '# type: ignore[misc]'\n")
    assert unexplained(code) == [3, 4]
