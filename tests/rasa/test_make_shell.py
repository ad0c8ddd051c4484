"""`make shell`, the README's third command, on a real terminal (a pty): it starts, answers one
message, and has the changes to Rasa's server that `make run` has (rasa_server_changes/, installed
by the model's own components): without an action server the user still gets the apology."""

import os
import pty
import re
import select
import signal
import subprocess
import time

import pytest

from project import BIN, MODEL, ROOT

pytestmark = pytest.mark.rasa
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")


def talk_in_a_terminal(command: list, message: str, expected: str, env: dict, seconds: float = 240) -> str:
    """Starts `command` on a pty, types `message` once the bot is loaded; returns what the terminal
    showed once `expected` appeared (or the time ran out)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True
    )
    os.close(terminal)
    shown, typed, deadline = "", False, time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and expected not in shown.split(message, 1)[-1]:
            if select.select([controller], [], [], 1)[0]:
                try:
                    shown += _ESCAPES.sub("", os.read(controller, 65536).decode("utf-8", "replace"))
                except OSError:
                    break
            if not typed and "Bot loaded" in shown:
                time.sleep(1)
                os.write(controller, message.encode("utf-8") + b"\r")
                typed = True
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        os.close(controller)
    return shown


def test_make_shell_answers(model):
    shown = talk_in_a_terminal(
        ["make", "shell"],
        "Vilken mejladress gäller för Kopparaccess?",
        "Kundservice-koppar@skanova.se",
        dict(os.environ),
    )
    assert "Kundservice-koppar@skanova.se" in shown.split("Kopparaccess?", 1)[-1], shown[-2000:]


def test_rasa_shell_has_the_changes_to_rasas_server(model, tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('action_endpoint:\n  url: "http://127.0.0.1:5159/webhook"\n')  # nothing listens
    env = {**os.environ, "ACTION_TIMEOUT": "2"}
    shown = talk_in_a_terminal(
        [str(BIN / "rasa"), "shell", "--model", str(MODEL), "--endpoints", str(endpoints)],
        "Vilken mejladress gäller för Kopparaccess?",
        "0771-81 60 00",
        env,
    )
    assert "0771-81 60 00" in shown.split("Kopparaccess?", 1)[-1], shown[-2000:]  # action_failure's apology
