"""fwbot: a bilingual Python-framework advisor served by Twisted.

The public surface is small: :class:`fwbot.engine.Engine` turns text and a
:class:`fwbot.reply.Session` into a :class:`fwbot.reply.Reply`; the doors in
``fwbot.doors`` carry that to telnet, WebSocket and HTTP clients.
"""

__version__ = "0.1.0"
