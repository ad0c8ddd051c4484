"""Real Rasa for the conversation tests: the trained model, a Rasa server started the way
`make run` starts it (scripts/rasa-server: REST, socket.io and Slack) and the action server, each
on its own test port and standing on a fixed moment in time. Slack's web API is a local stand-in."""

import os
import signal
import subprocess
import time

import pytest
import requests

from project import BIN, MODEL, OUTPUT, ROOT, Conversation
from slack_stand_in import SIGNING_SECRET, SlackStandIn

ACTIONS_PORT = 5155
RASA_PORT = 5105
# The page the browser test serves; the only origin allowed to open the widget's socket.
PAGE_ORIGIN = "http://127.0.0.1:5180"
# A Friday just after closing time: Kundservice next opens on Monday 30 November.
ASSISTANT_NOW = "2026-11-27T17:00:00+01:00"


def start_server(name: str, args, env) -> subprocess.Popen:
    OUTPUT.mkdir(exist_ok=True)
    log = (OUTPUT / f"{name}.log").open("w")
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_for(url: str, process: subprocess.Popen, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}; see test-output/")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise TimeoutError(f"{url} did not come up in {seconds} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


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
    endpoints.write_text(f'action_endpoint:\n  url: "{action_server}"\n')
    env = {
        **os.environ, "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url, "WEB_ORIGINS": PAGE_ORIGIN,
    }
    process = start_server(
        "rasa-server",
        [str(ROOT / "scripts" / "rasa-server"), "--port", str(RASA_PORT), "--model", str(model),
         "--endpoints", str(endpoints)],
        env,
    )
    try:
        wait_for(f"http://localhost:{RASA_PORT}/", process)
        yield f"http://localhost:{RASA_PORT}"
    finally:
        stop_server(process)


@pytest.fixture
def conversation(rasa_server, request):
    return Conversation(rasa_server, f"test-{request.node.name}-{time.time_ns()}")
