"""The opsdroid skill of the peer comparison: "what is X" from a dict, one ``match_regex``.

It does almost nothing per message on purpose: the comparison measures what
opsdroid's own machinery costs per answer. The regex matches every message
(the name part is optional) so every question gets an answer, as in fwbot.
"""

from opsdroid.matchers import match_regex
from opsdroid.skill import Skill

FACTS = {
    "django": "Django is a full-stack web framework with an ORM and an admin.",
    "flask": "Flask is a light WSGI microframework.",
    "fastapi": "FastAPI is an async web framework for APIs with type hints.",
    "bottle": "Bottle is a one-file microframework.",
    "pyramid": "Pyramid is a web framework that scales from small to large.",
    "cherrypy": "CherryPy is a minimalist object-oriented web framework.",
    "twisted": "Twisted is an event-driven networking engine.",
    "kivy": "Kivy is a framework for multi-touch GUI and mobile apps.",
    "web2py": "web2py is a full-stack framework with a web IDE.",
    "tornado": "Tornado is an async web framework and networking library.",
    "aiohttp": "aiohttp is an async HTTP client and server.",
}


class WhatIs(Skill):
    @match_regex(r"(?:.*?\bwhat is\s+(?P<name>[\w-]+))?", case_sensitive=False)
    async def what_is(self, message):
        name = (message.regex.group("name") or "").lower()
        await message.respond(FACTS.get(name, "I do not know that one."))
