"""nlu/training_cache.py wraps Rasa's TrainingHook.on_before_node and on_after_node, so that a
training computes each node's cache key as the fingerprint run (FingerprintComponent.run) does;
it was checked against their source in Rasa 3.6.21. If Rasa changes them, these tests fail: read
the new source, check that the wrappers still hold (on_before_node computes the key from the
received inputs with fingerprinting.calculate_fingerprint_key, on_after_node caches the output
under deep_container_fingerprint(output), the fingerprint run gives each input that was cached as
a FingerprintStatus holding that fingerprint, GraphNode.__call__ gives the hooks the inputs under
the names of the node's needs and calls on_after_node as soon as the node has run), then update
the hashes. tests/rasa/test_training_cache.py trains for real."""

import hashlib
import inspect
from typing import Any, Dict, Text

import pytest
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphNode, GraphSchema, SchemaNode
from rasa.engine.training import fingerprinting
from rasa.engine.training.components import FingerprintComponent, FingerprintStatus
from rasa.engine.training.hooks import TrainingHook
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import nlu  # noqa: F401 (installs the wrappers, as Rasa's import of the classifier does)
from nlu import training_cache

CHECKED_SOURCES = {
    "TrainingHook.on_before_node": "6f65355ef979db9dca18e04a4c1cc2a9ab28aef53456ae28d6bf3bd0fac0c7f3",
    "TrainingHook.on_after_node": "f199608136c98ea4ca15ec3876a4ac634f2c8a23ce8d33d39530ef19fe1ab497",
    "FingerprintComponent.run": "745b40e192bcb30db5bc37964a25bcc977e91009616b5ec245c1d5169d0e1219",
    "FingerprintStatus.fingerprint": "22813535c8a003e8799eb0c7b1cedf515572f10806bec8905f07ba54fd087e78",
    "GraphNode.__call__": "66127a2bfb6fcf1ee12e2556e95f6b8e691f53528b206c1e2745b05ab39d0e19",
}


@pytest.mark.parametrize("name, method", [
    ("TrainingHook.on_before_node", training_cache.RASA_ON_BEFORE_NODE),
    ("TrainingHook.on_after_node", training_cache.RASA_ON_AFTER_NODE),
    ("FingerprintComponent.run", FingerprintComponent.run),
    ("FingerprintStatus.fingerprint", FingerprintStatus.fingerprint),
    ("GraphNode.__call__", GraphNode.__call__),
])
def test_the_rasa_methods_relied_on_are_the_ones_checked(name, method):
    source = inspect.getsource(method)
    assert hashlib.sha256(source.encode()).hexdigest() == CHECKED_SOURCES[name], (
        f"Rasa's {name} changed: re-check nlu/training_cache.py against it")


def test_importing_the_nlu_package_installs_the_wrappers():
    assert TrainingHook.on_before_node is training_cache.on_before_node
    assert TrainingHook.on_after_node is training_cache.on_after_node


class Provider(GraphComponent):
    pass


class Changer(GraphComponent):
    pass


class Reader(GraphComponent):
    pass


class Cache:
    def __init__(self) -> None:
        self.output_fingerprints: Dict[Text, Text] = {}

    def cache_output(self, fingerprint_key: Text, output: Any, output_fingerprint: Text,
                     model_storage: Any) -> None:
        self.output_fingerprints[fingerprint_key] = output_fingerprint


def test_an_input_changed_by_another_node_keys_the_node_as_the_fingerprint_run_will():
    """As the CRF and the classifier on the RegexFeaturizer's training data: 'changer' changes
    the provider's output in place before 'reader' starts."""
    def node(uses, **needs) -> SchemaNode:
        return SchemaNode(needs=needs, uses=uses, constructor_name="create", fn="run", config={})

    schema = GraphSchema({"provider": node(Provider), "changer": node(Changer, data="provider"),
                          "reader": node(Reader, data="provider")})
    context = ExecutionContext(graph_schema=schema)
    cache = Cache()
    hook = TrainingHook(cache=cache, model_storage=None, pruned_schema=schema)

    def run(name: str, inputs: Dict[Text, Any], output: Any) -> Text:
        data = hook.on_before_node(name, context, {}, inputs)
        hook.on_after_node(name, context, {}, output, data)
        return data["fingerprint_key"]

    training_data = TrainingData([Message.build("order 4711-2345", intent="inform")])
    run("provider", {}, training_data)
    provided = next(iter(cache.output_fingerprints.values()))
    run("changer", {"data": training_data}, "changed")
    training_data.training_examples[0].set("bilou_entities", ["O", "U-order_number"])
    reader_key = run("reader", {"data": training_data}, "read")

    # What FingerprintComponent.run computes for 'reader' in the next training's fingerprint run.
    assert reader_key == fingerprinting.calculate_fingerprint_key(
        Reader, {}, {"data": FingerprintStatus(output_fingerprint=provided, is_hit=True)})
