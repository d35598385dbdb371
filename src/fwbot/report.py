"""``python -m fwbot.report [--db PATH] [--top N] [--json]``: what to teach fwbot next.

Prints the most frequent questions the engine answered as ``unknown`` and
the thumbs up/down per intent, from the feedback database a running (or
stopped) ``twistd fwbot`` writes. Reading while the server writes is safe:
the database is in WAL mode.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fwbot.feedback import default_db_path, open_db, report_from


def render(report: dict[str, Any]) -> str:
    """The report as text for a terminal: the questions to teach first, then the ratings.

    Questions are shown as ``report_from`` grouped them (lower-cased,
    trimmed), so the same question typed twice is one line with its count.
    """
    lines = [f"Unanswered questions ({report['unanswered_total']} in all), most frequent first:"]
    if not report["unanswered"]:
        lines.append("  (none)")
    for row in report["unanswered"]:
        lines.append(f"  {row['count']:5d}  [{row['lang']}] {row['question']}")
    lines.append("")
    lines.append("Ratings per intent:")
    if not report["ratings"]:
        lines.append("  (none)")
    for row in report["ratings"]:
        lines.append(f"  {row['intent']:<10} 👍 {row['up']:<5d} 👎 {row['down']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the report of ``--db``; exit 1 if there is no database there.

    A missing file is an error rather than an empty report: ``open_db``
    would create it, and a typo in the path would look like "nothing yet".
    """
    parser = argparse.ArgumentParser(prog="python -m fwbot.report", description=__doc__)
    parser.add_argument("--db", type=Path, default=None,
                        help=f"feedback database (default: {default_db_path()})")
    parser.add_argument("--top", type=int, default=20, help="how many questions to list")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    path = args.db or default_db_path()
    if not path.exists():
        print(f"fwbot.report: no database at {path}", file=sys.stderr)
        return 1
    connection = open_db(path)
    try:
        report = report_from(connection.cursor(), args.top)
    finally:
        connection.close()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
