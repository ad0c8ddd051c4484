"""One model served for real: its own action server and Rasa server, timed from start to
ready, warmed up, the conversations replayed at each concurrency, memory measured, stopped."""

import asyncio
import os
import secrets
import time
from pathlib import Path
from typing import Optional

import requests

from bench import servers, stores
from bench.conversations import Conversation
from bench.models import BIN, ROOT, Model
from bench.replay import replay
from bench.stats import summary
from bench.stores import Store

RASA_PORT = 5405
ACTIONS_PORT = 5455
# A Friday just after closing time, as in the REST tests: Kundservice next opens on Monday.
ASSISTANT_NOW = "2026-11-27T17:00:00+01:00"
WARM_UP = ["faq_routine", "late_delivery_all_at_once", "step_by_step_side_question_correction"]
UNEXPECTED_EXAMPLES = 5
ACTIONS_URL = f"http://127.0.0.1:{ACTIONS_PORT}/webhook"


def _environment(model: Model) -> dict:
    database = model.work / "cases.sqlite"
    database.unlink(missing_ok=True)
    # Never the stores or workers of the caller's environment: only those a store or lever asks for.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TRACKER_DB_", "REDIS_")) and name not in ("SANIC_WORKERS", "ACTION_ENDPOINT_URL")
    }
    return {
        **env,
        "ASSISTANT_NOW": ASSISTANT_NOW,
        "CASES_DB_URL": f"sqlite:///{database}",
        "RASA_TELEMETRY_ENABLED": "false",
        "ACTION_SERVER_SECRET": secrets.token_hex(16),
    }


def _rasa_environment(env: dict, model: Model, store: Store, lever: Optional[dict] = None) -> dict:
    """The store's variables (scripts/rasa-server's for endpoints.scaled.yml) and a lever's apply to
    the Rasa server only (rasa-sdk reads SANIC_WORKERS too)."""
    scaled = stores.server_env(store, ACTIONS_URL) if stores.uses_scaled_endpoints(store, model) else {}
    return {**env, **scaled, **(lever or {})}


def _endpoints_file(model: Model, store: Store) -> Optional[Path]:
    """The endpoints file written for the model on the store; None: endpoints.scaled.yml."""
    if stores.uses_scaled_endpoints(store, model):
        return None
    path = model.work / f"endpoints-{store.key}.yml"
    path.write_text(stores.endpoints_text(store, model, ACTIONS_URL))
    return path


def _rasa_command(model: Model, store: Store) -> list:
    """The project (and the floor) as make run starts it, stock Rasa by `rasa run` with its own REST channel."""
    common = ["--port", str(RASA_PORT), "--model", str(model.archive)]
    endpoints = _endpoints_file(model, store)
    if endpoints is not None:
        common += ["--endpoints", str(endpoints)]
    if not model.stock_server:
        return [str(ROOT / "scripts" / "rasa-server"), *common]
    credentials = model.work / "credentials.yml"
    credentials.write_text("rest:\n")
    return [str(BIN / "rasa"), "run", *common, "--credentials", str(credentials)]


def _served_with(model: Model, store: Store, command: list) -> dict:
    """What the record says of how the model was served on the store."""
    endpoints = command[command.index("--endpoints") + 1] if "--endpoints" in command else ROOT / "endpoints.scaled.yml"
    return {
        "label": store.label,
        "server": "rasa run" if model.stock_server else "scripts/rasa-server",
        "endpoints_file": str(Path(endpoints).relative_to(ROOT)),
        "endpoints": stores.sections(store, model),
    }


def _ready_seconds(rasa, server: str, started: float) -> dict:
    servers.wait_until_up(f"{server}/", rasa)
    listening = time.monotonic() - started
    answer = requests.post(
        f"{server}/webhooks/rest/webhook", json={"sender": "bench-ready", "message": "hej"}, timeout=120
    )
    answer.raise_for_status()
    return {"listening_s": round(listening, 1), "ready_s": round(time.monotonic() - started, 1)}


def _replay_levels(server, tag, conversations, levels) -> dict:
    """tag: the model's and the store's key, for the senders and the progress bars."""
    by_name = {conversation.name: conversation for conversation in conversations}
    warm_up = [by_name[name] for name in WARM_UP]
    asyncio.run(replay(server, warm_up, 1, sum(len(c.turns) for c in warm_up), f"{tag}-warm-up", f"{tag} warm-up"))
    results, unexpected = {}, []
    for workers, per_worker in levels:
        records, wall = asyncio.run(
            replay(server, conversations, workers, per_worker, f"{tag}-c{workers}", f"{tag} ×{workers}")
        )
        # The load average includes the benchmark itself; above 2 others were busy too.
        results[str(workers)] = {**summary(records, wall), "load_average": round(os.getloadavg()[0], 2)}
        unexpected += [r.unexpected for r in records if r.unexpected]
    return {"levels": results, "unexpected_examples": sorted(set(unexpected))[:UNEXPECTED_EXAMPLES]}


def serve(
    model: Model,
    conversations: list[Conversation],
    levels: list[tuple[int, int]],
    store: Store = stores.MEMORY,
    lever: Optional[dict] = None,
) -> dict:
    """levels: (concurrent conversations, messages per conversation slot); store: where the Rasa
    server keeps the conversations, emptied first; lever: variables for the Rasa server."""
    for port in (RASA_PORT, ACTIONS_PORT):
        if not servers.port_is_free(port):
            raise RuntimeError(f"port {port} is taken; make bench uses 5405 and 5455")
    stores.empty(store, model)
    env = _environment(model)
    command = _rasa_command(model, store)
    server = f"http://127.0.0.1:{RASA_PORT}"
    load = os.getloadavg()[0]
    started = time.monotonic()
    actions = servers.start(
        [str(BIN / "rasa"), "run", "actions", "--port", str(ACTIONS_PORT), "--actions", "actions"],
        env,
        model.work / f"actions-{store.key}.log",
    )
    try:
        servers.wait_until_up(f"http://127.0.0.1:{ACTIONS_PORT}/health", actions)
        actions_ready = round(time.monotonic() - started, 1)
        started = time.monotonic()
        rasa = servers.start(command, _rasa_environment(env, model, store, lever), model.work / f"rasa-{store.key}.log")
        try:
            startup = {**_ready_seconds(rasa, server, started), "actions_ready_s": actions_ready}
            replayed = _replay_levels(server, f"{model.key}-{store.key}", conversations, levels)
            memory = {"rasa": servers.memory_mb(rasa.pid), "actions": servers.memory_mb(actions.pid)}
        finally:
            servers.stop(rasa)
    finally:
        servers.stop(actions)
    return {
        **_served_with(model, store, command),
        "load_average_before": round(load, 2),
        "startup": startup,
        "memory": memory,
        **replayed,
    }
