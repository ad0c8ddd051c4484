"""A Rasa server restarted in the middle of an escalation: with the SQLite tracker store of
endpoints.yml the user goes on where they were."""

import os

import pytest

from project import Conversation, rasa_server_command, sqlite_endpoints, start_server, stop_server, wait_for

pytestmark = pytest.mark.rasa
PORT = 5107


def test_the_form_goes_on_after_a_restart(model, action_server, tmp_path):
    endpoints = sqlite_endpoints(tmp_path, action_server)
    arguments = rasa_server_command(PORT, model, endpoints)
    server = f"http://localhost:{PORT}"
    conversation = Conversation(server, "restarted-user")

    first = start_server("rasa-server-restart-1", arguments, os.environ.copy())
    try:
        wait_for(server + "/", first)
        assert "leveransdatum" in conversation.text("order 4711-9999 för Fiber Villa, leveransen är sen")
    finally:
        stop_server(first)

    second = start_server("rasa-server-restart-2", arguments, os.environ.copy())
    try:
        wait_for(server + "/", second)
        answer = conversation.text("2 november 2026")
    finally:
        stop_server(second)
    assert "Kundservice-fibervilla@skanova.se" in answer
    assert "4711-9999" in answer
