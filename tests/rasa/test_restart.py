"""A Rasa server restarted in the middle of an escalation: with the SQLite tracker store of
endpoints.yml the user goes on where they were."""

import os

import pytest
import yaml

from project import ROOT, Conversation, start_server, stop_server, wait_for

pytestmark = pytest.mark.rasa
PORT = 5107


def test_the_form_goes_on_after_a_restart(model, action_server, tmp_path):
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = action_server
    endpoints["tracker_store"]["db"] = str(tmp_path / "trackers.sqlite")
    (tmp_path / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    arguments = [
        str(ROOT / "scripts" / "rasa-server"),
        "--port",
        str(PORT),
        "--model",
        str(model),
        "--endpoints",
        str(tmp_path / "endpoints.yml"),
    ]
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
