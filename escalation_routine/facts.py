"""The facts of the escalation routine, read from facts.yml, and the product resolution that
maps what users type to a product and its group."""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

FACTS_FILE = Path(__file__).with_name("facts.yml")

# Swedish inflection that may follow a product word: "villafibern", "kopparaccessen".
_SUFFIX = r"(?:en|n|et|s|ens|ar|arna|na)?"
_FUZZY_CUTOFF = 0.84
_FUZZY_MIN_LENGTH = 5


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


@lru_cache(maxsize=1)
def _synonyms() -> List[Tuple[str, Product]]:
    """(folded synonym, product) pairs, longest synonym first so the most specific wins."""
    pairs = []
    for group, data in facts()["product_groups"].items():
        for name, synonyms in data["products"].items():
            product = Product(name, group, data["mailbox"])
            for synonym in {name, *synonyms}:
                pairs.append((fold(synonym), product))
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def resolve_product(text: Optional[str]) -> Optional[Product]:
    """The product a message names, allowing inflections, missing diacritics and small typos."""
    if not text:
        return None
    folded = fold(text)
    for synonym, product in _synonyms():
        if re.search(rf"\b{re.escape(synonym)}{_SUFFIX}\b", folded):
            return product
    return _fuzzy_product(folded)


@lru_cache(maxsize=1)
def _product_word() -> "re.Pattern":
    one_word = sorted({synonym for synonym, _ in _synonyms() if " " not in synonym}, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, one_word))}){_SUFFIX}")


def is_product_word(word: str) -> bool:
    """Whether one word, as typed, is a product's name or synonym, inflected or not
    ("villafibern"); no typo tolerance: cheap enough for every word of every message."""
    return bool(_product_word().fullmatch(fold(word)))


def _fuzzy_product(folded: str) -> Optional[Product]:
    words = folded.split()
    candidates = {
        "".join(words[start:start + size])
        for size in (1, 2, 3)
        for start in range(len(words) - size + 1)
    }
    by_synonym = {synonym.replace(" ", ""): product for synonym, product in _synonyms()}
    best: Optional[Product] = None
    best_ratio = _FUZZY_CUTOFF
    for candidate in candidates:
        if len(candidate) < _FUZZY_MIN_LENGTH:
            continue
        for synonym, product in by_synonym.items():
            ratio = difflib.SequenceMatcher(None, candidate, synonym).ratio()
            if ratio > best_ratio:
                best, best_ratio = product, ratio
    return best


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
