"""rasa_server_changes/action_failure.py wraps two Rasa methods and relies on a third; it was checked
against their source in Rasa 3.6.21 (pinned in tests/unit/test_rasa_sources.py). These tests check
that the wrappers still hold: RemoteAction.run raises RasaException on a failed call,
MessageProcessor._run_action catches it and drops the action's events, the slot extraction catches
it and goes on."""

import asyncio
import socket
import time

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from escalation_routine import facts, opening_hours
from rasa_server_changes import action_failure


def test_a_failed_call_raises_as_rasa_does_and_the_next_for_the_message_fails_at_once():
    endpoint = EndpointConfig("http://127.0.0.1:5399/webhook")
    tracker = DialogueStateTracker.from_events("unit", [UserUttered("hej", message_id="m1")])

    async def call(name: str) -> float:
        started = time.monotonic()
        with pytest.raises(RasaException):
            await RemoteAction(name, endpoint).run(
                CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, Domain.empty()
            )
        assert action_failure._action_failed.get()
        return time.monotonic() - started

    async def calls() -> None:
        await call("validate_escalation_form")
        with socket.create_server(("127.0.0.1", 5399)):  # listens, never answers
            assert await call("action_tell_mailbox") < 0.5

    asyncio.run(calls())


def test_the_apology_states_phone_and_hours():
    apology = action_failure.apology()
    assert facts.phone() in apology and opening_hours.opening_hours_text() in apology


@pytest.mark.parametrize("value, seconds", [(None, 10.0), ("", 10.0), ("2.5", 2.5)])
def test_action_timeout(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("ACTION_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("ACTION_TIMEOUT", value)
    assert action_failure.action_timeout() == seconds


@pytest.mark.parametrize("value", ["0", "-1", "ten"])
def test_a_wrong_action_timeout_is_refused(monkeypatch, value):
    monkeypatch.setenv("ACTION_TIMEOUT", value)
    with pytest.raises(ValueError):
        action_failure.action_timeout()
