"""The facts of the escalation routine, read from facts.yml."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

import yaml

FACTS_FILE = Path(__file__).with_name("facts.yml")


@dataclass(frozen=True)
class Product:
    name: str
    group: str
    mailbox: str


@lru_cache(maxsize=1)
def facts() -> dict:
    with FACTS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def fold(text: str) -> str:
    """Lower-case, drop Swedish diacritics and punctuation, collapse spaces."""
    text = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def phone() -> str:
    return facts()["phone"]


def mailboxes() -> Dict[str, str]:
    return {group: data["mailbox"] for group, data in facts()["product_groups"].items()}


def group_descriptions() -> Dict[str, str]:
    return {group: data["description"] for group, data in facts()["product_groups"].items()}


def resolve_case_kind(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    words = fold(text).split()
    for kind, synonyms in facts()["case_kinds"].items():
        stem = fold(kind)[:5]
        if any(word.startswith(stem) or word in synonyms for word in words):
            return kind
    return None


def situations() -> Dict[str, dict]:
    return facts()["situations"]


def situations_for(case_kind: Optional[str]) -> List[str]:
    return [
        key for key, situation in situations().items()
        if case_kind is None or case_kind in situation["case_kinds"]
    ]


def implied_case_kind(situation: Optional[str]) -> Optional[str]:
    """The case kind a situation determines, when it determines exactly one."""
    kinds = situations().get(situation or "", {}).get("case_kinds", [])
    return kinds[0] if len(kinds) == 1 else None
