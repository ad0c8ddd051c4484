"""The held-out NLU set says how the model does on messages it has not seen, so none of them may be
a training example in disguise: not the same once accents are folded and entities masked, and not
nearly the same (a character similarity of 0.9 or more). Held-out lines are never moved into training."""

import difflib
import re
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NEAR = 0.9
_ENTITY = re.compile(r"\[([^\]]*)\](?:\(([^)]+)\)|\{[^}]*\"entity\":\s*\"([^\"]+)\"[^}]*\})")


def normalised(example: str) -> str:
    text = _ENTITY.sub(lambda match: f" {match.group(2) or match.group(3)} ", example)
    text = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w ]", " ", text).split())


def examples(paths) -> dict:
    found = {}
    for path in paths:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found[normalised(line.strip()[2:])] = f"{path.name}: {line.strip()[2:]}"
    return found


def test_no_held_out_message_is_a_training_example_in_disguise():
    training = examples(sorted(ROOT.glob("data/nlu/*.yml")))
    held_out = examples(sorted(ROOT.glob("tests/nlu/*.yml")))
    by_length = sorted(training)
    overlaps = []
    for message, source in held_out.items():
        if message in training:
            overlaps.append(f"{source} == {training[message]}")
            continue
        for known in by_length:
            if abs(len(known) - len(message)) > len(message) * (1 - NEAR) * 2 + 2:
                continue
            matcher = difflib.SequenceMatcher(None, message, known, autojunk=False)
            if matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
                overlaps.append(f"{source} ~ {training[known]}")
                break
    assert overlaps == [], f"{len(overlaps)} held-out messages are (nearly) training examples:\n" + "\n".join(overlaps)


def test_masking_and_folding():
    assert normalised("Order [4711-2345](order_number) för [Fiber Villa](product)!") == normalised(
        "order [9999](order_number) for [koppar](product)"
    )
