"""Send an answer at once instead of at the reactor's next turn.

Twisted's ``FileDescriptor.write`` only buffers: it registers the socket for
writing (one ``epoll_ctl``), and on the reactor's next turn ``doWrite``
sends the bytes and unregisters the socket (another ``epoll_ctl``). For a
chat answer, which nearly always fits in the socket's send buffer, that is
two system calls and a trip through the reactor per answer: under load they
were a fifth of the line door's CPU time.

:func:`send_now` sends directly when nothing is waiting in Twisted's buffer
and hands whatever the kernel does not take (and every error) to the normal
``write``, so ordering, back-pressure, producers and connection loss all
work exactly as before. It is used only on a plain
``twisted.internet.tcp`` connection (TCP or UNIX socket): under TLS the
transport a door holds is the TLS layer, which must encrypt every byte, so
it gets ``write``. It reads attributes of those connections that are not
public API (``socket``, ``dataBuffer``, ``offset``, ``_tempDataBuffer``,
``_writeDisconnected``, ``_aborting``); ``tests/test_sendnow.py`` and
``tests/test_pinned_internals.py`` fail loudly if a Twisted upgrade removes
them.
"""

from __future__ import annotations

from typing import Any

from twisted.internet.tcp import Connection


def send_now(transport: Any, data: bytes) -> bool:
    """Write ``data`` to a door's transport, sending it at once when that is safe.

    Safe means: a plain TCP or UNIX connection (not TLS, not a test's
    transport), open for writing, not aborted, and nothing waiting in its
    buffer -- so these bytes cannot overtake earlier ones. True when the
    kernel took every byte here: then nothing is waiting in the connection's
    buffer (a caller need not measure it); False when anything went to
    ``write``.
    """
    if not data or not isinstance(transport, Connection):
        transport.write(data)
        return False
    if (not transport.connected or transport.disconnecting or transport._aborting
            or transport._writeDisconnected or transport._tempDataBuffer
            or len(transport.dataBuffer) > transport.offset):
        transport.write(data)
        return False
    try:
        sent = transport.socket.send(data)
    except OSError:  # EAGAIN, EINTR, or a real error: Twisted's write path handles it
        sent = 0
    if sent < len(data):
        transport.write(data[sent:] if sent else data)
        return False
    return True
