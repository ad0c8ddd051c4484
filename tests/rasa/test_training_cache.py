"""Training with unchanged data retrains nothing (issue 6), from the first training on: the
second training after an empty cache restores every trained component. Before
nlu/training_cache.py, the second trained the intent classifier again: in the first, the CRF had
changed the training data they share before Rasa computed the classifier's cache key.

The project's pipeline (config.yml) on a part of its NLU data, so that it trains in seconds:
intents with entities (inform), others without, and the regexes the RegexFeaturizer reads."""

import os
import re
import shutil

import pytest

from project import ROOT, rasa

pytestmark = pytest.mark.rasa

NLU_FILES = ["inform.yml", "cases.yml", "regex.yml"]
TRAINED = {"RegexFeaturizer", "CRFEntityExtractor", "TfidfIntentClassifier"}


def train(tmp_path, name: str) -> str:
    result = rasa(
        "train",
        "nlu",
        "--config",
        str(ROOT / "config.yml"),
        "--nlu",
        str(tmp_path / "nlu"),
        "--out",
        str(tmp_path / "models"),
        "--fixed-model-name",
        name,
        env={**os.environ, "RASA_CACHE_DIRECTORY": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout + result.stderr


def components(log: str, what: str) -> set:
    return set(re.findall(rf"{what} component '(\w+)'", log))


def test_the_second_training_with_unchanged_data_restores_every_component(tmp_path):
    (tmp_path / "nlu").mkdir()
    for name in NLU_FILES:
        shutil.copy(ROOT / "data" / "nlu" / name, tmp_path / "nlu" / name)

    first = train(tmp_path, "first")
    assert components(first, "Finished training") == TRAINED
    assert components(first, "Restored") == set()

    second = train(tmp_path, "second")
    assert components(second, "Starting to train") == set()
    assert components(second, "Restored") == TRAINED
