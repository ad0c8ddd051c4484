"""make bench: trains the three models, serves them one after another on each store (bench/stores.py:
in memory, SQLite as make run has it, PostgreSQL + Redis as the scale-out has it; the floor in
memory only) and replays the same conversations at each concurrency, then prints, writes and plots
the results.

--quick (make bench BENCH_QUICK=1): concurrency 1 and 8 with few messages, each model trained
on top of its last run (Rasa trains only what changed), results in bench/work/ instead of
bench/results/.

--reuse stock (make bench BENCH_REUSE=stock): those models are trained on top of their last run
instead of from scratch, e.g. the stock model (5 to 20 minutes here) when only config.yml changed;
their from-scratch figure is then missing from the results.

--models and --stores (python -m bench --models project,stock --stores sqlite): only those, and
the results in bench/work/ (only every model on every store is the record)."""

import argparse
import datetime
import os
import platform
import signal
import subprocess
import sys
import time
from importlib.metadata import version

from bench import report, stores
from bench.conversations import load
from bench.models import BENCH, MODELS, ROOT, WORK
from bench.serving import serve
from bench.training import train_both_ways, train_on_top

QUICK_LEVELS = [(1, 40), (8, 15)]


def full_levels(total_turns: int) -> list[tuple[int, int]]:
    """(concurrent conversations, messages each): two passes over every conversation alone, then
    720 and 960 messages at 8 and 32."""
    return [(1, 2 * total_turns), (8, 90), (32, 30)]


def machine() -> dict:
    cpuinfo = open("/proc/cpuinfo").read()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    memory_kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
    }


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def stop_on_sigterm() -> None:
    # So that a terminated run still stops the servers it started (the finally blocks).
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def header(quick: bool, levels, conversations, chosen_stores) -> dict:
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "rasa": version("rasa"),
        "rasa_sdk": version("rasa-sdk"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "config_commit": git("log", "-1", "--format=%h %s", "--", "config.yml"),
        "config_changed_since_commit": bool(git("status", "--porcelain", "--", "config.yml")),
        "quick": quick,
        "levels": [str(workers) for workers, _ in levels],
        "messages_per_conversation_slot": {str(workers): n for workers, n in levels},
        "conversations": {c.name: len(c.turns) for c in conversations},
        "stores": {store.key: store.label for store in chosen_stores},
    }


def check_shared_stores(chosen_stores) -> None:
    """PostgreSQL and Redis answer, before any model is trained."""
    if any(store.shared for store in chosen_stores):
        try:
            stores.empty_shared_stores()
        except Exception as problem:
            sys.exit(
                f"make bench: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are needed for the "
                f"shared stores; scripts/services starts them, or --stores leaves them out ({problem})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--models", default=",".join(model.key for model in MODELS))
    parser.add_argument("--stores", default=",".join(store.key for store in stores.STORES))
    parser.add_argument("--reuse", default="")
    arguments = parser.parse_args()
    stop_on_sigterm()
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    chosen = [model for model in MODELS if model.key in arguments.models.split(",")]
    chosen_stores = [store for store in stores.STORES if store.key in arguments.stores.split(",")]
    check_shared_stores(chosen_stores)
    conversations = load()
    total_turns = sum(len(conversation.turns) for conversation in conversations)
    levels = QUICK_LEVELS if arguments.quick else full_levels(total_turns)
    began = time.monotonic()
    results = {**header(arguments.quick, levels, conversations, chosen_stores), "models": {}}
    training = {}
    for model in chosen:
        print(f"training {model.label} (log in {model.work.relative_to(ROOT)}/) …", flush=True)
        on_top = arguments.quick or model.key in arguments.reuse.split(",")
        training[model.key] = train_on_top(model) if on_top else train_both_ways(model)
    for model in chosen:
        served = {}
        for store in (store for store in chosen_stores if store.key in model.stores):
            print(f"\n{model.label} on {store.label}", flush=True)
            served[store.key] = serve(model, conversations, levels, store)
        results["models"][model.key] = {
            "label": model.label,
            "config": str(model.config.relative_to(ROOT)),
            "config_text": model.config.read_text(),
            "training": training[model.key],
            "stores": served,
        }
    results["ratios"] = report.ratios(results["models"], results["levels"], list(results["stores"]))
    results["wall_seconds"] = round(time.monotonic() - began)
    # Only a full run of all three models on every store is the record; anything else stays in bench/work/.
    record = not arguments.quick and len(chosen) == len(MODELS) and len(chosen_stores) == len(stores.STORES)
    folder, name = (BENCH / "results", "latest") if record else (WORK, "quick" if arguments.quick else "partial")
    report.write_json(results, folder / f"{name}.json")
    report.plot(results, folder / f"{name}.png")
    report.print_results(results)
    print(f"\n{folder / name}.json and .png written; {results['wall_seconds']} s in all")
    print(report.headline(results))
