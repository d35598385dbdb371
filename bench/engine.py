"""The engine alone, no network: replies per second and p50/p99 latency.

Every evaluation-set message goes to a fresh Session (as the evaluation does).
"cold" clears every cache (analyses, lemmas, tokens, name look-ups, worded answers:
LRUs, the fuzzy-name cache) before each pass over the set, so within a pass
only words repeated across messages are cached; "cold each" clears them before
every single message; "warm" repeats passes with all caches filled;
"conversation" is warm too, but the messages (shuffled each pass) go to 100
sessions that keep their state, as the doors' load does: a session with a
history misses caches a fresh one hits (the kept Reading of a first message),
so "warm" alone hid what an answer costs the doors (2026-12-02: 8 µs warm,
~20 µs in conversation). (Before
2026-12-02 simplemma kept a lemma cache of its own that no clearing reached,
so earlier "cold" figures had every lemma warm after the first pass.) Not
caches, and kept: the tokens and name look-ups of the knowledge base's own
words (fwbot.language.keep_tokens, NameFinder.keep), made once at load time
like the phrase indexes; a word outside the vocabulary is looked up afresh.

    python bench/engine.py [--seconds 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
from collections.abc import Callable

from common import eval_texts, machine, percentile

from fwbot.engine import Engine
from fwbot.reply import Session
from fwbot.service import settle_memory


def clear_caches(engine: Engine) -> None:
    """Every cache: analyses, lemmas, tokens, name look-ups and worded answers."""
    engine.clear_caches()


def measure(engine: Engine, texts: list[str], seconds: float,
            before_pass: Callable[[], None] | None = None,
            before_each: Callable[[], None] | None = None,
            conversations: int = 0) -> dict[str, float]:
    """Passes over ``texts`` for about ``seconds``; only engine.reply is timed.

    ``conversations``: that many sessions kept across messages (each pass in a
    new random order), instead of a fresh Session for every message.
    """
    pool = [Session() for _ in range(conversations)]
    rng = random.Random(1)
    lat: list[int] = []
    busy = 0
    clock = time.perf_counter_ns
    deadline = clock() + int(seconds * 1e9)
    gc.collect()
    while clock() < deadline or not lat:
        if before_pass:
            before_pass()
        order = rng.sample(texts, len(texts)) if pool else texts
        for i, text in enumerate(order):
            if before_each:
                before_each()
            session = pool[i % len(pool)] if pool else Session()
            t0 = clock()
            engine.reply(session, text)
            dt = clock() - t0
            lat.append(dt)
            busy += dt
    lat.sort()
    return {
        "replies": len(lat),
        "per_s": len(lat) / (busy / 1e9),
        "p50_us": percentile(lat, 50) / 1e3,
        "p99_us": percentile(lat, 99) / 1e3,
        "max_us": lat[-1] / 1e3,
    }


def run(seconds: float = 3.0) -> dict[str, dict[str, float]]:
    engine = Engine.load()
    texts = eval_texts()
    settle_memory()  # as the server does once started: the loaded base is frozen
    return {
        "cold": measure(engine, texts, seconds, before_pass=lambda: clear_caches(engine)),
        "cold each": measure(engine, texts, seconds, before_each=lambda: clear_caches(engine)),
        "warm": measure(engine, texts, seconds),
        "conversation": measure(engine, texts, seconds, conversations=100),
    }


def table(results: dict[str, dict[str, float]]) -> str:
    rows = ["| engine | replies | replies/s | p50 µs | p99 µs | max µs |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        rows.append(f"| {name} | {r['replies']} | {r['per_s']:,.0f} | {r['p50_us']:.1f} | "
                    f"{r['p99_us']:.1f} | {r['max_us']:.0f} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per mode (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    results = run(args.seconds)
    if args.json:
        print(json.dumps({"machine": machine(), "results": results}))
    else:
        print(machine())
        print(f"{len(eval_texts())} evaluation-set messages, fresh Session each "
              "(conversation: 100 sessions that keep their state)\n")
        print(table(results))


if __name__ == "__main__":
    main()
