"""The doors: codecs that turn each wire's bytes into a conversation's events and back.

What a message means is ``fwbot.conversation``'s; a door frames, decodes,
renders and applies back-pressure. ``telnet``, ``line_framing`` and
``line`` serve telnet and ``nc``; ``websocket`` speaks JSON frames at
``/ws``; ``http_channel`` (the hardened HTTP/1.1 connection),
``http_json`` (the error shape and routing base), ``http`` (the public
API), ``admin`` and ``page`` are the HTTP port, whose twisted.web ``Site``
``web`` builds; ``sessions`` keeps the conversations the HTTP and
WebSocket doors look up by id; ``gate`` and ``drain`` bound connections
and shut them down.
"""
