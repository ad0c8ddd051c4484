"""make bench-levers: the project's model served in several settings one after another, on the same
conversations as make bench, to measure the server levers of issue 6 side by side: TensorFlow's
thread settings, the shared stores (PostgreSQL and Redis) and several Sanic workers on them.
Results in bench/results/levers.json; PostgreSQL and Redis as make test-scale has them."""

import datetime
import os
import sys
from dataclasses import dataclass, field

from bench import report
from bench.conversations import load
from bench.models import BENCH, MODELS
from bench.run import stop_on_sigterm, git, machine
from bench.serving import serve
from bench.stores import MEMORY, SHARED, Store
from bench.training import train_on_top


@dataclass(frozen=True)
class Setting:
    """How the Rasa server runs: `env` added to its environment, `store` where it keeps the
    conversations and their locks (bench/stores.py; the shared stores are what several Sanic
    workers need), emptied before the run."""

    name: str
    env: dict = field(default_factory=dict)
    store: Store = MEMORY


SETTINGS = [
    Setting("one process, conversations in memory"),
    Setting(
        "TensorFlow: one thread each between and inside operations",
        {"TF_INTER_OP_PARALLELISM_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "1"},
    ),
    Setting("one process, PostgreSQL and Redis", store=SHARED),
    Setting("two Sanic workers, PostgreSQL and Redis", {"SANIC_WORKERS": "2"}, store=SHARED),
]


def print_table(results: dict) -> None:
    print("\nsetting: p50 / p95 ms, messages/s at each concurrency; msg40/msg4 at ×1; Rasa MB")
    for name, run in results["settings"].items():
        levels = "   ".join(
            f"×{level} {row['p50_ms']} / {row['p95_ms']}, {row['throughput']}" for level, row in run["levels"].items()
        )
        print(f"  {name}: {levels}; {run['levels']['1']['msg40_vs_msg4']}; {run['memory']['rasa']['rss_mb']}")


def main() -> None:
    stop_on_sigterm()
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    project = next(model for model in MODELS if model.key == "project")
    conversations = load()
    # One pass over every conversation alone (message 40 of the long ones), then 360 and 480
    # messages at 8 and 32 at once.
    levels = [(1, sum(len(conversation.turns) for conversation in conversations)), (8, 45), (32, 15)]
    print(f"training {project.label} on top of its last run …", flush=True)
    results = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "training": train_on_top(project),
        "levels": [str(workers) for workers, _ in levels],
        "settings": {},
    }
    for setting in SETTINGS:
        print(f"\n{setting.name}", flush=True)
        results["settings"][setting.name] = {
            "env": setting.env,
            "shared_stores": setting.store.shared,
            **serve(project, conversations, levels, setting.store, setting.env),
        }
    report.write_json(results, BENCH / "results" / "levers.json")
    print_table(results)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("make bench-levers: interrupted; the servers it started are stopped")
