"""The RulePolicy matches the conversation against its rules from the latest turn backwards, and a
rule matches whatever lies further back than its own length (RulePolicy._is_rule_applicable); the
longest of ours is 3 turns. Rasa 3.6 still turns the whole conversation into states before every
prediction, two or three a message: at message 40 about 100 states each time, the largest part of
what grew with a conversation's length once the tracker and the action server's payload were
mended.

RecentStatesRulePolicy, the RulePolicy config.yml names, predicts from the states of the latest turns only,
one more than its longest rule, computed as Rasa computes them (Domain.states_for_tracker_history
without rule-only turns ignored, which is how the RulePolicy asks, then the featurizer's choice of
text or intent for the latest user message); they are the last states of Rasa's list, so every
rule matches as before. The replay that reaches them is kept on the tracker (and handed on to
the next message's tracker by rasa_server_changes/memory_tracker_store.py), so a prediction replays only
the events since the latest user message. Checked against Rasa 3.6.21;
tests/unit/test_rasa_sources.py fails when the Rasa source relied on changes,
tests/unit/test_tracker_events.py compares both on made-up conversations with every kind of
event, tests/rasa/test_rule_states.py on real ones."""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Text

import warnings

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server_changes import applied_events, tracker_copy

LONGEST_RULE = "_eskalering_longest_rule"
REPLAY = "_eskalering_rule_states_replay"


def longest_rule(policy: RulePolicy) -> int:
    """The most states any of the policy's rules has (read once from its lookup)."""
    if LONGEST_RULE not in policy.__dict__:
        keys = [*policy.lookup.get(RULES, {}), *policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {})]
        policy.__dict__[LONGEST_RULE] = max((len(policy._rule_key_to_state(key)) for key in keys), default=0)
    return policy.__dict__[LONGEST_RULE]


@dataclass
class Replay:
    """The applied events before the latest user message, replayed into `prior`, and the state
    before each action among them. Those states stay as they are: Rasa changes how a user
    message is featurized (DefinePrevUserUtteredFeaturization, which changes the message event
    itself) only while it is the latest, so the states from the latest message on are made anew
    each time, from a copy of `prior`."""

    domain: Domain
    prior: DialogueStateTracker
    replayed: int = 0
    last: Optional[Event] = None
    before_actions: List[State] = field(default_factory=list)

    def continues(self, events: List[Event], domain: Domain, latest_user_message: int) -> bool:
        """The events replayed are still the first of `events`, and all before the latest user
        message (an undo can make an earlier one the latest again)."""
        return (
            domain is self.domain
            and self.replayed <= latest_user_message
            and applied_events.still_begins_with(events, self.replayed, self.last)
        )

    def advance(self, events: List[Event], until: int) -> None:
        self.before_actions += _replay(self.domain, self.prior, events[self.replayed : until])
        self.replayed, self.last = until, events[until - 1] if until else None


def _state(domain: Domain, tracker: DialogueStateTracker) -> State:
    return domain._clean_state(domain.get_active_state(tracker))


def _replay(domain: Domain, prior: DialogueStateTracker, events: List[Event]) -> List[State]:
    """Applies `events` to `prior`; returns the state before each action among them."""
    states = []
    for event in events:
        if isinstance(event, ActionExecuted):
            states.append(_state(domain, prior))
        prior.update(event)
    return states


def _own_copy(state: State) -> State:
    # The featurizer removes the text or the intent from the latest user state in place.
    return {key: dict(sub_state) for key, sub_state in state.items()}


def _latest_user_message(events: List[Event]) -> int:
    """The index of the latest UserUttered among `events`, or their length when there is none."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return index
    return len(events)


def recent_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> List[State]:
    """The last `count` states of Domain.states_for_tracker_history(tracker): one before each
    action and one at the end, each from the tracker as it was then. The replay up to the latest
    user message is kept on the tracker, so the next call replays only what came after it."""
    events = tracker.applied_events()
    latest_user_message = _latest_user_message(events)
    replay = tracker.__dict__.get(REPLAY)
    if replay is None or not replay.continues(events, domain, latest_user_message):
        replay = tracker.__dict__[REPLAY] = Replay(domain, tracker.init_copy())
    replay.advance(events, latest_user_message)
    latest = tracker_copy.copy_tracker(replay.prior)
    states = [*replay.before_actions[-count:], *_replay(domain, latest, events[replay.replayed :])]
    return [*map(_own_copy, states[max(0, len(states) - count + 1) :]), _state(domain, latest)]


def hand_over(old: DialogueStateTracker, new: DialogueStateTracker) -> None:
    """`new` has the same applied events as `old`: it takes over the replay."""
    if REPLAY in old.__dict__:
        new.__dict__[REPLAY] = old.__dict__[REPLAY]


def prediction_states(
    policy: RulePolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    use_text_for_last_user_input: bool = False,
) -> List[State]:
    """Policy._prediction_states for the RulePolicy, for the latest turns only."""
    count = longest_rule(policy) + 1
    max_history = getattr(policy.featurizer, "max_history", None)
    states = recent_states(tracker, domain, min(count, max_history) if max_history else count)
    policy.featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states


# Rasa's recipe validator looks for `node.uses == RulePolicy` and would warn on every training that
# restart and back are not handled; this subclass handles them as RulePolicy does.
warnings.filterwarnings("ignore", message="'RulePolicy' is not included in the model's policy configuration")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class RecentStatesRulePolicy(RulePolicy):
    """Rasa's RulePolicy, predicting from the states of the latest turns only (the module's text)."""

    def _prediction_states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool = False,
        rule_only_data: Optional[Dict[Text, Any]] = None,
    ) -> List[State]:
        return prediction_states(self, tracker, domain, use_text_for_last_user_input)

    def _rule_prediction(self, *args: Any, **kwargs: Any) -> PolicyPrediction:
        # Rasa tells memorised predictions from learnt ones by the policy's name
        # (rasa.core.policies.ensemble.is_not_in_training_data): it stays RulePolicy's.
        prediction = super()._rule_prediction(*args, **kwargs)
        prediction.policy_name = RulePolicy.__name__
        return prediction
