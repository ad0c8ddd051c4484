"""The conversations the benchmark replays (conversations.yml), as lists of turns."""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

FILE = Path(__file__).with_name("conversations.yml")


@dataclass(frozen=True)
class Turn:
    say: str
    expect: Optional[str] = None


@dataclass(frozen=True)
class Conversation:
    name: str
    turns: tuple[Turn, ...]


def expand(entry: dict) -> Conversation:
    """One entry of the file: its turns, a long conversation's cycle repeated."""
    cycles = entry.get("repeat", 1)
    turns = tuple(
        Turn(turn["say"].replace("{cycle}", str(cycle)), turn.get("expect"))
        for cycle in range(1, cycles + 1)
        for turn in entry["turns"]
    )
    return Conversation(entry["name"], turns)


def load(path: Path = FILE) -> list[Conversation]:
    conversations = [expand(entry) for entry in yaml.safe_load(path.read_text())["conversations"]]
    names = [conversation.name for conversation in conversations]
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: conversation names must be unique")
    return conversations
