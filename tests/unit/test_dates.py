from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from escalation_routine import dates

TODAY = date(2026, 11, 27)  # a Friday
SWEDISH_MONTHS = [
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15 november", date(2026, 11, 15)),
        ("den 3/11", date(2026, 11, 3)),
        ("3/11", date(2026, 11, 3)),
        ("2026-11-20", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("15 mars", date(2027, 3, 15)),  # without a year: the nearest one
        ("1 juli", date(2026, 7, 1)),
        ("leveransdatum var 12 nov", date(2026, 11, 12)),
        ("igår", date(2026, 11, 26)),
        ("i förrgår", date(2026, 11, 25)),
        ("idag", date(2026, 11, 27)),
        ("i måndags", date(2026, 11, 23)),
        ("i fredags", date(2026, 11, 20)),
        ("förra tisdagen", date(2026, 11, 24)),
        ("på tisdag", date(2026, 12, 1)),
        ("1 december", date(2026, 12, 1)),
        ("för två veckor sedan", date(2026, 11, 13)),
        ("för 3 dagar sen", date(2026, 11, 24)),
        ("förra veckan", date(2026, 11, 22)),
        ("vecka 46", date(2026, 11, 13)),
        ("den 25:e", date(2026, 11, 25)),
        ("datumet var i måndags", date(2026, 11, 23)),
    ],
)
def test_swedish_dates(text, expected):
    assert dates.delivery_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "hej hej", "vet inte", "kopparaccess", "99/99", "order 4711-2345"])
def test_no_date_in_garbage(text):
    assert dates.delivery_date(text, TODAY) is None


def test_a_vague_month_stands_for_its_last_day():
    assert dates.delivery_date("utlovat i oktober", TODAY) == date(2026, 10, 31)


def test_the_date_nearest_a_delivery_word_is_the_delivery_date():
    text = "beställt 2 oktober, leveransdatum var 10 november"
    assert dates.delivery_date(text, TODAY) == date(2026, 11, 10)


@given(st.text(max_size=300))
def test_delivery_date_never_fails(text):
    result = dates.delivery_date(text, TODAY)
    assert result is None or isinstance(result, date)


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_a_written_out_date_with_its_year_is_read_back(day):
    assert dates.delivery_date(f"den {day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}", TODAY) == day


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_an_iso_date_is_read_back(day):
    assert dates.delivery_date(day.isoformat(), TODAY) == day
    assert dates.delivery_date(f"det skulle levererats {day.isoformat()}.", TODAY) == day


def test_an_impossible_iso_date_is_no_date():
    assert dates.delivery_date("2026-02-30", TODAY) is None


@given(st.dates(TODAY - timedelta(days=150), TODAY + timedelta(days=150)))
def test_a_date_without_a_year_is_the_nearest_one(day):
    assert dates.delivery_date(f"{day.day} {SWEDISH_MONTHS[day.month - 1]}", TODAY) == day
