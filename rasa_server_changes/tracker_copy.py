"""Before every action Rasa 3.6 copies the tracker (MessageProcessor._run_action: the action runs
on a copy, so a rejected action leaves no trace), and DialogueStateTracker.copy() builds the copy
by replaying every event of the conversation into a new tracker: two or three whole replays a
message, growing with the conversation.

install() makes the copy without the replay: a new tracker as Rasa's copy starts it (init_copy),
the same event objects, and each part of the state that replaying them sets (slot values, the
latest message, action and bot utterance, the active loop, the follow-up action, paused), copied
from the tracker. A tracker's state is what replaying its events with update() gives (Rasa's own
rule, stated in DialogueStateTracker.__init__), so both copies are equal; the model and assistant
ids stay unset, as in Rasa's copy. Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py
fails when what is relied on changes, tests/unit/test_tracker_events.py and
tests/rasa/test_tracker_fast_paths.py compare both copies, attribute by attribute.

(The form's two temporary trackers a turn, FormAction._temporary_tracker, are replayed the same
way; copying them too gave nothing measurable, so Rasa builds those as before.)"""

import copy

from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server_changes import applied_events

RASA_COPY = DialogueStateTracker.copy
# What replaying the events sets, besides the slots and the events themselves.
REPLAYED_STATE = ("_paused", "followup_action", "latest_message", "latest_bot_utterance")


def copy_tracker(self: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa's DialogueStateTracker.copy() without the replay."""
    duplicate = self.init_copy()
    duplicate.events.extend(self.events)
    for name, slot in self.slots.items():
        duplicate.slots[name]._value = slot._value
        duplicate.slots[name]._has_been_set = slot._has_been_set
    for name in REPLAYED_STATE:
        setattr(duplicate, name, getattr(self, name))
    duplicate.latest_action = copy.copy(self.latest_action)
    duplicate.active_loop = copy.copy(self.active_loop)
    applied_events.hand_over(self, duplicate)
    return duplicate


def install() -> None:
    DialogueStateTracker.copy = copy_tracker
