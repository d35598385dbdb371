"""A door's system calls per answer under load, counted by the kernel: fwbot against the baseline.

CPU time per answer (``run.py``) moves with whatever else the machine runs,
and callgrind (``door_instructions.py``) counts user space only. This counts
what the kernel side is made of: the server runs as in ``run.py`` (pinned to
core 0), C clients (``load.py``'s) ask evaluation-set questions, and for
``--seconds`` ``perf stat`` counts the server's system calls by name (the
``syscalls:sys_enter_*`` tracepoints: no hardware counter needed). Each count
is divided by the answers in that window; ``epoll_wait`` per answer says how
many answers one wake-up serves. The server's utime and stime per answer are
printed too (noisy, as in ``run.py``).

    python bench/door_syscalls.py [--door line|ws|http|all] [--clients 100] [--seconds 5]
        [--servers fwbot,baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from common import ROOT
from door_instructions import Askers, listening, server_command
from run import free_port, pinned

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_times(pid: int) -> tuple[float, float]:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLK_TCK, int(fields[12]) / CLK_TCK


async def count(name: str, door: str, clients: int, seconds: float, warmup: float) -> dict:
    line, http = free_port(), free_port()
    cmd, prompt, env = server_command(name, line, http)
    proc = subprocess.Popen(pinned(0) + cmd, stdout=subprocess.DEVNULL, env=env,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=ROOT)
    out = Path(tempfile.mkdtemp()) / "perf.csv"
    try:
        await listening(proc, name, line, http, within=60, poll=0.05)
        askers = await Askers.start(door, line if door == "line" else http, prompt, clients,
                                    connect_within=60)
        await asyncio.sleep(warmup)
        perf = subprocess.Popen(["perf", "stat", "-x,", "-o", str(out), "-e",
                                 "syscalls:sys_enter_*", "-p", str(proc.pid)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await asyncio.sleep(1.0)  # perf attaches (hundreds of tracepoints)
        before, cpu0 = askers.answered, cpu_times(proc.pid)
        await asyncio.sleep(seconds)
        perf.send_signal(signal.SIGINT)
        after, cpu1 = askers.answered, cpu_times(proc.pid)
        await asyncio.to_thread(perf.wait)
        # perf's window is [attach, SIGINT]: the second before ``before`` is counted too,
        # so the answers are taken from the attach on, estimated at the window's rate.
        answers = after - before
        rate = answers / seconds
        counted = answers + rate * 1.0
        await askers.stop(timeout=30)
        window = askers.window
    finally:
        proc.terminate()
        proc.wait()
    calls = {}
    for row in out.read_text().splitlines():
        parts = row.split(",")
        if len(parts) > 2 and parts[2].startswith("syscalls:sys_enter_") and parts[0].isdigit():
            n = int(parts[0])
            if n:
                calls[parts[2].removeprefix("syscalls:sys_enter_")] = n / counted
    return {"server": name, "door": door, "answers_per_s": rate, "calls": calls,
            "utime_us": 1e6 * (cpu1[0] - cpu0[0]) / answers,
            "stime_us": 1e6 * (cpu1[1] - cpu0[1]) / answers, "errors": window.errors}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--door", choices=["line", "ws", "http", "all"], default="line")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--seconds", type=float, default=5.0, help="counted window")
    p.add_argument("--warmup", type=float, default=3.0, help="uncounted")
    p.add_argument("--servers", default="fwbot,baseline")
    args = p.parse_args()
    doors = ["line", "ws", "http"] if args.door == "all" else [args.door]
    for door in doors:
        rows = [asyncio.run(count(s, door, args.clients, args.seconds, args.warmup))
                for s in args.servers.split(",") if s]
        names = sorted({k for r in rows for k, v in r["calls"].items() if v >= 0.01})
        print(f"\n{door} C={args.clients}: system calls per answer")
        print(f"{'':14}" + "".join(f"{r['server']:>10}" for r in rows))
        for k in names:
            print(f"{k:14}" + "".join(f"{r['calls'].get(k, 0):10.3f}" for r in rows))
        print(f"{'(all)':14}" + "".join(f"{sum(r['calls'].values()):10.3f}" for r in rows))
        for key in ("answers_per_s", "utime_us", "stime_us"):
            print(f"{key:14}" + "".join(f"{r[key]:10.1f}" for r in rows))
        print(f"{'errors':14}" + "".join(f"{r['errors']:10d}" for r in rows), flush=True)


if __name__ == "__main__":
    main()
