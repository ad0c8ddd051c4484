"""With unchanged data, the second training after an empty cache trained the intent classifier
again. Rasa looks a trained component up in its cache under a key made of the component's class,
config and the fingerprints of its inputs. Before a training, the fingerprint run computes the key
from each input's fingerprint as its node's output was cached (FingerprintComponent.run); during
the training, TrainingHook.on_before_node computes it again from the input object itself, at the
moment the node starts. A node's output can be changed in place by another node before that: the
CRFEntityExtractor and our classifier both train on the RegexFeaturizer's training data, and the
CRF, which trains first, sets BILOU tags on its messages (bilou_utils.apply_bilou_schema). So the
first training cached the classifier under a key no fingerprint run computes; the second, where the
CRF is restored from the cache and changes nothing, trained it again under the right key (stock
Rasa's EntitySynonymMapper and ResponseSelector do the same after DIET).
install() makes the training compute the key from each input's fingerprint as its node produced
it, which is what the next fingerprint run computes. Checked against Rasa 3.6.21;
tests/unit/test_rasa_sources.py fails when Rasa's methods change. Installed by
nlu/__init__.py: Rasa imports the package for the classifier config.yml names, before it trains."""

from typing import Any, Dict, Text

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.training.components import FingerprintStatus
from rasa.engine.training.hooks import TrainingHook

RASA_ON_BEFORE_NODE = TrainingHook.on_before_node
RASA_ON_AFTER_NODE = TrainingHook.on_after_node

# On the TrainingHook (one a training): each node's name and its output's fingerprint, taken when
# the node had run (or had returned its value from the cache).
PRODUCED = "_produced_fingerprints"


def on_before_node(
    self: TrainingHook,
    node_name: Text,
    execution_context: ExecutionContext,
    config: Dict[Text, Any],
    received_inputs: Dict[Text, Any],
) -> Dict:
    """Rasa's, with each input a node of this training produced given as that fingerprint, as the
    fingerprint run gives it."""
    produced = self.__dict__.get(PRODUCED, {})
    needs = self._pruned_schema.nodes[node_name].needs
    inputs = {
        name: FingerprintStatus(output_fingerprint=produced[needs[name]], is_hit=True)
        if needs.get(name) in produced
        else value
        for name, value in received_inputs.items()
    }
    return RASA_ON_BEFORE_NODE(self, node_name, execution_context, config, inputs)


def on_after_node(
    self: TrainingHook,
    node_name: Text,
    execution_context: ExecutionContext,
    config: Dict[Text, Any],
    output: Any,
    input_hook_data: Dict,
) -> None:
    """Rasa's, after noting the output's fingerprint before another node can change the output."""
    fingerprint = rasa.shared.utils.io.deep_container_fingerprint(output)
    self.__dict__.setdefault(PRODUCED, {})[node_name] = fingerprint
    RASA_ON_AFTER_NODE(self, node_name, execution_context, config, output, input_hook_data)


def install() -> None:
    TrainingHook.on_before_node = on_before_node
    TrainingHook.on_after_node = on_after_node
