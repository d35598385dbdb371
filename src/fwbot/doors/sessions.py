"""Conversations kept by id, shared by the HTTP and WebSocket doors.

HTTP is stateless, and a browser page reconnects its WebSocket after a network
blip, so both doors keep each conversation here under an opaque id and look it
up again on the next request. The store is bounded twice -- by idle time and
by count -- so a client minting sessions in a loop cannot grow the server's
memory. The clock is injected (any ``IReactorTime``) so tests drive expiry
with ``twisted.internet.task.Clock`` instead of sleeping.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict

from twisted.internet.interfaces import IReactorTime

from fwbot.reply import Session


class SessionStore:
    """Sessions by id, least recently used first, with idle expiry.

    ``OrderedDict`` order is recency: a lookup moves the session to the end,
    so expiry only ever looks at the front and evicting the oldest session
    to make room is O(1).
    """

    def __init__(self, clock: IReactorTime, idle_seconds: float = 1800.0,
                 max_sessions: int = 10_000) -> None:
        if max_sessions < 1:
            raise ValueError("max_sessions must be at least 1")
        self._clock = clock
        self.idle_seconds = idle_seconds
        self.max_sessions = max_sessions
        self._sessions: OrderedDict[str, tuple[Session, float]] = OrderedDict()

    def __len__(self) -> int:
        self.expire()
        return len(self._sessions)

    def __contains__(self, session_id: object) -> bool:
        self.expire()
        return session_id in self._sessions

    def get(self, session_id: str | None) -> Session | None:
        """The live session with this id, touched; None if unknown or expired."""
        now = self._clock.seconds()
        self.expire(now)
        if session_id is None:
            return None
        sessions = self._sessions
        entry = sessions.get(session_id)
        if entry is None:
            return None
        sessions[session_id] = (entry[0], now)  # touched: to the end, stamped now
        sessions.move_to_end(session_id)
        return entry[0]

    def new(self) -> tuple[str, Session]:
        """Start a conversation, evicting the least recently used one if full."""
        self.expire()
        while len(self._sessions) >= self.max_sessions:
            self._drop_oldest()
        session_id = secrets.token_urlsafe(16)
        session = Session()
        self._sessions[session_id] = (session, self._clock.seconds())
        return session_id, session

    def fresh(self) -> tuple[str, Session]:
        """A new id and conversation, not stored yet: ``keep`` stores it once it is used.

        A WebSocket says its session id in its hello, before the user asks
        anything; storing it only at the first question means that sockets
        opened and closed in a loop push nobody's conversation out.
        """
        return secrets.token_urlsafe(16), Session()

    def get_or_new(self, session_id: str | None) -> tuple[str, Session]:
        """Continue ``session_id`` if it is alive, else start a fresh one.

        An unknown or expired id is not an error: the client simply gets a
        new id back and the conversation starts over, which is what a person
        returning after lunch expects.
        """
        session = self.get(session_id)
        if session is not None and session_id is not None:
            return session_id, session
        return self.new()

    def keep(self, session_id: str, session: Session) -> None:
        """Mark a session held by an open WebSocket as used now.

        A socket keeps its Session object even if the store expired or
        evicted it meanwhile; putting it back keeps it resumable after a
        reconnect.
        """
        sessions = self._sessions
        now = self._clock.seconds()
        if self.idle_seconds > 0 and session_id in sessions:
            # Every answer on a WebSocket comes here with a kept session: stamped now
            # and moved to the end, it cannot expire below, and the count is as it
            # was (the store never holds more than max_sessions), so nothing is
            # evicted -- what popping and storing it again did, with fewer steps.
            sessions[session_id] = (session, now)
            sessions.move_to_end(session_id)
            self.expire(now)
            return
        sessions.pop(session_id, None)
        self.expire(now)
        while len(sessions) >= self.max_sessions:
            self._drop_oldest()
        sessions[session_id] = (session, now)

    def discard(self, session_id: str) -> None:
        """Forget a conversation that ended (``/quit``)."""
        self._sessions.pop(session_id, None)

    def _drop_oldest(self) -> None:
        self._sessions.popitem(last=False)

    def expire(self, now: float | None = None) -> None:
        """Drop every session idle for longer than ``idle_seconds`` (at ``now``, by
        default the clock's time)."""
        deadline = (self._clock.seconds() if now is None else now) - self.idle_seconds
        while self._sessions:
            _, (_, last_used) = next(iter(self._sessions.items()))
            if last_used > deadline:
                break
            self._drop_oldest()
