"""The browser chat page: ``/`` and its assets under ``/static/``, from package files.

The files in ``fwbot/static`` are read once when the site is built; there is
no build step. ``index.html`` names its assets as ``/static/NAME`` and is
served with each of those names stamped ``?v=HASH`` (the first hex digits of
the asset's SHA-256), so a browser may keep an asset for a year when it asks
for the current stamp and must revalidate (ETag) otherwise. The page itself
is always revalidated (``Cache-Control: no-cache``), so a new release shows
on the next load.

Every response carries a Content-Security-Policy that allows scripts, styles
and sockets from this origin only and no inline script at all: even if a
server text ever reached the DOM as markup, the browser would not run it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.utils import formatdate
from importlib import resources
from importlib.resources.abc import Traversable

from twisted.web.http import CACHED
from twisted.web.resource import Resource
from twisted.web.server import Request

from fwbot.doors.http_json import JsonResource, NotFound
from fwbot.service import Bot

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
       "connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS: dict[bytes, bytes] = {
    b"content-security-policy": CSP.encode("ascii"),
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
}

CONTENT_TYPES: dict[str, bytes] = {
    ".html": b"text/html; charset=utf-8",
    ".js": b"text/javascript; charset=utf-8",
    ".css": b"text/css; charset=utf-8",
    ".svg": b"image/svg+xml; charset=utf-8",
    ".png": b"image/png",
    ".ico": b"image/x-icon",
    ".json": b"application/json; charset=utf-8",
    ".webmanifest": b"application/manifest+json; charset=utf-8",
}

PAGE = "index.html"
ASSET_MAX_AGE = 3600  # an asset asked for without (or with an old) version stamp
IMMUTABLE = b"public, max-age=31536000, immutable"


@dataclass(frozen=True)
class StaticFile:
    """One package file, ready to serve: body, type and validators."""

    name: str
    body: bytes
    content_type: bytes
    etag: bytes
    version: str

    @classmethod
    def of(cls, name: str, body: bytes) -> StaticFile:
        """A file with its type from the name and its ETag and version from the bytes.

        Both come from the content, so they change exactly when the file does
        and a cached copy is never served after an edit and a restart.
        """
        digest = hashlib.sha256(body).hexdigest()
        suffix = name[name.rfind("."):] if "." in name else ""
        return cls(name, body, CONTENT_TYPES.get(suffix, b"application/octet-stream"),
                   f'"{digest[:32]}"'.encode("ascii"), digest[:12])


def read_static(folder: Traversable | None = None) -> dict[str, StaticFile]:
    """Every servable file of ``fwbot/static`` (flat; dotfiles skipped), by name."""
    folder = folder or resources.files("fwbot").joinpath("static")
    files = {}
    for entry in folder.iterdir():
        if entry.is_file() and not entry.name.startswith(".") and "." in entry.name:
            files[entry.name] = StaticFile.of(entry.name, entry.read_bytes())
    return files


def stamp_assets(html: bytes, assets: dict[str, StaticFile]) -> bytes:
    """``/static/NAME`` in the page becomes ``/static/NAME?v=VERSION`` for known assets."""
    def stamp(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode("utf-8")
        asset = assets.get(name)
        return match.group(0) if asset is None else b"/static/%s?v=%s" % (
            match.group(1), asset.version.encode("ascii"))
    return re.sub(rb"/static/([A-Za-z0-9_.-]+)(?=[\"'])", stamp, html)


def set_max_length(html: bytes, chars: int) -> bytes:
    """The message box holds what the server accepts (``--max-message-chars``).

    A box that let people type past the limit would only earn them "too long";
    one that stopped short would refuse what the other doors take.
    """
    box = rb'(<textarea id="input"[^>]*?maxlength=")\d+(")'
    return re.sub(box, rb"\g<1>%d\g<2>" % chars, html, count=1)


class _FileResource(JsonResource):
    """Serve one ``StaticFile`` with validators and the security headers."""

    isLeaf = True

    def __init__(self, bot: Bot, file: StaticFile, last_modified: float) -> None:
        super().__init__(bot)
        self.file = file
        self.last_modified = last_modified

    def cache_control(self, request: Request) -> bytes:
        """Revalidate every time (the page's rule); assets override it."""
        return b"no-cache"

    def render_GET(self, request: Request) -> bytes:
        for name, value in SECURITY_HEADERS.items():
            request.setHeader(name, value)
        request.setHeader(b"content-type", self.file.content_type)
        request.setHeader(b"cache-control", self.cache_control(request))
        request.setHeader(b"last-modified", formatdate(self.last_modified, usegmt=True).encode())
        request.setHeader(b"vary", b"accept-encoding")
        if request.setETag(self.file.etag) == CACHED:  # If-None-Match matched: 304
            return b""
        return self.file.body


class ChatPage(_FileResource):
    """``GET /``: the chat client (``index.html`` with stamped asset names), always revalidated."""


class Asset(_FileResource):
    """``GET /static/NAME``: kept for a year when asked for by its current stamp."""

    def cache_control(self, request: Request) -> bytes:
        wanted = request.args.get(b"v", [b""])[0].decode("ascii", "replace")
        if wanted == self.file.version:
            return IMMUTABLE
        return b"public, max-age=%d, must-revalidate" % ASSET_MAX_AGE


class Assets(JsonResource):
    """``/static/``: the package files by name; anything else is the JSON 404."""

    def __init__(self, bot: Bot, files: dict[str, StaticFile], last_modified: float) -> None:
        super().__init__(bot)
        self.files = {name: Asset(bot, f, last_modified) for name, f in files.items()
                      if name != PAGE}

    def getChild(self, path: bytes, request: Request) -> Resource:
        child = self.files.get(path.decode("utf-8", "replace"))
        return child if child is not None else NotFound(self.bot)


def mount(root: Resource, bot: Bot, last_modified: float,
          folder: Traversable | None = None) -> None:
    """Put the page at ``/`` and its assets at ``/static/`` under ``root``.

    ``last_modified`` is when this process started: package files cannot
    change under a running server, and file times in a wheel mean little.
    """
    files = read_static(folder)
    page = files[PAGE]
    html = set_max_length(page.body, bot.limits.message_chars)
    stamped = StaticFile.of(PAGE, stamp_assets(html, files))
    root.putChild(b"", ChatPage(bot, stamped, last_modified))
    root.putChild(b"static", Assets(bot, files, last_modified))
