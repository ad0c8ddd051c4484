"""eskalering-cases purge on SQLite and on a real PostgreSQL server (127.0.0.1:5432, or
TEST_POSTGRES_URL): cases and Rasa's conversations (written by Rasa's own SQL tracker store)
untouched for longer than the age go, everything newer stays."""

import asyncio
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse

import pytest
import sqlalchemy
from hypothesis import given
from hypothesis import strategies as st
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions import case_store, cases_cli, retention

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=timezone.utc)


def rasa_tracker_store(url: str) -> SQLTrackerStore:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=parsed.path)
    return SQLTrackerStore(
        Domain.empty(),
        dialect="postgresql",
        host=parsed.hostname,
        port=parsed.port,
        db=parsed.path.lstrip("/"),
        username=parsed.username,
        password=parsed.password,
    )


def save_conversation(store: SQLTrackerStore, sender: str, *ages_in_days: int) -> None:
    events = [UserUttered(f"hej {age}", timestamp=(NOW - timedelta(days=age)).timestamp()) for age in ages_in_days]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def open_case_at(moment: datetime, monkeypatch, url: str, order_number: str) -> str:
    monkeypatch.setenv("ASSISTANT_NOW", moment.isoformat())
    return case_store.open_case(
        case_store.NewCase(
            channel="rest",
            conversation_id=order_number,
            case_kind="leverans",
            situation="late_delivery",
            product="Fiber Villa",
            product_group="fibervilla",
            mailbox="Kundservice-fibervilla@skanova.se",
            order_number=order_number,
            agreed_delivery_date=date(2026, 1, 1),
        ),
        url,
    )


def test_purge_deletes_what_is_older_than_the_age_and_keeps_the_rest(url, monkeypatch, capsys):
    old = open_case_at(NOW - timedelta(days=120), monkeypatch, url, "11110001")
    touched = open_case_at(NOW - timedelta(days=120), monkeypatch, url, "11110002")
    monkeypatch.setenv("ASSISTANT_NOW", (NOW - timedelta(days=10)).isoformat())
    case_store.set_status(touched, "startad", "kundservice", url, asker=case_store.KUNDSERVICE)
    recent = open_case_at(NOW - timedelta(days=89), monkeypatch, url, "11110003")
    store = rasa_tracker_store(url)
    save_conversation(store, "old", 200, 95)
    save_conversation(store, "still-going", 200, 5)
    save_conversation(store, "new", 1)

    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    monkeypatch.setenv("CASES_DB_URL", url)
    assert cases_cli.main(["purge", "--older-than", "90d", "--trackers-db", url]) == 0

    assert "Raderade 1 ärenden och 1 konversationer" in capsys.readouterr().out
    assert case_store.find(old, url, asker=case_store.KUNDSERVICE) is None
    assert case_store.find(touched, url, asker=case_store.KUNDSERVICE).status == "startad"
    assert case_store.find(recent, url, asker=case_store.KUNDSERVICE)
    with case_store.engine(url).connect() as database:
        assert database.execute(sqlalchemy.text("select count(*) from case_status_changes")).scalar() == 3
        senders = database.execute(sqlalchemy.text("select distinct sender_id from events")).scalars()
        assert sorted(senders) == ["new", "still-going"]
    assert len(asyncio.run(store.retrieve("still-going")).events) == 2


def test_purge_without_a_tracker_store_deletes_cases_only(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/cases.sqlite"
    open_case_at(NOW - timedelta(days=100), monkeypatch, url, "22220001")
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    monkeypatch.setenv("CASES_DB_URL", url)
    assert cases_cli.main(["purge", "--older-than", "12w", "--trackers-db", f"sqlite:///{tmp_path}/none.sqlite"]) == 0
    assert "Raderade 1 ärenden och 0 konversationer" in capsys.readouterr().out
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize(
    "age, expected",
    [
        ("90d", timedelta(days=90)),
        ("12w", timedelta(weeks=12)),
        ("36h", timedelta(hours=36)),
        (" 7D ", timedelta(days=7)),
    ],
)
def test_ages(age, expected):
    assert retention.parse_age(age) == expected


@given(st.integers(1, 5000), st.sampled_from([("d", "days"), ("w", "weeks"), ("h", "hours")]))
def test_any_age_in_days_weeks_or_hours(amount, unit):
    assert retention.parse_age(f"{amount}{unit[0]}") == timedelta(**{unit[1]: amount})


@given(st.text(max_size=20))
def test_an_age_is_positive_or_refused(text):
    try:
        assert retention.parse_age(text) > timedelta(0)
    except ValueError:
        pass


@pytest.mark.parametrize("age", ["", "90", "0d", "-5d", "90 days", "1.5d", "d", "999999w"])
def test_a_wrong_age_is_refused_before_anything_is_deleted(age, capsys):
    with pytest.raises(SystemExit):
        cases_cli.main(["purge", f"--older-than={age}"])
    assert "Ange en ålder" in capsys.readouterr().err


def test_the_postgresql_defaults_are_those_of_rasa_server(monkeypatch):
    script = (Path(__file__).resolve().parents[2] / "scripts" / "rasa-server").read_text()
    defaults = dict(re.findall(r'TRACKER_DB_(PORT|NAME|USER)="\$\{TRACKER_DB_\w+:-([^}]*)\}"', script))
    for variable in ["TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER", "TRACKER_DB_PASSWORD"]:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TRACKER_DB_HOST", "db.internal")
    assert retention.tracker_database_url() == (
        f"postgresql://{defaults['USER']}@db.internal:{defaults['PORT']}/{defaults['NAME']}"
    )


def test_the_tracker_store_is_the_one_rasa_server_uses(monkeypatch):
    for variable in ["TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER", "TRACKER_DB_PASSWORD"]:
        monkeypatch.delenv(variable, raising=False)
    assert retention.tracker_database_url() == f"sqlite:///{retention.DEFAULT_TRACKERS}"
    monkeypatch.setenv("TRACKER_DB_HOST", "db.internal")
    assert retention.tracker_database_url() == "postgresql://postgres@db.internal:5432/eskalering_trackers"
    monkeypatch.setenv("TRACKER_DB_USER", "rasa")
    monkeypatch.setenv("TRACKER_DB_PASSWORD", "p@ss/word")
    monkeypatch.setenv("TRACKER_DB_NAME", "trackers")
    assert retention.tracker_database_url() == "postgresql://rasa:p%40ss%2Fword@db.internal:5432/trackers"
