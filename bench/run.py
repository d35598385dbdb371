"""The whole bench: the engine alone, each door against a raw baseline, start-up, idle capacity.

    python bench/run.py [--seconds 5] [--full] [--peers] [--instructions]

Starts fwbot (``twistd -n fwbot``) and ``baselines.py`` as subprocesses on
loopback, pinned to core 0 with ``taskset`` when there are two cores or more;
the load generator (``load.py``) runs pinned to core 1. For each door and each
C (1, 10, 100; ``--full`` adds 1000) the same load goes to fwbot and then to
the baseline. The figure to quote is server CPU per answer (from
/proc/PID/stat), which does not depend on the load generator's speed.

Prints a Markdown report and writes it to ``bench/results/latest.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, machine, versions

BENCH = Path(__file__).resolve().parent
LOGS = BENCH / ".logs"
PY = sys.executable
TWISTD = str(Path(PY).with_name("twistd"))
DOORS = ("line", "ws", "http")
# Targets of issue 6: fwbot CPU per answer at C=100, at most this many times the baseline's.
CPU_TARGET = {"line": 3.0, "ws": 2.0, "http": 2.0}
# The bench measures the doors, not the limiter: every client comes from 127.0.0.1
# and asks as fast as it can, so rates and connection caps are raised past the load
# (they are still checked on every message), and no SQLite store writes the
# unanswered questions. Sessions: room for every idle WebSocket of --full, and
# every one of them may start its session at once (--session-*, per address).
FWBOT_LIMITS = ["--rate=1000000", "--burst=1000000", "--max-per-ip=100000",
                "--max-connections=100000", "--max-sessions=100000", "--db=none",
                "--session-rate=1000000", "--session-burst=1000000"]


def pinned(core: int) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", str(core)]
    return []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepting(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


@dataclass
class Server:
    """A server subprocess with a line port and an HTTP(+/ws) port."""

    name: str
    line: int
    http: int
    proc: subprocess.Popen | None = None
    startup_s: float = 0.0

    def command(self) -> list[str]:
        if self.name == "fwbot":
            ends = ":interface=127.0.0.1:backlog=4096"
            return [TWISTD, "-n", "--pidfile=", "fwbot", f"--telnet=tcp:{self.line}{ends}",
                    f"--http=tcp:{self.http}{ends}", *FWBOT_LIMITS]
        return [PY, str(BENCH / "baselines.py"), "--line", str(self.line),
                "--http", str(self.http)]

    @property
    def prompt(self) -> str:
        return "fwbot> " if self.name == "fwbot" else "> "

    def start(self, timeout: float = 20.0) -> Server:
        LOGS.mkdir(exist_ok=True)
        log = open(LOGS / f"{self.name}.log", "ab")  # noqa: SIM115 (the child keeps it)
        t0 = time.monotonic()
        # pinned(0) execs taskset, which execs the server: the PID is the server's.
        self.proc = subprocess.Popen(pinned(0) + self.command(), stdout=log, stderr=log,
                                     stdin=subprocess.DEVNULL, cwd=ROOT)
        while not (accepting(self.line) and accepting(self.http)):
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {LOGS / (self.name + '.log')}")
            if time.monotonic() - t0 > timeout:
                self.stop()
                raise RuntimeError(f"{self.name} not listening after {timeout}s")
            time.sleep(0.01)
        self.startup_s = time.monotonic() - t0
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid


def run_load(args: list[str], budget: float) -> dict:
    cmd = [*pinned(1), PY, str(BENCH / "load.py"), *args]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=budget, cwd=BENCH)
    except subprocess.TimeoutExpired:
        return {"errors": 1, "error_samples": [f"load generator exceeded {budget:.0f}s"]}
    if out.returncode != 0:
        return {"errors": 1, "error_samples": [out.stderr.strip()[-300:]]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def door_port(server: Server, door: str) -> int:
    return server.line if door == "line" else server.http


def rss_kib(pid: int) -> int:
    """Resident memory of a process (``VmRSS``), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def startup(tries: int = 3, name: str = "fwbot") -> list[tuple[float, int]]:
    """(seconds from launch to both doors accepting, RSS in KiB 0.5 s later, before
    any client asks anything) for ``tries`` launches of ``name``'s server."""
    runs = []
    for _ in range(tries):
        s = Server(name, free_port(), free_port()).start()
        time.sleep(0.5)
        runs.append((s.startup_s, rss_kib(s.pid)))
        s.stop()
    return runs


def engine_instructions() -> dict:
    """``instructions.py``: instructions per cold reply, whatever the machine's load."""
    out = subprocess.run([PY, str(BENCH / "instructions.py"), "--json"], capture_output=True,
                         text=True, timeout=900, cwd=BENCH, check=True)
    return json.loads(out.stdout)


def engine_alone(seconds: float) -> dict:
    cmd = [*pinned(0), PY, str(BENCH / "engine.py"), "--seconds", str(seconds), "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=BENCH,
                         check=True)
    return json.loads(out.stdout)["results"]


def doors(clients: list[int], seconds: float, selected: list[str]) -> list[dict]:
    fwbot = Server("fwbot", free_port(), free_port()).start()
    base = Server("baseline", free_port(), free_port()).start()
    rows = []
    try:
        for door in selected:
            for c in clients:
                row = {"door": door, "clients": c}
                for server in (fwbot, base):
                    args = [door, "--port", str(door_port(server, door)), "--clients", str(c),
                            "--seconds", str(seconds), "--prompt", server.prompt,
                            "--server-pid", str(server.pid)]
                    row[server.name] = run_load(args, budget=seconds + 90)
                    r = row[server.name]
                    print(f"  {door:4} C={c:<5} {server.name:8} {r.get('per_s', 0):9,.0f}/s "
                          f"p99 {r.get('p99_ms', float('nan')):7.2f} ms  "
                          f"cpu {1e3 * (r.get('cpu_ms_per_answer') or 0):6.1f} µs/answer  "
                          f"errors {r.get('errors')}", file=sys.stderr)
                rows.append(row)
    finally:
        fwbot.stop()
        base.stop()
    return rows


def idle_capacity(line_n: int, ws_n: int) -> dict:
    fwbot = Server("fwbot", free_port(), free_port()).start()
    try:
        time.sleep(0.5)
        return run_load(["idle", "--port", str(fwbot.http), "--line-port", str(fwbot.line),
                         "--line-clients", str(line_n), "--ws-clients", str(ws_n),
                         "--server-pid", str(fwbot.pid), "--connect-timeout", "120",
                         "--timeout", "30"], budget=400)
    finally:
        fwbot.stop()


# -- the report -------------------------------------------------------------------------


def _f(x: float | None, fmt: str) -> str:
    return "–" if x is None else format(x, fmt)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def door_table(rows: list[dict]) -> str:
    out = ["| door | C | fwbot answers/s | baseline /s | fwbot/base /s | fwbot p50 ms "
           "| fwbot p99 ms | base p99 ms | errors fwbot/base | fwbot CPU µs/answer "
           "| base CPU µs/answer | fwbot/base CPU |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        f, b = row["fwbot"], row["baseline"]
        fc = f.get("cpu_ms_per_answer")
        bc = b.get("cpu_ms_per_answer")
        out.append(
            f"| {row['door']} | {row['clients']} | {_f(f.get('per_s'), ',.0f')} "
            f"| {_f(b.get('per_s'), ',.0f')} | {_f(_ratio(f.get('per_s'), b.get('per_s')), '.2f')} "
            f"| {_f(f.get('p50_ms'), '.2f')} | {_f(f.get('p99_ms'), '.2f')} "
            f"| {_f(b.get('p99_ms'), '.2f')} | {f.get('errors')}/{b.get('errors')} "
            f"| {_f(fc and fc * 1e3, '.1f')} | {_f(bc and bc * 1e3, '.1f')} "
            f"| {_f(_ratio(fc, bc), '.2f')} |")
    return "\n".join(out)


# Issue 11's targets for the engine alone (cold) and for a started server.
ENGINE_TARGET_PER_S = 15_000
ENGINE_TARGET_P99_US = 1000
STARTUP_TARGET_S = 1.0
STARTED_RSS_TARGET_MIB = 80


def verdicts(rows: list[dict], engine: dict, start: list[tuple[float, int]],
             idle: dict | None) -> list[str]:
    lines = []
    cold = engine["cold"]
    lines.append(f"- Engine, caches cleared: {cold['per_s']:,.0f} replies/s "
                 f"(target ≥ {ENGINE_TARGET_PER_S:,}), p99 {cold['p99_us']:.0f} µs "
                 f"(target < {ENGINE_TARGET_P99_US:,} µs).")
    for row in rows:
        if row["clients"] != 100:
            continue
        fc = row["fwbot"].get("cpu_ms_per_answer")
        bc = row["baseline"].get("cpu_ms_per_answer")
        r = _ratio(fc, bc)
        lines.append(f"- {row['door']} at C=100: CPU per answer {_f(r, '.2f')}× the baseline "
                     f"(target ≤ {CPU_TARGET[row['door']]:.0f}×), "
                     f"errors {row['fwbot'].get('errors')}.")
    seconds = statistics.median(t for t, _ in start)
    mib = statistics.median(r for _, r in start) / 1024
    met = "met" if seconds < STARTUP_TARGET_S else "MISSED"
    lines.append(f"- Start-up to listening: median {seconds:.2f} s of {len(start)} launches "
                 f"(target < {STARTUP_TARGET_S:g} s): {met}.")
    lines.append(f"- Resident memory once started, before any client: median {mib:.1f} MiB "
                 f"(target ≤ {STARTED_RSS_TARGET_MIB} MiB): "
                 f"{'met' if mib <= STARTED_RSS_TARGET_MIB else 'MISSED'}.")
    if idle:
        for door, limit in (("line", 8), ("ws", 16)):
            d = idle.get(door, {})
            lines.append(f"- Idle {door}: {d.get('connected')}/{d.get('wanted')} held, "
                         f"{_f(d.get('rss_kib_per_connection'), '.1f')} KiB RSS each "
                         f"(target ≤ {limit} KiB), {d.get('answered')} answered afterwards.")
        lines.append(f"- Fresh clients while held: {idle.get('fresh_client_answered')}; "
                     f"errors {idle.get('errors')}.")
    return lines


LIBRARIES = ("Twisted", "autobahn", "simplemma", "marisa-trie", "RapidFuzz", "PyYAML")


def _starts(runs: list[tuple[float, int]]) -> str:
    return ", ".join(f"{t:.2f} s / {r / 1024:.1f} MiB" for t, r in runs)


def report(args, engine: dict, rows: list[dict], start: list[tuple[float, int]],
           base_start: list[tuple[float, int]], idle: dict | None, peers: str | None,
           instructions: dict | None = None) -> str:
    from engine import table as engine_table

    pins = "server on core 0, load generator on core 1" if pinned(0) else "not pinned"
    loop = next((r["fwbot"].get("loop") for r in rows if "loop" in r["fwbot"]), "?")
    parts = [
        "# fwbot bench: latest run",
        "",
        f"- When: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; mode: "
        f"{'full' if args.full else 'quick'}; {args.seconds:g} s per load; {pins}.",
        f"- Machine: {machine()}.",
        f"- Libraries: {versions(*LIBRARIES)}; "
        f"load generator on {loop}.",
        f"- Kernel: {platform.platform()}; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine "
        "skews throughput more than CPU per answer).",
        "",
        "## Verdicts against the targets (issues 6 and 11)",
        "",
        *verdicts(rows, engine, start, idle),
        "",
        "## Engine alone (no network; evaluation-set messages, a fresh Session each; "
        "conversation: 100 sessions that keep their state, as the doors' load)",
        "",
        engine_table(engine),
        "",
        *([f"Counted by valgrind (`bench/instructions.py`, the same on every run whatever "
           f"the load): {instructions['instructions_per_reply'] / 1e3:,.0f} k instructions "
           f"per cold reply over {instructions['replies']} replies; a process that only "
           f"loads the engine {instructions['load_instructions'] / 1e9:.2f} G.", ""]
          if instructions else []),
        "## Doors: fwbot against the raw Twisted baseline, same load, same run",
        "",
        "Clients ask evaluation-set questions and wait for each answer. CPU per answer is "
        "the server process's utime + stime over the measured window divided by the answers "
        "in it. Baselines: LineReceiver echo, Autobahn echo at /ws on a twisted.web Site, "
        "twisted.web JSON POST returning a constant.",
        "",
        door_table(rows),
        "",
        "## Start-up",
        "",
        "Launch of `twistd -n fwbot` (the bench's limits, `--db=none`) to both doors "
        "accepting, and its resident memory (VmRSS) 0.5 s later, before any client "
        "asks anything: " + _starts(start) + ".",
        "",
        "The raw Twisted baseline (`baselines.py`: both doors, no engine), the same way: "
        + _starts(base_start) + ".",
        "",
    ]
    if idle:
        parts += ["## Idle connections", "", "```json", json.dumps(idle, indent=1), "```", ""]
    if peers:
        parts += [peers, ""]
    return "\n".join(parts)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=5.0, help="per load (default 5)")
    p.add_argument("--full", action="store_true",
                   help="C up to 1000 and 10000 + 5000 idle connections")
    p.add_argument("--clients", help="comma-separated C values (overrides the default)")
    p.add_argument("--doors", default=",".join(DOORS))
    p.add_argument("--idle", help="LINE,WS idle connections (default 2000,1000; --full 10000,5000)")
    p.add_argument("--no-idle", action="store_true")
    p.add_argument("--peers", action="store_true", help="also measure opsdroid (bench/peers.py)")
    p.add_argument("--instructions", action="store_true",
                   help="also count the cold engine's instructions with valgrind (~1 min)")
    p.add_argument("--out", default=str(BENCH / "results" / "latest.md"))
    args = p.parse_args()

    hard = raise_nofile()
    clients = ([int(c) for c in args.clients.split(",")] if args.clients
               else [1, 10, 100, 1000] if args.full else [1, 10, 100])
    idle_n = ([int(x) for x in args.idle.split(",")] if args.idle
              else [10000, 5000] if args.full else [2000, 1000])
    if sum(idle_n) + 100 > hard:
        sys.exit(f"RLIMIT_NOFILE hard limit {hard} is below {sum(idle_n) + 100}: raise it first")

    print(machine(), file=sys.stderr)
    print("engine alone ...", file=sys.stderr)
    engine = engine_alone(2.0)
    instructions = None
    if args.instructions:
        print("engine instructions (valgrind) ...", file=sys.stderr)
        instructions = engine_instructions()
    print("start-up ...", file=sys.stderr)
    start = startup()
    base_start = startup(name="baseline")
    print("doors ...", file=sys.stderr)
    rows = doors(clients, args.seconds, args.doors.split(","))
    idle = None
    if not args.no_idle:
        print(f"idle capacity {idle_n[0]} line + {idle_n[1]} ws ...", file=sys.stderr)
        idle = idle_capacity(*idle_n)
    peers = None
    if args.peers:
        from peers import compare

        print("peers ...", file=sys.stderr)
        peers = compare(args.seconds)
    text = report(args, engine, rows, start, base_start, idle, peers, instructions)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
