"""rasa_server_changes/lock_expiry.py: a message whose lock ticket expired while it waited behind a dead
server's ticket is served, not left waiting for ever (Rasa's method is pinned in
tests/unit/test_rasa_sources.py); the endpoints files name these lock stores, and Rasa builds them."""

import asyncio
import time

import pytest
from pathlib import Path

from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.core.utils import read_endpoints_from_path

from rasa_server_changes import lock_expiry

POLL = 0.05
ROOT = Path(__file__).resolve().parents[2]
SCALED = {
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "11",
    "REDIS_PASSWORD": "",
    "REDIS_KEY_PREFIX": "locktest",
    "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
    "ACTION_SERVER_SECRET": "s",
    "TRACKER_DB_HOST": "127.0.0.1",
    "TRACKER_DB_PORT": "5432",
    "TRACKER_DB_NAME": "t",
    "TRACKER_DB_USER": "postgres",
    "TRACKER_DB_PASSWORD": "",
    "TRACKER_DB_LOGIN_DB": "",
}


def test_the_endpoints_files_name_these_lock_stores_and_rasa_builds_them(monkeypatch):
    monkeypatch.setenv("ACTION_SERVER_SECRET", "s")
    store = LockStore.create(read_endpoints_from_path(ROOT / "endpoints.yml").lock_store)
    assert type(store) is lock_expiry.TicketExpiryInMemoryLockStore
    for name, value in SCALED.items():
        monkeypatch.setenv(name, value)
    store = LockStore.create(read_endpoints_from_path(ROOT / "endpoints.scaled.yml").lock_store)
    assert type(store) is lock_expiry.TicketExpiryRedisLockStore and store.key_prefix == "locktest:lock:"
    assert InMemoryLockStore._acquire_lock is lock_expiry.RASA_ACQUIRE_LOCK  # Rasa's own is left alone


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
    store = lock_expiry.TicketExpiryInMemoryLockStore()
    waiting, _ = dead_server_then_waiting(store)
    with pytest.raises(asyncio.TimeoutError):
        acquire(lock_expiry.RASA_ACQUIRE_LOCK, store, waiting)


def test_the_expired_waiting_ticket_is_served_first_and_later_ones_wait_behind_it():
    store = lock_expiry.TicketExpiryInMemoryLockStore()
    waiting, later = dead_server_then_waiting(store, later_lifetime=60)
    lock = acquire(lock_expiry.acquire_lock, store, waiting)
    assert lock.now_serving == waiting
    with pytest.raises(asyncio.TimeoutError):
        acquire(lock_expiry.acquire_lock, store, later, 0.3)
    store.cleanup("conversation", waiting)
    assert acquire(lock_expiry.acquire_lock, store, later).now_serving == later


def test_a_live_ticket_ahead_is_still_waited_for():
    store = lock_expiry.TicketExpiryInMemoryLockStore()
    first = store.issue_ticket("conversation", 60)
    second = store.issue_ticket("conversation", 60)
    with pytest.raises(asyncio.TimeoutError):
        acquire(lock_expiry.acquire_lock, store, second, 0.3)
    store.cleanup("conversation", first)
    assert acquire(lock_expiry.acquire_lock, store, second).now_serving == second
