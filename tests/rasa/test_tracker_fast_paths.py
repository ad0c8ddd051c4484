"""rasa_server_changes/applied_events.py, tracker_copy.py and memory_tracker_store.py on a real
conversation (the model in this process, the real action server, the project's in-memory tracker
store as the test servers' endpoints name it): at every call each gives what Rasa's own method
gives, and the fast paths are the ones taken."""

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore, SerializedTrackerAsText
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_server_changes  # noqa: F401  (installs the fast paths, as every model load does)
from rasa_server_changes import applied_events, tracker_copy
from rasa_server_changes.memory_tracker_store import IncrementalInMemoryTrackerStore
from in_process import CYCLE, CYCLES, talk
from tests.tracker_state import state

pytestmark = pytest.mark.rasa
MESSAGES = len(CYCLE) * CYCLES


@pytest.fixture(scope="module")
def watched(model, action_server):
    """The conversation's answers and, for each fast path, what it gave beside what Rasa gave."""
    calls = {"applied": [], "copy": [], "save": [], "retrieve": []}
    patch = pytest.MonkeyPatch()

    def applied(self):
        calls["applied"].append((applied_events.applied_events(self), applied_events.RASA_APPLIED_EVENTS(self)))
        return calls["applied"][-1][0]

    def copy(self):
        ours = tracker_copy.copy_tracker(self)
        calls["copy"].append((state(ours), state(tracker_copy.RASA_COPY(self))))
        return ours

    save_new, retrieve_saved = IncrementalInMemoryTrackerStore.save, IncrementalInMemoryTrackerStore._retrieve

    async def save(self, tracker):
        await save_new(self, tracker)
        calls["save"].append((self.store[tracker.sender_id], SerializedTrackerAsText.serialise_tracker(tracker)))

    async def retrieve(self, sender_id, fetch_all_sessions):
        ours = await retrieve_saved(self, sender_id, fetch_all_sessions)
        rasas = await InMemoryTrackerStore._retrieve(self, sender_id, fetch_all_sessions)
        kept = ours is not None and ours is not rasas and any(saved.tracker is ours for saved in self.saved.values())
        calls["retrieve"].append((kept, state(ours) if ours else None, state(rasas) if rasas else None))
        return ours

    patch.setattr(DialogueStateTracker, "applied_events", applied)
    patch.setattr(DialogueStateTracker, "copy", copy)
    patch.setattr(IncrementalInMemoryTrackerStore, "save", save)
    patch.setattr(IncrementalInMemoryTrackerStore, "_retrieve", retrieve)
    try:
        answers = talk(model, action_server, "fast-paths")
    finally:
        patch.undo()
    return answers, calls


def test_the_conversation_is_answered(watched):
    answers, _ = watched
    assert len(answers) == MESSAGES and all(answers)
    assert any("ESK-" in text for texts in answers for text in texts if text)


def test_applied_events_are_rasas_same_events(watched):
    _, calls = watched
    assert len(calls["applied"]) > 4 * MESSAGES
    for ours, rasas in calls["applied"]:
        assert len(ours) == len(rasas) and all(a is b for a, b in zip(ours, rasas))
    assert max(len(rasas) for _, rasas in calls["applied"]) > 200


def test_a_copy_has_the_state_of_rasas_replayed_copy(watched):
    _, calls = watched
    assert len(calls["copy"]) > MESSAGES
    assert all(ours == rasas for ours, rasas in calls["copy"])


def test_the_store_holds_rasas_text_character_for_character(watched):
    _, calls = watched
    # One more than the messages: Rasa saves a new conversation before its first message.
    assert len(calls["save"]) == MESSAGES + 1
    assert all(ours == rasas for ours, rasas in calls["save"])


def test_the_tracker_kept_is_what_rasa_rebuilds_from_the_text(watched):
    _, calls = watched
    assert len(calls["retrieve"]) == MESSAGES
    assert all(ours == rasas for _, ours, rasas in calls["retrieve"])
    # The first message finds no conversation; every later one finds the tracker kept.
    assert [kept for kept, *_ in calls["retrieve"]] == [False] + [True] * (MESSAGES - 1)
