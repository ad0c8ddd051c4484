"""Trains a model from scratch and again with unchanged data, timing both.

Each model has its own training cache (RASA_CACHE_DIRECTORY), so "from scratch" cannot reuse
what another training left in the project's .rasa/cache, and the second training shows whether
Rasa restores every component from the cache instead of training it again."""

import os
import re
import shutil
import subprocess
import time

from bench.keywords import copy_keyword_safe_data
from bench.models import BIN, ROOT, Model

TRAINED = re.compile(r"Starting to train component '(\w+)'")
RESTORED = re.compile(r"Restored component '(\w+)' from cache")


def prepare(model: Model) -> int:
    """The model's config (a copy: Rasa writes the defaults it filled in into the file it was
    given) and, for the floor, its data; returns how many examples the data left out."""
    model.work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model.config, model.work / "config.yml")
    if not model.keyword_safe_data:
        return 0
    shutil.rmtree(model.work / "data", ignore_errors=True)
    return copy_keyword_safe_data(ROOT / "data", model.work / "data")


def train(model: Model, run: str) -> dict:
    """One `rasa train` into the model's work folder; `run` names the log."""
    data = model.work / "data" if model.keyword_safe_data else ROOT / "data"
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(model.work / "cache")}
    args = [
        str(BIN / "rasa"),
        "train",
        "--domain",
        "domain",
        "--data",
        str(data),
        "--config",
        str(model.work / "config.yml"),
        "--out",
        str(model.archive.parent),
        "--fixed-model-name",
        model.key,
    ]
    log = model.work / f"train-{run}.log"
    started = time.monotonic()
    with log.open("w") as output:
        result = subprocess.run(args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    if result.returncode != 0 or not model.archive.exists():
        raise RuntimeError(f"training {model.key} failed, see {log}")
    text = log.read_text()
    return {
        "seconds": round(seconds, 1),
        "components_trained": TRAINED.findall(text),
        "components_restored": len(RESTORED.findall(text)),
    }


def train_both_ways(model: Model) -> dict:
    """From an empty folder, then again into the same folder with nothing changed."""
    shutil.rmtree(model.work, ignore_errors=True)
    left_out = prepare(model)
    scratch = train(model, "scratch")
    again = train(model, "again")
    return {"scratch": scratch, "again": again, "examples_left_out": left_out}


def train_on_top(model: Model) -> dict:
    """Into the existing folder and cache: only what changed since the last run is trained."""
    left_out = prepare(model)
    return {"quick": train(model, "quick"), "examples_left_out": left_out}
