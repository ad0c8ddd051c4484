"""Where the project's pieces are, and the rasa command line run on it."""

import os
import subprocess
from pathlib import Path

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
