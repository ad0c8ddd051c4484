"""rasa_server_changes/memory_tracker_store.py where Rasa's own rebuild must be used: a message that failed
before its save, a conversation with a second session, one saved by another tracker, and more
conversations than are kept. Each retrieve is compared with Rasa's rebuild from the stored text."""

import asyncio

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore, create_tracker_store
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

from rasa_server_changes import memory_tracker_store
from rasa_server_changes.memory_tracker_store import IncrementalInMemoryTrackerStore
from tests.tracker_state import state

DOMAIN = Domain.from_dict({"intents": ["greet"], "slots": {"s": {"type": "text", "mappings": [{"type": "custom"}]}}})


def session(store, sender: str, messages: int = 1):
    """A tracker for `sender` with a session start and `messages` user turns, saved."""
    tracker = asyncio.run(store.get_or_create_tracker(sender, append_action_listen=False))
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]:
        tracker.update(event)
    for number in range(messages):
        say(tracker, number)
    asyncio.run(store.save(tracker))
    return tracker


def say(tracker, number: int) -> None:
    for event in [
        UserUttered(f"hej {number}", {"name": "greet", "confidence": 1.0}),
        SlotSet("s", str(number)),
        ActionExecuted("action_listen"),
    ]:
        tracker.update(event)


def retrieved(store, sender: str):
    """Ours and Rasa's rebuild from the text, and whether ours came from the saved tracker."""
    saved = store.saved.get(sender)
    kept = saved is not None and saved.tracker
    ours = asyncio.run(store.retrieve(sender))
    rasas = asyncio.run(InMemoryTrackerStore._retrieve(store, sender, False))
    from_saved = kept is not False and ours is not kept and [*ours.events] == [*kept.events]
    return ours, rasas, from_saved


@pytest.fixture
def store():
    return IncrementalInMemoryTrackerStore(DOMAIN)


def test_rasa_builds_it_from_an_endpoints_file_and_leaves_its_own_store_alone(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: {IncrementalInMemoryTrackerStore.__module__}.IncrementalInMemoryTrackerStore\n"
    )
    built = create_tracker_store(AvailableEndpoints.read_endpoints(str(endpoints)).tracker_store, DOMAIN)
    assert type(built) is IncrementalInMemoryTrackerStore
    assert (
        InMemoryTrackerStore.save.__module__ == InMemoryTrackerStore._retrieve.__module__ == "rasa.core.tracker_store"
    )


def test_a_saved_conversation_is_rebuilt_from_its_own_events(store):
    session(store, "a", messages=3)
    ours, rasas, from_saved = retrieved(store, "a")
    assert from_saved and state(ours) == state(rasas)
    say(ours, 3)
    asyncio.run(store.save(ours))
    again, rasas, from_saved = retrieved(store, "a")
    assert from_saved and state(again) == state(rasas) and again.get_slot("s") == "3"


def test_events_added_without_a_save_are_not_given_back(store):
    tracker = session(store, "a", messages=2)
    say(tracker, 2)  # the message failed before Rasa saved it
    ours, rasas, from_saved = retrieved(store, "a")
    assert not from_saved and state(ours) == state(rasas)
    assert ours.get_slot("s") == "1" and len(ours.events) == len(tracker.events) - 3


def test_a_second_session_is_left_to_rasa_which_gives_the_latest_one(store):
    tracker = session(store, "a", messages=2)
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    ours, rasas, from_saved = retrieved(store, "a")
    assert not from_saved and state(ours) == state(rasas) and len(ours.events) == 3


def test_the_text_is_rasas_after_every_save(store):
    tracker = session(store, "a")
    for number in range(1, 4):
        say(tracker, number)
        asyncio.run(store.save(tracker))
        assert store.store["a"] == InMemoryTrackerStore.serialise_tracker(tracker)


def test_a_text_saved_from_another_tracker_is_read_back_by_rasa(store):
    session(store, "a", messages=2)
    other = asyncio.run(InMemoryTrackerStore._retrieve(store, "a", False))
    say(other, 2)
    store.store["a"] = InMemoryTrackerStore.serialise_tracker(other)  # written past the saved tracker
    ours, rasas, from_saved = retrieved(store, "a")
    assert not from_saved and state(ours) == state(rasas) and ours.get_slot("s") == "2"


def test_only_the_latest_conversations_are_kept(store, monkeypatch):
    monkeypatch.setattr(memory_tracker_store, "LIVE_CONVERSATIONS", 2)
    for sender in "abc":
        session(store, sender)
    assert list(store.saved) == ["b", "c"]
    ours, rasas, from_saved = retrieved(store, "a")
    assert not from_saved and state(ours) == state(rasas)
