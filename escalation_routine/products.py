"""Which product a message means: every product it names (inflected, in compounds, with missing
å/ä/ö or small typos), and among them the one meant, so that "det gäller inte fiber utan
kopparaccess" and "förra gången var det koppar, nu är det Fiber Villa" pick the right one."""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Tuple

from escalation_routine.facts import Product, facts
from escalation_routine.lexicon import pattern, plain

MAX_INPUT = 2000
# A correction word this many words before a product corrects to it: "X – nej vänta, det är en Y".
_CORRECTION_WORDS = 6
# Swedish inflection and compounding after a product word: "villafibern", "kopparaccessen",
# "kopparaccessordern", "fiberlägenhetsleveransen".
_COMPOUND = r"(?:s?(?:order|leverans|bestallning|arende|forfragan|anslutning|inkoppling|kund|grej|case|ticket)\w*)?"
_SUFFIX = r"(?:en|n|et|s|ens|ar|arna|na|erna)?"
# "fibervilla-adressen" names a mailbox, not the product the case is about.
_NOT_AN_ADDRESS = r"(?!-?(?:adress|mejl|mail|brevlad))"
_FUZZY_CUTOFF = 0.84
_FUZZY_MIN_LENGTH = 5
# Products that only name a family; a more specific product of the family in the same message wins.
_FAMILY = {"Fiber": ("fibervilla", "fiber"), "Koppar": ("koppar",)}
# Small words that may stand between a negation and the product it negates: "inte om fiber".
_BETWEEN_NEGATION = {"om", "for", "pa", "med", "till", "den", "det", "en", "ett", "nagon", "nan", "heller", "alls"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    product: Product


@lru_cache(maxsize=1)
def _synonyms() -> List[Tuple[str, Product]]:
    """(synonym in plain form, product) pairs, longest first so the most specific wins."""
    pairs = []
    for group_name, group in facts().product_groups.items():
        for name, synonyms in group.products.items():
            product = Product(name, group_name, group.mailbox)
            pairs += [(plain(synonym), product) for synonym in {name, *synonyms}]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _synonym_source(synonym: str) -> str:
    return r"[\s-]*".join(re.escape(word) for word in synonym.split())


@lru_cache(maxsize=1)
def _mention_pattern() -> "re.Pattern":
    alternatives = "|".join(
        f"(?P<p{index}>{_synonym_source(synonym)})" for index, (synonym, _) in enumerate(_synonyms())
    )
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives}){_COMPOUND}{_SUFFIX}(?![a-z0-9]){_NOT_AN_ADDRESS}")


def _fuzzy_mentions(text: str, exact: List[Mention]) -> List[Mention]:
    """Typos ("kopparacess", "fibervila"): a word or two words close to a synonym, where no
    exact mention is, or where only a family is ("fiber vila")."""
    taken = [(m.start, m.end) for m in exact if m.product.name not in _FAMILY]
    spans = {(m.start, m.end) for m in exact}
    by_synonym = {synonym.replace(" ", ""): product for synonym, product in _synonyms()}
    words = list(re.finditer(r"[a-z0-9]+", text))
    found = []
    for size in (2, 1):
        for index in range(len(words) - size + 1):
            start, end = words[index].start(), words[index + size - 1].end()
            candidate = "".join(word.group(0) for word in words[index : index + size])
            if (
                len(candidate) < _FUZZY_MIN_LENGTH
                or (start, end) in spans
                or not re.match(_NOT_AN_ADDRESS, text[end:])
                or any(start < e and s < end for s, e in taken)
            ):
                continue
            close = [synonym for synonym in by_synonym if synonym[:3] == candidate[:3]]
            match = difflib.get_close_matches(candidate, close, n=1, cutoff=_FUZZY_CUTOFF)
            if match:
                found.append(Mention(start, end, by_synonym[match[0]]))
                taken.append((start, end))
    return found


def mentions(text: Optional[str]) -> List[Mention]:
    """Every product the text names, in order."""
    if not text:
        return []
    folded = plain(text[:MAX_INPUT])
    found = []
    for match in _mention_pattern().finditer(folded):
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        found.append(Mention(match.start(), match.end(), _synonyms()[index][1]))
    found += _fuzzy_mentions(folded, found)
    return sorted(found, key=lambda mention: mention.start)


def product_spans(text: Optional[str]) -> List[Tuple[int, int]]:
    return [(mention.start, mention.end) for mention in mentions(text)]


def _clause_before(folded: str, position: int) -> str:
    """The words before `position` back to the start of its clause."""
    before = folded[:position]
    breaks = [match.end() for match in pattern("products.clause_break").finditer(before)]
    return before[max(breaks, default=0) :]


def _negation(folded: str, mention: Mention) -> Optional[str]:
    """The negation word right before the mention ("inte", "ingen"), if any."""
    words = re.findall(r"[a-z]+", folded[max(0, mention.start - 40) : mention.start])
    while words and words[-1] in _BETWEEN_NEGATION:
        words.pop()
    return words[-1] if words and pattern("products.negation").fullmatch(words[-1]) else None


def _corrected(folded: str, mention: Mention) -> bool:
    words = re.findall(r"[a-z]+", folded[max(0, mention.start - 60) : mention.start])[-_CORRECTION_WORDS:]
    return any(pattern("products.correction").fullmatch(word) for word in words)


def _earlier(folded: str, mention: Mention) -> bool:
    """Named as the earlier or wrong product: "trodde det var X", "X är fel"."""
    return bool(pattern("products.earlier").search(_clause_before(folded, mention.start))) or bool(
        pattern("products.wrong_after").search(folded[mention.end : mention.end + 30])
    )


def _without_families(candidates: List[Mention]) -> List[Mention]:
    specific = [mention for mention in candidates if mention.product.name not in _FAMILY]
    return [
        mention
        for mention in candidates
        if mention.product.name not in _FAMILY
        or not any(other.product.group in _FAMILY[mention.product.name] for other in specific)
    ]


def _candidates(text: str) -> List[Mention]:
    """The mentions the message means: not negated, not an earlier or wrong one, no family when
    a product of it is named; only the corrected ones when it corrects itself."""
    found = mentions(text)
    if not found:
        return []
    folded = plain(text[:MAX_INPUT])
    kept = [mention for mention in found if not _earlier(folded, mention)]
    negations = {id(mention): _negation(folded, mention) for mention in kept}
    plain_ones = [mention for mention in kept if not negations[id(mention)]]
    if not plain_ones:
        # Only "ingen X": the customer lacks X, it is still the product meant.
        plain_ones = [
            mention
            for mention in kept
            if negations[id(mention)] and pattern("products.soft_negation").fullmatch(negations[id(mention)])
        ]
    candidates = _without_families(plain_ones)
    corrected = [mention for mention in candidates if _corrected(folded, mention)]
    return corrected[-1:] if corrected else candidates


def meant_product(text: Optional[str]) -> Optional[Product]:
    """The product the message means: not one it negates or names as an earlier case; a
    corrected one ("… utan X", "nu X", "menade X") before others; a specific product before its
    family ("Fiber Villa" before "fibern"); otherwise the first named."""
    candidates = _candidates(text or "")
    return candidates[0].product if candidates else None


def meant_products(text: Optional[str]) -> List[Product]:
    """Every distinct product the message means, in order: "en Fiber Villa-leverans och en
    Kopparaccess-order" names two."""
    distinct: List[Product] = []
    for mention in _candidates(text or ""):
        if mention.product not in distinct:
            distinct.append(mention.product)
    return distinct


@lru_cache(maxsize=1)
def _product_word() -> "re.Pattern":
    one_word = [synonym for synonym, _ in _synonyms() if " " not in synonym]
    return re.compile(rf"(?:{'|'.join(map(re.escape, one_word))}){_COMPOUND}{_SUFFIX}")


def is_product_word(word: str) -> bool:
    """Whether one word, as typed, is a product's name or synonym, inflected or in a compound
    ("villafibern", "kopparaccessordern"); no typo tolerance: cheap enough for every word."""
    return bool(_product_word().fullmatch(re.sub(r"[^a-z0-9]", "", plain(word))))
