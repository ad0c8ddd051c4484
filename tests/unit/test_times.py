from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from escalation_routine import times

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 27, 14, 30, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    "text, hours_ago",
    [
        ("sedan kl 09.15", 5.25),
        ("sedan kl. 09:15", 5.25),
        ("sedan 08.00 i morse", 6.5),
        ("sen halv nio", 6.0),
        ("i 5 timmar", 5),
        ("sedan en timme", 1),
        ("ungefär tre timmar", 3),
        ("i 2,5 timmar", 2.5),
        ("i två och en halv timme", 2.5),
        ("90 minuter", 1.5),
        ("sedan 22.00", 16.5),  # a later clock time than now: yesterday
        ("sedan igår kl 15", 23.5),
        ("kl 14", 0.5),
        ("sen kvart över åtta i morse", 6.25),
        ("portalen har varit nere typ fem timmar", 5),
        ("drygt 3 h", 3 + 1 / 60),  # "a little over": over the hour, so "drygt 4 timmar" is over 4
        ("nere sedan strax efter lunch, 12.30", 2),
    ],
)
def test_outage_start(text, hours_ago):
    start = times.outage_start(text, NOW)
    assert NOW - start == timedelta(hours=hours_ago)


@pytest.mark.parametrize("text", ["", "hej", "vet inte", "kopparaccess", "sedan kl 25.00", "order 4711-2345"])
def test_no_outage_time_in_garbage(text):
    assert times.outage_start(text, NOW) is None


def test_a_bare_hour_counts_only_as_the_answer_to_since_when():
    assert times.outage_start("8", NOW) is None
    assert times.outage_start("8", NOW, asked=True) == NOW.replace(hour=8, minute=0)


def test_duration_across_the_dst_change_is_real_hours():
    after_change = datetime(2026, 3, 29, 5, 0, tzinfo=STOCKHOLM)  # summer time since 02.00
    start = times.outage_start("i 5 timmar", after_change)
    assert after_change.timestamp() - start.timestamp() == 5 * 3600


@given(st.text(max_size=300))
def test_outage_start_never_fails_and_lies_in_the_past(text):
    start = times.outage_start(text, NOW)
    assert start is None or start <= NOW


@given(st.integers(1, 72), st.sampled_from(["i {} timmar", "sedan {} timmar", "nere i {} tim", "{} h"]))
def test_a_duration_in_hours_is_that_many_real_hours_back(hours, phrase):
    start = times.outage_start(phrase.format(hours), NOW)
    assert NOW.timestamp() - start.timestamp() == hours * 3600


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_clock_time_is_the_latest_such_moment_not_after_now(hour, minute):
    start = times.outage_start(f"sedan kl {hour:02d}.{minute:02d}", NOW)
    assert (start.hour, start.minute) == (hour, minute)
    assert NOW - timedelta(days=1) < start <= NOW
