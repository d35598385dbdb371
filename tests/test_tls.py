"""TLS under every door, with Twisted's real TLS layer on both ends (``tlspair``).

Each root cause found on ``ssl:`` is tested where it lived: the gate's factory
and ALPN, the line door's producer and output bound, the WebSocket door's
transport, and the reloadable certificate behind them.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
from certs import Issued, TestCA
from fakes import FakeEngine
from tlspair import TLSLink
from twisted.internet.interfaces import IProtocolNegotiationFactory
from twisted.internet.ssl import CertificateOptions, PrivateCertificate
from twisted.internet.task import Clock
from twisted.internet.testing import MemoryReactor
from twisted.logger import capturedLogs, formatEvent

from fwbot.doors import http, line
from fwbot.doors.gate import ConnectionGate, GatedFactory
from fwbot.doors.web import build_site
from fwbot.service import Bot, Limits
from fwbot.tls import ReloadableCertificate, listening_endpoint

BROWSER_ALPN = [b"h2", b"http/1.1"]  # what curl and every browser offer


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


@pytest.fixture
def issued(ca: TestCA, tmp_path: Path) -> Issued:
    return ca.issue(tmp_path / "tls")


def reloadable(issued: Issued, door: str = "http") -> ReloadableCertificate:
    return ReloadableCertificate(MemoryReactor(), issued.endpoint(0), door)


class Doors:
    """Both doors behind one gate, as ``makeService`` builds them."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.clock = Clock()
        self.bot = Bot(FakeEngine(), limits=limits or Limits())
        self.gate = ConnectionGate(self.bot.limits.max_per_ip, self.bot.limits.max_connections)
        self.http = GatedFactory(build_site(self.bot, self.clock), self.gate, "http",
                                 http.refusal(self.bot), self.clock)
        self.line = GatedFactory(line.LineDoorFactory(self.bot, self.clock), self.gate, "line",
                                 line.refusal(self.bot), self.clock)

    def link(self, factory: Any, certificate: Any, ca: TestCA,
             alpn: list[bytes] | None = None) -> TLSLink:
        return TLSLink(factory, certificate, ca.pem, alpn=alpn, clock=self.clock)


# -- the HTTP door: ALPN through the gate --------------------------------------


def test_the_gate_lists_the_http_doors_protocols_and_not_the_line_doors() -> None:
    doors = Doors()
    assert IProtocolNegotiationFactory.providedBy(doors.http)
    assert doors.http.acceptableProtocols() == [b"http/1.1"]  # h2 is never offered
    assert not IProtocolNegotiationFactory.providedBy(doors.line)


def test_with_twisteds_own_context_alpn_through_the_gate_selects_http11(
        ca: TestCA, issued: Issued) -> None:
    """The first root cause alone: Twisted's context asks the factory above the TLS
    layer -- the gate's -- and a gate that listed nothing made it send alert 80."""
    pem = issued.cert.read_bytes() + issued.key.read_bytes()
    private = PrivateCertificate.loadPEM(pem)
    options = CertificateOptions(privateKey=private.privateKey.original,
                                 certificate=private.original)
    doors = Doors()
    link = doors.link(doors.http, options, ca, alpn=BROWSER_ALPN)
    link.pump()
    assert link.negotiated == b"http/1.1"


def test_curl_and_browsers_get_http11_and_an_answer(ca: TestCA, issued: Issued) -> None:
    doors = Doors()
    link = doors.link(doors.http, reloadable(issued), ca, alpn=BROWSER_ALPN)
    out = link.send(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert link.negotiated == b"http/1.1"
    assert out.startswith(b"HTTP/1.1 200 ")
    assert json.loads(out.split(b"\r\n\r\n", 1)[1])["status"] == "ok"


def test_a_client_offering_only_protocols_the_door_lacks_still_connects(
        ca: TestCA, issued: Issued) -> None:
    doors = Doors()
    link = doors.link(doors.http, reloadable(issued), ca, alpn=[b"h2"])
    out = link.send(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert link.negotiated is None and link.app.lost is None
    assert out.startswith(b"HTTP/1.1 200 ")


def test_a_body_too_large_gets_its_413_over_tls(ca: TestCA, issued: Issued) -> None:
    """The 413 goes out before the close: no half close of TCP under TLS."""
    doors = Doors(Limits(http_body_bytes=100))
    link = doors.link(doors.http, reloadable(issued), ca, alpn=BROWSER_ALPN)
    out = link.send(b"POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    b"application/json\r\nContent-Length: 100000\r\n\r\n" + b"x" * 5000)
    assert out.startswith(b"HTTP/1.1 413 "), out[:100]
    assert b'"body_too_large"' in out


# -- the WebSocket door: wss -----------------------------------------------------


def test_wss_opens_and_says_hello(ca: TestCA, issued: Issued) -> None:
    """The second root cause: Autobahn wants Twisted's TLS protocol itself as the
    socket's transport, and got the gate's wrapper (which says ISSLTransport too)."""
    doors = Doors()
    link = doors.link(doors.http, reloadable(issued), ca, alpn=BROWSER_ALPN)
    key = base64.b64encode(os.urandom(16))
    out = link.send(b"GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    b"Connection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
    head, _, frames = out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 101 "), out[:300]
    assert frames[0] == 0x81  # one final text frame
    length = frames[1] & 0x7F
    start = 2 if length < 126 else 4
    hello = json.loads(frames[start:])
    assert hello["type"] == "hello" and hello["session"]
    assert len(doors.gate) == 1  # still counted by the gate


# -- the line door: the handshake, the close, the output bound --------------------


def test_the_line_door_greets_after_the_handshake_and_answers(ca: TestCA,
                                                             issued: Issued) -> None:
    """The third root cause: the greeting, written before the handshake, is held by
    the TLS layer, which pauses its producer; the door paused reading with it, so
    the ClientHello was never read. The door is the producer of TCP itself now."""
    doors = Doors()
    link = doors.link(doors.line, reloadable(issued, "line"), ca)
    link.clock.advance(0)  # the greeting reaches the TLS layer, which holds it
    assert link.server_tcp.producerState == "producing"  # still reading
    link.pump()
    assert b"Hi! I am fwbot" in link.app.take()
    assert b"fake: What is Django?" in link.send(b"What is Django?\n")
    assert link.server_tcp.producerState == "producing"


def test_the_line_door_ignores_alpn(ca: TestCA, issued: Issued) -> None:
    doors = Doors()
    link = doors.link(doors.line, reloadable(issued, "line"), ca, alpn=BROWSER_ALPN)
    link.pump()
    assert link.negotiated is None
    assert b"Hi! I am fwbot" in link.app.take()


def test_output_bounds_apply_under_tls(ca: TestCA, issued: Issued) -> None:
    """Under TLS both bounds are TCP's, under the TLS layer: --line-output-pause
    is when TCP pauses the door, --line-output-max is measured on its buffer."""
    doors = Doors(Limits(line_output_pause_bytes=1000, line_output_max_bytes=100,
                         line_idle_seconds=30))
    link = doors.link(doors.line, reloadable(issued, "line"), ca)
    link.pump()
    assert link.server_tcp.bufferSize == 1000
    telnet = link.server.wrappedProtocol.wrappedProtocol  # under TLS and the gate
    link.server_tcp.dataBuffer = b"x" * 200  # what a TCP transport holds unsent
    link.server_tcp.offset = 0
    link.send(b"django\n")
    assert telnet.dropped and link.server_tcp.disconnected
    assert doors.bot.metrics.errors.labels("line", "output_overflow")._value.get() == 1


def test_the_refusal_of_a_tls_client_arrives_after_the_handshake(ca: TestCA,
                                                                issued: Issued) -> None:
    """A half close of TCP under TLS would cut the handshake and the refusal short."""
    doors = Doors(Limits(max_per_ip=1))
    first = doors.link(doors.line, reloadable(issued, "line"), ca)
    first.pump()
    second = doors.link(doors.line, reloadable(issued, "line"), ca)
    second.pump()
    assert b"Too many connections" in second.app.take()
    assert second.closed and not second.server_tcp.disconnected  # TLS's close, no abort
    silent = doors.link(doors.line, reloadable(issued, "line"), ca)  # never says a word
    doors.clock.advance(1.0)
    assert silent.server_tcp.disconnected  # aborted after the linger
    first.send(b"django\n")
    assert len(doors.gate) == 1 and not first.closed


# -- the certificate, reloaded -----------------------------------------------------


def test_a_reload_serves_the_renewed_certificate_to_new_connections(
        ca: TestCA, issued: Issued) -> None:
    certificate = reloadable(issued)
    doors = Doors()
    before = doors.link(doors.http, certificate, ca)
    before.pump()
    renewed = ca.issue(issued.cert.parent)  # same paths, new key and certificate
    with capturedLogs() as events:
        assert certificate.reload() is True
    after = doors.link(doors.http, certificate, ca)
    after.pump()
    assert before.served_serial() == issued.serial
    assert after.served_serial() == renewed.serial
    assert "TLS certificate reloaded" in " ".join(formatEvent(e) for e in events)
    assert before.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 200")


def _garbage(issued: Issued, ca: TestCA) -> str:
    issued.cert.write_text("not a certificate\n")
    return "Error"


def _missing_key(issued: Issued, ca: TestCA) -> str:
    issued.key.unlink()
    return "No such file"


def _key_of_another_certificate(issued: Issued, ca: TestCA) -> str:
    other = ca.issue(issued.cert.parent / "other")
    issued.key.write_bytes(other.key.read_bytes())
    return "do not match"


@pytest.mark.parametrize("break_it", [_garbage, _missing_key, _key_of_another_certificate])
def test_a_broken_new_certificate_keeps_the_old_one_and_says_why(
        ca: TestCA, issued: Issued, break_it: Any) -> None:
    certificate = reloadable(issued)
    why = break_it(issued, ca)
    with capturedLogs() as events:
        assert certificate.reload() is False
    logged = " ".join(formatEvent(e) for e in events)
    assert "not reloaded, still serving CN=localhost" in logged and why in logged, logged
    doors = Doors()
    link = doors.link(doors.http, certificate, ca, alpn=BROWSER_ALPN)
    out = link.send(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert link.served_serial() == issued.serial and out.startswith(b"HTTP/1.1 200 ")


def test_intermediate_certificates_are_sent_and_reloaded(ca: TestCA, tmp_path: Path) -> None:
    """``extraCertChain=`` (a Let's Encrypt chain.pem): a client that trusts only the
    root verifies the server, before and after a reload."""
    intermediate = TestCA("fwbot test intermediate", parent=ca)
    issued = intermediate.issue(tmp_path / "tls")
    certificate = reloadable(issued)
    doors = Doors()
    link = doors.link(doors.http, certificate, ca)
    link.pump()
    assert link.served_serial() == issued.serial and link.app.lost is None
    renewed = intermediate.issue(issued.cert.parent)
    assert certificate.reload() is True
    again = doors.link(doors.http, certificate, ca)
    again.pump()
    assert again.served_serial() == renewed.serial and again.app.lost is None


def test_only_ssl_endpoints_get_a_reloadable_certificate(issued: Issued) -> None:
    reactor = MemoryReactor()
    endpoint, certificate = listening_endpoint(reactor, issued.endpoint(8443), "http")
    assert isinstance(certificate, ReloadableCertificate)
    assert endpoint._sslContextFactory is certificate  # what listenSSL will use
    assert listening_endpoint(reactor, "tcp:8080", "http")[1] is None


# -- pyOpenSSL is loaded only for a TLS door -------------------------------------

BUILD_AND_REPORT = """
import sys
from fwbot import tap
options = tap.Options()
options.parseOptions(sys.argv[1:])
tap.makeService(options)
import twisted.internet.tcp as tcp
print("OpenSSL" in sys.modules and sys.modules["OpenSSL"] is not None,
      tcp.ITLSTransport.__name__ == "ITLSTransport")
"""


def built_in_a_fresh_process(*args: str) -> str:
    """``makeService`` on ``args`` in a new interpreter (this one has pyOpenSSL
    loaded already): whether pyOpenSSL got loaded and Twisted's TCP offers TLS."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", BUILD_AND_REPORT, "--db=none", *args],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_plain_doors_leave_pyopenssl_unloaded() -> None:
    """About 5 MiB of resident memory and a tenth of a second of start-up saved."""
    assert built_in_a_fresh_process("--telnet=tcp:0", "--http=unix:/nonexistent/x") \
        == "False False"


def test_a_tls_door_loads_pyopenssl(issued: Issued) -> None:
    assert built_in_a_fresh_process("--telnet=tcp:0", f"--http={issued.endpoint(0)}") \
        == "True True"
