"""Personal data stays out of the logs: a conversation with an order number, a name, an email
address and a phone number, over REST and socket.io, with the Rasa server and the action server at
their default log level (INFO); none of the values appears in what either server wrote."""

import os
import time

import pytest

import project
from project import INTEGRATION_TOKENS, Conversation, widget_token
from widget_client import WidgetConversation, exchange, message

pytestmark = pytest.mark.rasa

ORDER = "4711-5550"
NAME, EMAIL, PHONE = "Karin Lindqvist", "karin.lindqvist@nordnat.se", "070-987 65 43"
SOCKET_NAME, SOCKET_EMAIL = "Sven Öberg", "sven.oberg@exempel.se"
PERSONAL = [
    ORDER,
    ORDER.replace("-", ""),
    NAME,
    "Lindqvist",
    EMAIL,
    PHONE,
    PHONE.replace(" ", ""),
    SOCKET_NAME,
    "Öberg",
    SOCKET_EMAIL,
]


def test_personal_data_never_reaches_the_logs(rasa_server, action_server):
    conversation = Conversation(rasa_server, f"privacy-{time.time_ns()}")
    assert "leveransdatum" in conversation.text(f"order {ORDER} för Fiber Villa, leveransen är sen")
    assert "ESK-" in conversation.text("2 november 2026")
    saved = conversation.text(f"Nordnät AB, {NAME}, {EMAIL}, {PHONE}")
    assert "ESK-" in saved and "Förlåt" not in saved
    assert ORDER in conversation.text(f"status för order {ORDER}")
    assert WidgetConversation(rasa_server).text(f"jag heter {SOCKET_NAME}, {SOCKET_EMAIL}")
    time.sleep(1)
    assert _leaks(["rasa-server", "action-server"], PERSONAL) == {"rasa-server": [], "action-server": []}


def test_tokens_and_claims_beyond_the_organisation_never_reach_the_logs(identifying_rasa_server, action_server):
    token = widget_token("org-privacy", "user-karin-lindqvist", email="karin@nordnat.se")
    widget = WidgetConversation(identifying_rasa_server, token)
    widget.text("order 4711-5551 för Fiber Villa, leveransen är sen")
    assert "ESK-" in widget.text("2 november 2026")
    refused = widget_token("org-privacy", "user-refused", key="wrong-key-" + "x" * 32)
    with pytest.raises(Exception):
        exchange(identifying_rasa_server, message("hej"), token=refused, wait_timeout=1.5)
    integration_token = INTEGRATION_TOKENS["crm-alpha"][1]
    assert Conversation(identifying_rasa_server, "privacy-crm", integration_token).text("status för order 4711-5551")
    time.sleep(1)
    secrets = [
        token,
        token.split(".")[2],
        refused,
        integration_token,
        os.environ["ACTION_SERVER_SECRET"],
        "user-karin-lindqvist",
        "karin@nordnat.se",
        "user-refused",
    ]
    logs = ["rasa-server-identifying", "action-server"]
    assert _leaks(logs, secrets) == {name: [] for name in logs}


def _leaks(names: list, values: list) -> dict:
    logs = {name: (project.OUTPUT / f"{name}.log").read_text(encoding="utf-8", errors="replace") for name in names}
    assert all(" DEBUG " not in log for log in logs.values()), "the servers must run at their default level"
    return {name: [value for value in values if value.lower() in log.lower()] for name, log in logs.items()}
