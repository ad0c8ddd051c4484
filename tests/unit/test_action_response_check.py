"""connectors/action_response_check.py: the same check of the action server's answers as Rasa's,
without re-checking Rasa's schema on every call. If Rasa changes the method or the schema, the
first test fails: re-read Rasa's source, adapt the module, update the hashes."""

import hashlib
import inspect
import json

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import connectors  # noqa: F401  (installs the check, as Rasa's import of the channels does)
from connectors import action_response_check

RASA_CHECK = "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42"
RASA_SCHEMA = "fb650e99afd82f1c650004526571ec7bc95a81aa36aaf6a899a6e9e212b166be"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_rasa_method_and_schema_are_the_ones_checked():
    source = inspect.getsource(action_response_check.RASA_CHECK)
    schema = json.dumps(RemoteAction.action_response_format_spec(), sort_keys=True)
    assert (sha256(source), sha256(schema)) == (RASA_CHECK, RASA_SCHEMA)


def remote_action() -> RemoteAction:
    return RemoteAction("action_tell_mailbox", EndpointConfig("http://127.0.0.1:5399/webhook"))


def test_installed_in_place_of_rasas_check():
    assert RemoteAction._validate_action_result is action_response_check.validate_action_result


@pytest.mark.parametrize("check", [action_response_check.RASA_CHECK, RemoteAction._validate_action_result])
def test_a_valid_answer_passes(check):
    answer = {"events": [{"event": "slot", "name": "product", "value": "Fiber Villa"}],
              "responses": [{"text": "Hej"}]}
    assert check(remote_action(), answer)


@pytest.mark.parametrize("answer", [
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},
])
@pytest.mark.parametrize("check", [action_response_check.RASA_CHECK, RemoteAction._validate_action_result])
def test_an_invalid_answer_is_refused_as_rasa_refuses_it(check, answer):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        check(remote_action(), answer)
