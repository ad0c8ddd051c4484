"""Rasa sends the action server the whole conversation on every call: every event since it began,
as JSON (26 kB at message 4 of a conversation, 166 kB at message 40, twice for a form's turn).
Encoding and writing it was the largest part of what grew with a conversation's length.

install() replaces RemoteAction._action_call_format with the same request whose tracker carries the
events from the user's message before the latest one on, after the latest requested_slot event
before them. The slots, the latest message, the active form and the latest action are in the
tracker's other fields as before. What the actions read of the events lies in that window: the
question the bot asked before the latest message (actions.forms.asked_slot) and the slot candidates
at the end (rasa_sdk's slots_to_validate); tests/unit/test_action_payload.py keeps both equal to
their answers on the whole conversation. Checked against Rasa 3.6.21;
tests/unit/test_rasa_sources.py fails when Rasa's method changes."""

from typing import Any, Dict, List, Text

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

RASA_FORMAT = RemoteAction._action_call_format
USER_MESSAGES_SENT = 2


def _is_requested_slot(event: Event) -> bool:
    return event.type_name == "slot" and getattr(event, "key", None) == "requested_slot"


def recent_events(events: List[Event]) -> List[Event]:
    """The events from the USER_MESSAGES_SENT-th latest user message on, after the latest
    requested_slot event before them."""
    users = 0
    for start in range(len(events) - 1, -1, -1):
        if events[start].type_name == "user":
            users += 1
            if users == USER_MESSAGES_SENT:
                break
    else:
        return events
    asked = next((events[i] for i in range(start - 1, -1, -1) if _is_requested_slot(events[i])), None)
    return ([asked] if asked else []) + events[start:]


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> Dict[Text, Any]:
    """Rasa's _action_call_format with the recent events only."""
    tracker_state = tracker.current_state(EventVerbosity.NONE)
    tracker_state["events"] = [event.as_dict() for event in recent_events(list(tracker.events))]
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": tracker_state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


def install() -> None:
    RemoteAction._action_call_format = action_call_format
