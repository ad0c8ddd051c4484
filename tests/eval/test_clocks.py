"""The brief's clock table, clocks.yml and Kundservice's calendar say the same."""

import re
from datetime import datetime
from pathlib import Path

from escalation_routine import opening_hours
from tests.eval import cases

ROW = re.compile(
    r"^\| `(?P<name>[a-z-]+)` \| \w+ (?P<moment>\d{4}-\d\d-\d\d \d\d:\d\d) \| "
    r"(?P<status>open|closed)[^|]*\| (?P<next>\d{4}-\d\d-\d\d \d\d:\d\d)",
    re.M,
)


def brief_rows():
    text = (Path(cases.HERE) / "BRIEF.md").read_text(encoding="utf-8")
    return {match["name"]: match for match in ROW.finditer(text)}


def test_the_brief_and_clocks_yml_name_the_same_moments():
    rows, clocks = brief_rows(), cases.clocks()
    assert set(rows) == set(clocks)
    for name, row in rows.items():
        assert clocks[name].strftime("%Y-%m-%d %H:%M") == row["moment"], name


def test_the_brief_says_what_the_calendar_says():
    for name, row in brief_rows().items():
        moment = cases.clocks()[name]
        assert opening_hours.is_open(moment) == (row["status"] == "open"), name
        expected = datetime.strptime(row["next"], "%Y-%m-%d %H:%M").replace(tzinfo=opening_hours.timezone())
        assert opening_hours.next_opening(moment) == expected, name
