"""Where the project's pieces are, the rasa command line run on it, servers started for a test,
and a REST conversation."""

import os
import secrets
import signal
import subprocess
import time
from pathlib import Path
from typing import Optional

import jwt
import requests
import yaml

os.environ["RASA_TELEMETRY_ENABLED"] = "false"
# The action server's shared secret (rasa_sdk_plugins/), for every server a test starts.
os.environ.setdefault("ACTION_SERVER_SECRET", secrets.token_hex(16))

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
OUTPUT = ROOT / "test-output"
MODEL = ROOT / "models" / "eskalering.tar.gz"
# The page the browser test serves; the only origin allowed to open the widget's socket.
PAGE_ORIGIN = "http://127.0.0.1:5180"
# The Rasa server that identifies its users (conftest's identifying_rasa_server): the widget's
# token key, and the REST integrations: name -> (organisation, bearer token).
WIDGET_JWT_KEY = "widget-test-key-" + "0123456789abcdef" * 2
INTEGRATION_TOKENS = {
    "crm-alpha": ("org-alpha", "token-crm-alpha"),
    "portal-alpha": ("org-alpha", "token-portal-alpha"),
    "crm-beta": ("org-beta", "token-crm-beta"),
}


def widget_token(
    organisation: str,
    user: Optional[str],
    expires_in: float = 600,
    key: str = WIDGET_JWT_KEY,
    algorithm: str = "HS256",
    **claims,
) -> str:
    """A token as a logged-in host page signs it for the widget."""
    payload = {"org": organisation, "exp": int(time.time() + expires_in), **claims}
    if user:
        payload["sub"] = user
    return jwt.encode(payload, key, algorithm=algorithm)


IN_MEMORY_TRACKER_STORE = "rasa_server_changes.memory_tracker_store.IncrementalInMemoryTrackerStore"


def sqlite_endpoints(folder: Path, action_server: str) -> Path:
    """endpoints.yml as make run has it (the conversations in SQLite), with the action server at
    `action_server` and the SQLite file in `folder`: the file written there."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = action_server
    endpoints["tracker_store"]["db"] = str(folder / "trackers.sqlite")
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return folder / "endpoints.yml"


def rasa_server_command(port: int, model: Path, endpoints: Path) -> list:
    """scripts/rasa-server, as make run starts Rasa, on `port` with `model` and `endpoints`."""
    return [
        str(ROOT / "scripts" / "rasa-server"),
        "--port",
        str(port),
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
    ]


def endpoints_yml(action_server: str) -> str:
    """The test servers' endpoints: endpoints.yml's action endpoint at `action_server`, with the
    secret the action server wants (a plain scalar: Rasa expands environment variables only in
    those), and the conversations in the project's in-memory tracker store."""
    return (
        f'action_endpoint:\n  url: "{action_server}"\n  headers:\n    Authorization: Bearer ${{ACTION_SERVER_SECRET}}\n'
        f"tracker_store:\n  type: {IN_MEMORY_TRACKER_STORE}\n"
    )


def rasa(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Runs the rasa command line on the project."""
    OUTPUT.mkdir(exist_ok=True)
    return subprocess.run([str(BIN / "rasa"), *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


def start_server(name: str, args, env) -> subprocess.Popen:
    OUTPUT.mkdir(exist_ok=True)
    log = (OUTPUT / f"{name}.log").open("w")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


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


class Conversation:
    """A REST conversation; with `token`, as the REST integration whose bearer token it is."""

    def __init__(self, server: str, sender: str, token: Optional[str] = None):
        self.url = f"{server}/webhooks/rest/webhook"
        self.sender = sender
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def say(self, message: str) -> list:
        response = requests.post(
            self.url, json={"sender": self.sender, "message": message}, headers=self.headers, timeout=60
        )
        response.raise_for_status()
        return response.json()

    def text(self, message: str) -> str:
        """Everything the bot answered to `message`, joined."""
        return "\n".join(reply.get("text", "") for reply in self.say(message))
