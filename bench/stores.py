"""Where a served model keeps its conversations and their locks: in memory, in a SQLite file (what
`make run`'s endpoints.yml has) or in PostgreSQL and Redis (the scale-out's endpoints.scaled.yml).

STORES describes each store once, as Rasa's own endpoint sections, which stock Rasa gets as they
are; the project (and the floor, served the same way) gets the same sections with its own lock
store, and on PostgreSQL and Redis scripts/rasa-server's endpoints.scaled.yml, selected and filled
in by the variables of `server_env`. Each run starts empty (`empty`): a new SQLite file in the
model's bench/work/ folder, never data-store/; a PostgreSQL database dropped first (Rasa creates
it again through login_db) and a Redis database of its own, flushed."""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import redis
import sqlalchemy

from bench.models import Model

# The SQLite store's file, in the model's work folder.
SQLITE_FILE = "trackers.sqlite"


@dataclass(frozen=True)
class Store:
    """`tracker_store` and `lock_store`: Rasa's endpoint sections as stock Rasa gets them (no
    tracker_store: Rasa's in-memory default; a SQLite `db` is the name of the model's file);
    `project_lock_store`: the type of the project's subclass of that lock store
    (rasa_server_changes/lock_expiry.py); `project_tracker_store`: the type of the project's
    subclass of Rasa's in-memory store, where the project has one
    (rasa_server_changes/memory_tracker_store.py); `shared`: PostgreSQL and Redis, which several Rasa servers
    share, served for the project through endpoints.scaled.yml."""

    key: str
    label: str
    tracker_store: Optional[dict]
    lock_store: dict
    project_lock_store: str
    project_tracker_store: Optional[str] = None
    shared: bool = False


STORES = [
    Store(
        "memory",
        "in memory",
        None,
        {"type": "in_memory"},
        "rasa_server_changes.lock_expiry.TicketExpiryInMemoryLockStore",
        "rasa_server_changes.memory_tracker_store.IncrementalInMemoryTrackerStore",
    ),
    Store(
        "sqlite",
        "SQLite (make run)",
        {"type": "SQL", "dialect": "sqlite", "db": SQLITE_FILE},
        {"type": "in_memory"},
        "rasa_server_changes.lock_expiry.TicketExpiryInMemoryLockStore",
    ),
    Store(
        "postgres_redis",
        "PostgreSQL + Redis (scale-out)",
        {
            "type": "SQL",
            "dialect": "postgresql",
            "url": "127.0.0.1",
            "port": 5432,
            "db": "eskalering_bench",
            "username": "postgres",
            "login_db": "postgres",
        },
        {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 13, "key_prefix": "bench"},
        "rasa_server_changes.lock_expiry.TicketExpiryRedisLockStore",
        shared=True,
    ),
]
BY_KEY = {store.key: store for store in STORES}
MEMORY, SQLITE, SHARED = (BY_KEY[key] for key in ("memory", "sqlite", "postgres_redis"))


def sqlite_file(model: Model) -> Path:
    return model.work / SQLITE_FILE


def sections(store: Store, model: Model) -> dict:
    """The tracker_store and lock_store sections `model` is served with on `store`."""
    result = {}
    if store.project_tracker_store and not model.stock_server:
        result["tracker_store"] = {"type": store.project_tracker_store}
    elif store.tracker_store is not None:
        tracker = dict(store.tracker_store)
        if tracker.get("dialect") == "sqlite":
            tracker["db"] = str(model.work / tracker["db"])
        result["tracker_store"] = tracker
    lock = dict(store.lock_store)
    if not model.stock_server:
        lock["type"] = store.project_lock_store
    result["lock_store"] = lock
    return result


def uses_scaled_endpoints(store: Store, model: Model) -> bool:
    """The project on the shared stores: scripts/rasa-server's endpoints.scaled.yml, as deployed."""
    return store.shared and not model.stock_server


def endpoints_text(store: Store, model: Model, actions_url: str) -> str:
    """The endpoints file the benchmark writes: the action server (with its secret, unquoted: Rasa
    expands variables only in plain values) and the store's sections."""
    text = f'action_endpoint:\n  url: "{actions_url}"\n'
    text += "  headers:\n    Authorization: Bearer ${ACTION_SERVER_SECRET}\n"
    for name, fields in sections(store, model).items():
        text += f"{name}:\n" + "".join(f"  {field}: {value}\n" for field, value in fields.items())
    return text


def server_env(store: Store, actions_url: str) -> dict:
    """scripts/rasa-server's variables for the shared store: they select endpoints.scaled.yml and fill
    it in with the same database and Redis settings as stock Rasa's sections."""
    tracker, lock = store.tracker_store, store.lock_store
    return {
        "TRACKER_DB_HOST": tracker["url"],
        "TRACKER_DB_PORT": str(tracker["port"]),
        "TRACKER_DB_NAME": tracker["db"],
        "TRACKER_DB_USER": tracker["username"],
        "TRACKER_DB_LOGIN_DB": tracker["login_db"],
        "REDIS_HOST": lock["url"],
        "REDIS_PORT": str(lock["port"]),
        "REDIS_DB": str(lock["db"]),
        "REDIS_KEY_PREFIX": lock["key_prefix"],
        "ACTION_ENDPOINT_URL": actions_url,
    }


def empty_shared_stores(store: Store = SHARED) -> None:
    """No conversation or lock of an earlier run: the database dropped (Rasa creates it again
    through login_db) and the Redis database flushed."""
    tracker, lock = store.tracker_store, store.lock_store
    engine = sqlalchemy.create_engine(
        f"postgresql://{tracker['username']}@{tracker['url']}:{tracker['port']}/{tracker['login_db']}",
        isolation_level="AUTOCOMMIT",
    )
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{tracker["db"]}" WITH (FORCE)'))
    finally:
        engine.dispose()
    redis.Redis(host=lock["url"], port=lock["port"], db=lock["db"]).flushdb()


def empty(store: Store, model: Model) -> None:
    """The store as a new run finds it: nothing from an earlier run or another model."""
    if store.shared:
        empty_shared_stores(store)
    elif store.tracker_store is not None:
        # With SQLite's journal, which a stopped run may leave beside the file.
        for suffix in ("", "-journal", "-wal", "-shm"):
            sqlite_file(model).with_name(SQLITE_FILE + suffix).unlink(missing_ok=True)
