"""Rasa checks every answer of the action server against its response schema, and the check cost
about 110 ms a call here, more than all the rest of a message: Rasa 3.6 calls jsonschema.validate,
which first validates Rasa's own constant schema against the JSON Schema metaschema, every time.
install() replaces RemoteAction._validate_action_result with the same check on a validator built
once. Checked against Rasa 3.6.21 with jsonschema 4.17.3; tests/unit/test_rasa_sources.py fails
when Rasa's method or schema changes."""

from functools import lru_cache
from typing import Any, Dict

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


RASA_CHECK = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _validator():
    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's _validate_action_result, without checking the schema itself again."""
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
