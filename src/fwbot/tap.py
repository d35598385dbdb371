"""``twistd fwbot``: options, and the service tree built from them (the plugin points here).

The composition root, and only that: ``Options`` parses and checks the
options as options; ``makeService`` (with the reactor, twistd's by default)
has ``fwbot.compose.build`` make one ``MultiService``: a listening service
per door from Twisted endpoint strings (``tcp:``, ``unix:``, ``ssl:`` for
TLS; ``none`` turns a door off), the shared ``Bot`` holding the engine, and
the SIGHUP reload. It loads the knowledge base before anything listens: a
broken one -- or an unusable endpoint, database or admin token file -- stops
``twistd`` with its problems as one error on stderr, status 1. This module
imports no door, so that ``without_tls`` can still decide whether
pyOpenSSL is loaded when ``makeService`` runs.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from twisted.python import usage

from fwbot.feedback import default_db_path
from fwbot.service import Limits, limit_fields, shown_default

if TYPE_CHECKING:
    from fwbot.compose import FwbotService


def limit_options() -> list[list[Any]]:
    """``optParameters`` rows of every declared limit (``fwbot.service.Limits``)."""
    return [[declared.metadata["option"], None, shown_default(declared),
             declared.metadata["help"], declared.metadata["parse"]]
            for declared in limit_fields()]


class Options(usage.Options):
    """Command-line options of ``twistd fwbot``."""

    synopsis = "[options]"
    longdesc = (
        "Serve fwbot, the bilingual Python framework advisor: a telnet/nc line door, "
        "and a JSON HTTP API with a WebSocket at /ws and a page at / on the HTTP port. "
        "Listen options are Twisted endpoint strings (tcp:8023, "
        "tcp:0:interface=127.0.0.1, unix:..., or TLS: "
        "ssl:8443:privateKey=key.pem:certKey=cert.pem); 'none' turns a door off. "
        "kill -HUP reloads the knowledge base and the ssl: certificates and keys; "
        "a broken one keeps the old one serving. "
        "kill -TERM says goodbye to every user and exits within --shutdown-grace seconds."
    )

    optParameters: ClassVar[list[list[Any]]] = [
        ["telnet", None, "tcp:8023",
         "Endpoint of the telnet/nc line door, or 'none'."],
        ["http", None, "tcp:8080",
         "Endpoint of the HTTP API, WebSocket (/ws) and page (/), or 'none'."],
        ["data", None, None,
         "Knowledge base directory (default: the built-in one)."],
        ["db", None, None,
         "SQLite file for ratings and unanswered questions (default: $XDG_STATE_HOME/fwbot/"
         "fwbot.sqlite3 if XDG_STATE_HOME is set, else ./fwbot.sqlite3); 'none' stores nothing."],
        ["admin-token", None, None,
         "Bearer token for POST /admin/reload and GET /admin/report; without one /admin "
         "does not exist. Every local user can read it in ps and /proc/PID/cmdline: prefer "
         "--admin-token-file or the FWBOT_ADMIN_TOKEN environment variable."],
        ["admin-token-file", None, None,
         "Read the admin token from this file (its first line), instead of --admin-token."],
        ["log-json", None, None,
         "Also write the log as JSON lines to this file ('-' for stdout)."],
        *limit_options(),
    ]

    optFlags: ClassVar[list[list[Any]]] = [
        ["debug-log-text", None,
         "Log the text of every message (off by default: logs never hold what users wrote)."],
    ]

    compData = usage.Completions(optActions={"data": usage.CompleteDirs()})

    def postOptions(self) -> None:
        """Check the options as options: nothing is read, loaded, built or listened on.

        What needs a file, the knowledge base or the reactor -- the
        endpoints (an ``ssl:`` one reads its certificate), the admin token
        file, the database, the knowledge base -- is ``makeService``'s, which
        refuses to start with one line if any of them is unusable.
        """
        for door in ("telnet", "http"):
            if self[door].strip().lower() == "none":
                self[door] = None
        if self["telnet"] is None and self["http"] is None:
            raise usage.UsageError("both doors are turned off (--telnet=none --http=none)")
        if self["data"] is not None:
            data = Path(self["data"])
            if not data.is_dir():
                raise usage.UsageError(f"--data={data}: not a directory")
            self["data"] = data.resolve()
        if self["admin-token"] is not None and self["admin-token-file"] is not None:
            raise usage.UsageError("give --admin-token or --admin-token-file, not both")
        if self["db"] is None:
            self["db"] = default_db_path()
        elif self["db"].strip().lower() == "none":
            self["db"] = None
        else:
            self["db"] = Path(self["db"])

    def limits(self) -> Limits:
        """The parsed limit options as the one frozen ``Limits`` every door reads.

        Doors get this value, never the options, so a unit test builds a
        door with any limits without going through the command line. Each
        field comes from the option its declaration names.
        """
        values = {}
        for declared in limit_fields():
            value = self[declared.metadata["option"]]
            if isinstance(value, str) and not isinstance(declared.default, str):
                value = declared.metadata["parse"](value)  # a default, as --help shows it
            values[declared.name] = value
        return Limits(**values)


class CannotStart(Exception):
    """Why the server must not start: one line (or a knowledge base's problems) for stderr."""


def refuse_to_start(why: str) -> NoReturn:
    """Stop ``twistd`` before anything listens: ``why`` on stderr, exit status 1.

    A ``UsageError`` would bury the reason under the whole option list
    although the options were fine, and an exception would print a
    traceback or two for what is one line of news.
    """
    print(f"fwbot: refusing to start, {why}", file=sys.stderr)
    raise SystemExit(1)


def admin_token(options: Options) -> str | None:
    """The admin token: ``--admin-token``, ``--admin-token-file`` or ``FWBOT_ADMIN_TOKEN``.

    The plain option is visible to every local user (``ps``, ``/proc/PID/
    cmdline``); the file and the environment are readable only by the
    server's user (and root). A file that cannot be read, or holds no
    token, is ``CannotStart``.
    """
    if options["admin-token"] is not None:
        return str(options["admin-token"]) or None
    where = options["admin-token-file"]
    if where is None:
        return os.environ.get("FWBOT_ADMIN_TOKEN") or None
    try:
        with open(where, encoding="utf-8") as source:
            token = source.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CannotStart(f"--admin-token-file={where}: {getattr(exc, 'strerror', exc)}") from exc
    if not token:
        raise CannotStart(f"--admin-token-file={where}: the file holds no token")
    return token


# Endpoint kinds that never speak TLS: a server with only these doors leaves
# pyOpenSSL unloaded (``without_tls``). Anything else (``ssl:``, a plugin's) may.
PLAIN_ENDPOINTS = frozenset({"tcp", "tcp6", "unix", "systemd"})


def plain_endpoint(description: str) -> bool:
    """Whether the endpoint string ``description`` is of a kind that never speaks TLS."""
    return description.split(":", 1)[0].strip().lower() in PLAIN_ENDPOINTS


def without_tls(options: Options) -> bool:
    """Keep pyOpenSSL (and Twisted's TLS transport) unloaded when no door speaks TLS.

    Twisted's TCP module imports pyOpenSSL whenever it is installed, to
    offer ``startTLS`` on every connection; that costs about 5 MiB of
    resident memory and a tenth of a second of start-up in a server whose
    doors are plain ``tcp:`` or ``unix:`` (issue 11 keeps the started
    server at 80 MiB). Marking ``OpenSSL`` absent in ``sys.modules`` before
    the transport is first imported makes Twisted take its documented
    no-TLS path. It does nothing once pyOpenSSL is loaded (a test process,
    a TLS door): ``True`` when it took effect.
    """
    descriptions = [options[name] for name in ("telnet", "http") if options[name] is not None]
    if "OpenSSL" in sys.modules or "twisted.internet.tcp" in sys.modules:
        return False
    if not all(plain_endpoint(d) for d in descriptions):
        return False
    sys.modules["OpenSSL"] = None  # type: ignore[assignment]  # None: "import OpenSSL" fails
    return True


class _NoWamp:
    """Stands for ``autobahn.twisted.ApplicationSession`` when WAMP is left unloaded."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("fwbot loads Autobahn without WAMP (fwbot.tap.without_wamp)")


def without_wamp() -> bool:
    """Load Autobahn's Twisted WebSocket without its WAMP layer.

    ``autobahn/twisted/__init__.py`` imports ``autobahn.twisted.wamp`` for
    one name, ``ApplicationSession``, and with it ``autobahn.wamp.auth``,
    which loads ``cryptography``'s Rust bindings and OpenSSL's libcrypto:
    8 to 11 MiB resident in a server that speaks no WAMP (measured on a fresh
    venv, 2026-12-03; issue 11 keeps the started server at 80 MiB). While
    the package initialises, a stand-in module answers that one import;
    it is removed at once, so a later ``import autobahn.twisted.wamp`` gets the
    real module. When Autobahn's package needs more of it than that name (an
    ImportError), Autobahn is imported as it is. ``True`` when WAMP stayed out.
    """
    if "autobahn.twisted" in sys.modules:
        return False
    name = "autobahn.twisted.wamp"
    stand_in = types.ModuleType(name)
    stand_in.ApplicationSession = _NoWamp  # type: ignore[attr-defined]  # a bare module
    sys.modules[name] = stand_in
    try:
        import autobahn.twisted  # noqa: F401  # (its __init__, with the stand-in)
    except ImportError:
        sys.modules.pop(name, None)
        for loaded in [m for m in sys.modules if m.startswith("autobahn.twisted")]:
            del sys.modules[loaded]
        return False
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
    return True


def makeService(options: Options, reactor: Any = None) -> FwbotService:
    """The fwbot service tree on ``reactor`` (twistd's, by default); refuses to start,
    with one line on stderr and status 1, when ``fwbot.compose.build`` cannot."""
    without_tls(options)
    without_wamp()
    from fwbot.compose import build  # the doors: after without_tls decided

    if reactor is None:
        from twisted.internet import reactor
    try:
        return build(options, reactor)
    except CannotStart as why:
        refuse_to_start(str(why))
