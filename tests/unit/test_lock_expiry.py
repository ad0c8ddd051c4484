"""rasa_server_changes/lock_expiry.py: a message whose lock ticket expired while it waited behind a dead
server's ticket is served, not left waiting for ever (Rasa's method is pinned in
tests/unit/test_rasa_sources.py)."""

import asyncio
import time

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore

import rasa_server_changes  # noqa: F401  (installs the lock, as every model load does)
from rasa_server_changes import lock_expiry

POLL = 0.05


def test_installed_in_place_of_rasas():
    assert LockStore._acquire_lock is lock_expiry.acquire_lock


def dead_server_then_waiting(store, later_lifetime=None):
    """A ticket of a server that died holding the lock, and one issued a moment later; both
    have expired by the time the waiting message looks again. With `later_lifetime`, a third
    message's ticket, issued before they expired."""
    store.issue_ticket("conversation", 0.2)
    waiting = store.issue_ticket("conversation", 0.25)
    later = store.issue_ticket("conversation", later_lifetime) if later_lifetime else None
    time.sleep(0.4)
    return waiting, later


def acquire(method, store, ticket, seconds=1.0):
    return asyncio.run(asyncio.wait_for(method(store, "conversation", ticket, POLL), seconds))


def test_rasa_waits_for_ever_once_the_waiting_ticket_expired_too():
    store = InMemoryLockStore()
    waiting, _ = dead_server_then_waiting(store)
    with pytest.raises(asyncio.TimeoutError):
        acquire(lock_expiry.RASA_ACQUIRE_LOCK, store, waiting)


def test_the_expired_waiting_ticket_is_served_first_and_later_ones_wait_behind_it():
    store = InMemoryLockStore()
    waiting, later = dead_server_then_waiting(store, later_lifetime=60)
    lock = acquire(LockStore._acquire_lock, store, waiting)
    assert lock.now_serving == waiting
    with pytest.raises(asyncio.TimeoutError):
        acquire(LockStore._acquire_lock, store, later, 0.3)
    store.cleanup("conversation", waiting)
    assert acquire(LockStore._acquire_lock, store, later).now_serving == later


def test_a_live_ticket_ahead_is_still_waited_for():
    store = InMemoryLockStore()
    first = store.issue_ticket("conversation", 60)
    second = store.issue_ticket("conversation", 60)
    with pytest.raises(asyncio.TimeoutError):
        acquire(LockStore._acquire_lock, store, second, 0.3)
    store.cleanup("conversation", first)
    assert acquire(LockStore._acquire_lock, store, second).now_serving == second
