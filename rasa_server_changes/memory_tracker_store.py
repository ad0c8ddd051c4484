"""Rasa 3.6's in-memory tracker store (Rasa's default when an endpoints file names none) keeps each
conversation as JSON: every message it dumps all the conversation's events to JSON, and before
the next one it parses them all, rebuilds every event and replays them into a new tracker, twice
(once whole, once for the latest session), all growing with the conversation's length.

IncrementalInMemoryTrackerStore, the in-memory store the project's endpoints files name where they
keep conversations in memory (tests, evaluation, benchmark), keeps beside each conversation's JSON
the tracker it was saved from and each event's JSON:
- save dumps only the events added since the last save and joins them with the kept ones; the
  text is the same, character for character, as Rasa's json.dumps of the whole conversation;
- retrieve, while the store still holds the text saved from that tracker and the tracker has not
  changed since (same events, none added: a message that failed before its save leaves events
  the store never got, and Rasa's own rebuild from the text is used then), rebuilds the tracker
  as Rasa does, from the saved tracker's own event objects instead of their JSON read back: the
  same events, the state replaying the applied ones gives. The parse data's token spans stay
  tuples where JSON gives lists, as they are during the message that made them.
- A conversation that has started a second session is left to Rasa (it returns the latest
  session only), and the latest LIVE_CONVERSATIONS conversations are kept; the others are rebuilt
  from their JSON as before.
The tracker store holds every conversation in this process's memory in any case; this is
for the single-process set-up. Several Rasa servers share a SQL tracker store, which this does
not touch. Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py fails when Rasa's methods
change, tests/rasa/test_tracker_fast_paths.py compares with Rasa's on a real conversation,
tests/unit/test_memory_tracker_store.py the cases where Rasa's own rebuild is used."""

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, List, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server_changes import applied_events, rule_states

LIVE_CONVERSATIONS = 256


@dataclass
class Saved:
    """A conversation as last saved: the text the store holds and what it was made from."""

    tracker: DialogueStateTracker
    fragments: List[Text] = field(default_factory=list)
    last: Optional[Event] = None
    text: Optional[Text] = None
    one_session: bool = True

    def continues(self) -> bool:
        """The tracker's first events are still the ones saved."""
        return applied_events.still_begins_with(self.tracker.events, len(self.fragments), self.last)

    def unchanged(self) -> bool:
        return self.continues() and len(self.tracker.events) == len(self.fragments)


def _starts_a_session(event: Event) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME


def serialise(saved: Saved) -> Text:
    """The conversation as Rasa's SerializedTrackerAsText.serialise_tracker writes it, dumping
    only the events not yet in `saved`; returns the text and keeps it in `saved`."""
    events = saved.tracker.events
    for index in range(len(saved.fragments), len(events)):
        event = events[index]
        saved.one_session = saved.one_session and not (index > 0 and _starts_a_session(event))
        saved.fragments.append(json.dumps(event.as_dict()))
    saved.last = events[-1] if events else None
    saved.text = f'{{"events": [{", ".join(saved.fragments)}], "name": {json.dumps(saved.tracker.sender_id)}}}'
    return saved.text


def rebuild(store: InMemoryTrackerStore, saved: DialogueStateTracker) -> DialogueStateTracker:
    """What Rasa's TrackerStore.deserialise_tracker rebuilds from the text, from the saved
    tracker's own event objects: a new tracker, the events, the state replaying the applied ones
    gives. The applied events and the rule states' replay depend only on the events, so the new
    tracker takes them over instead of walking the conversation again."""
    tracker = store.init_tracker(saved.sender_id)
    tracker.events.extend(saved.events)
    applied_events.hand_over(saved, tracker)
    rule_states.hand_over(saved, tracker)
    tracker.replay_events()
    return tracker


class IncrementalInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's InMemoryTrackerStore, saving only what is new and retrieving the saved tracker."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saved: "OrderedDict[Text, Saved]" = OrderedDict()

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, dumping only the events added since the last save."""
        await self.stream_events(tracker)
        saved = self.saved.pop(tracker.sender_id, None)
        if saved is None or saved.tracker is not tracker or not saved.continues():
            saved = Saved(tracker)
        self.store[tracker.sender_id] = serialise(saved)
        if saved.one_session:
            self.saved[tracker.sender_id] = saved
            while len(self.saved) > LIVE_CONVERSATIONS:
                self.saved.popitem(last=False)

    async def _retrieve(self, sender_id: Text, fetch_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's _retrieve: the tracker saved, while it is what the store holds."""
        saved = self.saved.get(sender_id)
        if saved is not None and self.store.get(sender_id) is saved.text and saved.unchanged():
            self.saved.move_to_end(sender_id)
            saved.tracker = rebuild(self, saved.tracker)
            return saved.tracker
        self.saved.pop(sender_id, None)
        return await super()._retrieve(sender_id, fetch_all_sessions)
