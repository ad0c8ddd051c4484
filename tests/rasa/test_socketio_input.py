"""Bad and odd input over the widget's socket.io channel, with a real python-socketio client
against a real Rasa server: a clear error message for what cannot be answered, a real answer for
every odd message, never a crash, and nothing wrongly stored in the tracker."""

import json
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from project import rasa_server_command, sqlite_endpoints, start_server, stop_server, wait_for
from widget_client import exchange, message

pytestmark = pytest.mark.rasa
PORT = 5302


@pytest.fixture(scope="module")
def server(model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("socketio")
    endpoints = sqlite_endpoints(folder, action_server)
    process = start_server(
        "rasa-server-socketio",
        rasa_server_command(PORT, model, endpoints),
        os.environ.copy(),
    )
    try:
        wait_for(f"http://localhost:{PORT}/", process)
        yield f"http://localhost:{PORT}", folder / "trackers.sqlite"
    finally:
        stop_server(process)


def user_texts(trackers, session_id: str) -> list:
    with create_engine(f"sqlite:///{trackers}").connect() as database:
        rows = database.execute(
            text("select data from events where sender_id = :id and type_name = 'user'"), {"id": session_id}
        ).scalars()
        return [json.loads(row)["text"] for row in rows]


@pytest.mark.parametrize(
    "payload, reason",
    [
        (message(""), "missing_message"),
        (message("  \n\t "), "missing_message"),
        (message("\u0000\u0007"), "missing_message"),
        (message("a" * 100_000), "message_too_long"),
        (message(["hej"]), "missing_message"),
        (lambda session_id: {"session_id": session_id}, "missing_message"),
        (lambda session_id: {"message": "hej", "session_id": session_id, "customData": "{not json"}, "bad_metadata"),
        ({"message": "hej"}, "missing_session_id"),
        ({"message": "hej", "session_id": ""}, "missing_session_id"),
        ({"message": "hej", "session_id": {"room": "x"}}, "missing_session_id"),
        ("hej", "not_an_object"),
        (["hej"], "not_an_object"),
        (42, "not_an_object"),
        (None, "not_an_object"),
    ],
    ids=[
        "empty",
        "whitespace",
        "only-control-characters",
        "100000-characters",
        "message-not-text",
        "no-message",
        "metadata-not-json",
        "no-session-id",
        "empty-session-id",
        "session-id-not-text",
        "string",
        "array",
        "number",
        "nothing",
    ],
)
def test_what_cannot_be_answered_gets_a_clear_error_and_is_not_stored(server, payload, reason):
    url, trackers = server
    session_id, [answer] = exchange(url, payload)
    assert len(answer) == 1 and answer[0]["error"] == reason and answer[0]["text"]
    assert user_texts(trackers, session_id) == []


@pytest.mark.parametrize(
    "odd",
    [
        "🙂🙂🙂",
        "Привет, مرحبا, 你好 – kopparaccess?",
        "'; DROP TABLE events; --",
        "<script>alert(1)</script>",
        "Robert'); DELETE FROM cases WHERE ('1'='1",
    ],
    ids=["emoji", "mixed-scripts", "sql", "html", "sql-in-form"],
)
def test_odd_messages_get_a_real_answer_and_are_stored_as_sent(server, odd):
    url, trackers = server
    session_id, [answer] = exchange(url, message(odd))
    assert any(reply.get("text") for reply in answer) and not any("error" in reply for reply in answer)
    assert user_texts(trackers, session_id) == [odd]


def test_control_characters_are_removed_before_the_assistant_sees_them(server):
    url, trackers = server
    session_id, [answer] = exchange(url, message("Vilken mejladress\u0007 gäller för Kopparaccess?\u0000"))
    assert any("Kundservice-koppar@skanova.se" in reply.get("text", "") for reply in answer)
    assert user_texts(trackers, session_id) == ["Vilken mejladress gäller för Kopparaccess?"]


def test_a_rejected_message_leaves_the_conversation_as_it_was(server):
    url, trackers = server
    session_id, [first, rejected, second] = exchange(
        url, message("order 4711-7777 för Fiber Villa, leveransen är sen"), message(" "), message("2 november 2026")
    )
    assert "leveransdatum" in first[-1]["text"] and rejected[0]["error"] == "missing_message"
    assert any("Kundservice-fibervilla@skanova.se" in reply.get("text", "") for reply in second)
    assert user_texts(trackers, session_id) == ["order 4711-7777 för Fiber Villa, leveransen är sen", "2 november 2026"]


@pytest.mark.parametrize(
    "request_",
    [
        None,
        "abc",
        7,
        {"session_id": ""},
        {"session_id": "x" * 300},
        {"session_id": "U0123ABCD_D0456EFGH"},
        {"session_id": "a" * 31},
    ],
    ids=["nothing", "string", "number", "empty-id", "too-long-id", "a-slack-conversation", "not-issued"],
)
def test_an_unusable_session_request_gets_a_new_session(server, request_):
    url, _ = server
    session_id, [answer] = exchange(url, message("hej"), session_request=request_)
    assert uuid.UUID(session_id) and any(reply.get("text") for reply in answer)


def test_a_session_request_with_an_id_keeps_it(server):
    url, _ = server
    issued = uuid.uuid4().hex
    session_id, _ = exchange(url, session_request={"session_id": issued})
    assert session_id == issued
