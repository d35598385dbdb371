"""fwbot's doors with an engine that answers every message with one constant Reply.

``twistd -n -y bench/null_engine.tac`` with ``FWBOT_ARGS`` holding fwbot's
options: the service tree ``twistd fwbot`` builds (gate, doors, limits,
metrics), whose engine's ``reply`` is replaced by a constant answer. The
difference between this server and the echo baselines is what the doors
cost; between it and fwbot, what the engine's replies cost in the server
(``door_syscalls.py``, ``door_instructions.py``: ``--servers fwbot-null``).
"""

import os
import shlex

from twisted.application.service import Application

from fwbot.reply import Reply
from fwbot.tap import Options, makeService

options = Options()
options.parseOptions(shlex.split(os.environ["FWBOT_ARGS"]))
service = makeService(options)
engine = service.bot.engine
constant = Reply("ok", "unknown", "en")


class NullEngine:
    """The loaded engine for everything but ``reply``, which costs nothing."""

    def reply(self, session, text):
        return constant

    def __getattr__(self, name):
        return getattr(engine, name)


service.bot.engine = NullEngine()
application = Application("fwbot-null")
service.setServiceParent(application)
