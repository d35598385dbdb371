"""``python -m fwbot.kb check [DIR]``: validate a knowledge base directory.

Prints every problem as ``file:line: what is wrong`` and exits 1, or prints a
one-line summary and exits 0. The server runs the same validation at start-up
and on ``kill -HUP``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fwbot.knowledge import KnowledgeError, default_data_dir, load


def main(argv: list[str] | None = None) -> int:
    """Validate the directory; print every problem and return 1, or a summary and 0.

    All problems at once, one ``file:line`` each, so an editor can jump
    through them; the exit status lets CI or a pre-commit hook refuse a
    broken knowledge base before a server is ever HUP'ed with it.
    """
    parser = argparse.ArgumentParser(prog="python -m fwbot.kb", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a knowledge base directory")
    check.add_argument("directory", nargs="?", type=Path, default=None,
                       help=f"knowledge base (default: {default_data_dir()})")
    args = parser.parse_args(argv)
    try:
        kb = load(args.directory)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    asked = sum(1 for n in kb.needs.values() if n.words)  # not the derived not_ twins
    print(f"{kb.source}: OK, {len(kb.frameworks)} frameworks, {asked} needs, "
          f"{len(kb.filters)} filters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
