"""The line door: telnet and ``nc`` clients, one UTF-8 line in, the answer out.

Two objects, as in ``twisted.conch.telnet``: ``LineTransport`` speaks the
telnet wire (IAC commands, option negotiation, half-close) and ``LineDoor``
is the application -- framing, decoding, limits, the prompt.

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

import re
import unicodedata
from collections.abc import Callable
from typing import Any, cast

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
    TelnetProtocol,
    TelnetTransport,
)
from twisted.internet.interfaces import (
    IDelayedCall,
    IHalfCloseableProtocol,
    IPushProducer,
    IReactorTime,
    ITransport,
)
from twisted.internet.protocol import Factory, connectionDone
from twisted.logger import Logger
from twisted.protocols.policies import ProtocolWrapper, TimeoutMixin
from twisted.python.failure import Failure
from zope.interface import implementer

from fwbot.doors.gate import GatedProtocol, IConnection, peer_host
from fwbot.doors.ratelimit import Throttle, TokenBucket
from fwbot.doors.sendnow import send_now
from fwbot.feedback import RATINGS, Answered, Refused
from fwbot.reply import Reply, Session
from fwbot.service import Bot, user_lang

log = Logger(namespace="fwbot.line")

PROMPT = "fwbot> "
PROMPT_BYTES = PROMPT.encode("utf-8")
PROMPT_AFTER_LINE = b"\n" + PROMPT_BYTES
BINARY = b"\x00"  # RFC 856
TIMING_MARK = b"\x06"  # RFC 860
DOOR = "line"

# Telnet commands after IAC: the four that name an option, and the ones alone.
_NEGOTIATION = frozenset((WILL, WONT, DO, DONT))
_COMMANDS = frozenset((EOR, NOP, DM, BRK, IP, AO, AYT, EC, EL, GA))
# Longest subnegotiation (IAC SB ... IAC SE) skipped; Twisted's own bound.
MAX_SUBNEGOTIATION_BYTES = 4096
# Telnet commands a connection earns back each second once it has spent its budget.
TELNET_REFILL_PER_SECOND = 1.0
# Bytes that end, interrupt or edit a line: CR, LF, Ctrl-C (ETX), Ctrl-D (EOT),
# and backspace (BS, DEL).
_SPECIAL = re.compile(rb"[\r\n\x03\x04\x08\x7f]")
# Control characters a person did not mean to send (tab becomes a space),
# C0, DEL and the C1 range alike.
_CONTROL = ({c: None for c in range(32) if c != 9} | {9: " ", 127: None}
            | {c: None for c in range(0x80, 0xA0)})


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
        self.socket_transport: IConnection = self.transport
        while isinstance(self.socket_transport, GatedProtocol):
            self.socket_transport = self.socket_transport.transport
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
        send_now(self.socket_transport, data)
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
        self._parse(data, self.protocol.dataReceived)
        if self.protocol is not None:
            self.protocol.flush()

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


@implementer(IHalfCloseableProtocol)
class LineDoor(TelnetProtocol, TimeoutMixin):
    """One telnet or ``nc`` conversation: frames lines and passes them through.

    Bytes are buffered only up to ``bot.limits.line_bytes``; beyond that the
    rest of the line is dropped as it arrives and the user gets an error
    line when it ends, so a newline-less flood costs no memory.
    """

    def __init__(self, bot: Bot, clock: IReactorTime | None = None) -> None:
        self.bot = bot
        self.session = Session()
        self._buffer = bytearray()
        self._overflow = False
        self._after_cr = False
        self._closing = False
        # The prompt owed (written at the end of the read or before anything
        # else): the first one, or a fresh one after Ctrl-C.
        self._owed_prompt = b""
        self._offer: IDelayedCall | None = None  # the BINARY offer, until the client speaks
        self._awaiting_timing_mark = False
        self._pending = b""  # read but not framed while the output is backed up
        self._storing = False  # a rating is being committed; its thanks comes first
        self.last: Answered | None = None  # the answer ``/rate`` rates
        self._warned = False  # told "slow down" since the last accepted message
        self._rate_hold: IDelayedCall | None = None  # over the rate: reading stops until then
        if clock is None:
            from twisted.internet import reactor

            clock = cast(IReactorTime, reactor)
        self._clock = clock
        self.throttle: Throttle | None = None  # set once the peer is known

    transport: LineTransport  # the telnet transport this door runs in (``TelnetTransport``)

    @property
    def wire(self) -> LineTransport:
        """The telnet transport this door runs in: ``transport``, by the name its holds use."""
        return self.transport

    def callLater(self, delay: float, func: Callable[..., object],
                  *args: object) -> IDelayedCall:
        """The door's timers (``TimeoutMixin``'s idle timeout too) on the door's clock.

        ``TimeoutMixin.callLater`` always uses the global reactor; a test's
        ``Clock`` given to the factory has to drive them all.
        """
        return self._clock.callLater(delay, func, *args)

    # -- connection life ------------------------------------------------------

    def connectionMade(self) -> None:
        """Greet; the first prompt waits for the BINARY offer or the client's first bytes.

        A script sends at once and gets the prompt at once, with no telnet
        byte; a client still silent after ``line_telnet_offer_seconds`` is
        offered BINARY, then shown the prompt (after a CR, so on a raw
        terminal the prompt is drawn over the offer's three bytes).
        """
        self.bot.metrics.connected(DOOR)
        self.throttle = self.bot.throttle(peer_host(self.wire.getPeer()), self._clock)
        self.setTimeout(self.bot.limits.line_idle_seconds or None)
        self._say(self.bot.engine.greeting())
        delay = self.bot.limits.line_telnet_offer_seconds
        if delay > 0:
            self._owed_prompt = PROMPT_BYTES
            self._offer = self.callLater(delay, self._offer_binary)
        else:
            self._prompt()

    def client_spoke(self) -> None:
        """The client's first bytes: a client that speaks first is offered nothing unasked."""
        if self._offer is not None:
            self._offer.cancel()
            self._offer = None

    def _offer_binary(self) -> None:
        self._offer = None
        self.transport.offer_binary()
        if self._owed_prompt == PROMPT_BYTES:
            self._owed_prompt = b"\r" + PROMPT_BYTES
        self.flush()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.client_spoke()  # no offer to a client that left
        if self._rate_hold is not None and self._rate_hold.active():
            self._rate_hold.cancel()
        self._rate_hold = None
        self.setTimeout(None)
        self.bot.metrics.disconnected(DOOR)

    def readConnectionLost(self) -> None:
        """EOF from the client: answer the unterminated last line, then hang up."""
        if not self._closing:
            if self._buffer or self._overflow:
                self._end_line()
            self._close()

    def writeConnectionLost(self) -> None:
        self._close()

    def shut_down(self) -> None:
        """The server stops: say so in the user's language and hang up."""
        self.hang_up("shutting_down")

    def timeoutConnection(self) -> None:
        """Idle too long: say so in the user's language and hang up."""
        self.hang_up("idle_timeout")

    def hang_up(self, code: str) -> None:
        """Say why on a line of its own, in the user's language, and close."""
        if not self._closing:
            self.client_spoke()
            self._owed_prompt = b""
            self.transport.write(b"\n")
            self._say(self.bot.text(code, user_lang(self.session)))
            self._close()

    # -- telnet options: BINARY both ways, nothing else ------------------------
    # Refusing SGA and ECHO keeps a telnet client in line mode: its terminal
    # edits and echoes the line, and sends it whole on Enter.

    def enableLocal(self, option: bytes) -> bool:
        return option == BINARY

    def enableRemote(self, option: bytes) -> bool:
        return option == BINARY

    def disableLocal(self, option: bytes) -> None:
        """BINARY off again: nothing to undo, the door's text is the same."""

    def disableRemote(self, option: bytes) -> None:
        """BINARY off again: nothing to undo, the door reads UTF-8 either way."""

    def unhandledCommand(self, command: bytes, argument: bytes | None) -> None:
        """Ctrl-C (IP, BRK), erase char/line (EC, EL) and "are you there"."""
        if command in (IP, BRK):
            self._interrupt()
        elif command == EL:
            self._clear_line()
        elif command == EC:
            self._erase_char()
        elif command == AYT:
            self._say(self.bot.text("are_you_there", user_lang(self.session)))

    # -- framing --------------------------------------------------------------

    def dataReceived(self, data: bytes) -> None:
        if self._closing:
            return
        self.resetTimeout()
        if self._pending or self._backed_up():
            self._pending += data  # at most one read: reading is paused
            return
        if self._after_cr and data[:1] in (b"\n", b"\0"):
            data = data[1:]
        self._after_cr = False
        while data and not self._closing:
            if self._backed_up():
                self._pending = data
                return
            if self._rate_hold is not None:
                data = self._drop_flood(data)
                if not data:
                    return
            match = _SPECIAL.search(data)
            if match is None:
                self._collect(data)
                return
            self._collect(data[: match.start()])
            special, data = match.group(), data[match.end() :]
            if special == b"\r":
                if data[:1] in (b"\n", b"\0"):
                    data = data[1:]
                elif not data:
                    self._after_cr = True
                self._end_line()
            elif special == b"\n":
                self._end_line()
            elif special == b"\x03":
                self._interrupt()
            elif special in b"\x08\x7f":  # backspace or DEL: one character, not one byte
                self._erase_char()
            elif not self._buffer and not self._overflow:
                # Ctrl-D on an empty line ends the session, as in a shell;
                # on a line with text it is ignored.
                self._answer("/quit")

    def _drop_flood(self, data: bytes) -> bytes:
        """Over the rate: drop every whole line of the rest of this read unread.

        Framing, decoding and normalising each line of a flood only to refuse
        it would spend on one abusive client the time the others' answers
        need; cutting at the last line end costs one search per read. No
        further read comes until the rate allows a line again (``_slow_down``).
        """
        end = max(data.rfind(b"\n"), data.rfind(b"\r"))
        if end < 0:
            return data
        self._clear_line()
        self._after_cr = end == len(data) - 1 and data[end:] == b"\r"
        return data[end + 1 :]

    def _backed_up(self) -> bool:
        return self._storing or bool(getattr(self.transport, "paused", False))

    def resume(self) -> None:
        """The client reads again: frame what was read while it did not."""
        data, self._pending = self._pending, b""
        if data:
            self.dataReceived(data)
        self.flush()

    def _collect(self, data: bytes) -> None:
        if self._overflow or not data:
            return
        if len(self._buffer) + len(data) > self.bot.limits.line_bytes:
            self._overflow = True
            self._buffer.clear()
        else:
            self._buffer += data

    def _clear_line(self) -> None:
        self._buffer.clear()
        self._overflow = False

    def _erase_char(self) -> None:
        """Drop the last UTF-8 character (not byte) typed."""
        while self._buffer:
            last = self._buffer.pop()
            if last & 0xC0 != 0x80:
                break

    def _interrupt(self) -> None:
        """Ctrl-C: abandon the line being typed; a fresh prompt follows.

        The prompt is owed, not written: it goes out at the end of this read
        (``flush``) or before anything else is written, which puts it after
        the transport's WONT TIMING-MARK when IP and DO TM came together.
        """
        self._clear_line()
        self._owed_prompt = PROMPT_AFTER_LINE
        self._awaiting_timing_mark = True

    def flush(self) -> None:
        """End of one read: pay the prompt owed (the first one, or after Ctrl-C)."""
        if self._owed_prompt and not self._closing:
            owed, self._owed_prompt = self._owed_prompt, b""
            self.transport.write(owed)

    def timing_mark_answered(self) -> None:
        """The client shows output again; repeat the prompt if it was hidden."""
        if self._awaiting_timing_mark:
            self._awaiting_timing_mark = False
            if not self._owed_prompt:  # the prompt went out in an earlier read
                self._owed_prompt = PROMPT_AFTER_LINE

    def _end_line(self) -> None:
        raw, overflow = bytes(self._buffer), self._overflow
        self._clear_line()
        if self.transport.sends_binary:
            # The client's terminal echoed Enter as a bare LF (its output is
            # raw in BINARY): go back to the first column before answering.
            self.transport.write_telnet(b"\r")
        lang = user_lang(self.session)
        if overflow:
            self._error("line_too_long", lang, limit=self.bot.limits.line_bytes)
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._error("invalid_utf8", lang)
            return
        text = unicodedata.normalize("NFC", text.translate(_CONTROL)).strip()
        if not text:
            self._prompt()
        elif self.throttle is not None and not self.throttle.take():
            if not self._warned:  # once per burst: a flood gets one line, not one each
                self._warned = True
                self._error("rate_limited", lang)
            self._slow_down()
        else:
            if self._warned and (not self.throttle or not self.throttle.wait()):
                # Below its rate again, not riding the edge of it: a later burst
                # gets its own notice, a flood read on at the rate does not.
                # (Asked only once warned: wait() looks the address's bucket up
                # and refills both, on every message otherwise.)
                self._warned = False
            if text.split(maxsplit=1)[0].lower() == "/rate":
                self._rate(text)
            else:
                self._answer(text)

    def _slow_down(self) -> None:
        """Over the rate: stop reading until the next line could pass (TCP back-pressure).

        A flooding client then costs nothing but its kernel buffers: what it
        sends waits in them, unread, and what this read still holds is
        dropped whole lines at a time. A person who typed a little too fast
        has had the "slow down" line and is read again within a second.
        """
        if self._rate_hold is not None or self.throttle is None:
            return
        self.wire.hold("rate")
        self._rate_hold = self.callLater(max(self.throttle.wait(), 0.01), self._read_again)

    def _read_again(self) -> None:
        self._rate_hold = None
        self.wire.release("rate")

    # -- output ---------------------------------------------------------------

    def _answer(self, text: str) -> None:
        reply = self.bot.ask(DOOR, self.session, text, self.throttle)
        self.last = Answered.of(reply)
        if reply.close:
            self._say(render(reply, self.bot))
            self._close()
        elif self._owed_prompt:
            self._say(render(reply, self.bot))
            self._prompt()
        else:  # the answer and the next prompt in one write, rendered once per answer
            self.transport.write_telnet(reply.rendered(DOOR, self._answer_bytes))

    def _answer_bytes(self, reply: Reply) -> bytes:
        return telnet_escape(render(reply, self.bot).rstrip("\n").encode("utf-8")
                             + PROMPT_AFTER_LINE)

    def _rate(self, text: str) -> None:
        """``/rate up|down [comment]``: store a rating of the last answer, then thank.

        Framing stops (and so does reading from the client) until the rating
        is committed, so the thanks comes before any later answer and means
        the rating is on disk.
        """
        lang = user_lang(self.session)
        parts = text.split(maxsplit=2)
        rating = parts[1].lower() if len(parts) > 1 else ""
        rating = {"👍": "up", "+": "up", "👎": "down", "-": "down"}.get(rating, rating)
        if rating not in RATINGS:
            self._error("feedback_usage", lang)
            return
        if self.last is None:
            self._error("nothing_to_rate", lang)
            return
        comment = parts[2] if len(parts) > 2 else None
        if comment is not None and len(comment) > self.bot.limits.rating_comment_chars:
            self._error("comment_too_long", lang, limit=self.bot.limits.rating_comment_chars)
            return
        self._storing = True
        self.wire.hold("storing")
        stored = self.bot.rate(DOOR, self.last, rating, comment,
                               peer_host(self.transport.getPeer()))

        def done(result: Any) -> None:
            self._storing = False
            if self._closing:
                return
            if isinstance(result, Failure):
                self._error(Refused.of(result).code, lang)  # logged by the bot if unexpected
            else:
                self._say(self.bot.text("feedback_thanks", lang))
                self._prompt()
            self.wire.release("storing")
            self.resume()

        stored.addBoth(done)

    def _error(self, code: str, lang: str, **kw: Any) -> None:
        self.bot.metrics.error(DOOR, code)
        self._say(self.bot.text(code, lang, **kw))
        self._prompt()

    def _say(self, text: str) -> None:
        """Write text lines; the telnet transport turns each LF into CR LF."""
        self.flush()
        self.transport.write(text.rstrip("\n").encode("utf-8") + b"\n")

    def _prompt(self) -> None:
        if self._owed_prompt:
            self.flush()  # the owed prompt is this prompt
        else:
            self.transport.write(PROMPT_BYTES)

    def _close(self) -> None:
        if not self._closing:
            self._closing = True
            self.setTimeout(None)
            if self._backed_up():  # the goodbye would never drain: do not wait for it
                self.transport.transport.abortConnection()  # under the telnet layer
            else:
                self.transport.loseConnection()


def telnet_escape(data: bytes) -> bytes:
    """Text as the telnet wire carries it: a data 0xFF byte doubled, LF as CR LF."""
    return data.replace(IAC, IAC + IAC).replace(b"\n", b"\r\n")


def render(reply: Reply, bot: Bot) -> str:
    """A Reply as text lines: the answer, then the follow-ups one could ask."""
    lines = [reply.reply]
    if reply.suggestions and not reply.close:
        lines.append(bot.text("suggestions", reply.lang))
        lines.extend(f"  • {s}" for s in reply.suggestions)
    return "\n".join(lines)


def refusal(bot: Bot) -> Callable[[ITransport], None]:
    """What a line client over the connection limits reads before the door closes."""

    def refuse(transport: ITransport) -> None:
        text = "\r\n".join(bot.text("too_many_connections", lang) for lang in ("uk", "en"))
        transport.write(text.encode("utf-8") + b"\r\n")

    return refuse


class LineDoorFactory(Factory[LineTransport]):
    """Builds a passive telnet transport around a fresh ``LineDoor`` per connection."""

    def __init__(self, bot: Bot, clock: IReactorTime | None = None) -> None:
        self.bot = bot
        self.clock = clock

    def buildProtocol(self, addr: Any) -> LineTransport:
        transport = LineTransport(LineDoor, self.bot, self.clock)
        transport.factory = self
        return transport
