"""The actions themselves on trackers read from JSON fixtures (tests/unit/trackers/), without a
Rasa server: what each says and which events it returns."""

import asyncio
import json
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions, asking, escalation, forms
from escalation_routine import facts, opening_hours

TRACKERS = Path(__file__).with_name("trackers")
ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-27T10:15:00+01:00"  # a Friday morning: Kundservice is open


@pytest.fixture(scope="module")
def domain() -> dict:
    return Domain.load(str(ROOT / "domain")).as_dict()


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)


def tracker(name: str) -> Tracker:
    return Tracker.from_dict(json.loads((TRACKERS / f"{name}.json").read_text(encoding="utf-8")))


def events_of(action, dispatcher: CollectingDispatcher, name: str, domain: dict) -> list:
    result = action.run(dispatcher, tracker(name), domain)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def run(action, name: str, domain: dict):
    dispatcher = CollectingDispatcher()
    events = events_of(action, dispatcher, name, domain)
    texts = [message.get("text") or "" for message in dispatcher.messages]
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}, texts


def test_the_second_unusable_answer_goes_on_without_the_number(domain):
    slots, texts = run(forms.ValidateEscalationForm(), "order_number_second_unusable_answer", domain)
    assert slots["order_number"] == escalation.UNKNOWN and slots["unusable_answers"] == 0
    assert any("vi går vidare utan numret" in text and facts.phone() in text for text in texts)


def test_every_detail_of_the_first_message_is_read_and_none_is_asked(domain):
    slots, texts = run(forms.ValidateEscalationForm(), "everything_in_the_first_message", domain)
    assert slots["product"] == "Fiber Villa" and slots["order_number"] == "4711-2345"
    assert slots["agreed_delivery_date"] == "2026-11-10" and texts == []
    filled = {**tracker("everything_in_the_first_message").slots, **slots}
    assert [slot for slot in escalation.required_slots(filled, opening_hours.now()) if not filled[slot]] == []


def test_the_question_in_the_message_is_answered_before_the_forms_own(domain):
    _, texts = run(asking.AskOrderNumber(), "everything_in_the_first_message", domain)
    assert "Kundservice-fibervilla@skanova.se" in texts[0]
    assert texts[-1] == ""  # the form's own question is its response, sent by name


def test_a_second_miss_in_a_row_gives_the_phone_and_the_main_choices(domain):
    dispatcher = CollectingDispatcher()
    events_of(actions.SuggestMeanings(), dispatcher, "second_miss_in_a_row", domain)
    (message,) = dispatcher.messages
    assert facts.phone() in message["text"] and "har öppet just nu" in message["text"]
    assert [button["payload"] for button in message["buttons"]] == [
        "/escalate",
        "/ask_what_escalate",
        "/ask_mailbox",
        "/ask_phone_hours",
    ]


def test_the_rule_policys_fallback_takes_the_message_back(domain):
    dispatcher = CollectingDispatcher()
    events = events_of(actions.CoreFallback(), dispatcher, "second_miss_in_a_row", domain)
    assert [event["event"] for event in events] == ["rewind"]
