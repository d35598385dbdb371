"""Prometheus counters for one running service.

Each ``Metrics`` owns its own ``CollectorRegistry`` instead of the process-wide
default, so tests can build as many services as they like without
"duplicated timeseries" errors and ``/metrics`` shows only fwbot's numbers.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]


class Metrics:
    """What the doors count: messages in, answers out by intent, errors, connections.

    The three counts of every message -- received, answered, the HTTP
    status -- are plain integers until someone reads the counters: each
    ``inc`` of prometheus_client takes its value's lock in a Python call
    (2 µs a message for the two of a line message, against 0.3 µs for two
    dictionary additions). ``exposition`` and the ``requests``, ``answers``
    and ``http_responses`` attributes add what is pending first, so what
    anyone reads is exact. Everything is counted on the reactor thread.
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._requests = Counter(
            "fwbot_requests", "Messages and HTTP requests received, by door.",
            ["door"], registry=self.registry)
        self._answers = Counter(
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
        self._http_responses = Counter(
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
        # Counted, not yet added to the counters above (see the class's docstring).
        self._received: dict[str, int] = {}
        self._answered: dict[tuple[str, str], int] = {}
        self._responded: dict[int, int] = {}

    def _add_pending(self) -> None:
        """Add the plain counts to their Prometheus counters, and start again from 0."""
        received, self._received = self._received, {}
        for door, n in received.items():
            self._requests.labels(door).inc(n)
        answered, self._answered = self._answered, {}
        for (door, intent), n in answered.items():
            self._answers.labels(door, intent).inc(n)
        responded, self._responded = self._responded, {}
        for status, n in responded.items():
            self._http_responses.labels(str(status)).inc(n)

    @property
    def requests(self) -> Counter:
        """``fwbot_requests``, every message counted so far in it."""
        self._add_pending()
        return self._requests

    @property
    def answers(self) -> Counter:
        """``fwbot_answers``, every answer counted so far in it."""
        self._add_pending()
        return self._answers

    @property
    def http_responses(self) -> Counter:
        """``fwbot_http_responses``, every response counted so far in it."""
        self._add_pending()
        return self._http_responses

    def connected(self, door: str) -> None:
        """Count a connection that just opened."""
        self.connections.labels(door).inc()
        self.open_connections.labels(door).inc()

    def disconnected(self, door: str) -> None:
        """Count a connection that just closed."""
        self.open_connections.labels(door).dec()

    def received(self, door: str) -> None:
        """Count one message or request that reached a door (every message: plain count)."""
        counts = self._received
        counts[door] = counts.get(door, 0) + 1

    def answered(self, door: str, intent: str) -> None:
        """Count one message answered by the engine (every answer: plain count)."""
        counts = self._answered
        key = (door, intent)
        counts[key] = counts.get(key, 0) + 1

    def responded(self, status: int) -> None:
        """Count one HTTP response by its status (every request: plain count)."""
        counts = self._responded
        counts[status] = counts.get(status, 0) + 1

    def error(self, door: str, code: str) -> None:
        """Count one error reported to a client."""
        self.errors.labels(door, code).inc()

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric, for ``GET /metrics``."""
        self._add_pending()
        return generate_latest(self.registry)
