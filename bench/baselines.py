"""Raw Twisted servers that do almost nothing per message: the floor fwbot is measured against.

One process, one reactor, three listeners, like fwbot itself:

- line: a ``LineReceiver`` that echoes each line and sends the prompt ``> ``;
- ws: an Autobahn WebSocket echo (a hello first, as fwbot sends) at ``/ws`` on a
  twisted.web ``Site``;
- http: a twisted.web ``POST /api/ask`` that parses the JSON body and returns a
  constant JSON object.

    python bench/baselines.py --line 9023 --http 9080
"""

from __future__ import annotations

import argparse
import json

from autobahn.twisted.resource import WebSocketResource
from autobahn.twisted.websocket import WebSocketServerFactory, WebSocketServerProtocol
from twisted.internet import reactor
from twisted.internet.protocol import Factory
from twisted.protocols.basic import LineReceiver
from twisted.web.resource import Resource
from twisted.web.server import Site

PROMPT = b"> "
CONSTANT = json.dumps({"reply": "ok", "intent": "unknown", "lang": "en", "frameworks": [],
                       "suggestions": [], "details": {}}).encode()


class LineEcho(LineReceiver):
    delimiter = b"\n"

    def connectionMade(self) -> None:
        self.transport.write(b"echo\r\n" + PROMPT)

    def lineReceived(self, line: bytes) -> None:
        self.transport.write(line.rstrip(b"\r") + b"\r\n" + PROMPT)


class WsEcho(WebSocketServerProtocol):
    def onOpen(self) -> None:
        self.sendMessage(b'{"type": "hello"}')

    def onMessage(self, payload: bytes, isBinary: bool) -> None:
        self.sendMessage(payload, isBinary)


class Ask(Resource):
    isLeaf = True

    def render_POST(self, request) -> bytes:
        json.loads(request.content.read())
        request.setHeader(b"content-type", b"application/json")
        return CONSTANT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--line", type=int, required=True, help="port of the line echo")
    parser.add_argument("--http", type=int, required=True, help="port of HTTP + /ws")
    parser.add_argument("--backlog", type=int, default=4096)
    args = parser.parse_args()

    line = Factory.forProtocol(LineEcho)
    ws = WebSocketServerFactory()
    ws.protocol = WsEcho
    root = Resource()
    api = Resource()
    api.putChild(b"ask", Ask())
    root.putChild(b"api", api)
    root.putChild(b"ws", WebSocketResource(ws))
    site = Site(root)
    site.log = lambda request: None  # no access log on the hot path (fwbot keeps none either)
    reactor.listenTCP(args.line, line, backlog=args.backlog, interface="127.0.0.1")
    reactor.listenTCP(args.http, site, backlog=args.backlog, interface="127.0.0.1")
    reactor.run()


if __name__ == "__main__":
    main()
