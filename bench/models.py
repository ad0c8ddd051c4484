"""The three models of the benchmark and where their files go."""

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WORK = BENCH / "work"
BIN = ROOT / ".venv" / "bin"


@dataclass(frozen=True)
class Model:
    key: str
    label: str
    config: Path
    # Rasa's KeywordIntentClassifier compiles each training example as a regular expression
    # without escaping it, and "?????" (nonsense) does not compile: the floor trains on a copy
    # of data/ without such examples.
    keyword_safe_data: bool = False
    # Stock Rasa is served by Rasa itself (`rasa run`, its own REST channel), without the project's
    # channels and their changes to the server (channels/, rasa_server_changes/): the whole of stock Rasa is measured.
    stock_server: bool = False
    # The stores it is served on (bench/stores.py): the floor, which only shows what the servers
    # cost, in memory only.
    stores: tuple[str, ...] = ("memory", "sqlite", "postgres_redis")

    @property
    def work(self) -> Path:
        return WORK / self.key

    @property
    def archive(self) -> Path:
        return self.work / "models" / f"{self.key}.tar.gz"


MODELS = [
    Model("project", "(a) project config.yml", ROOT / "config.yml"),
    Model("stock", "(b) stock Rasa 3.6 defaults", BENCH / "config-stock.yml", stock_server=True),
    Model(
        "floor", "(c) floor: keywords + rules", BENCH / "config-floor.yml", keyword_safe_data=True, stores=("memory",)
    ),
]
