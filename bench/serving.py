"""One model served for real: its own action server and Rasa server, timed from start to
ready, warmed up, the conversations replayed at each concurrency, memory measured, stopped."""

import asyncio
import os
import secrets
import time
from dataclasses import dataclass, field

import requests

from bench import servers
from bench.conversations import Conversation
from bench.models import BIN, ROOT, Model
from bench.replay import replay
from bench.stats import summary

RASA_PORT = 5405
ACTIONS_PORT = 5455
# A Friday just after closing time, as in the REST tests: Kundservice next opens on Monday.
ASSISTANT_NOW = "2026-11-27T17:00:00+01:00"
WARM_UP = ["faq_routine", "late_delivery_all_at_once", "step_by_step_side_question_correction"]
UNEXPECTED_EXAMPLES = 5


@dataclass(frozen=True)
class Setting:
    """How the Rasa server runs: `env` added to its environment; `shared_stores`: the conversations
    in PostgreSQL and their locks in Redis (scripts/rasa-server's scale-out endpoints), which
    several Sanic workers need, instead of in the process's memory."""

    name: str
    env: dict = field(default_factory=dict)
    shared_stores: bool = False


IN_MEMORY = Setting("one process, conversations in memory")
# A fresh database for each run, created by Rasa (login_db), and a Redis database of its own.
TRACKER_DB_NAME = "eskalering_bench"
REDIS_DB = "13"


def _shared_stores() -> dict:
    return {
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_NAME": TRACKER_DB_NAME,
        "TRACKER_DB_LOGIN_DB": "postgres",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_DB": REDIS_DB,
        "REDIS_KEY_PREFIX": "bench",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ACTIONS_PORT}/webhook",
    }


def _environment(model: Model) -> dict:
    database = model.work / "cases.sqlite"
    database.unlink(missing_ok=True)
    # Never the shared stores of the caller's environment: only those a setting asks for.
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("TRACKER_DB_HOST", "REDIS_HOST", "SANIC_WORKERS")
    }
    return {
        **env,
        "ASSISTANT_NOW": ASSISTANT_NOW,
        "CASES_DB_URL": f"sqlite:///{database}",
        "RASA_TELEMETRY_ENABLED": "false",
        "ACTION_SERVER_SECRET": secrets.token_hex(16),
    }


def _rasa_environment(env: dict, setting: Setting) -> dict:
    """The setting applies to the Rasa server only (rasa-sdk reads SANIC_WORKERS too)."""
    return {**env, **setting.env, **(_shared_stores() if setting.shared_stores else {})}


def _endpoints(model: Model) -> str:
    # No tracker store: Rasa keeps the conversations in memory.
    path = model.work / "endpoints.yml"
    path.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{ACTIONS_PORT}/webhook"\n'
        "  headers:\n    Authorization: Bearer ${ACTION_SERVER_SECRET}\n"
    )
    return str(path)


def _rasa_command(model: Model, setting: Setting) -> list:
    common = ["--port", str(RASA_PORT), "--model", str(model.archive)]
    if setting.shared_stores:
        return [str(ROOT / "scripts" / "rasa-server"), *common]
    common += ["--endpoints", _endpoints(model)]
    if not model.stock_server:
        return [str(ROOT / "scripts" / "rasa-server"), *common]
    credentials = model.work / "credentials.yml"
    credentials.write_text("rest:\n")
    return [str(BIN / "rasa"), "run", *common, "--credentials", str(credentials)]


def _ready_seconds(rasa, server: str, started: float) -> dict:
    servers.wait_until_up(f"{server}/", rasa)
    listening = time.monotonic() - started
    answer = requests.post(
        f"{server}/webhooks/rest/webhook", json={"sender": "bench-ready", "message": "hej"}, timeout=120
    )
    answer.raise_for_status()
    return {"listening_s": round(listening, 1), "ready_s": round(time.monotonic() - started, 1)}


def _replay_levels(server, model, conversations, levels) -> dict:
    by_name = {conversation.name: conversation for conversation in conversations}
    warm_up = [by_name[name] for name in WARM_UP]
    asyncio.run(
        replay(server, warm_up, 1, sum(len(c.turns) for c in warm_up), f"{model.key}-warm-up", f"{model.key} warm-up")
    )
    results, unexpected = {}, []
    for workers, per_worker in levels:
        records, wall = asyncio.run(
            replay(server, conversations, workers, per_worker, f"{model.key}-c{workers}", f"{model.key} ×{workers}")
        )
        # The load average includes the benchmark itself; above 2 others were busy too.
        results[str(workers)] = {**summary(records, wall), "load_average": round(os.getloadavg()[0], 2)}
        unexpected += [r.unexpected for r in records if r.unexpected]
    return {"levels": results, "unexpected_examples": sorted(set(unexpected))[:UNEXPECTED_EXAMPLES]}


def serve(
    model: Model, conversations: list[Conversation], levels: list[tuple[int, int]], setting: Setting = IN_MEMORY
) -> dict:
    """levels: (concurrent conversations, messages per conversation slot)."""
    for port in (RASA_PORT, ACTIONS_PORT):
        if not servers.port_is_free(port):
            raise RuntimeError(f"port {port} is taken; make bench uses 5405 and 5455")
    env = _environment(model)
    server = f"http://127.0.0.1:{RASA_PORT}"
    load = os.getloadavg()[0]
    started = time.monotonic()
    actions = servers.start(
        [str(BIN / "rasa"), "run", "actions", "--port", str(ACTIONS_PORT), "--actions", "actions"],
        env,
        model.work / "actions.log",
    )
    try:
        servers.wait_until_up(f"http://127.0.0.1:{ACTIONS_PORT}/health", actions)
        actions_ready = round(time.monotonic() - started, 1)
        started = time.monotonic()
        rasa = servers.start(_rasa_command(model, setting), _rasa_environment(env, setting), model.work / "rasa.log")
        try:
            startup = {**_ready_seconds(rasa, server, started), "actions_ready_s": actions_ready}
            replayed = _replay_levels(server, model, conversations, levels)
            memory = {"rasa": servers.memory_mb(rasa.pid), "actions": servers.memory_mb(actions.pid)}
        finally:
            servers.stop(rasa)
    finally:
        servers.stop(actions)
    return {"load_average_before": round(load, 2), "startup": startup, "memory": memory, **replayed}
