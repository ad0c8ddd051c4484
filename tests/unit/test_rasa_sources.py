"""Every piece of Rasa 3.6.21 that rasa_server_changes/ and nlu/ replace or rely on, pinned by the
sha256 of its source, in one table: upgrading Rasa means reviewing these rows
(docs/rasa-server-changes.md). When one fails, read Rasa's
new source beside the module named in the row (its docstring says what it assumes), adapt the
module if needed, then update the hash. The modules' behaviour is tested in their own files."""

import hashlib
import inspect
import json

import pytest
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer, TrackerFeaturizer
from rasa.core.policies.ensemble import is_not_in_training_data
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import InMemoryTrackerStore, SerializedTrackerAsText, TrackerStore
from rasa.engine.graph import GraphNode
from rasa.graph_components.validators.default_recipe_validator import DefaultV1RecipeValidator
from rasa.engine.training.components import FingerprintComponent, FingerprintStatus
from rasa.shared.core.conversation import Dialogue
from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_server_changes  # noqa: F401  (installs the patches, as every model load does)
import nlu  # noqa: F401  (installs the training hooks, as Rasa's import of the classifier does)
from rasa_server_changes import (
    action_failure,
    action_payload,
    action_response_check,
    applied_events,
    event_types,
    lock_expiry,
    memory_tracker_store,
    rule_states,
    tracker_copy,
)
from nlu import training_cache

PINNED = [
    (
        action_failure,
        "RemoteAction.run",
        RemoteAction.run.__wrapped__,
        "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e",
    ),
    (
        action_failure,
        "MessageProcessor._run_action",
        MessageProcessor._run_action.__wrapped__,
        "6d383d0179ef1187639887289168959a5a82f94e6949e4e27bb83b2165094995",
    ),
    (
        action_failure,
        "ActionExtractSlots._run_custom_action",
        ActionExtractSlots._run_custom_action,
        "a20d71ee74b1cd5c0eb2c8853b3433085b144828fcc0c92c850dded44f1cd1e4",
    ),
    (
        action_response_check,
        "RemoteAction._validate_action_result",
        action_response_check.RASA_CHECK,
        "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42",
    ),
    (
        action_payload,
        "RemoteAction._action_call_format",
        action_payload.RASA_FORMAT,
        "428795b944f22edba142d278ec47a30098975b01463ba337ec447dade52a0492",
    ),
    (
        event_types,
        "Event.resolve_by_type",
        event_types.RASA_RESOLVE,
        "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968",
    ),
    (
        lock_expiry,
        "LockStore._acquire_lock",
        lock_expiry.RASA_ACQUIRE_LOCK,
        "ead2fff373291c24619f2a2b53453f64ed2975ed68f53dce0e56041061356f05",
    ),
    (
        rule_states,
        "Policy._prediction_states",
        Policy._prediction_states,
        "ed9b82bed2f26ad7a0de61709e02339983912bece614191089c3adba60cf1452",
    ),
    (
        rule_states,
        "MaxHistoryTrackerFeaturizer.prediction_states",
        MaxHistoryTrackerFeaturizer.prediction_states,
        "451caf09a389e8719ad4ee38eb97dfd10b4743cd3928f1f9569779394fd3462e",
    ),
    (
        rule_states,
        "TrackerFeaturizer._create_states",
        TrackerFeaturizer._create_states,
        "2fed265eee3bfa38bef58c41b618f4bc7cb68219a91c7b2b2488603403c5e86a",
    ),
    (
        rule_states,
        "DialogueStateTracker.past_states",
        DialogueStateTracker.past_states,
        "5463eefb5c69d27f82cdc7eca84e23b4b82851e9a5ff575bd02447d4d987103b",
    ),
    (
        rule_states,
        "Domain.states_for_tracker_history",
        Domain.states_for_tracker_history,
        "035111ce73ac90ba50e143abf556f924af07d9f452893f5a96a62895d44df8b7",
    ),
    (
        rule_states,
        "DialogueStateTracker.generate_all_prior_trackers",
        DialogueStateTracker.generate_all_prior_trackers,
        "a1f6954347b52649a7b1054741338997d2369197d91acb2eab7f6b11d3855ed1",
    ),
    (
        rule_states,
        "RulePolicy._is_rule_applicable",
        RulePolicy._is_rule_applicable,
        "64a108b016b46e573d6020b755a6036439dc207a364b45c9ea5dcb0f18dc7068",
    ),
    (
        rule_states,
        "RulePolicy._get_possible_keys",
        RulePolicy._get_possible_keys,
        "2915fd81711e194c6d667728e00bd0e51e9c1c2791a0be14c55f0ef9938f9936",
    ),
    (
        applied_events,
        "DialogueStateTracker.applied_events",
        applied_events.RASA_APPLIED_EVENTS,
        "764d5065ea9997d613c1984d9357370f9ae32d31ca21346086f16c54f0487aae",
    ),
    (
        applied_events,
        "DialogueStateTracker._undo_till_previous_loop_execution",
        DialogueStateTracker._undo_till_previous_loop_execution,
        "7ecfe12cccb398143f46d61275ba7130d18b1aba3a85f8de47c22756dc81a73c",
    ),
    (
        applied_events,
        "DialogueStateTracker._undo_till_previous",
        DialogueStateTracker._undo_till_previous,
        "3a3710e5e73cb945e7a1f529851b5c858b46ba139d2f651428a93ada196df9ae",
    ),
    (
        tracker_copy,
        "DialogueStateTracker.copy",
        tracker_copy.RASA_COPY,
        "dfa48dca9f355ad1b42c625bc6f6370bafe83514ed17a77904ed64c67bf07285",
    ),
    (
        tracker_copy,
        "DialogueStateTracker.travel_back_in_time",
        DialogueStateTracker.travel_back_in_time,
        "09d16f28f007492f653b504cf2b6064dc453444c524799378609a85b04efd632",
    ),
    (
        tracker_copy,
        "DialogueStateTracker.__init__",
        DialogueStateTracker.__init__,
        "8f39eb22462aa62b140d9da1f6db986cbc76383d8f7cc4e3dc7664fa7d84cb2d",
    ),
    (
        tracker_copy,
        "DialogueStateTracker._reset",
        DialogueStateTracker._reset,
        "190858eaf560a0c0a86f45dca86498f8a9fada57ddb6c7dd1e68648c9779e103",
    ),
    (
        tracker_copy,
        "DialogueStateTracker.init_copy",
        DialogueStateTracker.init_copy,
        "429fcd2243b9e0e1a6e8ffc3057a4f2fb4ecbb677055c644129bc65b6cd32b75",
    ),
    (
        tracker_copy,
        "Slot.value (setter)",
        Slot.value.fset,
        "2bcab7e4edb17c43ab6f2aa75b78b0834d1c7dd91578816f65c9c59a359c75b4",
    ),
    (
        memory_tracker_store,
        "InMemoryTrackerStore.save",
        InMemoryTrackerStore.save,
        "d128bca835ee3e18679895d33f773edb851bad45b799af4e923d2e93b367ce45",
    ),
    (
        memory_tracker_store,
        "InMemoryTrackerStore._retrieve",
        InMemoryTrackerStore._retrieve,
        "1013b39d45f762fe3087be6cd91ae583fd70b0555368ad48591ada92296f4d8b",
    ),
    (
        memory_tracker_store,
        "SerializedTrackerAsText.serialise_tracker",
        SerializedTrackerAsText.serialise_tracker,
        "e969bf6dc6fe886d2e8370eec37dffbb36665bc65c46c6c3fd66569e82f206cc",
    ),
    (
        memory_tracker_store,
        "TrackerStore.deserialise_tracker",
        TrackerStore.deserialise_tracker,
        "66ba831c277f103b5d6bb55871d8162128e3e185ed62b37bd31cfd90aee7de47",
    ),
    (
        memory_tracker_store,
        "DialogueStateTracker.recreate_from_dialogue",
        DialogueStateTracker.recreate_from_dialogue,
        "af979effecf9bffc7e1a8f3f6530b08fb0ad9618488a0a7456575026ddfd164f",
    ),
    (
        memory_tracker_store,
        "DialogueStateTracker.replay_events",
        DialogueStateTracker.replay_events,
        "bc748b5c6f9cf0f882671496e3bcc6a553f46aa5d1fd76a1fd33642ab30f7bc7",
    ),
    (
        memory_tracker_store,
        "Dialogue.as_dict",
        Dialogue.as_dict,
        "fda5d8d9cb6a473573d7387e0589a61249a2d9803757219655ce0d20af326e66",
    ),
    (
        training_cache,
        "TrainingHook.on_before_node",
        training_cache.RASA_ON_BEFORE_NODE,
        "6f65355ef979db9dca18e04a4c1cc2a9ab28aef53456ae28d6bf3bd0fac0c7f3",
    ),
    (
        training_cache,
        "TrainingHook.on_after_node",
        training_cache.RASA_ON_AFTER_NODE,
        "f199608136c98ea4ca15ec3876a4ac634f2c8a23ce8d33d39530ef19fe1ab497",
    ),
    (
        rule_states,
        "RulePolicy._rule_prediction",
        RulePolicy._rule_prediction,
        "90316ddf7eb4b3140d45f21e51ca072c212ba28329077d99cb618191456f273f",
    ),
    (
        rule_states,
        "is_not_in_training_data",
        is_not_in_training_data,
        "04801a4e9a233ff1dae082946a112f2a57f16464af06e92fcc014e53fd944a10",
    ),
    (
        rule_states,
        "DefaultV1RecipeValidator._raise_if_a_rule_policy_is_incompatible_with_domain",
        DefaultV1RecipeValidator._raise_if_a_rule_policy_is_incompatible_with_domain,
        "9a3042495181ea57f4497868f79c52954581401a8ffd4a71e2d240e763ed13e9",
    ),
    (
        rule_states,
        "DefaultV1RecipeValidator._warn_if_no_rule_policy_is_contained",
        DefaultV1RecipeValidator._warn_if_no_rule_policy_is_contained,
        "2d96e56b8b5739d79549f336e73a0c0adce01ef25f4a3e50ba6efaeaddc24e4a",
    ),
    (
        training_cache,
        "FingerprintComponent.run",
        FingerprintComponent.run,
        "745b40e192bcb30db5bc37964a25bcc977e91009616b5ec245c1d5169d0e1219",
    ),
    (
        training_cache,
        "FingerprintStatus.fingerprint",
        FingerprintStatus.fingerprint,
        "22813535c8a003e8799eb0c7b1cedf515572f10806bec8905f07ba54fd087e78",
    ),
    (
        training_cache,
        "GraphNode.__call__",
        GraphNode.__call__,
        "66127a2bfb6fcf1ee12e2556e95f6b8e691f53528b206c1e2745b05ab39d0e19",
    ),
]
RESPONSE_SCHEMA = "fb650e99afd82f1c650004526571ec7bc95a81aa36aaf6a899a6e9e212b166be"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("module, name, source, pinned", PINNED, ids=[row[1] for row in PINNED])
def test_the_rasa_source_relied_on_is_the_one_checked(module, name, source, pinned):
    assert sha256(inspect.getsource(source)) == pinned, f"Rasa's {name} changed: re-check {module.__name__} against it"


def test_the_action_response_schema_is_the_one_checked():
    schema = json.dumps(RemoteAction.action_response_format_spec(), sort_keys=True)
    assert sha256(schema) == RESPONSE_SCHEMA, "re-check rasa_server_changes.action_response_check"
