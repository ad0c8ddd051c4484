"""Order and reference numbers in whatever format an operator's systems give them ("B-1029384",
"KS 2026 0042", "ordernr 5566 7788", "#77120", "ärende 2026/00412", "SO-884-12"), and the
assistant's own case references (ESK-2026-000123).

A number is kept as the user wrote it, normalised: upper-case letters, single spaces, no "#".
Dates, clock times, durations, sums, phone numbers, case references and product names ("Fiber
2009") are never read as one."""

import re
from datetime import date
from typing import List, Optional, Tuple

from escalation_routine import products
from escalation_routine.dates import find_dates
from escalation_routine.lexicon import pattern, plain

MAX_INPUT = 2000
MIN_DIGITS = 4
MIN_DIGITS_WITH_LETTERS = 3
# Which spans of a text are dates does not depend on the day it is read; any day will do.
_ANY_DAY = date(2026, 1, 1)

# Written as issued (ESK-2026-000123) or as typed: spaces, underscores or nothing between the parts.
_CASE_REFERENCE = re.compile(r"(?<![\w-])esk[\s_-]?(\d{4})[\s_-]?(\d{1,9})(?![\w-])", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?:\+46\s?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){2,3}(?![\w-])")
_TIME = re.compile(r"(?<!\d)\d{1,2}[.:]\d{2}(?![\d.:])|\b(?:kl\.?|klockan)\s*\d{1,2}\b", re.IGNORECASE)
_DURATION = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:timmar|timme|tim|h|minuter|min|dagar|dag|veckor|vecka)\b", re.IGNORECASE
)
# Letters (a prefix such as SO-, B-, KS, ORD-), then groups of digits joined by - / . or a space.
_CANDIDATE = re.compile(
    r"(?<![\w#/-])#?\s?"
    r"(?P<id>(?:[A-Za-zÅÄÖåäö]{1,6}[-#/]|[A-ZÅÄÖ]{1,6}\s(?=\d)|[A-Za-zÅÄÖåäö]{1,6}(?=\d))?"
    r"\d+(?:[-/.:]\d+|-[A-Za-z]{1,3}\d*)*(?:\s\d{2,}(?:[-/.]\d+)*)*)"
    r"(?![\w/-]|\.\d)"
)

# One token of letters and digits joined by - / _ or . ("K-P2P-00419", "1-2B3C4D", "REF_8823_KP").
_TOKEN = re.compile(r"(?<![\w#/-])#?(?P<id>(?=[\w/.-]*\d)[A-Za-z0-9ÅÄÖåäö]+(?:[-/_.:][A-Za-z0-9ÅÄÖåäö]+)+)(?![\w/-])")


def case_reference(text: Optional[str]) -> Optional[str]:
    """A case reference such as ESK-2026-000123, normalised to upper case and six digits."""
    match = _CASE_REFERENCE.search((text or "")[:MAX_INPUT])
    return f"ESK-{match.group(1)}-{int(match.group(2)):06d}" if match else None


def _blank(text: str, spans: List[Tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _is_phone(candidate: str) -> bool:
    """A Swedish phone number has nine digits or more and is written in groups ("070-123 45 67",
    "+46 771 81 60 00"); "0123-4567" and "0123456789" are order numbers."""
    return _digits(candidate) >= 9 and (candidate.startswith("+") or bool(re.search(r"[\s-]", candidate)))


def _masked(text: str) -> str:
    """The text with everything that only looks like a number blanked, positions kept."""
    spans = [(found.start, found.end) for found in find_dates(text, _ANY_DAY)]
    spans += [match.span() for match in _PHONE.finditer(text) if _is_phone(match.group(0))]
    for regex in (_CASE_REFERENCE, _TIME, _DURATION, pattern("identifiers.money")):
        source = text if regex is not pattern("identifiers.money") else plain(text)
        spans += [match.span() for match in regex.finditer(source)]
    spans += products.product_spans(text)
    return _blank(text, spans)


def _normalised(raw: str) -> str:
    """Upper case, single spaces, no "#", and no word such as "ID" or "NR" before the number."""
    words = raw.lstrip("#").split()
    if len(words) > 1 and pattern("identifiers.keywords").fullmatch(plain(words[0]) + " "):
        words = words[1:]
    return " ".join(words).upper()


def _digits(candidate: str) -> int:
    return sum(char.isdigit() for char in candidate)


def _usable(candidate: str) -> bool:
    has_letters = any(char.isalpha() for char in candidate)
    return _digits(candidate) >= (MIN_DIGITS_WITH_LETTERS if has_letters else MIN_DIGITS)


def _distinct(candidate: str) -> bool:
    """Looks like an identifier even without a word before it: letters and digits, digits
    joined by a dash or slash, or five digits or more."""
    return (
        any(char.isalpha() for char in candidate) or bool(re.search(r"\d[-/]\d", candidate)) or _digits(candidate) >= 5
    )


def order_number(text: Optional[str], asked: bool = False) -> Optional[str]:
    """The order or reference number in `text`. `asked`: the text answers the question for it,
    so any identifier counts; otherwise one must follow a word such as "order" or "ärende", or
    look like an identifier by itself."""
    if not text:
        return None
    text = text[:MAX_INPUT]
    masked = _masked(text)
    keywords = [match.end() for match in pattern("identifiers.keywords").finditer(plain(masked))]
    candidates = []
    for match in [*_CANDIDATE.finditer(masked), *_TOKEN.finditer(masked)]:
        raw = match.group("id").strip()
        if not _usable(raw):
            continue
        introduced = any(0 <= match.start() - end <= 2 for end in keywords)
        if asked or introduced or _distinct(raw):
            rank = (not introduced, not any(char.isalpha() for char in raw), match.start())
            candidates.append((rank, _normalised(raw)))
    return min(candidates)[1] if candidates else None
