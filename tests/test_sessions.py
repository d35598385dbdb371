"""The session store: lookup, idle expiry on an injected clock, the bound on count."""

from __future__ import annotations

import pytest
from twisted.internet.task import Clock

from fwbot.doors.sessions import SessionStore


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_new_session_is_found_again(clock: Clock) -> None:
    store = SessionStore(clock)
    sid, session = store.new()
    assert store.get(sid) is session
    assert sid in store and len(store) == 1


def test_ids_are_unguessable_and_distinct(clock: Clock) -> None:
    store = SessionStore(clock)
    ids = {store.new()[0] for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) >= 20 for i in ids)


def test_unknown_or_missing_id(clock: Clock) -> None:
    store = SessionStore(clock)
    assert store.get("nope") is None
    assert store.get(None) is None


def test_get_or_new_continues_or_starts(clock: Clock) -> None:
    store = SessionStore(clock)
    sid, session = store.get_or_new(None)
    assert store.get_or_new(sid) == (sid, session)
    other_id, other = store.get_or_new("forged")
    assert other_id != "forged" and other is not session


def test_idle_sessions_expire(clock: Clock) -> None:
    store = SessionStore(clock, idle_seconds=60)
    sid, _ = store.new()
    clock.advance(59)
    assert store.get(sid) is not None  # touching it restarts the idle time
    clock.advance(59)
    assert store.get(sid) is not None
    clock.advance(60)
    assert store.get(sid) is None
    assert len(store) == 0


def test_expiry_only_drops_the_idle_ones(clock: Clock) -> None:
    store = SessionStore(clock, idle_seconds=60)
    old, _ = store.new()
    clock.advance(30)
    young, _ = store.new()
    clock.advance(40)
    assert old not in store and young in store


def test_count_is_bounded_and_the_least_recently_used_goes(clock: Clock) -> None:
    store = SessionStore(clock, max_sessions=3)
    a, _ = store.new()
    b, _ = store.new()
    c, _ = store.new()
    store.get(a)  # a is now the most recently used
    d, _ = store.new()
    assert len(store) == 3
    assert b not in store
    assert all(x in store for x in (a, c, d))


def test_keep_puts_back_an_expired_session_held_elsewhere(clock: Clock) -> None:
    store = SessionStore(clock, idle_seconds=10, max_sessions=2)
    sid, session = store.new()
    clock.advance(11)
    assert sid not in store
    store.keep(sid, session)
    assert store.get(sid) is session


def test_discard(clock: Clock) -> None:
    store = SessionStore(clock)
    sid, _ = store.new()
    store.discard(sid)
    store.discard(sid)
    assert sid not in store


def test_max_sessions_must_be_positive(clock: Clock) -> None:
    with pytest.raises(ValueError):
        SessionStore(clock, max_sessions=0)
