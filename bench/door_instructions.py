"""A door's CPU instructions per answer under load, counted by valgrind: fwbot against the baseline.

CPU per answer in ``run.py`` comes from /proc and moves with whatever else
the machine runs (on the project's shared 2-core machine the same tree gave
3.3x to 4.8x the line echo within minutes). This counts instead: the server
runs under ``valgrind --tool=callgrind`` with instrumentation off, C clients
(``load.py``'s) ask evaluation-set questions until its caches are warm, then
``callgrind_control -i on`` counts user-space instructions for ``--seconds``
and the count is divided by the answers in that window (the 0-100 answers in
flight at its edges bound the error). The kernel's share (send, recv, epoll)
is not counted. Each server takes 1-2 minutes.

    python bench/door_instructions.py [--door line|ws|http|all] [--clients 100] [--seconds 15]
        [--servers fwbot,fwbot-null,baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import load
from common import ROOT, eval_texts
from run import FWBOT_LIMITS, TWISTD, accepting, free_port

BENCH = Path(__file__).resolve().parent


SERVERS = ("fwbot", "fwbot-null", "baseline")


def server_command(name: str, line: int, http: int) -> tuple[list[str], bytes, dict[str, str]]:
    """The command that starts server ``name``, its line prompt and its environment.

    ``fwbot-null`` is fwbot's service tree with a constant-answer engine
    (``null_engine.tac``): fwbot minus the engine, to tell the doors' cost
    from the engine's.
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    ends = ":interface=127.0.0.1:backlog=4096"
    args = [f"--telnet=tcp:{line}{ends}", f"--http=tcp:{http}{ends}", *FWBOT_LIMITS]
    if name == "fwbot":
        return [TWISTD, "-n", "--pidfile=", "fwbot", *args], b"fwbot> ", env
    if name == "fwbot-null":
        env["FWBOT_ARGS"] = shlex.join(args)
        return ([TWISTD, "-n", "--pidfile=", "-y", str(BENCH / "null_engine.tac")], b"fwbot> ",
                env)
    return ([sys.executable, str(BENCH / "baselines.py"), "--line", str(line), "--http",
             str(http)], b"> ", env)



async def listening(proc: subprocess.Popen[bytes], name: str, line: int, http: int,
                    within: float, poll: float) -> None:
    """Wait until both of the server's doors accept, or raise if it dies or takes too long."""
    t0 = time.monotonic()
    while not (accepting(line) and accepting(http)):
        if proc.poll() is not None or time.monotonic() - t0 > within:
            raise RuntimeError(f"{name} did not start within {within:.0f} s")
        await asyncio.sleep(poll)


class Askers:
    """``clients`` connections asking evaluation-set questions, each waiting for its
    answer, until ``stop``; ``answered`` counts the answers so far (the counting
    tools read it around their measured window)."""

    def __init__(self, conns: list[Any], window: load.Window) -> None:
        self.conns, self.window = conns, window
        self.answered = 0
        self._stopping = asyncio.Event()
        texts = eval_texts()
        seed = random.Random(1)
        self._tasks = [asyncio.create_task(self._ask(c, texts, random.Random(seed.random())))
                       for c in conns]

    @classmethod
    async def start(cls, door: str, port: int, prompt: bytes, clients: int,
                    connect_within: float) -> Askers:
        window = load.Window()
        conns = await load.connect_all(
            [load.make_client(door, "127.0.0.1", port, prompt) for _ in range(clients)],
            window, time.monotonic() + connect_within)
        return cls(conns, window)

    async def _ask(self, client: Any, texts: list[str], rng: random.Random) -> None:
        while not self._stopping.is_set():
            await client.ask(texts[rng.randrange(len(texts))])
            self.answered += 1

    async def stop(self, timeout: float) -> None:
        """Let every client finish its question in flight, then close them all."""
        self._stopping.set()
        await asyncio.wait(self._tasks, timeout=timeout)
        for c in self.conns:
            c.close()

async def count(name: str, door: str, clients: int, seconds: float, warmup: float,
                cache_sim: bool = False) -> dict:
    line, http = free_port(), free_port()
    out = Path(tempfile.mkdtemp()) / "callgrind.out"
    cmd, prompt, env = server_command(name, line, http)
    proc = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                             "--instr-atstart=no", *(["--cache-sim=yes"] if cache_sim else []),
                             *cmd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
                            cwd=ROOT)
    try:
        await listening(proc, name, line, http, within=300, poll=0.2)
        askers = await Askers.start(door, line if door == "line" else http, prompt, clients,
                                    connect_within=120)

        def control(*args: str) -> None:
            subprocess.run(["callgrind_control", *args, str(proc.pid)], capture_output=True,
                           check=True)

        await asyncio.sleep(warmup)  # caches fill uninstrumented
        warm = askers.answered
        await asyncio.to_thread(control, "-i", "on")
        before = askers.answered
        await asyncio.sleep(seconds)
        inside = askers.answered
        await asyncio.to_thread(control, "-d")
        after = askers.answered
        await asyncio.to_thread(control, "-i", "off")
        await askers.stop(timeout=60)
        window = askers.window
    finally:
        proc.terminate()
        proc.wait()
    text = Path(f"{out}.1").read_text().splitlines()
    events = next(x.split()[1:] for x in text if x.startswith("events:"))
    totals = dict(zip(events, map(int, next(x.split()[1:] for x in text
                                            if x.startswith("totals:"))), strict=False))
    answers = (inside + after) / 2 - before
    total = totals["Ir"]
    result = {"server": name, "door": door, "clients": clients, "warm_answers": warm,
              "answers": answers, "instructions": total,
              "instructions_per_answer": total / answers if answers else None,
              "errors": window.errors}
    if cache_sim and answers:
        # Simulated misses (valgrind's model of this machine's caches): first level
        # (instructions, data read and written) and last level, per answer.
        first = totals["I1mr"] + totals["D1mr"] + totals["D1mw"]
        last = totals["ILmr"] + totals["DLmr"] + totals["DLmw"]
        result["l1_misses_per_answer"] = first / answers
        result["ll_misses_per_answer"] = last / answers
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--door", choices=["line", "ws", "http", "all"], default="line",
                   help="all: each door in turn")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--seconds", type=float, default=15.0, help="counted window")
    p.add_argument("--warmup", type=float, default=45.0, help="uncounted, caches fill")
    p.add_argument("--servers", default="fwbot,baseline",
                   help="comma-separated: fwbot, fwbot-null, baseline (the baseline's count "
                   "does not change with fwbot's code: measure it once)")
    p.add_argument("--cache-sim", action="store_true",
                   help="also simulate the caches (valgrind's model): misses per answer")
    args = p.parse_args()
    servers = [s for s in args.servers.split(",") if s]
    doors = ["line", "ws", "http"] if args.door == "all" else [args.door]
    for door in doors:
        rows = [asyncio.run(count(name, door, args.clients, args.seconds, args.warmup,
                                  args.cache_sim)) for name in servers]
        for r in rows:
            print(f"{r['server']:8} {r['door']} C={r['clients']}: "
                  f"{r['instructions_per_answer']:,.0f} instructions/answer over "
                  f"{r['answers']:.0f} answers (after {r['warm_answers']} uncounted, "
                  f"{r['errors']} errors)", flush=True)
            if "ll_misses_per_answer" in r:
                print(f"{'':8} first-level misses {r['l1_misses_per_answer']:,.0f}/answer, "
                      f"last-level {r['ll_misses_per_answer']:,.0f}/answer", flush=True)
        for row in rows[:-1]:
            ratio = row["instructions_per_answer"] / rows[-1]["instructions_per_answer"]
            print(f"{door} {row['server']}/{rows[-1]['server']}: {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
