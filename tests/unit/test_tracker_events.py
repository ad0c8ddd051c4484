"""rasa_server_changes/applied_events.py, tracker_copy.py and rule_states' replay on conversations made of
every kind of event that changes what applies (undos, rewinds, restarts, sessions, loops that
activate, run, are rejected and end), added a few at a time: after each addition, the applied
events are Rasa's own, the same objects, a copy has the state of Rasa's replayed copy, and the
rule policy's recent states are the last of Rasa's."""

from hypothesis import example, given, settings, strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_server_changes  # noqa: F401  (installs the fast paths, as every model load does)
from rasa_server_changes import applied_events, rule_states, tracker_copy
from tests.tracker_state import state

FORMS = ["form_a", "form_b"]
DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "inform"],
        "actions": ["utter_x"],
        "responses": {"utter_x": [{"text": "x"}]},
        "slots": {"s": {"type": "text", "mappings": [{"type": "custom"}]}},
        "forms": {name: {"required_slots": ["s"]} for name in FORMS},
    }
)


def listen():
    return ActionExecuted("action_listen")


def user_message():
    return UserUttered("hej", {"name": "greet", "confidence": 1.0})


def utter():
    return ActionExecuted("utter_x")


def featurization():
    return DefinePrevUserUtteredFeaturization(True)


EVENTS = [
    listen,
    utter,
    user_message,
    lambda: UserUttered("/inform", {"name": "inform", "confidence": 1.0}),
    lambda: BotUttered("x"),
    lambda: SlotSet("s", "a"),
    lambda: SlotSet("s", None),
    UserUtteranceReverted,
    ActionReverted,
    Restarted,
    SessionStarted,
    lambda: ActiveLoop(None),
    lambda: LoopInterrupted(True),
    lambda: FollowupAction("utter_x"),
    featurization,
    *[lambda form=form: ActionExecuted(form) for form in FORMS],
    *[lambda form=form: ActiveLoop(form) for form in FORMS],
    *[lambda form=form: ActionExecutionRejected(form) for form in FORMS],
]
additions = st.lists(st.lists(st.sampled_from(range(len(EVENTS))), min_size=1, max_size=4), max_size=25)


def grown(batches):
    """A tracker given the batches one after another, yielded after each."""
    tracker = DialogueStateTracker("hypothesis", [TextSlot("s", mappings=[])])
    for batch in batches:
        for index in batch:
            tracker.update(EVENTS[index]())
        yield tracker


@settings(max_examples=300, deadline=None)
@given(additions)
def test_the_applied_events_are_rasas_after_every_addition(batches):
    for tracker in grown(batches):
        ours, rasas = applied_events.applied_events(tracker), applied_events.RASA_APPLIED_EVENTS(tracker)
        assert len(ours) == len(rasas) and all(a is b for a, b in zip(ours, rasas))


@settings(max_examples=200, deadline=None)
@given(additions)
def test_a_copy_has_the_state_of_rasas_replayed_copy(batches):
    for tracker in grown(batches):
        copied = tracker_copy.copy_tracker(tracker)
        assert state(copied) == state(tracker_copy.RASA_COPY(copied))
        assert state(copied) == state(tracker_copy.RASA_COPY(tracker))


@settings(max_examples=300, deadline=None)
@given(additions, st.integers(min_value=1, max_value=10))
# The featurization of a user message is defined after the states before it were first asked for.
@example([[EVENTS.index(user_message), EVENTS.index(listen)], [EVENTS.index(featurization)]], 2)
# A rewind makes an earlier user message the latest again.
@example(
    [
        [EVENTS.index(event) for event in (listen, user_message, utter, listen, user_message, utter)],
        [EVENTS.index(UserUtteranceReverted), EVENTS.index(featurization)],
    ],
    4,
)
def test_the_recent_states_kept_between_calls_are_the_last_of_rasas(batches, count):
    for tracker in grown(batches):
        every = DOMAIN.states_for_tracker_history(tracker)
        assert rule_states.recent_states(tracker, DOMAIN, count) == every[-count:]


def test_installed_in_place_of_rasas():
    assert DialogueStateTracker.applied_events is applied_events.applied_events
    assert DialogueStateTracker.copy is tracker_copy.copy_tracker


def test_a_returned_list_is_the_callers_own():
    tracker = DialogueStateTracker("own", [])
    tracker.update(ActionExecuted("action_listen"))
    applied_events.applied_events(tracker).clear()
    assert len(applied_events.applied_events(tracker)) == 1
