"""The RulePolicy matches the conversation against its rules from the latest turn backwards, and a
rule matches whatever lies further back than its own length (RulePolicy._is_rule_applicable); the
longest of ours is 3 turns. Rasa 3.6 still turns the whole conversation into states before every
prediction, two or three a message: at message 40 about 100 states each time, the largest part of
what grew with a conversation's length once the tracker and the action server's payload were
mended.

install() replaces the RulePolicy's _prediction_states with the states of the latest turns only,
one more than its longest rule, computed as Rasa computes them (Domain.states_for_tracker_history
without rule-only turns ignored, which is how the RulePolicy asks, then the featurizer's choice of
text or intent for the latest user message); they are the last states of Rasa's list, so every
rule matches as before. Rasa still replays the whole conversation to reach them; only the states
before them are not built. Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py fails
when the Rasa source relied on changes, tests/rasa/test_rule_states.py compares both on
real conversations."""

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

RASA_PREDICTION_STATES = Policy._prediction_states
LONGEST_RULE = "_eskalering_longest_rule"


def longest_rule(policy: RulePolicy) -> int:
    """The most states any of the policy's rules has (read once from its lookup)."""
    if LONGEST_RULE not in policy.__dict__:
        keys = [*policy.lookup.get(RULES, {}), *policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {})]
        policy.__dict__[LONGEST_RULE] = max(
            (len(policy._rule_key_to_state(key)) for key in keys), default=0)
    return policy.__dict__[LONGEST_RULE]


def recent_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> List[State]:
    """The last `count` states of Domain.states_for_tracker_history(tracker): one before each
    action and one at the end, each from the tracker as it was then."""
    events = tracker.applied_events()
    first = sum(isinstance(event, ActionExecuted) for event in events) + 1 - count
    states: List[State] = []
    prior = tracker.init_copy()
    index = 0
    for event in events:
        if isinstance(event, ActionExecuted):
            if index >= first:
                states.append(domain._clean_state(domain.get_active_state(prior)))
            index += 1
        prior.update(event)
    states.append(domain._clean_state(domain.get_active_state(prior)))
    return states


def prediction_states(self: RulePolicy, tracker: DialogueStateTracker, domain: Domain,
                      use_text_for_last_user_input: bool = False,
                      rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """Policy._prediction_states for the RulePolicy, for the latest turns only."""
    count = longest_rule(self) + 1
    max_history = getattr(self.featurizer, "max_history", None)
    states = recent_states(tracker, domain, min(count, max_history) if max_history else count)
    self.featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states


def install() -> None:
    RulePolicy._prediction_states = prediction_states
