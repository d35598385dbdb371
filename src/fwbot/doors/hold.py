"""Holding a client over its rate: reading stops until its next message could pass.

The line and WebSocket doors hold the same way (``Conversation.admit`` says
how long): one timer at a time, never shorter than :data:`MIN_HOLD`, and
cancelled when the connection goes. How reading stops and starts again is
the door's own (a telnet read hold, Autobahn's producer), so the door passes
those two actions in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MIN_HOLD = 0.01  # seconds: a wait that rounds to nothing would read, refuse, hold, in a spin


class ReadHold:
    """One client's hold: ``start(wait)`` stops reading for ``wait`` seconds, once.

    ``call_later`` is the door's clock (a test's ``Clock``); ``stop`` and
    ``go`` stop and resume reading. A hold already running is not restarted:
    the client is read again when the first one ends, and ``admit`` decides
    afresh then.
    """

    __slots__ = ("_call", "_call_later", "_go", "_stop")

    def __init__(self, call_later: Callable[..., Any], stop: Callable[[], object],
                 go: Callable[[], object]) -> None:
        self._call: Any = None  # the IDelayedCall while held
        self._call_later = call_later
        self._stop = stop
        self._go = go

    @property
    def held(self) -> bool:
        """Whether reading is stopped for the rate now."""
        return self._call is not None

    def start(self, wait: float) -> None:
        """Stop reading for ``wait`` seconds (at least ``MIN_HOLD``), unless held already."""
        if self._call is not None:
            return
        self._stop()
        self._call = self._call_later(max(wait, MIN_HOLD), self._release)

    def cancel(self) -> None:
        """The connection is gone: no timer left behind to fire on it."""
        call, self._call = self._call, None
        if call is not None and call.active():
            call.cancel()

    def _release(self) -> None:
        self._call = None
        self._go()
