"""nlu/training_cache.py wraps Rasa's TrainingHook.on_before_node and on_after_node, so that a
training computes each node's cache key as the fingerprint run (FingerprintComponent.run) does;
it was checked against their source in Rasa 3.6.21 (pinned in tests/unit/test_rasa_sources.py).
When that changes, check that the wrappers still hold: on_before_node computes the key from the
received inputs with fingerprinting.calculate_fingerprint_key, on_after_node caches the output
under deep_container_fingerprint(output), the fingerprint run gives each input that was cached as
a FingerprintStatus holding that fingerprint, GraphNode.__call__ gives the hooks the inputs under
the names of the node's needs and calls on_after_node as soon as the node has run.
tests/rasa/test_training_cache.py trains for real."""

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.training import fingerprinting
from rasa.engine.training.components import FingerprintStatus
from rasa.engine.training.hooks import TrainingHook
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import nlu  # noqa: F401 (installs the wrappers, as Rasa's import of the classifier does)
from nlu import training_cache


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

    def cache_output(self, fingerprint_key: Text, output: Any, output_fingerprint: Text, model_storage: Any) -> None:
        self.output_fingerprints[fingerprint_key] = output_fingerprint


def test_an_input_changed_by_another_node_keys_the_node_as_the_fingerprint_run_will():
    """As the CRF and the classifier on the RegexFeaturizer's training data: 'changer' changes
    the provider's output in place before 'reader' starts."""

    def node(uses, **needs) -> SchemaNode:
        return SchemaNode(needs=needs, uses=uses, constructor_name="create", fn="run", config={})

    schema = GraphSchema(
        {"provider": node(Provider), "changer": node(Changer, data="provider"), "reader": node(Reader, data="provider")}
    )
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
        Reader, {}, {"data": FingerprintStatus(output_fingerprint=provided, is_hit=True)}
    )
