"""connectors/rule_states.py on real conversations: the trained model in this process with the
real action server, long conversations through forms, side questions, corrections, cancels and
questions; at every rule lookup the RulePolicy decides with the latest states exactly as with all
of Rasa's states."""

import asyncio

import pytest
from rasa.core.agent import load_agent
from rasa.core.channels import CollectingOutputChannel, UserMessage
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig

import connectors  # noqa: F401  (installs the states, as Rasa's import of the channels does)
from connectors import rule_states

pytestmark = pytest.mark.rasa

CYCLE = [
    "hej", "vad kan jag eskalera?", "jag vill eskalera", "beställning", "/report_not_per_agreement",
    "vilket telefonnummer har ni?", "villafibern", "ORD-5510{n}", "nej", "avbryt",
    "order 8881{n}345 för Koppar Punkt till Punkt, leveransdatumet har passerat", "15 november",
    "Operatör AB, Anna Andersson, anna@operator.se", "ja", "status för order 8881{n}345", "tack",
]


def rule_decision(found):
    """The action, the rule that chose it and whether the form comes back from a side path. With
    no rule found, the source is a key of the states, which is never a rule's (Rasa's own check)."""
    action, source, unhappy = found
    return action, source if action else None, unhappy


def test_the_rule_policy_decides_with_the_latest_states_as_with_all(model, action_server, monkeypatch):
    decisions = []
    ours = RulePolicy._find_action_from_rules

    def both(self, tracker, domain, use_text_for_last_user_input):
        latest = self._prediction_states(tracker, domain, use_text_for_last_user_input)
        decided = ours(self, tracker, domain, use_text_for_last_user_input)
        monkeypatch.setattr(RulePolicy, "_prediction_states", rule_states.RASA_PREDICTION_STATES)
        every = self._prediction_states(tracker, domain, use_text_for_last_user_input)
        with_all = ours(self, tracker, domain, use_text_for_last_user_input)
        monkeypatch.setattr(RulePolicy, "_prediction_states", rule_states.prediction_states)
        decisions.append((rule_decision(decided), rule_decision(with_all), latest, every))
        return decided

    monkeypatch.setattr(RulePolicy, "_find_action_from_rules", both)

    async def talk():
        agent = await load_agent(model_path=str(model),
                                 endpoints=AvailableEndpoints(action=EndpointConfig(action_server)))
        for cycle in range(3):
            for text in CYCLE:
                await agent.handle_message(UserMessage(text.format(n=cycle), CollectingOutputChannel(),
                                                       sender_id="rule-states"))

    asyncio.run(talk())
    assert [ours for ours, *_ in decisions] == [rasas for _, rasas, *_ in decisions]
    longest = max(len(latest) for *_, latest, _ in decisions)
    assert all(latest == every[-len(latest):] and len(latest) == min(longest, len(every))
               for *_, latest, every in decisions)
    assert sum(ours[0] is not None for ours, *_ in decisions) > 50
    assert max(len(every) for *_, every in decisions) > 10 * longest
