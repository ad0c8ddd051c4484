"""Case records through the running servers: the chat opens, follows and closes a case, and the
action server's HTTP endpoint stays sound under concurrency and hostile input."""

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from channels.rest import MAX_MESSAGE

pytestmark = pytest.mark.rasa
REFERENCE = re.compile(r"ESK-\d{4}-\d{6}")


def test_escalate_then_follow_the_case_to_its_close(conversation):
    conversation.say("order 4711-2345 för Kopparaccess, leveransdatumet har passerat")
    replies = conversation.say("15 november")
    instructions, registered = replies[0]["text"], replies[1]["text"]
    reference = REFERENCE.search(registered).group(0)
    assert f"Eskalering%20{reference}%3A%20Kopparaccess" in instructions  # in the email subject
    assert registered.startswith(f"Jag har registrerat ärendet som {reference}")
    assert replies[1]["buttons"] == [{"title": "Jag har mejlat och ringt", "payload": "/confirm_started"}]
    saved = conversation.text("Operatör AB, Anna Andersson, anna@op.se")
    assert f"kontaktuppgifterna är sparade på {reference}" in saved

    status = conversation.text(f"Vad är status på {reference}?")
    assert f"{reference} (Kopparaccess, order-/referensnummer 4711-2345) har status registrerad" in status
    assert "Kundservice-koppar@skanova.se" in status
    assert "Anna" not in status and "anna@op.se" not in status
    assert "har status registrerad" in conversation.text("status för order 4711-2345")
    assert "har startat" in conversation.text(f"Jag har mejlat och ringt för {reference}")
    assert "har status startad" in conversation.text(f"hur går det med {reference}?")
    assert "avslutad" in conversation.text(f"ärendet {reference} är löst, vi har kommit överens om att avsluta")
    assert "kan inte gå tillbaka" in conversation.text(f"jag har mejlat och ringt om {reference}")


def test_yes_to_the_question_starts_the_case(conversation):
    conversation.say("order 88812399 för fiber villa, beställningen har inte hanterats enligt avtal")
    reference = REFERENCE.search(conversation.text("ja")).group(0)
    assert "har status startad" in conversation.text(f"status {reference}")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("Vad är status på ESK-2026-999999?", "Jag hittar inget ärende för ESK-2026-999999"),
        ("status för order 99999999", "Jag hittar inget ärende för order 99999999"),
        ("status för ESK-9-1", "Vilket ärende gäller det?"),
        ("vad är status på '; DROP TABLE cases; --", "Vilket ärende gäller det?"),
        ("jag har mejlat och ringt", "Vilket ärende gäller det?"),
    ],
)
def test_unknown_or_malformed_references_get_a_clear_answer(conversation, message, expected):
    assert expected in conversation.text(message)


def test_the_longest_message_the_channel_takes_gets_an_answer(conversation):
    prefix = "status för ESK-2026-"
    assert conversation.text(prefix + "1" * (MAX_MESSAGE - len(prefix)))


def _open_case_call(action_server_url: str, index: int) -> requests.Response:
    slots = {
        "case_kind": "beställning",
        "situation": "not_per_agreement",
        "product": "Fiber Villa",
        "order_number": f"ORD-{70000 + index}",
        "requested_slot": None,
    }
    tracker = {
        "sender_id": f"load-{index}",
        "slots": slots,
        "latest_message": {"text": "", "intent": {}},
        "events": [],
        "latest_input_channel": "rest",
        "active_loop": {},
    }
    return requests.post(
        action_server_url,
        json={
            "next_action": "action_complete_escalation",
            "sender_id": f"load-{index}",
            "tracker": tracker,
            "domain": {},
        },
        timeout=120,
        headers={"Authorization": f"Bearer {os.environ['ACTION_SERVER_SECRET']}"},
    )


def test_fifty_case_openings_at_once_over_http(action_server, cases_db_url):
    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(lambda index: _open_case_call(action_server, index), range(50)))
    assert [response.status_code for response in responses] == [200] * 50
    references = {
        REFERENCE.search(message["text"]).group(0)
        for response in responses
        for message in response.json()["responses"]
        if message.get("text", "").startswith("Jag har registrerat")
    }
    assert len(references) == 50
    with create_engine(cases_db_url).connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM cases WHERE conversation_id LIKE 'load-%'"))
        assert rows.scalar() == 50
    retried = _open_case_call(action_server, 7).json()["responses"][1]["text"]
    assert REFERENCE.search(retried).group(0) in references  # a retried action: the same case
