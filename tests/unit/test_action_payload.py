"""rasa_server_changes/action_payload.py: the action server gets the recent events only, and what the
actions read of the events is the same as on the whole conversation (Rasa's method is pinned in
tests/unit/test_rasa_sources.py)."""

import json
from pathlib import Path

from hypothesis import given, strategies as st
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Restarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker

import rasa_server_changes  # noqa: F401  (installs the format, as every model load does)
from actions.forms import asked_slot
from rasa_server_changes import action_payload

DOMAIN = Domain.load(str(Path(__file__).parents[2] / "domain"))


def test_installed_in_place_of_rasas_format():
    assert RemoteAction._action_call_format is action_payload.action_call_format


def turn(text, intent, slots=(), requested=None, bot="", channel="rest"):
    """The user's message, the bot's answer, then the bot listening; the form's slot candidates and
    question where given."""
    events = [
        UserUttered(text, {"name": intent, "confidence": 1.0}, input_channel=channel),
        *[SlotSet(name, value) for name, value in slots],
    ]
    if requested is not None:
        events += [
            ActionExecuted("escalation_form"),
            ActiveLoop("escalation_form"),
            SlotSet("requested_slot", requested),
        ]
    return events + [BotUttered(bot or f"svar på {text}"), ActionExecuted("action_listen")]


def tracker_of(events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "payload-test", [ActionExecuted("action_listen"), *events], slots=DOMAIN.slots
    )


def payloads(tracker):
    """What Rasa would send, and what is sent."""
    action = RemoteAction("validate_escalation_form", EndpointConfig("http://127.0.0.1:5399/webhook"))
    return action_payload.RASA_FORMAT(action, tracker, DOMAIN), action._action_call_format(tracker, DOMAIN)


def sdk_tracker(payload) -> Tracker:
    return Tracker.from_dict(json.loads(json.dumps(payload["tracker"])))


LONG_DAY = [
    event
    for cycle in range(8)
    for event in [
        *turn("jag vill eskalera", "escalate", requested="case_kind"),
        *turn("beställning", "inform", [("case_kind", "order")], requested="product"),
        *turn("vilket telefonnummer har ni?", "ask_phone", bot="Ring Kundservice"),
        *turn("villafiber", "inform", [("product", "Fiber Villa")], requested="order_number"),
        *turn(f"ORD-55{cycle}", "inform", [("order_number", f"ORD-55{cycle}")], requested=None),
        *turn("tack", "thank"),
    ]
]


def test_a_long_conversation_sends_the_recent_events_and_everything_else_as_rasa_does():
    tracker = tracker_of(LONG_DAY + turn("villafiber", "inform", [("product", "Fiber Villa")]))
    rasa, ours = payloads(tracker)
    assert {**ours["tracker"], "events": None} == {**rasa["tracker"], "events": None}
    assert {**ours, "tracker": None} == {**rasa, "tracker": None}
    sent = ours["tracker"]["events"]
    assert len(json.dumps(sent)) < len(json.dumps(rasa["tracker"]["events"])) / 10
    assert sent[0] == {**SlotSet("requested_slot", "order_number").as_dict(), "timestamp": sent[0]["timestamp"]}
    assert sent[1:] == rasa["tracker"]["events"][-len(sent) + 1 :]
    assert [event["event"] for event in sent].count("user") == 2


def test_a_short_conversation_is_sent_whole():
    tracker = tracker_of(turn("hej", "greet"))
    rasa, ours = payloads(tracker)
    assert ours == rasa


EVENT_KINDS = st.sampled_from(
    ["user", "user_other_channel", "slot", "candidate", "ask", "ask_none", "form", "bot", "listen", "restart"]
)


def event_of(kind: str, number: int):
    return {
        "user": lambda: UserUttered(
            f"meddelande {number}", {"name": "inform", "confidence": 1.0}, input_channel="rest"
        ),
        "user_other_channel": lambda: UserUttered(
            "hej", {"name": "greet", "confidence": 1.0}, input_channel="socketio"
        ),
        "slot": lambda: SlotSet("product", f"produkt {number}"),
        "candidate": lambda: SlotSet("order_number", f"ORD-{number}"),
        "ask": lambda: SlotSet("requested_slot", ["product", "order_number", "case_kind"][number % 3]),
        "ask_none": lambda: SlotSet("requested_slot", None),
        "form": lambda: ActiveLoop("escalation_form"),
        "bot": lambda: BotUttered(f"svar {number}"),
        "listen": lambda: ActionExecuted("action_listen"),
        "restart": lambda: Restarted(),
    }[kind]()


@given(st.lists(EVENT_KINDS, max_size=60))
def test_what_the_actions_read_of_the_events_is_the_same_as_on_the_whole_conversation(kinds):
    tracker = tracker_of([event_of(kind, number) for number, kind in enumerate(kinds)])
    whole, recent = (sdk_tracker(payload) for payload in payloads(tracker))
    assert asked_slot(recent) == asked_slot(whole)
    assert recent.slots_to_validate() == whole.slots_to_validate()
    assert recent.get_latest_input_channel() == whole.get_latest_input_channel()
    assert recent.latest_message == whole.latest_message
    assert recent.slots == whole.slots
