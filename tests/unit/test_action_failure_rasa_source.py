"""connectors/action_failure.py wraps two Rasa methods and relies on a third; it was checked
against their source in Rasa 3.6.21. If Rasa changes them, these tests fail: read the new source,
check that the wrappers still hold (RemoteAction.run raises RasaException on a failed call,
MessageProcessor._run_action catches it and drops the action's events, the slot extraction catches
it and goes on), then update the hashes."""

import asyncio
import hashlib
import inspect
import socket
import time

import pytest
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from actions import facts, opening_hours
from connectors import action_failure

CHECKED_SOURCES = {
    "RemoteAction.run": "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e",
    "MessageProcessor._run_action": "6d383d0179ef1187639887289168959a5a82f94e6949e4e27bb83b2165094995",
    "ActionExtractSlots._run_custom_action": "a20d71ee74b1cd5c0eb2c8853b3433085b144828fcc0c92c850dded44f1cd1e4",
}


@pytest.mark.parametrize("name, method", [
    ("RemoteAction.run", RemoteAction.run.__wrapped__),
    ("MessageProcessor._run_action", MessageProcessor._run_action.__wrapped__),
    ("ActionExtractSlots._run_custom_action", ActionExtractSlots._run_custom_action),
])
def test_the_rasa_methods_relied_on_are_the_ones_checked(name, method):
    source = inspect.getsource(method)
    assert hashlib.sha256(source.encode()).hexdigest() == CHECKED_SOURCES[name], (
        f"Rasa's {name} changed: re-check connectors/action_failure.py against it")


def test_a_failed_call_raises_as_rasa_does_and_the_next_for_the_message_fails_at_once():
    endpoint = EndpointConfig("http://127.0.0.1:5399/webhook")
    tracker = DialogueStateTracker.from_events("unit", [UserUttered("hej", message_id="m1")])

    async def call(name: str) -> float:
        started = time.monotonic()
        with pytest.raises(RasaException):
            await RemoteAction(name, endpoint).run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                                                   tracker, Domain.empty())
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
