"""Dates in what users write: "2026-11-03", "3/11", "3 november", "i måndags", "för två veckor
sedan", "förra veckan", "vecka 47", and the one among them that is the agreed delivery date.

A vague period ("i oktober", "förra veckan") stands for its last day: if even that has passed,
the delivery date has passed."""

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from typing import Callable, Iterator, List, Optional, Tuple

from dateutil.relativedelta import relativedelta

from escalation_routine.lexicon import entry, month_numbers, number, pattern, plain, weekday_number

MAX_INPUT = 2000
_ISO = re.compile(r"(?<![\d-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_NUMERIC = re.compile(
    r"(?<![\d/.-])(\d{1,2})/(\d{1,2})(?:[/-](\d{4}|\d{2}))?(?![\d/])"
    r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"
)
# Dates in digits, which a clock time or a number must not be read from.
NUMERIC_DATES = re.compile(f"{_ISO.pattern}|{_NUMERIC.pattern}")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    day: date


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearest_year(day: date, today: date) -> date:
    """A date written without a year lies within half a year of today."""
    if day > today + relativedelta(months=6):
        return day - relativedelta(years=1)
    if day < today - relativedelta(months=6):
        return day + relativedelta(years=1)
    return day


def _in_year(month: int, day: int, today: date) -> Optional[date]:
    found = _safe_date(today.year, month, day)
    return nearest_year(found, today) if found else None


def _iso(match: "re.Match", today: date) -> Optional[date]:
    return _safe_date(*(int(part) for part in match.groups()))


def _numeric(match: "re.Match", today: date) -> Optional[date]:
    day, month, year, day2, month2, year2 = match.groups()
    day, month, year = (day, month, year) if day else (day2, month2, year2)
    if year:
        return _safe_date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
    return _in_year(int(month), int(day), today)


def _day_month(match: "re.Match", today: date) -> Optional[date]:
    month = month_numbers()[match.group("month").rstrip(".")]
    if match.group("year"):
        return _safe_date(int(match.group("year")), month, int(match.group("day")))
    return _in_year(month, int(match.group("day")), today)


def _weekday(match: "re.Match") -> int:
    name = next(group for group in match.groups() if group)
    return weekday_number(name)


def _past_weekday(match: "re.Match", today: date) -> date:
    return today - timedelta(days=(today.weekday() - _weekday(match) - 1) % 7 + 1)


def _future_weekday(match: "re.Match", today: date) -> date:
    return today + timedelta(days=(_weekday(match) - today.weekday() - 1) % 7 + 1)


def _relative_day(match: "re.Match", today: date) -> Optional[date]:
    for words, offset in entry("dates.relative_days").items():
        if re.fullmatch(words, match.group(0)):
            return today + timedelta(days=offset)
    return None


@lru_cache(maxsize=1)
def _relative_day_pattern() -> "re.Pattern":
    return re.compile(r"\b(?:" + "|".join(entry("dates.relative_days")) + r")\b")


def _ago(match: "re.Match", today: date) -> date:
    days = entry("dates.units")[match.group("unit")] * number(match.group("amount"))
    return today - timedelta(days=round(days))


def _last_week(match: "re.Match", today: date) -> date:
    return today - timedelta(days=today.weekday() + 1)


def _last_month(match: "re.Match", today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def _week_number(match: "re.Match", today: date) -> Optional[date]:
    week = int(match.group("week"))
    if not 1 <= week <= 53:
        return None
    try:
        friday = date.fromisocalendar(today.year, week, 5)
    except ValueError:
        return None
    return nearest_year(friday, today)


def _in_month(match: "re.Match", today: date) -> date:
    month = month_numbers()[match.group("month")]
    year = today.year if month <= today.month else today.year - 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _day_only(match: "re.Match", today: date) -> Optional[date]:
    day = int(match.group("day"))
    candidates = [
        _safe_date(year, month, day)
        for year, month in (
            (today.year, today.month),
            ((today - relativedelta(months=1)).year, (today - relativedelta(months=1)).month),
            ((today + relativedelta(months=1)).year, (today + relativedelta(months=1)).month),
        )
    ]
    candidates = [candidate for candidate in candidates if candidate]
    return min(candidates, key=lambda candidate: abs((candidate - today).days), default=None)


def _bare_weekday(text: str) -> Callable[["re.Match", date], date]:
    def resolve(match: "re.Match", today: date) -> date:
        sentence = re.split(r"[.!?\n]", text[: match.start()])[-1] + text[match.end() : match.end() + 30]
        past = pattern("dates.past_tense").search(sentence)
        return (_past_weekday if past else _future_weekday)(match, today)

    return resolve


def _finders(text: str) -> List[Tuple["re.Pattern", Callable]]:
    return [
        (_ISO, _iso),
        (_NUMERIC, _numeric),
        (pattern("dates.day_month"), _day_month),
        (pattern("dates.weekday_past"), _past_weekday),
        (pattern("dates.weekday_future"), _future_weekday),
        (_relative_day_pattern(), _relative_day),
        (pattern("dates.ago"), _ago),
        (pattern("dates.last_week"), _last_week),
        (pattern("dates.last_month"), _last_month),
        (pattern("dates.week_number"), _week_number),
        (pattern("dates.in_month"), _in_month),
        (pattern("dates.day_only"), _day_only),
        (pattern("dates.weekday_bare"), _bare_weekday(text)),
    ]


def _matches(text: str, today: date) -> Iterator[FoundDate]:
    taken: List[Tuple[int, int]] = []
    for regex, resolve in _finders(text):
        for match in regex.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            day = resolve(match, today)
            if day:
                taken.append((match.start(), match.end()))
                yield FoundDate(match.start(), match.end(), day)


def find_dates(text: Optional[str], today: date) -> List[FoundDate]:
    """Every date the text names, in the order they stand."""
    if not text:
        return []
    return sorted(_matches(plain(text[:MAX_INPUT]), today), key=lambda found: found.start)


def delivery_date(text: Optional[str], today: date) -> Optional[date]:
    """The agreed delivery date a message names: the date nearest a delivery word, else the last."""
    found = find_dates(text, today)
    if len(found) <= 1:
        return found[0].day if found else None
    folded = plain(text[:MAX_INPUT])
    cues = [match.start() for match in pattern("dates.delivery_words").finditer(folded)]
    if not cues:
        return found[-1].day
    return min(found, key=lambda item: min(abs(item.start - cue) for cue in cues)).day
