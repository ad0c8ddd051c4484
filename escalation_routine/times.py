"""When an outage began, from what users write: a clock time ("sedan kl 09.15", "sen kvart över
åtta", "från halv nio i morse", "sedan igår kl 15") or a duration ("i 5 timmar", "typ fem
timmar", "drygt 3 h", "45 minuter"). A clock time without a day is the latest such moment before
now: at 16.20, "sedan två" is 14.00."""

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Optional, Tuple

from escalation_routine.dates import NUMERIC_DATES
from escalation_routine.lexicon import entry, number, pattern, plain, weekday_number

MAX_INPUT = 2000


def _hour(word: str) -> Optional[int]:
    try:
        value = number(word)
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) and 0 <= value <= 24 else None


def _duration(text: str) -> Optional[timedelta]:
    match = pattern("times.duration").search(text)
    if match:
        amount = number(match.group("amount"))
        if match.group("half"):
            amount += 0.5
        minutes = amount if match.group("unit").startswith("m") else amount * 60
        if match.group("more"):
            minutes += entry("times.more_minutes")
        if match.group("less"):
            minutes -= entry("times.less_minutes")
        return timedelta(minutes=minutes) if minutes > 0 else None
    if pattern("times.half_hour").search(text):
        return timedelta(minutes=30)
    return None


def _spoken_clock(text: str) -> Optional[Tuple[int, int]]:
    """ "kvart över åtta", "kvart i nio", "halv nio", "tjugo över sju", "fem i nio"."""
    spoken = [("times.quarter_past", 0, 15), ("times.quarter_to", -1, 45), ("times.half_past", -1, 30)]
    for name, hour_offset, minute in spoken:
        match = pattern(name).search(text)
        if match and _hour(match.group("hour")) is not None:
            return (_hour(match.group("hour")) + hour_offset) % 24, minute
    for name, sign in (("times.minutes_past", 1), ("times.minutes_to", -1)):
        match = pattern(name).search(text)
        if match and _hour(match.group("hour")) is not None:
            minutes = int(number(match.group("minutes")))
            if 0 < minutes < 30:
                total = _hour(match.group("hour")) * 60 + sign * minutes
                return (total // 60) % 24, total % 60
    return None


def _written_clock(text: str) -> Optional[Tuple[int, int, bool]]:
    """A clock time in digits, and whether it is plainly the 24-hour clock ("09.15", "00.30")."""
    match = pattern("times.clock").search(text)
    if match:
        hour = match.group("hour") or match.group("hour2")
        minute = match.group("minute") or match.group("minute2") or "0"
        return int(hour), int(minute), hour.startswith("0")
    match = pattern("times.clock_word").search(text)
    if match and _hour(match.group("hour")) is not None:
        return _hour(match.group("hour")), 0, False
    return None


def _latest_before(
    hour: int, minute: int, text: str, now: datetime, twenty_four_hour: bool = False
) -> Optional[datetime]:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    candidates = [now.replace(hour=hour, minute=minute, second=0, microsecond=0)]
    if hour < 12 and not twenty_four_hour and not pattern("times.morning").search(text):
        candidates.append(candidates[0].replace(hour=hour + 12))
    days_back = 1 if pattern("times.yesterday").search(text) else 0
    candidates = [moment - timedelta(days=days_back) for moment in candidates]
    candidates = [moment if moment <= now else moment - timedelta(days=1) for moment in candidates]
    return max(candidates)


def _day_of(word: Optional[str], today: date) -> date:
    if not word:
        return today
    word = word.replace(" ", "")
    if word in ("helgen", "ihelgen"):
        return today - timedelta(days=(today.weekday() - 5) % 7 or 7)
    if word.startswith("iforrgar") or word == "forrgar":
        return today - timedelta(days=2)
    if word in ("igar",):
        return today - timedelta(days=1)
    weekday = weekday_number(re.sub(r"^i|s$", "", word) if word.startswith("i") else word)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _vague_start(text: str, now: datetime) -> Optional[datetime]:
    """ "sen igår eftermiddag" is yesterday 13.00; "sedan i fredags" that Friday at midday;
    "hela helgen" since Saturday."""
    match = pattern("times.vague_start").search(text)
    if not match or not (match.group("day") or match.group("part") or match.group("day2")):
        return None
    day = _day_of(match.group("day") or match.group("day2"), now.date())
    part = match.group("part") or match.group("part2")
    hours = entry("times.parts_of_day")
    hour = next((hour for name, hour in hours.items() if part and part.startswith(name)), 12)
    start = datetime.combine(day, time(hour), tzinfo=now.tzinfo)
    return start if start <= now else (start - timedelta(days=1) if not match.group("day") else None)


def outage_start(text: Optional[str], now: datetime, asked: bool = False) -> Optional[datetime]:
    """The moment an outage began. `asked`: the text answers "since when?", so a bare hour
    ("8") counts as a clock time."""
    if not text or not text.strip():
        return None
    lowered = " ".join(plain(text[:MAX_INPUT]).split())
    lowered = NUMERIC_DATES.sub(" ", lowered)
    spoken = _spoken_clock(lowered)
    if spoken:
        return _latest_before(*spoken, lowered, now)
    written = _written_clock(lowered)
    if written:
        hour, minute, twenty_four_hour = written
        return _latest_before(hour, minute, lowered, now, twenty_four_hour)
    duration = _duration(lowered)
    if duration:
        return (now.astimezone(timezone.utc) - duration).astimezone(now.tzinfo)
    vague = _vague_start(lowered, now)
    if vague:
        return vague
    bare = pattern("times.bare_hour").search(lowered) if asked else None
    return _latest_before(int(bare.group("hour")), 0, lowered, now) if bare else None
