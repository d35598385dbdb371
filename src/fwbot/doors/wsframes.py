"""The WebSocket door's usual frame, read and written without Autobahn's per-frame steps.

Nearly every message a chat client sends is one masked text frame of at
most 64 KiB that arrives whole in one read, and nearly every answer is one
unmasked text frame. Autobahn handles both in about thirty Python calls a
message: a frame header object, a masker built per frame (two cffi
allocations), an incremental UTF-8 validator, begin/data/end hooks for the
frame and the message, and a Deferred fired for observers nobody
registered. ``ChatSocket`` (``fwbot.doors.websocket``) reads and writes
that one common frame with :func:`text_frame_in` and :func:`text_frame_out`,
counting the same ``trafficStats``, and leaves everything else -- control
frames, fragments, a frame cut across reads, compression, an unmasked or
oversized frame, invalid UTF-8, frame logging, observers -- to Autobahn,
which then sees exactly the bytes it would have seen.
"""

from __future__ import annotations

from autobahn.websocket.xormasker import (  # type: ignore[attr-defined]  # imported there from autobahn.nvx when it is built, defined otherwise: Autobahn's own frames use it so
    create_xor_masker,
)

# Unmasking with one big-integer XOR beats Autobahn's masker up to about this
# many bytes (its setup costs more than the XOR); longer payloads use the masker.
_INT_XOR_MAX = 1024


def unmask(mask: bytes, data: bytes) -> bytes:
    """``data`` XORed with the 4-byte ``mask`` repeated (RFC 6455, 5.3)."""
    n = len(data)
    if n > _INT_XOR_MAX:
        return bytes(create_xor_masker(mask, n).process(data))
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


def text_frame_in(data: bytes, limit: int) -> tuple[bytes, int] | None:
    """The payload of one whole masked text frame at the start of ``data``, and the
    frame's length in bytes; None if the frame is anything else.

    Anything else is: not FIN + text with no RSV bit, unmasked, empty, a
    64-bit length (over 64 KiB) or a 16-bit one not in its minimal form, over
    ``limit`` bytes when ``limit`` is positive (Autobahn's payload limits), not
    all in ``data`` yet, or not valid UTF-8. Autobahn parses those, and
    refuses the ones the RFC refuses, as before.
    """
    if len(data) < 7 or data[0] != 0x81:
        return None
    length = data[1] ^ 0x80  # the MASK bit set: the length; else 128 or more
    if length < 126:
        head = 6
    elif length == 126:
        length = int.from_bytes(data[2:4], "big")
        if length < 126:
            return None
        head = 8
    else:
        return None
    end = head + length
    if not length or len(data) < end or 0 < limit < length:
        return None
    payload = unmask(data[head - 4 : head], data[head:end])
    try:
        payload.decode("utf-8")  # strict UTF-8, as Autobahn's validator
    except UnicodeDecodeError:
        return None
    return payload, end


def text_frame_out(payload: bytes) -> bytes:
    """One unmasked, final text frame carrying ``payload`` (a server's frame)."""
    n = len(payload)
    if n < 126:
        return bytes((0x81, n)) + payload
    if n < 65536:
        return b"\x81\x7e" + n.to_bytes(2, "big") + payload
    return b"\x81\x7f" + n.to_bytes(8, "big") + payload
