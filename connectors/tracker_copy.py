"""Rasa 3.6 builds new trackers by replaying every event of the conversation into them, where a
copy of the tracker's state would do, several times a message:
- before every action (MessageProcessor._run_action: the action runs on DialogueStateTracker.copy(),
  so a rejected action leaves no trace);
- twice a form turn (FormAction._temporary_tracker: the conversation since the latest restart
  plus the form's own events, to validate the slots and ask for the next one).

install() makes these copies without the replay: a new tracker as Rasa starts it, the same event
objects, and each part of the state that replaying them sets (slot values, the latest message,
action and bot utterance, the active loop, the follow-up action, paused), copied from the
tracker. A tracker's state is what replaying its events with update() gives (Rasa's own rule,
stated in DialogueStateTracker.__init__), so both are equal; the model and assistant ids stay
unset, as in Rasa's. A form's tracker is copied only when the conversation was never restarted
(a restart leaves a follow-up action that a replay from after it does not have); otherwise Rasa
replays as before. Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py fails when what
is relied on changes, tests/unit/test_tracker_events.py and tests/rasa/test_tracker_fast_paths.py
compare both, attribute by attribute."""

import copy
from typing import List

from rasa.core.actions.forms import FormAction
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from connectors import applied_events

RASA_COPY = DialogueStateTracker.copy
RASA_FORM_TRACKER = FormAction._temporary_tracker
# What replaying the events sets, besides the slots and the events themselves.
REPLAYED_STATE = ("_paused", "followup_action", "latest_message", "latest_bot_utterance")


def copy_state(source: DialogueStateTracker, target: DialogueStateTracker) -> DialogueStateTracker:
    """`target`, a new tracker, given `source`'s events and the state replaying them sets."""
    target.events.extend(source.events)
    for name, slot in source.slots.items():
        if name not in target.slots:
            continue  # a replay would not set it either (DialogueStateTracker._set_slot)
        target.slots[name]._value = slot._value
        target.slots[name]._has_been_set = slot._has_been_set
    for name in REPLAYED_STATE:
        setattr(target, name, getattr(source, name))
    target.latest_action = copy.copy(source.latest_action)
    target.active_loop = copy.copy(source.active_loop)
    applied_events.hand_over(source, target)
    return target


def copy_tracker(self: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa's DialogueStateTracker.copy() without the replay."""
    return copy_state(self, self.init_copy())


def form_tracker(self: FormAction, current_tracker: DialogueStateTracker,
                 additional_events: List[Event], domain: Domain) -> DialogueStateTracker:
    """Rasa's FormAction._temporary_tracker without the replay, when there was no restart."""
    if current_tracker.idx_after_latest_restart() != 0:
        return RASA_FORM_TRACKER(self, current_tracker, additional_events, domain)
    tracker = copy_state(current_tracker, DialogueStateTracker(current_tracker.sender_id, domain.slots))
    form_events = [SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
                   ActionExecuted(self.name()), *additional_events]
    for event in form_events:
        tracker.update(event)
    return tracker


def install() -> None:
    DialogueStateTracker.copy = copy_tracker
    FormAction._temporary_tracker = form_tracker
