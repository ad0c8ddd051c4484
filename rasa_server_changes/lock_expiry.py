"""A message waiting for its conversation's lock holds a ticket that expires like any other
(TICKET_LOCK_LIFETIME, 60 s). When a Rasa server dies while it holds the lock, the next message
(on another server) waits for the dead server's ticket to expire; it was issued a moment later, so
its own ticket expires a moment after. Rasa 3.6 polls once a second: if both have expired by the
next poll, the lock has no tickets, now_serving is 0, never the waiting ticket's number, and the
message waits until its request is cancelled (seen in make test-scale: messages sent again after
the kill hung for the 300 s of nginx's read timeout).

The lock stores here are Rasa's own with LockStore._acquire_lock replaced by Rasa's loop plus one
case: the waiting ticket has expired and no ticket is ahead of it, so it takes its place again at
the head of the queue, with a new lifetime, and is served; the messages behind it keep waiting,
and Rasa's cleanup removes it as before. They go in through Rasa's extension point, a lock store
class named by module path in the endpoints file: TicketExpiryRedisLockStore in
endpoints.scaled.yml, TicketExpiryInMemoryLockStore in endpoints.yml. Checked against Rasa
3.6.21; tests/unit/test_rasa_sources.py fails when Rasa's method changes."""

import asyncio
import logging
import time
from typing import Optional, Text

from rasa.core import lock_store
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

RASA_ACQUIRE_LOCK = LockStore._acquire_lock


def _expired_with_no_one_ahead(lock: TicketLock, ticket: int) -> bool:
    lock.remove_expired_tickets()
    return all(waiting.number > ticket for waiting in lock.tickets)


async def acquire_lock(self: LockStore, conversation_id: Text, ticket: int, wait_time_in_seconds: float) -> TicketLock:
    """Rasa's _acquire_lock, serving a ticket that expired while it waited first in line."""
    while True:
        lock = self.get_lock(conversation_id)
        if not lock:
            break
        if not lock.is_locked(ticket):
            return lock
        if _expired_with_no_one_ahead(lock, ticket):
            lock.tickets.appendleft(Ticket(ticket, time.time() + lock_store.LOCK_LIFETIME))
            self.save_lock(lock)
            logger.debug(f"Ticket {ticket} for '{conversation_id}' expired while waiting; served now.")
            return lock
        await asyncio.sleep(wait_time_in_seconds)
        self.update_lock(conversation_id)
    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")


class TicketExpiryRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store (`type: redis`), serving a ticket that expired while it waited."""

    _acquire_lock = acquire_lock

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)


class TicketExpiryInMemoryLockStore(InMemoryLockStore):
    """Rasa's in-memory lock store (the default), serving a ticket that expired while it waited."""

    _acquire_lock = acquire_lock

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None) -> None:
        super().__init__()
