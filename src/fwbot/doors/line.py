"""The line door: telnet and ``nc`` clients, one UTF-8 line in, the answer out.

Two objects, as in ``twisted.conch.telnet``: ``LineTransport``
(``fwbot.doors.telnet``) speaks the telnet wire and ``LineDoor`` is the
application: lines (framed by ``fwbot.doors.line_framing``) decoded and
handed to the conversation (``fwbot.conversation``), whose answers and
refusals it renders as text lines and the prompt (contract:
``protocols/line.md``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, cast

from twisted.conch.telnet import AYT, BRK, EC, EL, IP, TelnetProtocol
from twisted.internet.interfaces import (
    IDelayedCall,
    IHalfCloseableProtocol,
    IReactorTime,
    ITransport,
)
from twisted.internet.protocol import Factory, connectionDone
from twisted.python.failure import Failure
from zope.interface import implementer

from fwbot.conversation import Conversation, Refusal, SlowDown, Store
from fwbot.doors.gate import peer_host
from fwbot.doors.hold import ReadHold
from fwbot.doors.line_framing import PROMPT, PROMPT_AFTER_LINE, PROMPT_BYTES, LineFraming
from fwbot.doors.telnet import BINARY, DOOR, LineTransport, telnet_escape
from fwbot.feedback import Refused
from fwbot.reply import Reply, Session
from fwbot.service import Bot

__all__ = ["PROMPT", "LineDoor", "LineDoorFactory", "LineTransport", "refusal", "render"]

# Control characters a person did not mean to send (tab becomes a space),
# C0, DEL and the C1 range alike.
_CONTROL = ({c: None for c in range(32) if c != 9} | {9: " ", 127: None}
            | {c: None for c in range(0x80, 0xA0)})
# Any of them: a line without one (nearly every line) skips ``translate``, which
# looks each character up in the table, slowly for text that is not ASCII.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@implementer(IHalfCloseableProtocol)
class LineDoor(LineFraming, TelnetProtocol):
    """One telnet or ``nc`` conversation: frames lines and passes them through.

    Bytes are buffered only up to ``bot.limits.line_bytes``; beyond that the
    rest of the line is dropped as it arrives and the user gets an error
    line when it ends, so a newline-less flood costs no memory.
    """

    def __init__(self, bot: Bot, clock: IReactorTime | None = None) -> None:
        self.bot = bot
        # What the lines mean -- commands, ratings, the rate, the texts -- is the
        # conversation's (``fwbot.conversation``); this door frames and renders.
        self.conversation = Conversation(bot, DOOR, Session(), text_ratings=True)
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
        # Over the rate: reading stops until then (the rule shared with the WebSocket door).
        self._hold = ReadHold(self.callLater, self._hold_reading, self._read_again)
        if clock is None:
            from twisted.internet import reactor

            clock = cast(IReactorTime, reactor)
        self._clock = clock
        self._now = clock.seconds
        self._idle_call: IDelayedCall | None = None  # checks ``_read_at`` (``_watch_idle``)
        self._idle_seconds = 0.0
        self._read_at = 0.0

    transport: LineTransport  # the telnet transport this door runs in (``TelnetTransport``)

    @property
    def session(self) -> Session:
        """What the engine remembers of this connection (a line connection is its own session)."""
        return self.conversation.session

    @property
    def wire(self) -> LineTransport:
        """The telnet transport this door runs in: ``transport``, by the name its holds use."""
        return self.transport

    def callLater(self, delay: float, func: Callable[..., object],
                  *args: object) -> IDelayedCall:
        """The door's timers (the idle timeout too) on the door's clock: a test's
        ``Clock`` given to the factory drives them all."""
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
        conversation = self.conversation
        conversation.host = peer_host(self.wire.getPeer())
        conversation.throttle = self.bot.throttle(conversation.host, self._clock)
        self._watch_idle(self.bot.limits.line_idle_seconds or None)
        self._say(conversation.greeting())
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
        self._hold.cancel()
        self._watch_idle(None)
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

    def _watch_idle(self, seconds: float | None) -> None:
        """Hang up after ``seconds`` without a read from the client (None: stop watching).

        ``TimeoutMixin`` resets its timer on every read, two Python calls
        a line; here a read only stamps ``_read_at`` (``LineFraming``) and
        the one timer, when it fires, waits again for what is left since
        the last read, or hangs up: the same moment, fewer steps a line.
        """
        call, self._idle_call = self._idle_call, None
        if call is not None and call.active():
            call.cancel()
        if seconds:
            self._idle_seconds = seconds
            self._read_at = self._now()
            self._idle_call = self.callLater(seconds, self._idle_check)

    def _idle_check(self) -> None:
        self._idle_call = None
        left = self._read_at + self._idle_seconds - self._now()
        if left > 0:
            self._idle_call = self.callLater(left, self._idle_check)
        else:
            self.timeoutConnection()

    def hang_up(self, code: str) -> None:
        """Say why on a line of its own, in the user's language, and close."""
        if not self._closing:
            self.client_spoke()
            self._owed_prompt = b""
            self.transport.write(b"\n")
            self._say(self.conversation.tell(code))
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
            self._say(self.conversation.tell("are_you_there"))

    def _end_session(self) -> None:
        """Ctrl-D on an empty line: the user leaves, as with ``/quit``."""
        self._answer(self.conversation.quit())

    def _end_line(self) -> None:
        """The line in the buffer is whole: take it, and start the next one empty."""
        buffer = self._buffer
        raw, overflow = bytes(buffer), self._overflow
        buffer.clear()  # ``_clear_line``, written out: once a line
        self._overflow = False
        self._line(raw, overflow)

    def _line(self, raw: bytes, overflow: bool) -> None:
        """One line's bytes (``overflow``: it was longer than --line-max-bytes): decoded,
        cleaned and passed to the conversation; the answer or refusal written back."""
        if self.transport.sends_binary:
            # The client's terminal echoed Enter as a bare LF (its output is
            # raw in BINARY): go back to the first column before answering.
            self.transport.write_telnet(b"\r")
        conversation = self.conversation
        if overflow:
            self._refused(conversation.decline("line_too_long", limit=self.bot.limits.line_bytes))
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._refused(conversation.decline("invalid_utf8"))
            return
        if _ANY_CONTROL.search(text) is not None:
            text = text.translate(_CONTROL)
        text = unicodedata.normalize("NFC", text).strip()
        if not text:
            self._prompt()
            return
        over = conversation.admit()
        if over is not None:
            self._slow_down(over)
            return
        out = conversation.say(text)
        if isinstance(out, Reply):
            self._answer(out)
        elif isinstance(out, Store):
            self._store(out)
        else:
            self._refused(out)

    def _slow_down(self, over: SlowDown) -> None:
        """Over the rate: stop reading until the next line could pass (TCP back-pressure).

        A flooding client then costs nothing but its kernel buffers: what it
        sends waits in them, unread, and what this read still holds is
        dropped whole lines at a time. A person who typed a little too fast
        has had the "slow down" line (once per burst) and is read again
        within a second.
        """
        if over.warning is not None:
            self._refused(over.warning)
        self._hold.start(over.wait)

    def _hold_reading(self) -> None:
        self.wire.hold("rate")

    def _read_again(self) -> None:
        self.wire.release("rate")

    # -- output ---------------------------------------------------------------

    def _answer(self, reply: Reply) -> None:
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

    def _store(self, store: Store) -> None:
        """Store a ``/rate``, then thank: the conversation checked it.

        Framing stops (and so does reading from the client) until the rating
        is committed, so the thanks comes before any later answer and means
        the rating is on disk.
        """
        self._storing = True
        self.wire.hold("storing")
        conversation = self.conversation
        stored = self.bot.rate(DOOR, store.answered, store.rating, store.comment,
                               conversation.host)

        def done(result: Any) -> None:
            self._storing = False
            if self._closing:
                return
            if isinstance(result, Failure):  # logged by the bot if unexpected
                refused = Refused.of(result)
                self._refused(conversation.not_rated(refused.code, refused.retry_after))
            else:
                self._say(conversation.rated(store, result).message)
                self._prompt()
            self.wire.release("storing")
            self.resume()

        stored.addBoth(done)

    def _refused(self, refusal: Refusal) -> None:
        self._say(refusal.message)
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
            self._watch_idle(None)
            if self._backed_up():  # the goodbye would never drain: do not wait for it
                self.transport.transport.abortConnection()  # under the telnet layer
            else:
                self.transport.loseConnection()


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
