"""Token buckets: how many messages a connection or a session may send.

A bucket holds up to ``burst`` tokens and gains ``rate`` tokens a second;
each message takes one. A person typing never empties it, a script in a
loop does, and then each extra message costs the server one cheap check
instead of an answer. The clock is injected (any ``IReactorTime``) so unit
tests drive refills with ``twisted.internet.task.Clock``.
"""

from __future__ import annotations

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

    def retry_after(self) -> int:
        """Whole seconds until the next token (at least 1), for ``Retry-After``."""
        self._refill()
        return max(1, math.ceil((1.0 - self._tokens) / self.rate))

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
        bucket = self._buckets.pop(key, None)
        if bucket is None:
            while len(self._buckets) >= self.max_keys:
                self._buckets.popitem(last=False)
            bucket = TokenBucket(self._clock, self.rate, self.burst)
        self._buckets[key] = bucket
        return bucket

    def take(self, key: str) -> bool:
        """Spend one of ``key``'s tokens if it has one; False means "slow down"."""
        return self.get(key).take()
