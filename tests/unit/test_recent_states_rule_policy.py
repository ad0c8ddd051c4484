"""RecentStatesRulePolicy (rasa_server_changes/rule_states.py) keeps what Rasa does for its own
RulePolicy where Rasa checks the class by identity or by name: the fallback action checked against
the domain (Rasa's validator skips it for a subclass, RulePolicy.train does it again), no warning
that a RulePolicy is missing, predictions named as memorised ones. (Its
states are compared with Rasa's in test_tracker_events.py and tests/rasa/test_rule_states.py.)"""

import subprocess
import sys
from pathlib import Path

import pytest
from rasa.core.policies.ensemble import is_not_in_training_data
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain, InvalidDomain

from rasa_server_changes.rule_states import RecentStatesRulePolicy

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_dict({"intents": ["greet"], "actions": ["action_core_fallback"]})


def policy(tmp_path, **config) -> RecentStatesRulePolicy:
    return RecentStatesRulePolicy.create(
        {**RecentStatesRulePolicy.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("rule_policy"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def test_a_fallback_action_missing_from_the_domain_stops_the_training(tmp_path):
    with pytest.raises(InvalidDomain, match="action_not_in_the_domain"):
        policy(tmp_path, core_fallback_action_name="action_not_in_the_domain").train([], DOMAIN)


def test_a_fallback_action_in_the_domain_trains(tmp_path):
    policy(tmp_path, core_fallback_action_name="action_core_fallback").train([], DOMAIN)


# In a process of its own: pytest resets the warning filters that modules set while it collects.
VALIDATE_CONFIG = """
import warnings
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.graph_components.validators.default_recipe_validator import DefaultV1RecipeValidator
from rasa.shared.data import TrainingType
from rasa.shared.utils.io import read_config_file

config = read_config_file("config.yml")
schema = DefaultV1Recipe().graph_config_for_recipe(config, {}, TrainingType.BOTH).train_schema
with warnings.catch_warnings(record=True) as caught:
    DefaultV1RecipeValidator(schema)._warn_if_no_rule_policy_is_contained()
print([str(warning.message) for warning in caught])
"""


def test_rasas_validator_does_not_warn_that_config_yml_has_no_rule_policy():
    result = subprocess.run(
        [sys.executable, "-c", VALIDATE_CONFIG], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_its_predictions_count_as_memorised(tmp_path):
    prediction = policy(tmp_path)._rule_prediction([0.0, 1.0], "rule")
    assert not is_not_in_training_data(f"policy_0_{prediction.policy_name}", 1.0)
