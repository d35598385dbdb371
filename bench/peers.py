"""The peer comparison: fwbot against opsdroid over WebSocket, same load, same run.

opsdroid 0.31.0 lives in a venv of its own (``bench/.peers/opsdroid``, made on
first use; it needs ``setuptools<81`` for ``pkg_resources``) with its websocket
connector and ``peer_skill.py``, a one-``match_regex`` skill that answers "what
is X" from a dict. Both servers are pinned to core 0 in turn, the load
generator to core 1.

    python bench/peers.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from common import versions
from run import BENCH, LOGS, Server, _f, _ratio, accepting, free_port, pinned, run_load

PEERS = BENCH / ".peers"
VENV = PEERS / "opsdroid"
OPSDROID = "opsdroid==0.31.0"
CLIENTS = (1, 10, 100)


def ensure_venv() -> None:
    if (VENV / "bin" / "opsdroid").exists():
        return
    PEERS.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", OPSDROID, "setuptools<81"],
                   check=True, timeout=900)


def opsdroid_version() -> str:
    out = subprocess.run([str(VENV / "bin" / "python"), "-c",
                          "from importlib.metadata import version as v; "
                          "print('opsdroid', v('opsdroid'), '/ aiohttp', v('aiohttp'))"],
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


class Opsdroid(Server):
    def command(self) -> list[str]:
        run = PEERS / "run"
        run.mkdir(parents=True, exist_ok=True)
        config = run / "configuration.yaml"
        config.write_text(
            f"module-path: {run / 'modules'}\n"
            "welcome-message: false\n"
            "logging:\n  level: warning\n  console: true\n"
            f"web:\n  host: 127.0.0.1\n  port: {self.http}\n"
            "connectors:\n  websocket:\n    max-connections: 5000\n"
            f"skills:\n  whatis:\n    path: {BENCH / 'peer_skill.py'}\n    no-cache: true\n",
            encoding="utf-8")
        return [str(VENV / "bin" / "opsdroid"), "start", "-f", str(config)]

    def start(self, timeout: float = 60.0) -> Server:
        LOGS.mkdir(exist_ok=True)
        log = open(LOGS / "opsdroid.log", "ab")  # noqa: SIM115 (the child keeps it)
        t0 = time.monotonic()
        self.proc = subprocess.Popen([*pinned(0), *self.command()], stdout=log, stderr=log,
                                     stdin=subprocess.DEVNULL, cwd=PEERS / "run")
        while not accepting(self.http):
            if self.proc.poll() is not None:
                raise RuntimeError(f"opsdroid exited; see {LOGS / 'opsdroid.log'}")
            if time.monotonic() - t0 > timeout:
                self.stop()
                raise RuntimeError(f"opsdroid not listening after {timeout}s")
            time.sleep(0.05)
        self.startup_s = time.monotonic() - t0
        return self


def compare(seconds: float) -> str:
    ensure_venv()
    rows = []
    for c in CLIENTS:
        row = {"clients": c}
        # One server at a time on core 0, each fresh.
        for name, server, door in (("fwbot", Server("fwbot", free_port(), free_port()), "ws"),
                                   ("opsdroid", Opsdroid("opsdroid", 0, free_port()),
                                    "opsdroid")):
            server.start()
            try:
                time.sleep(0.5)
                row[name] = run_load([door, "--port", str(server.http), "--clients", str(c),
                                      "--seconds", str(seconds), "--server-pid",
                                      str(server.pid)], budget=seconds + 120)
                row[name]["startup_s"] = server.startup_s
            finally:
                server.stop()
            r = row[name]
            print(f"  peers C={c:<4} {name:8} {r.get('per_s', 0):9,.0f}/s "
                  f"cpu {1e3 * (r.get('cpu_ms_per_answer') or 0):6.1f} µs/answer "
                  f"errors {r.get('errors')} {r.get('error_samples', '')}", file=sys.stderr)
        rows.append(row)
    lines = [
        "## Peer: fwbot against opsdroid over WebSocket",
        "",
        f"{opsdroid_version()} (its own venv), websocket connector, one skill with one "
        "`match_regex` answering \"what is X\" from a dict; fwbot: "
        f"{versions('Twisted', 'autobahn')}. Same evaluation-set questions; one server "
        "at a time on core 0.",
        "",
        "| C | fwbot answers/s | opsdroid answers/s | fwbot/opsdroid /s | fwbot p99 ms "
        "| opsdroid p99 ms | errors fwbot/opsdroid | fwbot CPU µs/answer "
        "| opsdroid CPU µs/answer | fwbot/opsdroid CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        f, o = row["fwbot"], row["opsdroid"]
        fc, oc = f.get("cpu_ms_per_answer"), o.get("cpu_ms_per_answer")
        lines.append(
            f"| {row['clients']} | {_f(f.get('per_s'), ',.0f')} | {_f(o.get('per_s'), ',.0f')} "
            f"| {_f(_ratio(f.get('per_s'), o.get('per_s')), '.2f')} "
            f"| {_f(f.get('p99_ms'), '.2f')} | {_f(o.get('p99_ms'), '.2f')} "
            f"| {f.get('errors')}/{o.get('errors')} | {_f(fc and fc * 1e3, '.1f')} "
            f"| {_f(oc and oc * 1e3, '.1f')} | {_f(_ratio(fc, oc), '.2f')} |")
    startups = [row["opsdroid"].get("startup_s") for row in rows]
    lines += ["", "opsdroid start-up to listening: "
              + ", ".join(f"{s:.2f} s" for s in startups if s) + "."]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=5.0)
    args = p.parse_args()
    print(compare(args.seconds))


if __name__ == "__main__":
    main()
