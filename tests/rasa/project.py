"""Where the project's pieces are, the rasa command line run on it, and a REST conversation."""

import os
import subprocess
from pathlib import Path

import requests

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
OUTPUT = ROOT / "test-output"
MODEL = ROOT / "models" / "eskalering.tar.gz"


def rasa(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Runs the rasa command line on the project."""
    OUTPUT.mkdir(exist_ok=True)
    return subprocess.run(
        [str(BIN / "rasa"), *args], cwd=ROOT, capture_output=True, text=True, **kwargs
    )


class Conversation:
    def __init__(self, server: str, sender: str):
        self.url = f"{server}/webhooks/rest/webhook"
        self.sender = sender

    def say(self, message: str) -> list:
        response = requests.post(self.url, json={"sender": self.sender, "message": message}, timeout=60)
        response.raise_for_status()
        return response.json()

    def text(self, message: str) -> str:
        """Everything the bot answered to `message`, joined."""
        return "\n".join(reply.get("text", "") for reply in self.say(message))
