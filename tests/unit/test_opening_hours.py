from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from escalation_routine import opening_hours

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Weekdays on which Kundservice is closed, written out by hand from the Swedish calendar (Easter
# Sundays 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21): an independent source
# for the computed calendar, not derived from it.
CLOSED_WEEKDAYS = {
    2026: ["01-01", "01-06", "04-03", "04-06", "05-01", "05-14", "06-19", "12-24", "12-25", "12-31"],
    2027: ["01-01", "01-06", "03-26", "03-29", "05-06", "06-25", "12-24", "12-31"],
    2028: ["01-06", "04-14", "04-17", "05-01", "05-25", "06-06", "06-23", "12-25", "12-26"],
    2029: ["01-01", "03-30", "04-02", "05-01", "05-10", "06-06", "06-22", "12-24", "12-25", "12-26", "12-31"],
    2030: ["01-01", "04-19", "04-22", "05-01", "05-30", "06-06", "06-21", "12-24", "12-25", "12-26", "12-31"],
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize("year", sorted(CLOSED_WEEKDAYS))
def test_every_day_of_the_year_matches_the_calendar(year):
    closed = {date.fromisoformat(f"{year}-{day}") for day in CLOSED_WEEKDAYS[year]}
    day = date(year, 1, 1)
    mismatches = []
    while day.year == year:
        expected = day.weekday() < 5 and day not in closed
        if opening_hours.is_open_day(day) != expected:
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize(
    "moment, is_open",
    [
        ("2026-11-27 07:59", False),
        ("2026-11-27 08:00", True),
        ("2026-11-27 16:29", True),
        ("2026-11-27 16:30", False),
        ("2026-11-28 10:00", False),  # Saturday
        ("2026-12-24 10:00", False),  # julafton
        ("2026-06-19 10:00", False),  # midsommarafton
        ("2026-12-23 10:00", True),
    ],
)
def test_open_at(moment, is_open):
    assert opening_hours.is_open(at(moment)) is is_open


@pytest.mark.parametrize(
    "moment, opens",
    [
        ("2026-11-27 16:31", "2026-11-30 08:00"),  # Friday evening: Monday
        ("2026-11-27 07:59", "2026-11-27 08:00"),
        ("2026-11-27 08:00", "2026-11-30 08:00"),  # already open: the next opening after today
        ("2027-03-25 17:00", "2027-03-30 08:00"),  # Maundy Thursday evening: after Easter Monday
        ("2026-12-23 17:00", "2026-12-28 08:00"),  # before julafton: after annandag jul + weekend
        ("2026-12-30 17:00", "2027-01-04 08:00"),  # before nyårsafton
        ("2026-03-28 12:00", "2026-03-30 08:00"),  # Saturday before summer time begins
        ("2026-10-24 12:00", "2026-10-26 08:00"),  # Saturday before winter time begins
        ("2026-06-18 16:45", "2026-06-22 08:00"),  # before midsommarafton
    ],
)
def test_next_opening(moment, opens):
    assert opening_hours.next_opening(at(moment)) == at(opens)


def test_next_opening_keeps_swedish_local_time_across_dst():
    opening = opening_hours.next_opening(at("2026-03-28 12:00"))
    assert opening.utcoffset() == timedelta(hours=2)
    assert opening_hours.format_moment(opening) == "måndag 30 mars kl. 08.00"


def test_open_status_text_names_weekday_date_and_time():
    assert opening_hours.open_status_text(at("2027-03-25 17:00")) == (
        "Kundservice har stängt just nu och öppnar tisdag 30 mars kl. 08.00."
    )
    assert "öppet just nu" in opening_hours.open_status_text(at("2026-11-27 09:00"))


def test_now_honours_assistant_now(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", "2027-03-25T16:00:00+00:00")
    now = opening_hours.now()
    assert now == datetime(2027, 3, 25, 17, 0, tzinfo=STOCKHOLM)
    assert str(now.tzinfo) == "Europe/Stockholm"


def test_now_without_assistant_now_is_swedish_time(monkeypatch):
    monkeypatch.delenv("ASSISTANT_NOW", raising=False)
    assert str(opening_hours.now().tzinfo) == "Europe/Stockholm"
