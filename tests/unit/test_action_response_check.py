"""rasa_server_changes/action_response_check.py: the same check of the action server's answers as Rasa's,
without re-checking Rasa's schema on every call (Rasa's method and schema are pinned in
tests/unit/test_rasa_sources.py)."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import rasa_server_changes  # noqa: F401  (installs the check, as every model load does)
from rasa_server_changes import action_response_check


def remote_action() -> RemoteAction:
    return RemoteAction("action_tell_mailbox", EndpointConfig("http://127.0.0.1:5399/webhook"))


def test_installed_in_place_of_rasas_check():
    assert RemoteAction._validate_action_result is action_response_check.validate_action_result


@pytest.mark.parametrize("check", [action_response_check.RASA_CHECK, RemoteAction._validate_action_result])
def test_a_valid_answer_passes(check):
    answer = {"events": [{"event": "slot", "name": "product", "value": "Fiber Villa"}], "responses": [{"text": "Hej"}]}
    assert check(remote_action(), answer)


@pytest.mark.parametrize(
    "answer",
    [
        {"events": "not a list"},
        {"events": [{"name": "no event type"}]},
        {"events": [{"event": "slot", "timestamp": "yesterday"}]},
    ],
)
@pytest.mark.parametrize("check", [action_response_check.RASA_CHECK, RemoteAction._validate_action_result])
def test_an_invalid_answer_is_refused_as_rasa_refuses_it(check, answer):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        check(remote_action(), answer)
