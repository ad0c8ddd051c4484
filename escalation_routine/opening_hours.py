"""Kundservice's clock: the current time, the Swedish calendar of closed days and the next opening."""

import os
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Dict, Optional, Tuple
from zoneinfo import ZoneInfo

import holidays

from escalation_routine.facts import facts

WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def timezone() -> ZoneInfo:
    return ZoneInfo(facts().opening_hours.timezone)


def daily_hours() -> Tuple[time, time]:
    """When Kundservice opens and closes on an open day."""
    return facts().opening_hours.opens, facts().opening_hours.closes


def now() -> datetime:
    """Swedish time now, or the moment ASSISTANT_NOW names (ISO 8601 with offset)."""
    fixed = os.environ.get("ASSISTANT_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone())
        return moment.astimezone(timezone())
    return datetime.now(timezone())


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.SE(years=year, include_sundays=False, language="sv")


def _closed_eves(year: int) -> dict:
    midsummer_eve = date(year, 6, 19) + timedelta(days=(4 - date(year, 6, 19).weekday()) % 7)
    eves = {
        "midsommarafton": midsummer_eve,
        "julafton": date(year, 12, 24),
        "nyårsafton": date(year, 12, 31),
    }
    return {eves[name]: name for name in facts().opening_hours.closed_eves}


def is_open_day(day: date) -> bool:
    """Helgfri måndag–fredag: not a weekend, a public holiday or a closed eve."""
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in _closed_eves(day.year)


def named_days(start: date, days: int = 400) -> Dict[date, str]:
    """The public holidays and closed eves from `start` on, by their Swedish names."""
    named: Dict[date, str] = {}
    for year in range(start.year, (start + timedelta(days=days)).year + 1):
        named.update(_public_holidays(year))
        named.update(_closed_eves(year))
    return {day: name for day, name in sorted(named.items()) if start <= day < start + timedelta(days=days)}


def is_open(moment: datetime) -> bool:
    local = moment.astimezone(timezone())
    opens, closes = daily_hours()
    return is_open_day(local.date()) and opens <= local.time() < closes


def next_opening(moment: datetime) -> datetime:
    """The first opening strictly after `moment` (Swedish time)."""
    local = moment.astimezone(timezone())
    opens = daily_hours()[0]
    day = local.date() if local.time() < opens else local.date() + timedelta(days=1)
    while not is_open_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, opens, tzinfo=timezone())


def closing_time(moment: datetime) -> datetime:
    local = moment.astimezone(timezone())
    return datetime.combine(local.date(), daily_hours()[1], tzinfo=timezone())


def format_clock(moment: datetime) -> str:
    return moment.strftime("%H.%M")


def format_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def format_moment(moment: datetime) -> str:
    """ "tisdag 30 mars kl. 08.00" in Swedish time."""
    local = moment.astimezone(timezone())
    return f"{format_day(local.date())} kl. {format_clock(local)}"


def daily_hours_text() -> str:
    """ "08.00–16.30": an open day's hours."""
    opens, closes = daily_hours()
    return f"{opens.strftime('%H.%M')}–{closes.strftime('%H.%M')}"


def opening_hours_text() -> str:
    return f"helgfri måndag–fredag {daily_hours_text()}"


def open_status_text(moment: Optional[datetime] = None) -> str:
    moment = moment or now()
    if is_open(moment):
        return f"Kundservice har öppet just nu (till kl. {format_clock(closing_time(moment))} i dag)."
    return f"Kundservice har stängt just nu och öppnar {format_moment(next_opening(moment))}."
