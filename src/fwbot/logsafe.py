"""No client-supplied text reaches the log unescaped.

A header value, a URI or a telnet byte can hold ESC sequences, a bare CR or
bidirectional controls; written raw into a log they recolour, rewrite or
hide lines in the terminal of whoever reads it (Autobahn logged a client's
``Sec-WebSocket-Version`` that way). fwbot's own log lines quote client
values with ``printable`` (or ``!r``); ``install`` adds an observer that
does the same to every string field of every event, whoever logged it
(Autobahn, twisted.web, twisted.conch), before the log files see it.

It must come before them: twistd builds the service (``makeService``)
before it starts logging, so an observer added then is the first of the
global publisher's, and the events logged meanwhile are buffered as the
same dicts, so they are replayed escaped too. Newlines and tabs stay: our
own multi-line messages (a broken knowledge base's ``file:line`` list) need
them, and no client value reaches a field with one in it (header and
request lines end at the newline; message texts are only logged with
``--debug-log-text``, as ``repr``). The access log is off
(``FwbotSite.log`` only counts responses).
"""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakSet

from twisted.logger import ILogObserver, LogPublisher, globalLogPublisher
from zope.interface import provider

# C0 controls but tab and newline, DEL, C1, and the invisible characters that
# reorder or split a line (bidi marks, embeddings, isolates, line separators).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` or ``\\uNNNN``."""
    return _UNSAFE.sub(_escaped, text)


@provider(ILogObserver)
def escape_event(event: dict[str, Any]) -> None:
    """Escape the string fields of ``event`` in place, for the observers after this one."""
    for key, value in event.items():
        if isinstance(value, str):
            if _UNSAFE.search(value):
                event[key] = printable(value)
        elif key == "message" and isinstance(value, tuple):  # a legacy log.msg's parts
            event[key] = tuple(printable(part) if isinstance(part, str) else part
                               for part in value)


# Publishers ``install`` has added the observer to: remembered here rather than
# as an attribute on a Twisted object, and weakly, so a test's publisher can go.
_ESCAPING: WeakSet[LogPublisher] = WeakSet()


def install(publisher: LogPublisher = globalLogPublisher) -> None:
    """Add ``escape_event`` to ``publisher`` once (later calls change nothing)."""
    if publisher not in _ESCAPING:
        publisher.addObserver(escape_event)
        _ESCAPING.add(publisher)
