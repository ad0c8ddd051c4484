"""The widget on a page where the customer is logged in: the host page's token decides whether
the socket connects and whose the conversation's cases are. Against the Rasa server configured
with a widget key (conftest's identifying_rasa_server), with a real python-socketio client."""

import re
import time

import jwt
import pytest
import socketio
from sqlalchemy import create_engine, text

from project import WIDGET_JWT_KEY, widget_token
from widget_client import WidgetConversation, exchange, message

pytestmark = pytest.mark.rasa
REFERENCE = re.compile(r"ESK-\d{4}-\d{6}")


def _organisation_of(cases_db_url: str, reference: str) -> tuple:
    with create_engine(cases_db_url).connect() as connection:
        return tuple(
            connection.execute(
                text("SELECT organisation, user_id FROM cases WHERE reference = :r"), {"r": reference}
            ).one()
        )


def _open_case(conversation: WidgetConversation) -> str:
    conversation.text("order 5512-3344 för Kopparaccess, leveransdatumet har passerat")
    answer = conversation.text("15 november")
    return REFERENCE.search(answer).group(0)


def test_a_valid_token_connects_and_its_cases_carry_the_organisation(identifying_rasa_server, cases_db_url):
    conversation = WidgetConversation(identifying_rasa_server, widget_token("org-alpha", "anna"))
    assert _organisation_of(cases_db_url, _open_case(conversation)) == ("org-alpha", "anna")


def test_a_client_claim_in_custom_data_is_ignored(identifying_rasa_server, cases_db_url):
    claimed = {
        "organisation": "org-alpha",
        "org": "org-alpha",
        "verified_identity": {"organisation": "org-alpha", "user": "anna"},
    }
    conversation = WidgetConversation(identifying_rasa_server, widget_token("org-beta", "bo"), custom_data=claimed)
    assert _organisation_of(cases_db_url, _open_case(conversation)) == ("org-beta", "bo")


@pytest.mark.parametrize(
    "token, reason",
    [
        (None, "token_missing"),
        ("", "token_missing"),
        ("not-a-jwt", "token_invalid"),
        (widget_token("org-alpha", "anna", expires_in=-60), "token_expired"),
        (widget_token("org-alpha", "anna", key="another-key-" + "x" * 32), "token_invalid"),
        (jwt.encode({"org": "org-alpha", "sub": "anna"}, WIDGET_JWT_KEY, algorithm="HS256"), "token_invalid"),
        (
            jwt.encode({"sub": "anna", "exp": int(time.time()) + 600}, WIDGET_JWT_KEY, algorithm="HS256"),
            "token_invalid",
        ),
        (jwt.encode({"org": "org-alpha", "exp": int(time.time()) + 600}, None, algorithm="none"), "token_invalid"),
        (widget_token("org-alpha", "anna", algorithm="HS512"), "token_invalid"),
    ],
    ids=[
        "missing",
        "empty",
        "garbage",
        "expired",
        "wrong-signature",
        "no-expiry",
        "no-organisation",
        "unsigned",
        "other-algorithm",
    ],
)
def test_a_connection_without_a_valid_token_is_refused(identifying_rasa_server, token, reason):
    events = []
    with pytest.raises(socketio.exceptions.ConnectionError):
        exchange(identifying_rasa_server, message("hej"), token=token, events=events, wait_timeout=1.5)
    assert events == [("connect_error", {"message": reason})]


def test_a_token_that_expires_while_connected_is_asked_to_be_renewed(identifying_rasa_server):
    events = []
    token = widget_token("org-alpha", "anna", expires_in=2)

    def after_expiry(session_id):
        time.sleep(3)
        return {"message": "Vilken mejladress gäller för Kopparaccess?", "session_id": session_id}

    session_id, [answer] = exchange(identifying_rasa_server, after_expiry, token=token, events=events)
    assert [name for name, _ in events] == ["token_expired"] and answer == []
    renewed = WidgetConversation(identifying_rasa_server, widget_token("org-alpha", "anna"))
    renewed.session_id = session_id
    assert "Kundservice-koppar@skanova.se" in renewed.text("Vilken mejladress gäller för Kopparaccess?")
