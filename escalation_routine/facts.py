"""The facts of the escalation routine, read from facts.yml into one validated, typed value."""

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

FACTS_FILE = Path(__file__).with_name("facts.yml")
KNOWN_EVES = ("midsommarafton", "julafton", "nyårsafton")


class FactsError(ValueError):
    """facts.yml lacks something or contradicts itself; the message names what."""


@dataclass(frozen=True)
class Product:
    name: str
    group: str
    mailbox: str


@dataclass(frozen=True)
class OpeningHours:
    timezone: str
    opens: time
    closes: time
    closed_eves: Tuple[str, ...]


@dataclass(frozen=True)
class ProductGroup:
    mailbox: str
    description: str
    # Each product's name and the other ways users write it.
    products: Dict[str, Tuple[str, ...]]


@dataclass(frozen=True)
class Situation:
    label: str
    case_kinds: Tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    phone: str
    opening_hours: OpeningHours
    outage_threshold_hours: int
    product_groups: Dict[str, ProductGroup]
    product_buttons: Tuple[str, ...]
    case_kinds: Dict[str, Tuple[str, ...]]
    situations: Dict[str, Situation]


@lru_cache(maxsize=1)
def facts() -> Facts:
    with FACTS_FILE.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))


def parse(raw: dict) -> Facts:
    """The facts, checked: every key there, the hours clock times, buttons and situations known."""
    try:
        hours = raw["opening_hours"]
        read = Facts(
            phone=str(raw["phone"]),
            opening_hours=OpeningHours(
                str(hours["timezone"]),
                time.fromisoformat(hours["opens"]),
                time.fromisoformat(hours["closes"]),
                tuple(hours["closed_eves"]),
            ),
            outage_threshold_hours=int(raw["outage_threshold_hours"]),
            product_groups={
                str(group): ProductGroup(
                    str(data["mailbox"]),
                    str(data["description"]),
                    {str(name): tuple(synonyms) for name, synonyms in data["products"].items()},
                )
                for group, data in raw["product_groups"].items()
            },
            product_buttons=tuple(raw["product_buttons"]),
            case_kinds={str(kind): tuple(synonyms) for kind, synonyms in raw["case_kinds"].items()},
            situations={
                str(key): Situation(str(data["label"]), tuple(data["case_kinds"]))
                for key, data in raw["situations"].items()
            },
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise FactsError(f"{FACTS_FILE.name}: missing or malformed {error}") from error
    _check(read)
    return read


def _check(read: Facts) -> None:
    products = {name for group in read.product_groups.values() for name in group.products}
    problems = [f"product button {name!r} is no product" for name in read.product_buttons if name not in products]
    problems += [
        f"situation {key!r} names the unknown case kind {kind!r}"
        for key, situation in read.situations.items()
        for kind in situation.case_kinds
        if kind not in read.case_kinds
    ]
    problems += [f"unknown closed eve {eve!r}" for eve in read.opening_hours.closed_eves if eve not in KNOWN_EVES]
    if read.opening_hours.opens >= read.opening_hours.closes:
        problems.append("opening hours close before they open")
    if problems:
        raise FactsError(f"{FACTS_FILE.name}: " + "; ".join(problems))


def fold(text: str) -> str:
    """Lower-case, drop Swedish diacritics and punctuation, collapse spaces."""
    text = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def phone() -> str:
    return facts().phone


def mailboxes() -> Dict[str, str]:
    return {name: group.mailbox for name, group in facts().product_groups.items()}


def group_descriptions() -> Dict[str, str]:
    return {name: group.description for name, group in facts().product_groups.items()}


def resolve_case_kind(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    words = fold(text).split()
    for kind, synonyms in facts().case_kinds.items():
        stem = fold(kind)[:5]
        if any(word.startswith(stem) or word in synonyms for word in words):
            return kind
    return None


def situations() -> Dict[str, Situation]:
    return facts().situations


def situations_for(case_kind: Optional[str]) -> List[str]:
    return [key for key, situation in situations().items() if case_kind is None or case_kind in situation.case_kinds]


def implied_case_kind(situation: Optional[str]) -> Optional[str]:
    """The case kind a situation determines, when it determines exactly one."""
    known = situations().get(situation or "")
    kinds = known.case_kinds if known else ()
    return kinds[0] if len(kinds) == 1 else None
