"""Retention: deletes the case records and the conversations (Rasa's trackers) older than an age.

A case's age counts from its last change, a conversation's from its last event, so nothing still
in use is cut in half. The conversations are in Rasa's SQL tracker store: the SQLite file
endpoints.yml names, or the PostgreSQL database endpoints.scaled.yml names when TRACKER_DB_HOST
is set (with TRACKER_DB_PORT, _NAME, _USER and _PASSWORD, defaulting as in scripts/rasa-server).
"""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, inspect, text

DEFAULT_TRACKERS = Path(__file__).resolve().parents[1] / "data-store" / "trackers.sqlite"
_AGE = re.compile(r"(\d{1,6})\s*([dwh])")
_UNITS = {"d": "days", "w": "weeks", "h": "hours"}
_LONGEST = timedelta(days=100 * 365)


def parse_age(age: str) -> timedelta:
    """'90d', '12w' or '36h' (up to a hundred years); raises ValueError for anything else."""
    match = _AGE.fullmatch(age.strip().lower())
    result = match and timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if not result or result > _LONGEST:
        raise ValueError(f"Ange en ålder som 90d, 12w eller 36h, inte {age!r}.")
    return result


def tracker_database_url() -> str:
    host = os.environ.get("TRACKER_DB_HOST")
    if not host:
        return f"sqlite:///{DEFAULT_TRACKERS}"
    user = quote(os.environ.get("TRACKER_DB_USER") or "postgres", safe="")
    password = os.environ.get("TRACKER_DB_PASSWORD")
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    return (
        f"postgresql://{credentials}@{host}:{os.environ.get('TRACKER_DB_PORT') or 5432}/"
        f"{os.environ.get('TRACKER_DB_NAME') or 'eskalering_trackers'}"
    )


def delete_conversations_older_than(cutoff: datetime, url: str) -> int:
    """Deletes every event of the conversations whose last event is before `cutoff`; returns how
    many conversations. A store Rasa has not created yet holds none."""
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).exists():
        return 0
    database = create_engine(url, future=True)
    try:
        if not inspect(database).has_table("events"):
            return 0
        with database.begin() as connection:
            old = "select sender_id from events group by sender_id having max(timestamp) < :cutoff"
            conversations = connection.execute(
                text(f"select count(*) from ({old}) as old"), {"cutoff": cutoff.timestamp()}
            ).scalar()
            connection.execute(text(f"delete from events where sender_id in ({old})"), {"cutoff": cutoff.timestamp()})
        return conversations
    finally:
        database.dispose()
