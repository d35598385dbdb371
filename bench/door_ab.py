"""Two or more fwbot trees against each other and the raw baseline, one door, alternating rounds.

On a shared machine one ``run.py`` figure moves by tens of percent within
minutes, so a before/after of a door change is measured here instead: every
server is started once (each tree's ``src/`` on its own ``PYTHONPATH``,
pinned to core 0 as in ``run.py``), warmed, then loaded in turn for
``--rounds`` rounds (the order reversed every other round), and the median
CPU per answer of each is printed with its ratio to the baseline's median
from the same rounds.

    python bench/door_ab.py --door line --trees before=HEAD~1,after=. [--rounds 3]
        [--seconds 4] [--clients 100] [--null]

A tree is a git revision of this checkout (exported to a temporary
directory) or ``.``, the working tree. ``--null`` runs each tree's doors
with the constant-answer engine of ``null_engine.tac``: the doors' cost
without the engine's.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT
from run import FWBOT_LIMITS, TWISTD, Server, door_port, free_port, raise_nofile, run_load

BENCH = Path(__file__).resolve().parent


def export(rev: str, into: Path) -> Path:
    """The ``src/`` of ``rev`` (``.``: the working tree), with the checkout's data beside it."""
    if rev == ".":
        return ROOT / "src"
    tree = into / rev.replace("/", "_").replace("~", "-").replace("^", "-")
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    for name in ("data", "protocols"):  # found beside src/ (fwbot.paths)
        (tree / name).symlink_to(ROOT / name)
    return tree / "src"


class Tree(Server):
    """fwbot from one tree's ``src/`` (or its doors with the null engine)."""

    def __init__(self, src: Path, null: bool) -> None:
        super().__init__("fwbot", free_port(), free_port())
        self.src, self.null = src, null

    def command(self) -> list[str]:
        if not self.null:
            return super().command()
        return [TWISTD, "-n", "--pidfile=", "-y", str(BENCH / "null_engine.tac")]

    def start(self, timeout: float = 60.0) -> Server:
        ends = ":interface=127.0.0.1:backlog=4096"
        saved = dict(os.environ)
        os.environ["PYTHONPATH"] = str(self.src)
        os.environ["FWBOT_ARGS"] = shlex.join([f"--telnet=tcp:{self.line}{ends}",
                                               f"--http=tcp:{self.http}{ends}", *FWBOT_LIMITS])
        try:
            return super().start(timeout)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def load(server: Server, door: str, clients: int, seconds: float) -> dict:
    return run_load([door, "--port", str(door_port(server, door)), "--clients", str(clients),
                     "--seconds", str(seconds), "--prompt", server.prompt,
                     "--server-pid", str(server.pid)], budget=seconds + 90)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--door", choices=["line", "ws", "http"], default="line")
    p.add_argument("--trees", default="before=HEAD,after=.",
                   help="comma-separated NAME=REV (a git revision, or . for the working tree)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=float, default=4.0, help="per load")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--null", action="store_true", help="the constant-answer engine")
    args = p.parse_args()
    raise_nofile()
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory(prefix="fwbot-ab-") as tmp:
        try:
            for spec in args.trees.split(","):
                name, _, rev = spec.partition("=")
                servers[name] = Tree(export(rev or name, Path(tmp)), args.null).start()
            servers["baseline"] = Server("baseline", free_port(), free_port()).start()
            for server in servers.values():  # warm-up: caches, sessions, JIT-free steady state
                load(server, args.door, args.clients, 2.0)
            cpu: dict[str, list[float]] = {name: [] for name in servers}
            for i in range(args.rounds):
                order = list(servers.items())
                for name, server in order[::-1] if i % 2 else order:
                    result = load(server, args.door, args.clients, args.seconds)
                    if result.get("errors") or not result.get("cpu_ms_per_answer"):
                        sys.exit(f"{name}: {result.get('error_samples')}")
                    cpu[name].append(1e3 * result["cpu_ms_per_answer"])
                print(f"round {i + 1}: " + ", ".join(f"{n} {v[-1]:.1f}" for n, v in cpu.items()),
                      file=sys.stderr)
        finally:
            for server in servers.values():
                server.stop()
    base = statistics.median(cpu["baseline"])
    kind = "fwbot-null" if args.null else "fwbot"
    print(f"{args.door} C={args.clients}, {kind}, {args.rounds} rounds of {args.seconds:g} s, "
          "CPU µs/answer (median; the rounds):")
    for name, values in cpu.items():
        median = statistics.median(values)
        print(f"  {name:10} {median:7.1f}  {median / base:5.2f}x the baseline  "
              f"({', '.join(f'{v:.1f}' for v in values)})")


if __name__ == "__main__":
    main()
