"""The words of one language that the parsers look for, read from lexicon.<language>.yml.

Patterns are written for the message in plain form (see `plain`) and may name the lexicon's word
lists in braces: {months}, {weekdays}, {number_words}."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable

import yaml

LANGUAGE = "sv"
_FOLDS = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuaaoeeu")


def plain(text: str) -> str:
    """Lower case with å/ä/ö and accents folded, punctuation kept: what patterns are matched on.
    One character for one, so positions in the plain text are positions in the original."""
    return text.translate(_FOLDS).lower()


@lru_cache(maxsize=1)
def lexicon() -> Dict[str, Any]:
    path = Path(__file__).with_name(f"lexicon.{LANGUAGE}.yml")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def entry(path: str) -> Any:
    """The lexicon's entry at a dotted path ("dates.ago")."""
    value: Any = lexicon()
    for key in path.split("."):
        value = value[key]
    return value


def _alternatives(words: Iterable[object]) -> str:
    return "|".join(sorted((str(word) for word in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _word_lists() -> Dict[str, str]:
    return {
        "months": _alternatives(
            entry("months")
            + [
                abbreviation
                for abbreviations in entry("month_abbreviations")
                for abbreviation in abbreviations.split("|")
            ]
        ),
        "weekdays": _alternatives(entry("weekdays")),
        "number_words": _alternatives(entry("number_words")),
    }


@lru_cache(maxsize=None)
def pattern(path: str) -> "re.Pattern":
    source = entry(path)
    if isinstance(source, list):
        source = "|".join(f"(?:{item})" for item in source)
    for name, alternatives in _word_lists().items():
        source = source.replace(f"{{{name}}}", f"(?:{alternatives})")
    return re.compile(source)


def number(word: str) -> float:
    """A number written in digits ("5", "2,5") or in words ("fem", "en halv")."""
    words = entry("number_words")
    word = " ".join(word.split())
    return float(words[word]) if word in words else float(word.replace(",", "."))


@lru_cache(maxsize=1)
def month_numbers() -> Dict[str, int]:
    numbers = {name: index + 1 for index, name in enumerate(entry("months"))}
    for index, abbreviations in enumerate(entry("month_abbreviations")):
        numbers.update({abbreviation: index + 1 for abbreviation in abbreviations.split("|")})
    return numbers


def weekday_number(name: str) -> int:
    return entry("weekdays").index(name)
