"""The doors: thin Twisted protocols that carry text to the engine and replies back.

``line`` serves telnet and ``nc``; ``http`` and ``websocket`` share one
twisted.web ``Site`` built by ``web``; ``sessions`` keeps the conversations
the HTTP and WebSocket doors look up by id. None of them holds dialogue logic.
"""
