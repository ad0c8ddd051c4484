"""A tracker's state, comparable with ==: what the tests of rasa_server_changes/ compare with Rasa's."""

import dataclasses
import json

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker


def plain(value):
    if isinstance(value, Event):
        # The empty latest message or bot utterance a new tracker starts with is made when it is.
        return {key: part for key, part in value.as_dict().items() if key != "timestamp" or value.text is not None}
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return value


def state(tracker: DialogueStateTracker) -> dict:
    """Everything replaying a tracker's events sets, and its events, as JSON gives them back (the
    store keeps JSON; tuples come back as lists), comparable with ==."""
    fields = {
        name: plain(value)
        for name, value in vars(tracker).items()
        if not name.startswith("_eskalering") and name not in ("events", "slots")
    }
    return json.loads(
        json.dumps(
            {
                **fields,
                "events": [event.as_dict() for event in tracker.events],
                "slots": {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()},
            }
        )
    )
