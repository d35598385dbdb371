"""The cold engine's cost in CPU instructions per reply, counted by valgrind.

Replies per second depend on what else the machine runs: on this project's
shared 2-core machine the same code measured anywhere from 8,000 to 14,000
cold replies/s within minutes. Instructions do not: valgrind's callgrind
counts every instruction the process executes, the same on every run, so two
versions of the code compare exactly whatever the load.

    python bench/instructions.py [--passes 3]

Runs this interpreter under ``valgrind --tool=callgrind`` twice: loading the
engine and answering the evaluation set ``--passes`` times, each pass with
every cache cleared first (as bench/engine.py's "cold"), and loading it
alone; the difference over the replies is the cost of one cold reply, and
the load-only run's total is what starting Python and loading the engine cost.
About a minute; valgrind runs Python some 50 times slower.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from common import eval_texts

BENCH = Path(__file__).resolve().parent


def _child(passes: int) -> None:
    """What runs under valgrind: load, then ``passes`` cold passes."""
    from fwbot.engine import Engine
    from fwbot.reply import Session

    engine = Engine.load()
    texts = eval_texts()
    for _ in range(passes):
        engine.clear_caches()
        for text in texts:
            engine.reply(Session(), text)


def count(passes: int) -> int:
    """Instructions executed by a child process that loads and makes ``passes`` passes."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, str(Path(__file__).resolve()), "--child", str(passes)],
        capture_output=True, text=True, check=True, cwd=BENCH)
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3, help="cold passes (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    load = count(0)
    total = count(args.passes)
    replies = args.passes * len(eval_texts())
    result = {"load_instructions": load, "replies": replies,
              "instructions_per_reply": round((total - load) / replies)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"load: {load / 1e9:.2f} G instructions; cold reply: "
              f"{result['instructions_per_reply'] / 1e3:,.0f} k instructions "
              f"(over {replies} replies, {args.passes} passes)")


if __name__ == "__main__":
    main()
