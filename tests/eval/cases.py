"""The evaluation's cases (cases/*.yml) and clocks (clocks.yml), read and checked for form."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from tests.eval.checks import CHECKS

HERE = Path(__file__).parent
PERSONA_KEYS = {
    "product",
    "order_number",
    "case_kind",
    "situation",
    "delivery_date",
    "outage_start",
    "yes_no",
    "contact",
}


def clocks() -> Dict[str, datetime]:
    raw = yaml.safe_load((HERE / "clocks.yml").read_text(encoding="utf-8"))
    return {name: datetime.fromisoformat(value) for name, value in raw.items()}


@dataclass(frozen=True)
class Turn:
    say: str
    expect: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """A single message (one turn, no persona) or a dialogue."""

    id: str
    category: int
    clock: str
    turns: List[Turn]
    persona: Dict[str, List[str]] = field(default_factory=dict)
    goal: Optional[dict] = None
    max_bot_turns: int = 1
    all_in_one: bool = False
    source: str = ""

    @property
    def is_dialogue(self) -> bool:
        return self.source.startswith("dialogues")


def _expectation(raw: Optional[dict]) -> dict:
    """YAML 1.1 reads an unquoted `yes:` or `no:` key as a boolean: back to the check's name."""
    names = {True: "yes", False: "no"}
    return {names.get(key, key) if isinstance(key, bool) else key: value for key, value in (raw or {}).items()}


def _check_expectation(case_id: str, expect: dict) -> None:
    unknown = set(expect) - set(CHECKS)
    if unknown:
        raise ValueError(f"{case_id}: unknown checks {sorted(unknown)}")


def _message(raw: dict, source: str) -> Case:
    return Case(
        id=raw["id"],
        category=int(raw["category"]),
        clock=raw["clock"],
        turns=[Turn(raw["message"], _expectation(raw.get("expect")))],
        source=source,
    )


def _dialogue(raw: dict, source: str) -> Case:
    persona = {key: [str(value) for value in (values or [])] for key, values in (raw.get("persona") or {}).items()}
    unknown = set(persona) - PERSONA_KEYS
    if unknown:
        raise ValueError(f"{raw['id']}: unknown persona keys {sorted(unknown)}")
    turns = [Turn(str(turn["say"]), _expectation(turn.get("expect"))) for turn in raw["turns"]]
    return Case(
        id=raw["id"],
        category=int(raw["category"]),
        clock=raw["clock"],
        turns=turns,
        persona=persona,
        goal=_expectation(raw["goal"]) if raw.get("goal") else None,
        max_bot_turns=int(raw.get("max_bot_turns", 8)),
        all_in_one=bool(raw.get("all_in_one")),
        source=source,
    )


def load(pattern: str = "*.yml") -> List[Case]:
    known_clocks = clocks()
    loaded: List[Case] = []
    for path in sorted((HERE / "cases").glob(pattern)):
        build = _dialogue if path.name.startswith("dialogues") else _message
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case = build(raw, path.name)
            if case.clock not in known_clocks:
                raise ValueError(f"{case.id}: unknown clock {case.clock!r}")
            for turn in case.turns:
                _check_expectation(case.id, turn.expect)
            _check_expectation(case.id, case.goal or {})
            loaded.append(case)
    ids = [case.id for case in loaded]
    duplicates = {case_id for case_id in ids if ids.count(case_id) > 1}
    if duplicates:
        raise ValueError(f"duplicate case ids: {sorted(duplicates)}")
    return loaded
