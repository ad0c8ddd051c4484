"""connectors/rule_states.py computes the RulePolicy's latest states as Rasa 3.6.21 computes all of
them. If Rasa changes what it relies on, the first test fails: re-read the new source, check that
the RulePolicy still asks for states without rule-only turns ignored, that its featurizer still
slices and then chooses text or intent for the latest user message, that a state is still built
from the tracker before each action and at the end, and that a rule still matches whatever lies
further back than its length; then update the hashes. tests/rasa/test_rule_states.py compares
both on real conversations."""

import hashlib
import inspect
from pathlib import Path

import pytest
from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer, TrackerFeaturizer
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import connectors  # noqa: F401  (installs the states, as Rasa's import of the channels does)
from connectors import rule_states

DOMAIN = Domain.load(str(Path(__file__).parents[2] / "domain"))

CHECKED_SOURCES = {
    "Policy._prediction_states": "ed9b82bed2f26ad7a0de61709e02339983912bece614191089c3adba60cf1452",
    "MaxHistoryTrackerFeaturizer.prediction_states": "451caf09a389e8719ad4ee38eb97dfd10b4743cd3928f1f9569779394fd3462e",
    "TrackerFeaturizer._create_states": "2fed265eee3bfa38bef58c41b618f4bc7cb68219a91c7b2b2488603403c5e86a",
    "DialogueStateTracker.past_states": "5463eefb5c69d27f82cdc7eca84e23b4b82851e9a5ff575bd02447d4d987103b",
    "Domain.states_for_tracker_history": "035111ce73ac90ba50e143abf556f924af07d9f452893f5a96a62895d44df8b7",
    "DialogueStateTracker.generate_all_prior_trackers": "a1f6954347b52649a7b1054741338997d2369197d91acb2eab7f6b11d3855ed1",
    "RulePolicy._is_rule_applicable": "64a108b016b46e573d6020b755a6036439dc207a364b45c9ea5dcb0f18dc7068",
    "RulePolicy._get_possible_keys": "2915fd81711e194c6d667728e00bd0e51e9c1c2791a0be14c55f0ef9938f9936",
}


@pytest.mark.parametrize("name, method", [
    ("Policy._prediction_states", rule_states.RASA_PREDICTION_STATES),
    ("MaxHistoryTrackerFeaturizer.prediction_states", MaxHistoryTrackerFeaturizer.prediction_states),
    ("TrackerFeaturizer._create_states", TrackerFeaturizer._create_states),
    ("DialogueStateTracker.past_states", DialogueStateTracker.past_states),
    ("Domain.states_for_tracker_history", Domain.states_for_tracker_history),
    ("DialogueStateTracker.generate_all_prior_trackers", DialogueStateTracker.generate_all_prior_trackers),
    ("RulePolicy._is_rule_applicable", RulePolicy._is_rule_applicable),
    ("RulePolicy._get_possible_keys", RulePolicy._get_possible_keys),
])
def test_the_rasa_methods_relied_on_are_the_ones_checked(name, method):
    source = inspect.getsource(method)
    assert hashlib.sha256(source.encode()).hexdigest() == CHECKED_SOURCES[name], (
        f"Rasa's {name} changed: re-check connectors/rule_states.py against it")


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
