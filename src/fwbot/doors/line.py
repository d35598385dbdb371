"""The line door: telnet and ``nc`` clients, one UTF-8 line in, the answer out.

Two objects, as in ``twisted.conch.telnet``: ``LineTransport`` speaks the
telnet wire (IAC commands, option refusals, half-close) and ``LineDoor`` is
the application -- framing, decoding, limits, the prompt. The transport is
passive: it never starts a negotiation, so a raw ``nc`` sees only text (no
0xFF byte), while a real telnet client that asks for options gets a polite
refusal and its Ctrl-C (IAC IP) still works.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from twisted.conch.telnet import (
    AYT,
    BRK,
    EC,
    EL,
    IAC,
    IP,
    TelnetProtocol,
    TelnetTransport,
)
from twisted.internet.interfaces import (
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

from fwbot.doors.gate import GatedProtocol
from fwbot.doors.ratelimit import TokenBucket
from fwbot.doors.sendnow import send_now
from fwbot.feedback import RATINGS, Answered
from fwbot.reply import Reply, Session
from fwbot.service import Bot, user_lang

log = Logger(namespace="fwbot.line")

PROMPT = "fwbot> "
PROMPT_AFTER_LINE = ("\n" + PROMPT).encode("utf-8")
TIMING_MARK = b"\x06"  # RFC 860
DOOR = "line"

# Bytes the telnet parser must see in its data state.
_TELNET_SPECIAL = re.compile(rb"[\r\xff]")
# Bytes that end or interrupt a line: CR, LF, Ctrl-C (ETX) and Ctrl-D (EOT).
_SPECIAL = re.compile(rb"[\r\n\x03\x04]")
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


@implementer(IHalfCloseableProtocol, IPushProducer)
class LineTransport(TelnetTransport):
    """A passive telnet transport that never dies of a bad byte.

    Four changes to ``TelnetTransport``:

    - Half-close: ``printf 'q\\n' | nc -q1 host port`` shuts its sending side
      at once; without ``IHalfCloseableProtocol`` TCP would report a full
      close and the answer would be lost.
    - An unknown command after IAC makes the parent raise
      ``ValueError("Stumped")`` and drop whatever it had gathered. Data is fed
      in pieces that end at each IAC, so such a command can only be the last
      byte of a piece: it is ignored and nothing else is lost.
    - A bare CR at the end of a read would wait for the next byte before the
      line is delivered; it is delivered at once and the door swallows a
      following LF or NUL, so CR, CR LF and CR NUL each end exactly one line.
    - The door hears when a read is over (``flush``) and when a DO
      TIMING-MARK was answered, so its prompt after Ctrl-C is not hidden.

    It is also the streaming producer of its TCP connection: when the
    unsent output passes ``line_output_pause_bytes`` (a client that sends
    questions and never reads the answers) Twisted pauses it, and it stops
    reading from that client until the output drains; output past
    ``line_output_max_bytes`` drops the connection.
    """

    paused = False
    dropped = False
    factory: LineDoorFactory

    def connectionMade(self) -> None:
        limits = self.factory.bot.limits
        # Writes go to the connection under the gate's wrapper: TCP, or the TLS
        # layer on ssl: (never past TLS, which must encrypt every byte).
        self.socket_transport = self.transport
        while isinstance(self.socket_transport, GatedProtocol):
            self.socket_transport = self.socket_transport.transport
        # The TCP connection itself, under TLS too: its buffer holds what a client
        # that does not read leaves unsent, and it pauses this producer.
        self.tcp = self.socket_transport
        while isinstance(self.tcp, ProtocolWrapper):
            self.tcp = self.tcp.transport
        if hasattr(self.tcp, "bufferSize"):
            self.tcp.bufferSize = limits.line_output_pause_bytes
        # The producer of TCP, not of the TLS layer: TLS pauses its producer while
        # the handshake holds back what was written (the greeting), and paused
        # means not reading, so the ClientHello -- or the client's FIN -- would
        # never be read.
        self.tcp.registerProducer(self, True)
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

    def pauseProducing(self) -> None:
        """The client does not read: stop reading its questions."""
        self.paused = True
        self.transport.pauseProducing()

    def resumeProducing(self) -> None:
        self.paused = False
        if self.protocol is not None:
            self.protocol.resume()
        if not self.paused:
            self.transport.resumeProducing()

    def stopProducing(self) -> None:
        self.paused = True

    def shut_down(self) -> None:
        """SIGTERM: the door says goodbye and hangs up."""
        if self.protocol is not None:
            self.protocol.shut_down()
        else:
            self.loseConnection()

    def dataReceived(self, data: bytes) -> None:
        while data:
            if self.state == "escaped":
                self._feed(data[:1])
                data = data[1:]
                continue
            end = data.find(IAC)
            if end < 0:
                self._feed(data)
                break
            self._feed(data[: end + 1])
            data = data[end + 1 :]
        if self.state == "newline":
            self.state = "data"
            self.applicationDataReceived(b"\r")
        if self.protocol is not None:
            self.protocol.flush()

    def telnet_DO(self, option: bytes) -> None:
        """Answer as usual, then tell the door when the answer was a TIMING-MARK.

        A telnet client sends IAC IP IAC DO TIMING-MARK on Ctrl-C and discards
        everything it receives until our WONT TIMING-MARK, so the door must
        show its fresh prompt after that answer, not before.
        """
        super().telnet_DO(option)
        if option == TIMING_MARK and self.protocol is not None:
            self.protocol.timing_mark_answered()

    def _feed(self, piece: bytes) -> None:
        """Parse ``piece``; plain text goes to the door in one call, not byte by byte.

        ``TelnetTransport`` walks every byte in Python, which made one
        client's flood cost every other client ~10 ms per 64 KiB read. In the
        ``data`` state only CR and IAC mean anything, so the text before the
        next of them is passed on at once and only the parser's real work --
        CR and what follows it, commands -- goes through the parent.
        """
        while piece:
            step = piece
            if self.state == "data":
                cut = _TELNET_SPECIAL.search(piece)
                end = cut.start() if cut else len(piece)
                if end:
                    self.applicationDataReceived(piece[:end])
                    piece = piece[end:]
                    continue
                step = piece[:2]  # CR and the byte that says what it means
            try:
                super().dataReceived(step)
            except ValueError:
                # Stumped: IAC followed by a byte that is no telnet command.
                log.debug("ignored an unknown telnet command {piece!r}", piece=step)
                self.state = "data"
            piece = piece[len(step) :]

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
        self._interrupted = False  # a fresh prompt is owed after Ctrl-C
        self._awaiting_timing_mark = False
        self._pending = b""  # read but not framed while the output is backed up
        self._storing = False  # a rating is being committed; its thanks comes first
        self.last: Answered | None = None  # the answer ``/rate`` rates
        self._warned = False  # told "slow down" since the last accepted message
        if clock is None:
            from twisted.internet import reactor as clock
        else:
            self.callLater = clock.callLater
        self.bucket = TokenBucket(clock, bot.limits.rate, bot.limits.burst)

    # -- connection life ------------------------------------------------------

    def connectionMade(self) -> None:
        self.bot.metrics.connected(DOOR)
        self.setTimeout(self.bot.limits.line_idle_seconds or None)
        self._say(self.bot.engine.greeting())
        self._prompt()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
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
        if not self._closing:
            self.transport.write(b"\n")
            self._say(self.bot.text("shutting_down", user_lang(self.session)))
            self._close()

    def timeoutConnection(self) -> None:
        """Idle too long: say so in the user's language and hang up."""
        self.transport.write(b"\n")
        self._say(self.bot.text("idle_timeout", user_lang(self.session)))
        self._close()

    # -- telnet commands (the transport refuses every option for us) ----------

    def enableLocal(self, option: bytes) -> bool:
        return False

    def enableRemote(self, option: bytes) -> bool:
        return False

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
            if self._warned and not self.bucket.ready():
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
            elif not self._buffer and not self._overflow:
                # Ctrl-D on an empty line ends the session, as in a shell;
                # on a line with text it is ignored.
                self._answer("/quit")

    def _drop_flood(self, data: bytes) -> bytes:
        """Told to slow down and still no token: drop every whole line of this read unread.

        Framing, decoding and normalising each line of a flood only to refuse
        it would spend on one abusive client the time the others' answers
        need; cutting at the last line end costs one search per read.
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
        self._interrupted = True
        self._awaiting_timing_mark = True

    def flush(self) -> None:
        """End of one read: pay a prompt owed since Ctrl-C."""
        if self._interrupted and not self._closing:
            self._interrupted = False
            self.transport.write(b"\n" + PROMPT.encode("utf-8"))

    def timing_mark_answered(self) -> None:
        """The client shows output again; repeat the prompt if it was hidden."""
        if self._awaiting_timing_mark:
            self._awaiting_timing_mark = False
            if not self._interrupted:  # the prompt went out in an earlier read
                self._interrupted = True

    def _end_line(self) -> None:
        raw, overflow = bytes(self._buffer), self._overflow
        self._clear_line()
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
        elif not self.bucket.take():
            if not self._warned:  # once per burst: a flood gets one line, not one each
                self._warned = True
                self._error("rate_limited", lang)
        else:
            self._warned = False
            if text.split(maxsplit=1)[0].lower() == "/rate":
                self._rate(text)
            else:
                self._answer(text)

    # -- output ---------------------------------------------------------------

    def _answer(self, text: str) -> None:
        reply = self.bot.ask(DOOR, self.session, text)
        self.last = Answered.of(reply)
        if reply.close:
            self._say(render(reply, self.bot))
            self._close()
        elif self._interrupted:
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
        self._storing = True
        wire = self.transport.transport
        wire.pauseProducing()
        stored = self.bot.rate(DOOR, self.last, rating, parts[2] if len(parts) > 2 else None)

        def done(result: Any) -> None:
            self._storing = False
            if self._closing:
                return
            if isinstance(result, Failure):
                log.failure("could not store a rating", failure=result)
                self._error("storage_unavailable", lang)
            else:
                self._say(self.bot.text("feedback_thanks", lang))
                self._prompt()
            if not self._backed_up():
                wire.resumeProducing()
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
        if self._interrupted:
            self.flush()  # the owed prompt is this prompt
        else:
            self.transport.write(PROMPT.encode("utf-8"))

    def _close(self) -> None:
        if not self._closing:
            self._closing = True
            self.setTimeout(None)
            if self._backed_up():  # the goodbye would never drain: do not wait for it
                self.transport.transport.abortConnection()
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


class LineDoorFactory(Factory):
    """Builds a passive telnet transport around a fresh ``LineDoor`` per connection."""

    def __init__(self, bot: Bot, clock: IReactorTime | None = None) -> None:
        self.bot = bot
        self.clock = clock

    def buildProtocol(self, addr: Any) -> LineTransport:
        transport = LineTransport(LineDoor, self.bot, self.clock)
        transport.factory = self
        return transport
