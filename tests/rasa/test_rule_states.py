"""rasa_server_changes/rule_states.py on real conversations: the trained model in this process with the
real action server, long conversations through forms, side questions, corrections, cancels and
questions; at every rule lookup the policy config.yml names (RecentStatesRulePolicy) decides with
the latest states exactly as Rasa's RulePolicy does with all of its states."""

import pytest
from rasa.core.policies.policy import Policy

from rasa_server_changes.rule_states import RecentStatesRulePolicy
from in_process import talk

pytestmark = pytest.mark.rasa


def rule_decision(found):
    """The action, the rule that chose it and whether the form comes back from a side path. With
    no rule found, the source is a key of the states, which is never a rule's (Rasa's own check)."""
    action, source, unhappy = found
    return action, source if action else None, unhappy


def test_the_rule_policy_decides_with_the_latest_states_as_with_all(model, action_server, monkeypatch):
    decisions, policies = [], set()
    find = RecentStatesRulePolicy._find_action_from_rules
    recent = RecentStatesRulePolicy._prediction_states

    def both(self, tracker, domain, use_text_for_last_user_input):
        policies.add(type(self))
        latest = self._prediction_states(tracker, domain, use_text_for_last_user_input)
        decided = find(self, tracker, domain, use_text_for_last_user_input)
        monkeypatch.setattr(RecentStatesRulePolicy, "_prediction_states", Policy._prediction_states)
        every = self._prediction_states(tracker, domain, use_text_for_last_user_input)
        with_all = find(self, tracker, domain, use_text_for_last_user_input)
        monkeypatch.setattr(RecentStatesRulePolicy, "_prediction_states", recent)
        decisions.append((rule_decision(decided), rule_decision(with_all), latest, every))
        return decided

    monkeypatch.setattr(RecentStatesRulePolicy, "_find_action_from_rules", both)

    answers = talk(model, action_server, "rule-states")
    assert policies == {RecentStatesRulePolicy}  # the model's policy is the one config.yml names
    assert any("ESK-" in text for texts in answers for text in texts if text)  # the actions ran
    assert [ours for ours, *_ in decisions] == [rasas for _, rasas, *_ in decisions]
    longest = max(len(latest) for *_, latest, _ in decisions)
    assert all(
        latest == every[-len(latest) :] and len(latest) == min(longest, len(every)) for *_, latest, every in decisions
    )
    assert sum(ours[0] is not None for ours, *_ in decisions) > 50
    assert max(len(every) for *_, every in decisions) > 10 * longest
