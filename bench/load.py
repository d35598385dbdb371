"""The load generator: C concurrent clients on one door, each asking and waiting, for N seconds.

It runs in a process of its own (``run.py`` pins it to the other core) on one
asyncio loop (uvloop when installed). Clients connect first (at most 64
connecting at a time, so a 1000-client run does not overflow the listen
backlog); then the window opens, every client asks questions drawn from the
evaluation set and waits for each answer, and after ``--seconds`` the window
closes. Only answers completed inside the window count. With ``--server-pid``
the server's CPU time (utime + stime from /proc/PID/stat) is read at the
window's edges, so CPU per answer does not depend on this process's speed.

Doors: ``line`` (raw TCP, an answer is everything up to the prompt),
``ws`` (a minimal RFC 6455 client: masked text frames), ``http`` (keep-alive
HTTP/1.1 ``POST /api/ask``). A stuck request (``--timeout``) or a dropped
connection counts as an error. ``idle`` mode holds connections open instead
and then checks that each of them still gets an answer.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import resource
import struct
import sys
import time

from common import eval_texts, percentile

CLK_TCK = os.sysconf("SC_CLK_TCK")
CONNECTING = 64  # connects in flight at once
STREAM_LIMIT = 1 << 20


def server_cpu(pid: int | None) -> float:
    """Seconds of CPU (user + system) the process has used so far."""
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime: fields 14, 15


def server_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# -- the three kinds of client --------------------------------------------------


class LineClient:
    """A raw TCP client of a line door: send a line, read up to the prompt."""

    def __init__(self, host: str, port: int, prompt: bytes) -> None:
        self.host, self.port, self.prompt = host, port, prompt

    async def connect(self) -> None:
        self.r, self.w = await asyncio.open_connection(self.host, self.port, limit=STREAM_LIMIT)
        await self.r.readuntil(self.prompt)  # greeting and first prompt

    async def ask(self, text: str) -> bool:
        self.w.write(text.encode() + b"\n")
        answer = await self.r.readuntil(self.prompt)
        return len(answer) > len(self.prompt)

    def close(self) -> None:
        self.w.close()


class WsClient:
    """A minimal WebSocket client: one handshake, masked text frames out, frames in."""

    def __init__(self, host: str, port: int, path: str = "/ws") -> None:
        self.host, self.port, self.path = host, port, path

    async def connect(self) -> None:
        await self.upgrade()
        await self.recv()  # the server's hello

    async def upgrade(self) -> None:
        self.r, self.w = await asyncio.open_connection(self.host, self.port, limit=STREAM_LIMIT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.w.write((f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = await self.r.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(head.split(b"\r\n", 1)[0].decode(errors="replace"))

    def send(self, payload: bytes) -> None:
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        mask = os.urandom(4)
        masked = (int.from_bytes(payload, "big")
                  ^ int.from_bytes((mask * (n // 4 + 1))[:n], "big")).to_bytes(n, "big")
        self.w.write(head + mask + masked)

    async def recv(self) -> bytes:
        parts = []
        while True:
            b0, b1 = await self.r.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", await self.r.readexactly(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", await self.r.readexactly(8))
            payload = await self.r.readexactly(n)  # server frames are not masked
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("closed by the server")
            if opcode in (0x9, 0xA):  # ping/pong: not an answer
                continue
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts)

    async def ask(self, text: str) -> bool:
        self.send(json.dumps({"type": "ask", "text": text}).encode())
        answer = await self.recv()
        return b'"error"' not in answer[:40]

    def close(self) -> None:
        self.w.close()


class OpsdroidClient(WsClient):
    """A client of opsdroid's websocket connector: POST for a socket id, then the socket.

    Messages are JSON ``{"message": ..., "socket": id}`` so the answer comes back
    on this socket (without a target opsdroid answers on its first connection).
    """

    async def connect(self) -> None:
        r, w = await asyncio.open_connection(self.host, self.port)
        w.write((f"POST /connector/websocket HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                 "Content-Length: 0\r\nConnection: close\r\n\r\n").encode())
        response = await r.read()
        w.close()
        head, _, body = response.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise ConnectionError(head.split(b"\r\n", 1)[0].decode(errors="replace"))
        self.socket = json.loads(body)["socket"]
        self.path = f"/connector/websocket/{self.socket}"
        await self.upgrade()  # no hello: opsdroid speaks only when answering

    async def ask(self, text: str) -> bool:
        self.send(json.dumps({"message": text, "socket": self.socket}).encode())
        return bool(await self.recv())


class HttpClient:
    """A keep-alive HTTP/1.1 client of ``POST /api/ask`` that sends its session back."""

    def __init__(self, host: str, port: int, path: str = "/api/ask") -> None:
        self.host, self.port, self.path = host, port, path
        self.session: str | None = None

    async def connect(self) -> None:
        self.r, self.w = await asyncio.open_connection(self.host, self.port, limit=STREAM_LIMIT)
        self.head = (f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: ").encode()

    async def ask(self, text: str) -> bool:
        message: dict[str, str] = {"text": text}
        if self.session:
            message["session"] = self.session
        body = json.dumps(message).encode()
        self.w.write(self.head + b"%d\r\n\r\n" % len(body) + body)
        head = await self.r.readuntil(b"\r\n\r\n")
        status = head[9:12]
        length = None
        chunked = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if chunked:
            pieces = []
            while True:
                size = int((await self.r.readuntil(b"\r\n")).split(b";")[0], 16)
                pieces.append(await self.r.readexactly(size + 2))
                if size == 0:
                    break
            answer = b"".join(p[:-2] for p in pieces)
        elif length is not None:
            answer = await self.r.readexactly(length)
        else:
            raise ConnectionError("response without a length")
        if self.session is None and status == b"200":
            self.session = json.loads(answer).get("session")
        return status == b"200"

    def close(self) -> None:
        self.w.close()


def make_client(door: str, host: str, port: int, prompt: bytes):
    if door == "line":
        return LineClient(host, port, prompt)
    if door == "ws":
        return WsClient(host, port)
    if door == "opsdroid":
        return OpsdroidClient(host, port)
    return HttpClient(host, port)


# -- the load -----------------------------------------------------------------------


class Window:
    """The measured interval: answers and latencies inside it, errors anywhere in the run."""

    def __init__(self) -> None:
        self.start = self.end = 0.0
        self.open = False
        self.lat: list[float] = []
        self.errors = 0
        self.samples: list[str] = []

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(what[:200])


async def connect_all(clients: list, window: Window, deadline: float) -> list:
    gate = asyncio.Semaphore(CONNECTING)

    async def one(client):
        async with gate:
            try:
                await asyncio.wait_for(client.connect(), max(0.1, deadline - time.monotonic()))
                return client
            except Exception as e:
                window.error(f"connect: {e!r}")
                return None

    done = await asyncio.gather(*(one(c) for c in clients))
    return [c for c in done if c is not None]


async def client_loop(client, texts: list[str], rng: random.Random, window: Window,
                      stopping: asyncio.Event, busy: dict) -> None:
    me = id(client)
    perf = time.perf_counter
    try:
        while not stopping.is_set():
            text = texts[rng.randrange(len(texts))]
            t0 = perf()
            busy[me] = t0
            ok = await client.ask(text)
            t1 = perf()
            del busy[me]
            if window.open:  # checked at completion: the answer came inside the window
                window.lat.append(t1 - t0)
            if not ok:
                window.error(f"bad answer to {text!r}")
    except asyncio.CancelledError:
        raise
    except Exception as e:
        busy.pop(me, None)
        window.error(f"{type(e).__name__}: {e}")


async def load(args) -> dict:
    texts = eval_texts()
    window = Window()
    clients = [make_client(args.door, args.host, args.port, args.prompt.encode())
               for _ in range(args.clients)]
    clients = await connect_all(clients, window, time.monotonic() + args.connect_timeout)
    stopping = asyncio.Event()
    busy: dict[int, float] = {}
    rng = random.Random(args.seed)
    tasks = [asyncio.create_task(client_loop(c, texts, random.Random(rng.random()),
                                             window, stopping, busy)) for c in clients]
    by_id = {id(c): t for c, t in zip(clients, tasks, strict=True)}

    await asyncio.sleep(args.warmup)
    cpu0 = server_cpu(args.server_pid)
    window.start = time.perf_counter()
    window.open = True
    end = window.start + args.seconds
    while (now := time.perf_counter()) < end:  # watchdog: stuck requests are errors
        await asyncio.sleep(min(0.25, end - now))
        for me, t0 in list(busy.items()):
            if time.perf_counter() - t0 > args.timeout:
                busy.pop(me, None)
                by_id[me].cancel()
                window.error(f"no answer within {args.timeout}s")
    window.open = False
    window.end = time.perf_counter()
    cpu1 = server_cpu(args.server_pid)
    stopping.set()
    _, pending = await asyncio.wait(tasks, timeout=args.timeout)
    for t in pending:
        t.cancel()
    for c in clients:
        c.close()
    await asyncio.sleep(0)

    lat = sorted(window.lat)
    answers = len(lat)  # every latency was recorded at a completion inside the window
    elapsed = window.end - window.start
    cpu = cpu1 - cpu0
    return {
        "door": args.door, "clients": args.clients, "connected": len(clients),
        "seconds": elapsed, "answers": answers, "per_s": answers / elapsed,
        "p50_ms": percentile(lat, 50) * 1e3, "p99_ms": percentile(lat, 99) * 1e3,
        "errors": window.errors, "error_samples": window.samples,
        "server_cpu_s": cpu if args.server_pid else None,
        "cpu_ms_per_answer": cpu * 1e3 / answers if args.server_pid and answers else None,
    }


async def idle(args) -> dict:
    """Hold ``--line-clients`` + ``--ws-clients`` idle connections, then ask on each."""
    texts = eval_texts()
    window = Window()
    rss0 = server_rss_kib(args.server_pid)
    report: dict = {"rss_before_kib": rss0}
    held: dict[str, list] = {}
    for door, n, port in (("line", args.line_clients, args.line_port),
                          ("ws", args.ws_clients, args.port)):
        before = server_rss_kib(args.server_pid)
        clients = [make_client(door, args.host, port, args.prompt.encode()) for _ in range(n)]
        held[door] = await connect_all(clients, window,
                                       time.monotonic() + args.connect_timeout)
        await asyncio.sleep(1.0)  # let the server settle
        after = server_rss_kib(args.server_pid)
        report[door] = {"wanted": n, "connected": len(held[door]),
                        "rss_kib_per_connection": (after - before) / max(1, len(held[door]))}
    report["rss_held_kib"] = server_rss_kib(args.server_pid)

    gate = asyncio.Semaphore(CONNECTING)

    async def ask_one(client, text: str) -> bool:
        async with gate:
            try:
                return await asyncio.wait_for(client.ask(text), args.timeout)
            except Exception as e:
                window.error(f"held {type(client).__name__}: {e!r}")
                return False

    for door in ("line", "ws"):
        ok = await asyncio.gather(*(ask_one(c, texts[i % len(texts)])
                                    for i, c in enumerate(held[door])))
        report[door]["answered"] = sum(ok)
    report["rss_after_answers_kib"] = server_rss_kib(args.server_pid)
    fresh = {}
    for door, port in (("line", args.line_port), ("ws", args.port), ("http", args.port)):
        client = make_client(door, args.host, port, args.prompt.encode())
        try:
            await asyncio.wait_for(client.connect(), args.timeout)
            fresh[door] = await asyncio.wait_for(client.ask("What is Django?"), args.timeout)
            client.close()
        except Exception as e:
            window.error(f"fresh {door}: {e!r}")
            fresh[door] = False
    report["fresh_client_answered"] = fresh
    for clients in held.values():
        for c in clients:
            c.close()
    await asyncio.sleep(0.5)
    report["errors"] = window.errors
    report["error_samples"] = window.samples
    return report


def raise_nofile() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("door", choices=["line", "ws", "http", "opsdroid", "idle"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True, help="door port (idle: the HTTP/ws port)")
    p.add_argument("--line-port", type=int, help="idle mode: the line door's port")
    p.add_argument("--prompt", default="fwbot> ", help="line door prompt")
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--line-clients", type=int, default=2000)
    p.add_argument("--ws-clients", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--warmup", type=float, default=0.5)
    p.add_argument("--timeout", type=float, default=10.0, help="per answer")
    p.add_argument("--connect-timeout", type=float, default=30.0, help="for all connects")
    p.add_argument("--server-pid", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--loop", choices=["auto", "asyncio"], default="auto",
                   help="auto: uvloop when installed")
    args = p.parse_args()
    raise_nofile()
    runner = asyncio.run
    if args.loop == "auto":
        try:
            import uvloop  # optional: a faster loop keeps the generator off the bottleneck

            runner = uvloop.run
        except ImportError:
            pass
    result = runner(idle(args) if args.door == "idle" else load(args))
    result["loop"] = "uvloop" if runner is not asyncio.run else "asyncio"
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
