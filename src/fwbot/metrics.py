"""Prometheus counters for one running service.

Each ``Metrics`` owns its own ``CollectorRegistry`` instead of the process-wide
default, so tests can build as many services as they like without
"duplicated timeseries" errors and ``/metrics`` shows only fwbot's numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]


def _fast_inc(child: Counter) -> Callable[[float], None]:
    """The ``inc`` of a labelled counter child's value, else the child's own ``inc``."""
    inc = getattr(getattr(child, "_value", None), "inc", None)
    return inc if callable(inc) else child.inc


class Metrics:
    """What the doors count: messages in, answers out by intent, errors, connections."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "fwbot_requests", "Messages and HTTP requests received, by door.",
            ["door"], registry=self.registry)
        self.answers = Counter(
            "fwbot_answers", "Answers given by the engine, by door and intent.",
            ["door", "intent"], registry=self.registry)
        self.errors = Counter(
            "fwbot_errors", "Errors reported to clients, by door and error code.",
            ["door", "code"], registry=self.registry)
        self.connections = Counter(
            "fwbot_connections", "Connections accepted, by door.",
            ["door"], registry=self.registry)
        self.open_connections = Gauge(
            "fwbot_open_connections", "Connections open now, by door.",
            ["door"], registry=self.registry)
        self.http_responses = Counter(
            "fwbot_http_responses", "HTTP responses sent, by status code.",
            ["status"], registry=self.registry)
        self.ratings = Counter(
            "fwbot_ratings", "Answer ratings received, by door and rating (up or down).",
            ["door", "rating"], registry=self.registry)
        self.refused = Counter(
            "fwbot_refused_connections", "Connections refused, by door and limit.",
            ["door", "limit"], registry=self.registry)
        self.reloads = Counter(
            "fwbot_reloads", "Knowledge base reloads, by result (ok or failed).",
            ["result"], registry=self.registry)
        self.unanswered_dropped = Counter(
            "fwbot_unanswered_dropped", "Unanswered questions not recorded: too many were "
            "waiting to be written, or the table was at --db-max-unanswered.",
            registry=self.registry)
        self._received: dict[str, Any] = {}
        self._answered: dict[tuple[str, str], Any] = {}
        self._responded: dict[int, Any] = {}

    def connected(self, door: str) -> None:
        """Count a connection that just opened."""
        self.connections.labels(door).inc()
        self.open_connections.labels(door).inc()

    def disconnected(self, door: str) -> None:
        """Count a connection that just closed."""
        self.open_connections.labels(door).dec()

    def received(self, door: str) -> None:
        """Count one message or request that reached a door.

        Both counters of every message keep the ``inc`` of their label
        child's value: ``Counter.inc`` checks on each call that the child has
        its labels (it has: ``labels`` made it) and that one is not negative,
        three calls a count; the value's ``inc`` adds under the same lock
        (``_value`` is prometheus_client's, not public: ``_fast_inc`` falls back
        to ``Counter.inc`` without it, tests/test_pinned_internals.py says so).
        """
        inc = self._received.get(door)
        if inc is None:
            inc = self._received[door] = _fast_inc(self.requests.labels(door))
        inc(1)

    def answered(self, door: str, intent: str) -> None:
        """Count one message answered by the engine (see ``received``: hot path)."""
        inc = self._answered.get((door, intent))
        if inc is None:
            inc = self._answered[(door, intent)] = _fast_inc(self.answers.labels(door, intent))
        inc(1)

    def responded(self, status: int) -> None:
        """Count one HTTP response by its status (every request: see ``received``).

        ``labels`` checks and joins its values and takes the metric's lock on
        every call; the child of each status is looked up once.
        """
        inc = self._responded.get(status)
        if inc is None:
            inc = self._responded[status] = _fast_inc(self.http_responses.labels(str(status)))
        inc(1)

    def error(self, door: str, code: str) -> None:
        """Count one error reported to a client."""
        self.errors.labels(door, code).inc()

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric, for ``GET /metrics``."""
        return generate_latest(self.registry)
