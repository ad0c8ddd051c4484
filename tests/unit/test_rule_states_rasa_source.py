"""connectors/rule_states.py computes the RulePolicy's latest states as Rasa 3.6.21 computes all of
them. When Rasa's source (pinned in tests/unit/test_rasa_sources.py) changes, check that the
RulePolicy still asks for states without rule-only turns ignored, that its featurizer still slices
and then chooses text or intent for the latest user message, that a state is still built from the
tracker before each action and at the end, and that a rule still matches whatever lies further
back than its length. tests/rasa/test_rule_states.py compares both on real conversations."""

from pathlib import Path

import pytest
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import connectors  # noqa: F401  (installs the states, as Rasa's import of the channels does)
from connectors import rule_states

DOMAIN = Domain.load(str(Path(__file__).parents[2] / "domain"))



def test_installed_for_the_rule_policy_only():
    assert RulePolicy._prediction_states is rule_states.prediction_states
    assert Policy._prediction_states is rule_states.RASA_PREDICTION_STATES


def conversation(turns: int) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen")]
    for number in range(turns):
        events += [UserUttered(f"meddelande {number}", {"name": "inform", "confidence": 1.0}),
                   SlotSet("product", f"produkt {number}"), ActionExecuted("escalation_form"),
                   ActiveLoop("escalation_form"), SlotSet("requested_slot", "order_number"),
                   BotUttered(f"svar {number}"), ActionExecuted("action_listen")]
    return DialogueStateTracker.from_events("rule-states", events, slots=DOMAIN.slots)


@pytest.mark.parametrize("turns", [0, 1, 2, 12])
@pytest.mark.parametrize("count", [1, 4, 100])
def test_the_recent_states_are_the_last_of_rasas(turns, count):
    tracker = conversation(turns)
    every = Domain.states_for_tracker_history(DOMAIN, tracker)
    assert rule_states.recent_states(tracker, DOMAIN, count) == every[-count:]
