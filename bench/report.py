"""The results: printed, written as JSON and drawn as a small plot."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

from bench.models import MODELS  # noqa: E402
from bench.stats import ratio  # noqa: E402


# Project against stock on the stores users run: make run's SQLite file and the scale-out, at
# the concurrency of 8 (or the run's highest when it has no 8).
HEADLINE_STORES = ["sqlite", "postgres_redis"]
HEADLINE_LEVEL = "8"


def _figure(models: dict, key: str, store: str, level: str, name: str):
    return models.get(key, {}).get("stores", {}).get(store, {}).get("levels", {}).get(level, {}).get(name)


def ratios(models: dict, levels: list[str], stores: list[str]) -> dict:
    """Per store, (a)/(b) at each concurrency, and (a)/(c) on the stores the floor is served on
    (in memory): throughput above 1 and p95 below 1 favour (a)."""
    floor = next(model for model in MODELS if model.key == "floor")
    return {
        store: {
            level: {
                f"{name}_project_vs_{other}": ratio(
                    _figure(models, "project", store, level, name), _figure(models, other, store, level, name)
                )
                for other in ("stock", "floor")
                if other == "stock" or store in floor.stores
                for name in ("throughput", "p95_ms")
            }
            for level in levels
        }
        for store in stores
    }


def headline(results: dict) -> str:
    """The line printed last: project against stock on SQLite and on PostgreSQL + Redis."""
    levels = results["levels"]
    level = HEADLINE_LEVEL if HEADLINE_LEVEL in levels else levels[-1]
    parts = []
    for store in HEADLINE_STORES:
        row = results["ratios"].get(store, {}).get(level)
        if row is not None:
            parts.append(
                f"{results['stores'][store]}: throughput {_fmt(row['throughput_project_vs_stock'], '×')}, "
                f"p95 {_fmt(row['p95_ms_project_vs_stock'], '×')}"
            )
    return f"project against stock at ×{level}: " + ("; ".join(parts) or "neither SQLite nor PostgreSQL + Redis ran")


def _fmt(value, unit="") -> str:
    return "–" if value is None else f"{value}{unit}"


def _print_training(training: dict) -> None:
    if "quick" in training:
        print(f"  trained on top of its last run (reused): {training['quick']['seconds']} s")
    else:
        print(
            f"  training: from scratch {training['scratch']['seconds']} s, unchanged data "
            f"{training['again']['seconds']} s (components trained again: "
            f"{training['again']['components_trained'] or 'none'})"
        )


def _print_served(served: dict) -> None:
    startup, memory = served["startup"], served["memory"]
    print(
        f"  {served['label']}: start to ready {startup['ready_s']} s (listening {startup['listening_s']} s); "
        f"resident: Rasa {memory['rasa']['rss_mb']} MB (peak {memory['rasa']['peak_rss_mb']}), "
        f"action server {memory['actions']['rss_mb']} MB"
    )
    print("    conc  msgs  err  unexp   p50 ms   p95 ms   p99 ms   msg/s  msg40/msg4")
    for level, row in served["levels"].items():
        print(
            f"    {level:>4} {row['messages']:>5} {row['errors']:>4} {row['unexpected']:>6} "
            f"{_fmt(row['p50_ms']):>8} {_fmt(row['p95_ms']):>8} {_fmt(row['p99_ms']):>8} "
            f"{_fmt(row['throughput']):>7}  {_fmt(row['msg40_vs_msg4'])}"
        )


def print_results(results: dict) -> None:
    print(
        f"\nmake bench, {results['date']}, {results['machine']['cpu']} "
        f"({results['machine']['nproc']} cores, {results['machine']['ram_gb']} GB), "
        f"Rasa {results['rasa']}"
    )
    for model in results["models"].values():
        print(f"\n{model['label']}  ({model['config']})")
        _print_training(model["training"])
        for served in model["stores"].values():
            _print_served(served)
    print("\nratios (a)/(b) stock and (a)/(c) floor: throughput (higher is better), p95 (lower is better)")
    width = max(len(label) for label in results["stores"].values())
    for store, by_level in results["ratios"].items():
        for level, row in by_level.items():
            floor = "throughput_project_vs_floor" in row
            print(
                f"  {results['stores'][store]:<{width}}  ×{level:<3} "
                f"throughput {_fmt(row['throughput_project_vs_stock'])}"
                + (f" / {_fmt(row['throughput_project_vs_floor'])}" if floor else "")
                + f"   p95 {_fmt(row['p95_ms_project_vs_stock'])}"
                + (f" / {_fmt(row['p95_ms_project_vs_floor'])}" if floor else "")
            )


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def plot(results: dict, path: Path) -> None:
    """A row per store (latency p50 and p95, throughput), the same scales in every row."""
    stores = list(results["stores"])
    figure, axes = plt.subplots(len(stores), 2, figsize=(9, 3.2 * len(stores)), sharey="col", squeeze=False)
    colours = {key: f"C{index}" for index, key in enumerate(results["models"])}
    for (latency, throughput), store in zip(axes, stores):
        for key, model in results["models"].items():
            served = model["stores"].get(store)
            if served is None:
                continue
            levels = [int(level) for level in served["levels"]]
            rows = list(served["levels"].values())
            colour = colours[key]
            latency.plot(levels, [row["p50_ms"] for row in rows], marker="o", color=colour, label=f"{key} p50")
            latency.plot(
                levels, [row["p95_ms"] for row in rows], marker="o", linestyle="--", color=colour, label=f"{key} p95"
            )
            throughput.plot(levels, [row["throughput"] for row in rows], marker="o", color=colour, label=key)
        latency.set_title(results["stores"][store], fontsize=9, loc="left")
        for each in (latency, throughput):
            each.set_xscale("log", base=2)
            each.set_xticks([int(level) for level in results["levels"]], labels=results["levels"])
            each.set_xlabel("concurrent conversations")
            each.grid(alpha=0.3)
            each.legend(fontsize=7)
        latency.set_yscale("log")
        latency.set_ylabel("latency per message (ms)")
        throughput.set_ylabel("messages per second")
    # Once every row is drawn: the rows share the scale, and a limit set earlier would stop it growing.
    axes[0][1].set_ylim(bottom=0)
    figure.suptitle(f"make bench {results['date'][:10]}, {results['machine']['nproc']} cores", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
