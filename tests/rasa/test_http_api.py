"""Rasa's HTTP API: off unless authentication is configured, and then refused without it. (The REST
channel, which integrations use, stays on: every conversation test goes through it.)"""

import os
import subprocess

import pytest
import requests

from project import ROOT, start_server, stop_server, wait_for

pytestmark = pytest.mark.rasa
LAUNCHER = str(ROOT / "scripts" / "rasa-server")
TOKEN = "test-token-7f3a9c"
API_PORT = 5106


@pytest.fixture(scope="module")
def server_with_token(model):
    without_slack = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    process = start_server(
        "rasa-server-with-token",
        [LAUNCHER, "--port", str(API_PORT), "--model", str(model)],
        {**without_slack, "RASA_AUTH_TOKEN": TOKEN},
    )
    try:
        wait_for(f"http://localhost:{API_PORT}/", process)
        yield f"http://localhost:{API_PORT}"
    finally:
        stop_server(process)


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/status"),
        ("GET", "/conversations/someone/tracker"),
        ("PUT", "/model"),
        ("POST", "/model/parse"),
    ],
)
def test_without_a_token_configured_the_api_does_not_exist(rasa_server, method, path):
    assert requests.request(method, rasa_server + path, json={}, timeout=10).status_code == 404


def test_with_a_token_the_api_answers_only_with_it(server_with_token):
    assert requests.get(f"{server_with_token}/status", timeout=10).status_code == 401
    assert requests.get(f"{server_with_token}/status", params={"token": "wrong"}, timeout=10).status_code == 401
    replace_model = requests.put(f"{server_with_token}/model", json={"model_file": "/tmp/x.tar.gz"}, timeout=10)
    assert replace_model.status_code == 401
    status = requests.get(f"{server_with_token}/status", params={"token": TOKEN}, timeout=10)
    assert status.status_code == 200 and status.json()["model_file"]


@pytest.mark.parametrize("argument", ["--enable-api", "--auth-token=abc"])
def test_the_launcher_refuses_to_enable_the_api_by_argument(argument):
    result = subprocess.run([LAUNCHER, argument], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "RASA_AUTH_TOKEN" in result.stderr


def test_without_its_credentials_slack_is_off(server_with_token):
    answer = requests.post(
        f"{server_with_token}/webhooks/slack/webhook", json={"type": "url_verification", "challenge": "x"}, timeout=10
    )
    assert answer.status_code == 404
