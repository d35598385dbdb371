"""Token buckets: how many messages a connection or a session may send.

A bucket holds up to ``burst`` tokens and gains ``rate`` tokens a second;
each message takes one. A person typing never empties it, a script in a
loop does, and then each extra message costs the server one cheap check
instead of an answer. The clock is injected (any ``IReactorTime``) so unit
tests drive refills with ``twisted.internet.task.Clock``.
"""

from __future__ import annotations

import ipaddress
import math
from collections import OrderedDict

from twisted.internet.interfaces import IReactorTime


class TokenBucket:
    """``rate`` messages a second on average, ``burst`` at once."""

    def __init__(self, clock: IReactorTime, rate: float, burst: int) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self._clock = clock
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._stamp = clock.seconds()

    def _refill(self) -> None:
        now = self._clock.seconds()
        self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def take(self, count: int = 1) -> bool:
        """Spend ``count`` tokens if there are that many; False means "slow down"."""
        self._refill()
        if self._tokens >= count:
            self._tokens -= count
            return True
        return False

    def ready(self) -> bool:
        """Whether ``take`` would succeed now, without spending a token."""
        self._refill()
        return self._tokens >= 1.0

    def charge(self, count: float) -> None:
        """Spend ``count`` more tokens, into debt if need be: a cost known only afterwards.

        A message found expensive after it was answered (engine time, see
        ``Bot.ask``) is paid for by waiting longer before the next one.
        """
        self._refill()
        self._tokens -= count

    def wait(self) -> float:
        """Seconds until the next token (0 if there is one): how long to stop reading."""
        self._refill()
        return max(0.0, (1.0 - self._tokens) / self.rate)

    def retry_after(self) -> int:
        """Whole seconds until the next token (at least 1), for ``Retry-After``."""
        return max(1, math.ceil(self.wait()))

    @property
    def full(self) -> bool:
        """Whether the bucket is back to ``burst``: forgetting it would lose nothing."""
        self._refill()
        return self._tokens >= self.burst


class BucketsByKey:
    """One bucket per key (a session id, a client address), bounded in number.

    Beyond ``max_keys`` the least recently used bucket is forgotten (most
    likely one that has refilled, and so holds no information), so a client
    inventing keys cannot grow the server's memory -- and gets a fresh, full
    bucket no sooner than an honest client whose entry was evicted.
    """

    def __init__(self, clock: IReactorTime, rate: float, burst: int,
                 max_keys: int = 10_000) -> None:
        self._clock = clock
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def get(self, key: str) -> TokenBucket:
        """The bucket of ``key``, made full if the key is new or was forgotten.

        It becomes the most recently used, so the eviction below takes the
        keys nobody has used longest; a new key evicts before it is added,
        which keeps the count at ``max_keys``.
        """
        buckets = self._buckets
        bucket = buckets.get(key)
        if bucket is not None:
            buckets.move_to_end(key)  # one relink, where pop and insert rehashed the key twice
            return bucket
        while len(buckets) >= self.max_keys:
            buckets.popitem(last=False)
        bucket = buckets[key] = TokenBucket(self._clock, self.rate, self.burst)
        return bucket

    def take(self, key: str) -> bool:
        """Spend one of ``key``'s tokens if it has one; False means "slow down"."""
        return self.get(key).take()


def address_key(host: str | None) -> str | None:
    """The key a client address is limited under: the address, an IPv6 one by its /64.

    One IPv6 host usually holds a whole /64 and can pick any address in it,
    so limiting by the full address would give it 2**64 fresh buckets (and
    let it push everyone else out of a bounded table). None (a UNIX socket:
    a local user the server trusts as much as its own shell) is not limited.
    """
    if host is None or ":" not in host:
        return host
    try:
        address = ipaddress.IPv6Address(host.split("%", 1)[0])
    except ValueError:
        return host
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((address, 64), strict=False))


class Throttle:
    """What one connection (or HTTP session) may send: its own bucket inside its address's.

    A message passes only if both buckets hold a token, and then takes one
    from each: reconnecting gets a fresh connection bucket but the same
    address bucket, whose defaults leave room for a classroom behind one
    NAT address. ``wait`` says how long to stop reading from the client.
    The address bucket is looked up again on every message (``BucketsByKey``
    keeps the most recently used), so an address whose entry was forgotten
    starts full -- as an honest one would.
    """

    def __init__(self, own: TokenBucket, addresses: BucketsByKey | None,
                 host: str | None) -> None:
        self.own = own
        self._addresses = addresses
        self._key = address_key(host)

    def _address(self) -> TokenBucket | None:
        if self._addresses is None or self._key is None:
            return None
        return self._addresses.get(self._key)

    def take(self) -> bool:
        """Spend a token of both buckets if both have one; False means "slow down".

        Every accepted message comes here, so each bucket is refilled once
        (``ready`` then ``take`` refilled it twice, four clock reads a
        message) and the test and the spending are made on the same
        refill, as ``TokenBucket.take`` makes them. ``BucketsByKey.get`` and
        ``TokenBucket._refill`` are written out (three calls a message), and
        two buckets on one clock read it once.
        """
        addresses, key = self._addresses, self._key
        address = None
        if addresses is not None and key is not None:
            buckets = addresses._buckets
            address = buckets.get(key)
            if address is None:
                address = addresses.get(key)  # new or forgotten: made full
            else:
                buckets.move_to_end(key)  # ``get``'s touch: the address is used either way
        own = self.own
        clock = own._clock
        now = clock.seconds()
        tokens = own._tokens + (now - own._stamp) * own.rate
        if tokens > own.burst:
            tokens = float(own.burst)
        own._tokens, own._stamp = tokens, now
        if tokens < 1.0:
            return False
        if address is not None:
            if address._clock is not clock:
                now = address._clock.seconds()
            spare = address._tokens + (now - address._stamp) * address.rate
            if spare > address.burst:
                spare = float(address.burst)
            address._stamp = now
            if spare < 1.0:
                address._tokens = spare
                return False
            address._tokens = spare - 1.0
        own._tokens = tokens - 1.0
        return True

    def charge(self, count: float) -> None:
        """An extra cost found afterwards, paid by both buckets (see ``TokenBucket.charge``)."""
        self.own.charge(count)
        address = self._address()
        if address is not None:
            address.charge(count)

    def wait(self) -> float:
        """Seconds until a message would pass again (0: now)."""
        address = self._address()
        return max(self.own.wait(), address.wait() if address is not None else 0.0)

    def retry_after(self) -> int:
        """Whole seconds until a message would pass (at least 1), for ``Retry-After``."""
        return max(1, math.ceil(self.wait()))
