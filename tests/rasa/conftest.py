"""Real Rasa for the conversation tests: the trained model, a Rasa server started the way
`make run` starts it (scripts/rasa-server: REST, socket.io and Slack) and the action server, each
on its own test port and standing on a fixed moment in time. Slack's web API is a local stand-in."""

import hashlib
import os
import time

import pytest
import yaml

from project import (
    BIN,
    INTEGRATION_TOKENS,
    MODEL,
    PAGE_ORIGIN,
    WIDGET_JWT_KEY,
    Conversation,
    endpoints_yml,
    rasa_server_command,
    start_server,
    stop_server,
    wait_for,
)
from slack_stand_in import SIGNING_SECRET, SlackStandIn

ACTIONS_PORT = 5155
RASA_PORT = 5105
IDENTIFYING_RASA_PORT = 5303
# A Friday just after closing time: Kundservice next opens on Monday 30 November.
ASSISTANT_NOW = "2026-11-27T17:00:00+01:00"


@pytest.fixture(scope="session")
def model():
    assert MODEL.exists(), "no trained model: run the tests through 'make test'"
    return MODEL


@pytest.fixture(scope="session")
def cases_db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('cases')}/cases.sqlite"


@pytest.fixture(scope="session")
def action_server(cases_db_url):
    env = {**os.environ, "ASSISTANT_NOW": ASSISTANT_NOW, "CASES_DB_URL": cases_db_url}
    process = start_server(
        "action-server",
        [str(BIN / "rasa"), "run", "actions", "--port", str(ACTIONS_PORT), "--actions", "actions"],
        env,
    )
    try:
        wait_for(f"http://localhost:{ACTIONS_PORT}/health", process)
        yield f"http://localhost:{ACTIONS_PORT}/webhook"
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def slack_api():
    with SlackStandIn() as stand_in:
        yield stand_in


@pytest.fixture(scope="session")
def rasa_server(model, action_server, slack_api, tmp_path_factory):
    endpoints = tmp_path_factory.mktemp("rasa") / "endpoints.yml"
    endpoints.write_text(endpoints_yml(action_server))
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url,
        "WEB_ORIGINS": PAGE_ORIGIN,
    }
    process = start_server(
        "rasa-server",
        rasa_server_command(RASA_PORT, model, endpoints),
        env,
    )
    try:
        wait_for(f"http://localhost:{RASA_PORT}/", process)
        yield f"http://localhost:{RASA_PORT}"
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def identifying_rasa_server(model, action_server, tmp_path_factory):
    """Rasa with REST integrations (INTEGRATION_TOKENS) and widget tokens (WIDGET_JWT_KEY, HS256)."""
    folder = tmp_path_factory.mktemp("identifying")
    (folder / "endpoints.yml").write_text(endpoints_yml(action_server))
    (folder / "integrations.yml").write_text(
        yaml.safe_dump(
            {
                name: {"organisation": organisation, "token_sha256": hashlib.sha256(token.encode()).hexdigest()}
                for name, (organisation, token) in INTEGRATION_TOKENS.items()
            }
        )
    )
    env = {
        **os.environ,
        "WEB_ORIGINS": PAGE_ORIGIN,
        "WIDGET_JWT_KEY": WIDGET_JWT_KEY,
        "REST_INTEGRATIONS": str(folder / "integrations.yml"),
    }
    process = start_server(
        "rasa-server-identifying",
        rasa_server_command(IDENTIFYING_RASA_PORT, model, folder / "endpoints.yml"),
        env,
    )
    try:
        wait_for(f"http://localhost:{IDENTIFYING_RASA_PORT}/", process)
        yield f"http://localhost:{IDENTIFYING_RASA_PORT}"
    finally:
        stop_server(process)


@pytest.fixture
def conversation(rasa_server, request):
    return Conversation(rasa_server, f"test-{request.node.name}-{time.time_ns()}")
