"""The telnet wire of the line door: IAC commands, option negotiation, half-close,
back-pressure (contract: ``protocols/line.md``, "Telnet").

Ukrainian from a real telnet client needs one negotiation: until the server
says DO BINARY, GNU telnet reads each byte of the user's line as 7-bit and
takes the second byte of у, я, К, М, Н (0x83, 0x8F, 0x9A, 0x9C, 0x9D) for
Ctrl-C, Ctrl-O, Ctrl-Z, Ctrl-\\ and its escape key. ``nc`` must never see a
0xFF byte, and neither kind of client says what it is before the user's
first line. So the server waits: a client that sends text within
``line_telnet_offer_seconds`` of connecting (a script, ``printf | nc``)
never sees a negotiation; a client that waits (a person at a terminal)
gets IAC DO BINARY before its first prompt, and so does a client that
sends any telnet command first. Every other option is refused; the
client's own BINARY requests are accepted both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from twisted.conch.telnet import (
    AO,
    AYT,
    BRK,
    DM,
    DO,
    DONT,
    EC,
    EL,
    EOR,
    GA,
    IAC,
    IP,
    NOP,
    SB,
    SE,
    WILL,
    WONT,
    TelnetTransport,
)
from twisted.internet.interfaces import (
    IHalfCloseableProtocol,
    IPushProducer,
    IReactorTime,
    ITransport,
)
from twisted.logger import Logger
from twisted.protocols.policies import ProtocolWrapper
from zope.interface import implementer

from fwbot.doors.gate import IConnection, beneath_gate
from fwbot.doors.ratelimit import TokenBucket
from fwbot.doors.sendnow import send_now

if TYPE_CHECKING:
    from fwbot.doors.line import LineDoor, LineDoorFactory

log = Logger(namespace="fwbot.line")

DOOR = "line"
BINARY = b"\x00"  # RFC 856
TIMING_MARK = b"\x06"  # RFC 860
# Telnet commands after IAC: the four that name an option, and the ones alone.
_NEGOTIATION = frozenset((WILL, WONT, DO, DONT))
_COMMANDS = frozenset((EOR, NOP, DM, BRK, IP, AO, AYT, EC, EL, GA))
# Longest subnegotiation (IAC SB ... IAC SE) skipped; Twisted's own bound.
MAX_SUBNEGOTIATION_BYTES = 4096
# Telnet commands a connection earns back each second once it has spent its budget.
TELNET_REFILL_PER_SECOND = 1.0


def unsent_bytes(transport: object) -> int:
    """Bytes written to a Twisted TCP transport and not yet sent (0 if unknown).

    ``FileDescriptor`` keeps them in ``dataBuffer`` (from ``offset`` on) and
    ``_tempDataBuffer``; no public API tells the size. Under TLS this is the
    TCP connection beneath the TLS layer, so it counts encrypted bytes; the
    TLS layer itself holds at most one turn's small writes (Twisted joins
    them, up to 64 KB) and, before the handshake, the greeting.
    """
    buffered = getattr(transport, "dataBuffer", b"")
    offset = getattr(transport, "offset", 0)
    temp = getattr(transport, "_tempDataLen", 0)
    try:
        return max(0, len(buffered) - int(offset)) + int(temp)
    except TypeError:
        return 0


@implementer(IHalfCloseableProtocol, IPushProducer, ITransport)
class LineTransport(TelnetTransport):
    """A telnet transport that reads the wire in bulk and never dies of a bad byte.

    What it changes in ``TelnetTransport``:

    - Parsing: Twisted's parser walks every byte in Python, which made one
      client's flood cost every other client ~10 ms per 64 KiB read. Here
      text up to the next IAC goes to the door in one piece (CR and LF
      included: the door frames lines itself), and each command is handed to
      Twisted's ``commandReceived``, whose option state (``getOptionState``)
      already ignores a request for the state an option is in (RFC 1143).
    - Repeats: within one read, the same request (say DO ECHO) is answered
      once; only DO TIMING-MARK is answered every time, since a client hides
      its output until that answer.
    - Budget: every IAC byte spends one token of a bucket of
      ``line_telnet_budget`` (refilled by one a second). A read that would
      overdraw it, or a subnegotiation longer than 4096 bytes, makes the door
      say why and hang up, before that read is parsed: a person pressing
      Ctrl-C (two commands) never gets near it, a negotiation stream is cut
      after one read.
    - BINARY: accepted both ways when the client asks, offered (DO BINARY)
      once when the door decides the client is a telnet client.
    - An unknown command after IAC is ignored; half-close
      (``IHalfCloseableProtocol``) lets ``printf 'q\\n' | nc -q1`` read its
      answer; the door hears when a read is over (``flush``) and when a DO
      TIMING-MARK was answered, so its prompt after Ctrl-C is not hidden.

    It is the door's ``ITransport`` (``TelnetTransport`` passes writes,
    ``getPeer`` and ``loseConnection`` down, escaped where telnet needs it).
    It is also the streaming producer of its TCP connection: when the
    unsent output passes ``line_output_pause_bytes`` (a client that sends
    questions and never reads the answers) Twisted pauses it, and it stops
    reading from that client until the output drains; output past
    ``line_output_max_bytes`` drops the connection.
    """

    paused = False
    dropped = False
    hung_up = False  # over the telnet budget: nothing more is read
    heard = False  # the client has sent something
    offered = False  # DO BINARY was sent, or is not needed
    factory: LineDoorFactory
    transport: IConnection  # the gate's wrapper (or, in tests, a StringTransport)
    protocol: LineDoor | None  # the door, from connectionMade on

    def connectionMade(self) -> None:
        limits = self.factory.bot.limits
        # Writes go to the connection under the gate's wrapper: TCP, or the TLS
        # layer on ssl: (never past TLS, which must encrypt every byte).
        self.socket_transport: IConnection = beneath_gate(self.transport)
        # The TCP connection itself, under TLS too: its buffer holds what a client
        # that does not read leaves unsent, and it pauses this producer.
        self.tcp: IConnection = self.socket_transport
        while isinstance(self.tcp, ProtocolWrapper):  # the TLS layer: TCP is beneath it
            self.tcp = cast(IConnection, self.tcp.transport)
        if hasattr(self.tcp, "bufferSize"):  # FileDescriptor's: no interface names it
            setattr(self.tcp, "bufferSize", limits.line_output_pause_bytes)  # noqa: B010
        # The producer of TCP, not of the TLS layer: TLS pauses its producer while
        # the handshake holds back what was written (the greeting), and paused
        # means not reading, so the ClientHello -- or the client's FIN -- would
        # never be read.
        self.tcp.registerProducer(self, True)
        clock = self.factory.clock
        if clock is None:
            from twisted.internet import reactor

            clock = cast(IReactorTime, reactor)
        self.budget = TokenBucket(clock, TELNET_REFILL_PER_SECOND, limits.line_telnet_budget)
        self._holds: set[str] = set()  # why the connection is not read now (``hold``)
        self._partial = b""  # an IAC command cut by the end of a read
        self._subnegotiation: int | None = None  # bytes skipped in IAC SB ... so far
        super().connectionMade()

    def write(self, data: bytes) -> None:
        """``TelnetTransport.write``: IAC doubled, LF as CR LF."""
        self.write_telnet(telnet_escape(data))

    def write_telnet(self, data: bytes) -> None:
        """Write bytes already in telnet form, sent at once when nothing is waiting.

        The gate's wrapper in between only passes writes on, so the bytes go
        straight to the TCP connection (see :mod:`fwbot.doors.sendnow`).
        """
        if send_now(self.socket_transport, data) and self.tcp is self.socket_transport:
            return  # all sent on plain TCP: nothing is waiting, no backlog to measure
        backlog = unsent_bytes(self.tcp)
        if backlog > self.factory.bot.limits.line_output_max_bytes and not self.dropped:
            log.info("dropped a line client that does not read ({backlog} bytes unsent)",
                     backlog=backlog)
            self.factory.bot.metrics.error(DOOR, "output_overflow")
            self.dropped = True
            self.transport.abortConnection()

    def hold(self, why: str) -> None:
        """Stop reading from the client for ``why`` until ``release(why)``.

        Three reasons may overlap -- the output is backed up (``output``), a
        rating is being stored (``storing``), the client is over its rate
        (``rate``) -- and the connection is read again only once none is
        left: TCP's pause is one switch, not a count.
        """
        if not self._holds:
            self.transport.pauseProducing()
        self._holds.add(why)

    def release(self, why: str) -> None:
        """``why`` no longer applies: read again if nothing else holds the connection."""
        if why in self._holds:
            self._holds.discard(why)
            if not self._holds and self.connected:
                self.transport.resumeProducing()

    def pauseProducing(self) -> None:
        """The client does not read: stop reading its questions."""
        self.paused = True
        self.hold("output")

    def resumeProducing(self) -> None:
        self.paused = False
        if self.protocol is not None:
            self.protocol.resume()
        if not self.paused:
            self.release("output")

    def stopProducing(self) -> None:
        self.paused = True

    def shut_down(self) -> None:
        """SIGTERM: the door says goodbye and hangs up."""
        if self.protocol is not None:
            self.protocol.shut_down()
        else:
            self.loseConnection()

    # -- reading --------------------------------------------------------------

    def dataReceived(self, data: bytes) -> None:
        if self.hung_up or self.protocol is None:
            return
        if not self.heard:
            self.heard = True
            self.protocol.client_spoke()
        commands = data.count(IAC)  # one C-speed pass; the budget is checked before parsing
        if commands and not self.budget.take(commands):
            self._over_budget(f"{commands} telnet commands in one read")
            return
        if self._partial:
            data, self._partial = self._partial + data, b""
        if data and not commands and self._subnegotiation is None and not data.startswith(IAC):
            # No IAC in the read (nearly every one): all of it is text, as _parse
            # would find with its first search, without its set and its search.
            self.protocol.dataReceived(data)
        else:
            self._parse(data, self.protocol.dataReceived)
        protocol = self.protocol
        if protocol is not None and protocol._owed_prompt:  # ``flush``'s test, written out
            protocol.flush()

    def _parse(self, data: bytes, deliver: Callable[[bytes], None]) -> None:
        """Text to ``deliver`` (the door's) in pieces between IACs; each command to
        ``commandReceived``."""
        answered: set[bytes] = set()  # requests answered in this read
        pos, end = 0, len(data)
        while pos < end and not self.hung_up:
            if self._subnegotiation is not None:
                pos = self._skip_subnegotiation(data, pos)
                continue
            cut = data.find(IAC, pos)
            if cut < 0:
                deliver(data[pos:] if pos else data)
                return
            if cut > pos:
                deliver(data[pos:cut])
            command = data[cut + 1 : cut + 2]
            if command in _NEGOTIATION:
                option = data[cut + 2 : cut + 3]
                if not option:
                    self._partial = data[cut:]
                    return
                pos = cut + 3
                request = command + option
                if request == DO + TIMING_MARK or request not in answered:
                    answered.add(request)
                    self.commandReceived(command, option)
            elif command == IAC:  # a 0xFF data byte
                deliver(IAC)
                pos = cut + 2
            elif command == SB:
                self._subnegotiation = 0
                pos = cut + 2
            elif command == AYT:  # answered with a line: once a read
                pos = cut + 2
                if command not in answered:
                    answered.add(command)
                    self.commandReceived(command, None)
            elif command in _COMMANDS:
                pos = cut + 2
                self.commandReceived(command, None)
            elif not command:
                self._partial = IAC
                return
            else:
                log.debug("ignored an unknown telnet command {command!r}", command=command)
                pos = cut + 2

    def _skip_subnegotiation(self, data: bytes, pos: int) -> int:
        """Skip ``IAC SB ... IAC SE``: every option that has one is refused, so
        its payload is counted, never kept."""
        end = len(data)
        skipped = self._subnegotiation or 0
        while skipped <= MAX_SUBNEGOTIATION_BYTES:
            cut = data.find(IAC, pos)
            if cut < 0 or cut + 1 >= end:
                skipped += (end if cut < 0 else cut) - pos
                if cut >= 0:
                    self._partial = IAC
                break
            if data[cut + 1 : cut + 2] == SE:
                self._subnegotiation = None
                return cut + 2
            skipped += cut + 2 - pos  # IAC IAC, or IAC and a byte: payload
            pos = cut + 2
        self._subnegotiation = skipped
        if skipped > MAX_SUBNEGOTIATION_BYTES:
            self._over_budget(f"a subnegotiation over {MAX_SUBNEGOTIATION_BYTES} bytes")
        return end

    def _over_budget(self, what: str) -> None:
        """Past the telnet budget: nothing more is read, the door says why and hangs up."""
        self.hung_up = True
        log.info("hung up on a line client over its telnet budget ({what})", what=what)
        self.factory.bot.metrics.error(DOOR, "telnet_flood")
        if self.protocol is not None:  # None once the connection is lost
            self.protocol.hang_up("telnet_flood")

    def commandReceived(self, command: bytes, argument: bytes | None) -> None:
        """Any telnet command shows a telnet client: offer BINARY if not yet done."""
        super().commandReceived(command, argument)
        if not self.offered and self.factory.bot.limits.line_telnet_offer_seconds > 0:
            self.offer_binary()

    def offer_binary(self) -> None:
        """Ask the client to send 8-bit data (IAC DO BINARY), once per connection."""
        if self.offered:
            return
        self.offered = True
        state = self.getOptionState(BINARY).him
        if state.state == "no" and not state.negotiating:
            # A refusal (WONT) or a lost connection fails the Deferred; either is fine.
            self.do(BINARY).addErrback(lambda _: None)

    @property
    def sends_binary(self) -> bool:
        """We agreed to send BINARY: the client's terminal no longer adds CR to LF."""
        state = self.options.get(BINARY)
        return state is not None and state.us.state == "yes"

    def telnet_DO(self, option: bytes) -> None:
        """Answer as usual, then tell the door when the answer was a TIMING-MARK.

        A telnet client sends IAC IP IAC DO TIMING-MARK on Ctrl-C and discards
        everything it receives until our WONT TIMING-MARK, so the door must
        show its fresh prompt after that answer, not before.
        """
        super().telnet_DO(option)
        if option == TIMING_MARK and self.protocol is not None:
            self.protocol.timing_mark_answered()

    def readConnectionLost(self) -> None:
        """The client sent EOF: let the door answer what it has, then close."""
        if self.protocol is not None and IHalfCloseableProtocol.providedBy(self.protocol):
            self.protocol.readConnectionLost()
        else:
            self.loseConnection()

    def writeConnectionLost(self) -> None:
        """The client no longer reads: nothing left to say, close."""
        self.loseConnection()


def telnet_escape(data: bytes) -> bytes:
    """Text as the telnet wire carries it: a data 0xFF byte doubled, LF as CR LF."""
    return data.replace(IAC, IAC + IAC).replace(b"\n", b"\r\n")
