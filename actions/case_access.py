"""Who asks, read from the tracker, and how often a conversation may ask for a case it cannot see.

The asker is the conversation (channel and sender id) with the identity its channel verified
(identity/, in the latest user message's metadata). A conversation whose look-ups keep finding
nothing is slowed, then refused for a while: references are sequential, so guessing them must
not pay. Kundservice's tool does not come through here."""

from datetime import datetime, timedelta, timezone
from typing import Optional

from rasa_sdk import Tracker

import identity
from actions import case_store

REFUSED_AT_MISSES = 5
MISS_WINDOW = timedelta(minutes=10)
# From the second miss on each look-up waits a little longer, up to MAX_DELAY seconds.
SLOWED_FROM_MISSES = 2
MAX_DELAY = 3.0


def asker(tracker: Tracker) -> case_store.Asker:
    verified = identity.from_metadata(_latest_user_metadata(tracker))
    return case_store.Asker(
        channel=tracker.get_latest_input_channel() or "chat",
        conversation_id=tracker.sender_id,
        organisation=verified.organisation if verified else None,
        user=verified.user if verified else None,
    )


def _latest_user_metadata(tracker: Tracker) -> Optional[dict]:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata")
    return None


def window_start(now: Optional[datetime] = None) -> datetime:
    return (now or datetime.now(timezone.utc)) - MISS_WINDOW


def refused(misses: int) -> bool:
    return misses >= REFUSED_AT_MISSES


def delay(misses: int) -> float:
    """Seconds a look-up waits after `misses` recent misses."""
    if misses < SLOWED_FROM_MISSES:
        return 0.0
    return min(float(misses - SLOWED_FROM_MISSES + 1), MAX_DELAY)
