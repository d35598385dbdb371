"""Lines out of the line door's bytes: line ends, editing keys, Ctrl-C, held reads.

``LineFraming`` is the half of ``LineDoor`` that frames: it buffers one
line up to ``--line-max-bytes`` (past it the rest is dropped as it
arrives), ends it on CR LF, LF, a bare CR or CR NUL however the reads cut
them, erases a character (not a byte) on BS and DEL, abandons the line on
Ctrl-C, and keeps what was read while the output is backed up or a rating
is being stored. What a line means is the door's (``_end_line``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from fwbot.doors.hold import ReadHold
    from fwbot.doors.telnet import LineTransport
    from fwbot.service import Bot

PROMPT = "fwbot> "
PROMPT_BYTES = PROMPT.encode("utf-8")
PROMPT_AFTER_LINE = b"\n" + PROMPT_BYTES
# Bytes that end, interrupt or edit a line: CR, LF, Ctrl-C (ETX), Ctrl-D (EOT),
# and backspace (BS, DEL).
_SPECIAL = re.compile(rb"[\r\n\x03\x04\x08\x7f]")


class LineFraming:
    """Frames lines for a door that says what each one means (``_end_line``) and what
    Ctrl-D on an empty line does (``_end_session``)."""

    bot: Bot
    transport: LineTransport
    # A read that is one whole line goes to ``_line`` without the loop (False: every
    # read takes the loop; tests compare the two).
    whole_line_reads: ClassVar[bool] = True
    _buffer: bytearray
    _overflow: bool
    _after_cr: bool
    _closing: bool
    _owed_prompt: bytes
    _awaiting_timing_mark: bool
    _pending: bytes
    _storing: bool
    _hold: ReadHold  # reading stopped while the client is over its rate
    # The idle timeout (``LineDoor._watch_idle``): each read stamps its time.
    _now: Callable[[], float]
    _read_at: float
    # What the door does with what the framing found (``LineDoor`` defines them):
    _end_line: Callable[[], None]  # a whole line is in ``_buffer`` (or overflowed)
    _line: Callable[[bytes, bool], None]  # a whole line (the bytes, whether it overflowed)
    _end_session: Callable[[], None]  # Ctrl-D on an empty line

    def dataReceived(self, data: bytes) -> None:
        """Text from the telnet transport (IAC commands taken out): frame its lines."""
        if self._closing:
            return
        self._read_at = self._now()
        # ``_backed_up`` written out: every read asks it once per line.
        transport = self.transport
        if self._pending or self._storing or getattr(transport, "paused", False):
            self._pending += data  # at most one read: reading is paused
            return
        if self._after_cr and data[:1] in (b"\n", b"\0"):
            data = data[1:]
        self._after_cr = False
        if (data[-1:] == b"\n" and not self._buffer and not self._overflow
                and not self._hold.held and self.whole_line_reads):
            # One whole line in one read, ended by LF or CR LF (nearly every read): the
            # loop below would collect it into the empty buffer and end it; it goes to
            # ``_line`` as it is instead. A line with any other special byte, or one
            # over --line-max-bytes, takes the loop.
            first = _SPECIAL.search(data)  # found: the LF is one
            end, last = (first.start() if first else 0), len(data) - 1
            if (end == last or (end == last - 1 and data[end] == 13)) and (
                    end <= self.bot.limits.line_bytes):
                self._line(data[:end], False)
                return
        while data and not self._closing:
            if self._storing or getattr(transport, "paused", False):
                self._pending = data
                return
            if self._hold.held:
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
                self._end_session()

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
