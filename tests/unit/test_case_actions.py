"""The case actions on a tracker read from JSON (a Slack user asking for a case's status), on a
case store of their own: without Rasa servers, in a second."""

import asyncio
import copy
import json
from datetime import date
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import case_access, case_actions, case_replies, case_store

TRACKER = json.loads((Path(__file__).with_name("trackers") / "status_asked_in_slack.json").read_text("utf-8"))


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("CASES_DB_URL", f"sqlite:///{tmp_path}/cases.sqlite")
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-27T10:15:00+01:00")
    monkeypatch.setattr(case_access, "delay", lambda misses: 0.0)
    return case_store.open_case(
        case_store.NewCase(
            channel="slack",
            conversation_id="U1_D41",
            organisation="T-ALPHA",
            user_id="U1",
            case_kind=None,
            situation="late_delivery",
            product="Kopparaccess",
            product_group="koppar",
            mailbox="Kundservice-koppar@skanova.se",
            order_number="4711-2345",
            agreed_delivery_date=date(2026, 11, 15),
        )
    )


def asked_by(team: str, text: str = "Vad är status på ESK-2026-000001?") -> Tracker:
    state = copy.deepcopy(TRACKER)
    state["latest_message"]["text"] = state["events"][-1]["text"] = text
    state["events"][-1]["metadata"]["verified_identity"]["organisation"] = team
    return Tracker.from_dict(state)


def answer(action, tracker: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return [message["text"] for message in dispatcher.messages], events


def test_a_colleague_in_the_same_slack_team_gets_the_status(store):
    texts, events = answer(case_actions.CaseStatus(), asked_by("T-ALPHA"))
    assert texts[0].startswith(f"{store} (Kopparaccess, order-/referensnummer 4711-2345) har status registrerad")
    assert events == [{"event": "slot", "timestamp": None, "name": "case_reference", "value": store}]


@pytest.mark.parametrize(
    "action, text",
    [
        (case_actions.CaseStatus(), "Vad är status på {ref}?"),
        (case_actions.StartCase(), "Vi har mejlat och ringt om {ref}"),
        (case_actions.CloseCase(), "Ärendet {ref} är löst, vi har avslutat"),
        (case_actions.SaveContact(), "Kontakt för {ref}: Mallory AB, Mallory Malsson, mallory@example.com"),
    ],
)
def test_another_team_gets_what_a_reference_that_does_not_exist_gets(store, action, text):
    texts, events = answer(action, asked_by("T-BETA", text.format(ref=store)))
    assert texts == [case_replies.not_found(store)] and events == []
    case = case_store.find(store, asker=case_store.KUNDSERVICE)
    assert case.status == "registrerad" and case.contact == case_store.Contact() and len(case.history) == 1


def test_five_misses_and_the_conversation_is_refused_even_for_its_own_teams_case(store):
    for number in range(2, 7):
        texts, _ = answer(case_actions.CaseStatus(), asked_by("T-ALPHA", f"status ESK-2026-{number:06d}"))
        assert texts == [case_replies.not_found(f"ESK-2026-{number:06d}")]
    texts, _ = answer(case_actions.CaseStatus(), asked_by("T-ALPHA"))
    assert texts == [case_replies.too_many_misses()]


def with_slots(tracker: Tracker, active_loop: str = None, **slots) -> Tracker:
    state = tracker.current_state()
    state["slots"].update(slots)
    state["active_loop"] = {"name": active_loop} if active_loop else {}
    return Tracker.from_dict(state)


def test_what_next_about_the_conversations_own_case_is_its_next_step(store):
    tracker = with_slots(asked_by("T-ALPHA", "vad händer nu?"), case_reference=store)
    texts, _ = answer(case_actions.NextStep(), tracker)
    assert texts == [
        f"Nästa steg för {store}: " + case_replies.next_step(case_store.find(store, asker=case_store.KUNDSERVICE))
    ]
    assert "Kundservice-koppar@skanova.se" in texts[0] and "0771-81 60 00" in texts[0]


def test_what_next_without_a_case_is_how_an_escalation_starts(store):
    dispatcher = CollectingDispatcher()
    asyncio.run(case_actions.NextStep().run(dispatcher, asked_by("T-ALPHA", "och sen då?"), {}))
    assert [message["response"] for message in dispatcher.messages] == ["utter_ask_how_start"]


def test_what_next_of_another_teams_case_reveals_nothing(store):
    dispatcher = CollectingDispatcher()
    tracker = with_slots(asked_by("T-BETA", "vad händer nu?"), case_reference=store)
    asyncio.run(case_actions.NextStep().run(dispatcher, tracker, {}))
    assert [message["response"] for message in dispatcher.messages] == ["utter_ask_how_start"]


def test_what_next_during_the_escalation_tells_what_comes_after_the_details(store):
    asked = asked_by("T-ALPHA", "vad gör jag sen?")
    late = with_slots(asked, active_loop="escalation_form", situation="late_delivery", case_reference=store)
    texts, events = answer(case_actions.NextStep(), late)
    assert "mejl" in texts[0] and "0771-81 60 00" in texts[0] and events == []
    stop = with_slots(asked, active_loop="escalation_form", situation="order_stop")
    texts, _ = answer(case_actions.NextStep(), stop)
    assert "ingång" in texts[0] and "mejl" not in texts[0]
