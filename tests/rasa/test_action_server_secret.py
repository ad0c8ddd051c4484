"""The action server answers only the Rasa server: a call without the shared secret gets 401 and
runs nothing, whatever tracker it makes up; the server does not start without a secret."""

import os
import subprocess

import pytest
import requests
from sqlalchemy import text

from actions import case_store
from project import BIN, ROOT

pytestmark = pytest.mark.rasa


def _made_up_call(reference: str = "ESK-2026-000001") -> dict:
    slots = {
        "situation": "not_per_agreement",
        "product": "Fiber Villa",
        "order_number": "ORD-666",
        "case_reference": reference,
    }
    tracker = {
        "sender_id": "intruder",
        "slots": slots,
        "latest_message": {"text": f"status {reference}"},
        "events": [],
        "latest_input_channel": "rest",
        "active_loop": {},
    }
    return {"next_action": "action_complete_escalation", "sender_id": "intruder", "tracker": tracker, "domain": {}}


def _cases(cases_db_url: str) -> int:
    with case_store.engine(cases_db_url).connect() as connection:
        return connection.execute(text("SELECT count(*) FROM cases")).scalar()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": os.environ["ACTION_SERVER_SECRET"]},
        {"Authorization": f"Basic {os.environ['ACTION_SERVER_SECRET']}"},
        {"X-Action-Server-Secret": os.environ["ACTION_SERVER_SECRET"]},
    ],
    ids=["none", "wrong", "no-scheme", "other-scheme", "other-header"],
)
def test_a_call_without_the_secret_gets_401_and_runs_nothing(action_server, cases_db_url, headers):
    before = _cases(cases_db_url)
    for call in (_made_up_call(), {**_made_up_call(), "next_action": "action_case_status"}):
        response = requests.post(action_server, json=call, headers=headers, timeout=30)
        assert response.status_code == 401 and "responses" not in response.json()
    assert requests.get(action_server.replace("/webhook", "/actions"), headers=headers, timeout=30).status_code == 401
    assert _cases(cases_db_url) == before


def test_with_the_secret_the_call_runs(action_server, cases_db_url):
    before = _cases(cases_db_url)
    headers = {"Authorization": f"Bearer {os.environ['ACTION_SERVER_SECRET']}"}
    response = requests.post(action_server, json=_made_up_call(), headers=headers, timeout=30)
    assert response.status_code == 200 and "Jag har registrerat" in response.text
    assert _cases(cases_db_url) == before + 1


def test_the_action_server_does_not_start_without_a_secret():
    env = {key: value for key, value in os.environ.items() if key != "ACTION_SERVER_SECRET"}
    result = subprocess.run(
        [str(BIN / "rasa"), "run", "actions", "--port", "5159", "--actions", "actions"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "ACTION_SERVER_SECRET is not set" in result.stderr + result.stdout
