"""Bad and odd input over the REST channel of the running server: a clear 400 for what is not a
message, a real answer for every message however odd, never a 500 or silence."""

import json

import pytest
import requests
from sqlalchemy import create_engine, text

from escalation_routine import contacts

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def webhook(rasa_server):
    return f"{rasa_server}/webhooks/rest/webhook"


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"not json", "not_an_object"),
        (b"", "not_an_object"),
        (b"[]", "not_an_object"),
        (json.dumps({"message": "hej"}).encode(), "missing_sender"),
        (json.dumps({"sender": "bad-1"}).encode(), "missing_message"),
        (json.dumps({"sender": "bad-2", "message": "   "}).encode(), "missing_message"),
        (json.dumps({"sender": "bad-3", "message": 123}).encode(), "missing_message"),
        (json.dumps({"sender": "bad-4", "message": "a" * 100_000}).encode(), "message_too_long"),
        (json.dumps({"sender": "bad-5", "message": "hej", "metadata": []}).encode(), "bad_metadata"),
    ],
    ids=[
        "invalid-json",
        "empty-body",
        "array",
        "no-sender",
        "no-message",
        "whitespace",
        "number",
        "100000-characters",
        "metadata-not-object",
    ],
)
def test_what_is_not_a_message_gets_a_clear_400(webhook, body, reason):
    answer = requests.post(webhook, data=body, headers={"Content-Type": "application/json"}, timeout=60)
    assert answer.status_code == 400
    assert answer.json()["reason"] == reason and answer.json()["message"]


SUGGESTIONS = "Menade du något av det här?"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("🙂🙂🙂", SUGGESTIONS),
        ("Привет! مرحبا 你好 – vilken mejladress gäller för kopparaccess?", "Kundservice-koppar@skanova.se"),
        ("你好, Fiber Villa: vart mejlar jag?", "Kundservice-fibervilla@skanova.se"),
        ("'; DROP TABLE cases; --", SUGGESTIONS),
        ("<script>alert(1)</script>", SUGGESTIONS),
        ("hej\u0000\u0007\u001b[31m", "Jag är Eskaleringsassistenten"),
        ("är\u200b kundservice öppet nu\u0007?", "0771-81 60 00"),
    ],
    ids=[
        "emoji",
        "mixed-scripts",
        "mixed-scripts-product-first",
        "sql",
        "html",
        "control-characters",
        "invisible-characters",
    ],
)
def test_odd_messages_get_the_answer_their_words_ask_for(webhook, message, expected):
    answer = requests.post(webhook, json={"sender": f"odd-{abs(hash(message))}", "message": message}, timeout=60)
    assert answer.status_code == 200
    assert expected in " ".join(reply.get("text", "") for reply in answer.json())


def test_sql_given_as_contact_details_is_stored_verbatim_and_the_tables_survive(webhook, cases_db_url):
    sender, contact = "sql-contact", "Robert'); DROP TABLE cases; --, Bobby' OR '1'='1, robert@op.se"
    for message in ["order 66612399 för Kopparaccess, leveransdatumet har passerat", "2 november 2026", contact]:
        replies = requests.post(webhook, json={"sender": sender, "message": message}, timeout=60).json()
    assert "kontaktuppgifterna är sparade" in replies[0]["text"]
    read = contacts.contact_details(contact)
    with create_engine(cases_db_url).connect() as database:
        stored = database.execute(
            text("select company, contact_name, contact_email from cases where order_number = '66612399'")
        ).one()
        assert database.execute(text("select count(*) from case_status_changes")).scalar() > 0
    assert tuple(stored) == (read["company"], read["name"], read["email"]) and "'" in stored[0] + stored[1]


def test_a_case_opened_over_rest_is_from_rest_whatever_the_client_claims(webhook, cases_db_url):
    for message in ["order 66612345 för Kopparaccess, leveransdatumet har passerat", "2 november 2026"]:
        answer = requests.post(
            webhook, json={"sender": "claims-slack", "message": message, "input_channel": "slack"}, timeout=60
        )
        assert answer.status_code == 200
    with create_engine(cases_db_url).connect() as database:
        channels = database.execute(text("select channel from cases where order_number = '66612345'")).all()
    assert channels == [("rest",)]
