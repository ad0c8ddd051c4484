"""The results: printed, written as JSON and drawn as a small plot."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

from bench.stats import ratio  # noqa: E402


def ratios(models: dict, levels: list[str]) -> dict:
    """(a)/(b) and (a)/(c) at each concurrency: throughput above 1 and p95 below 1 favour (a)."""

    def figure(key, level, name):
        return models.get(key, {}).get("levels", {}).get(level, {}).get(name)

    return {
        level: {
            f"{name}_project_vs_{other}": ratio(figure("project", level, name), figure(other, level, name))
            for other in ("stock", "floor")
            for name in ("throughput", "p95_ms")
        }
        for level in levels
    }


def _fmt(value, unit="") -> str:
    return "–" if value is None else f"{value}{unit}"


def print_results(results: dict) -> None:
    print(
        f"\nmake bench, {results['date']}, {results['machine']['cpu']} "
        f"({results['machine']['nproc']} cores, {results['machine']['ram_gb']} GB), "
        f"Rasa {results['rasa']}"
    )
    for key, model in results["models"].items():
        training, startup, memory = model.get("training"), model["startup"], model["memory"]
        print(f"\n{model['label']}  ({model['config']})")
        if "quick" in training:
            print(f"  trained on top of its last run (reused): {training['quick']['seconds']} s")
        else:
            print(
                f"  training: from scratch {training['scratch']['seconds']} s, unchanged data "
                f"{training['again']['seconds']} s (components trained again: "
                f"{training['again']['components_trained'] or 'none'})"
            )
        print(
            f"  start to ready {startup['ready_s']} s (listening {startup['listening_s']} s); "
            f"resident: Rasa {memory['rasa']['rss_mb']} MB "
            f"(peak {memory['rasa']['peak_rss_mb']}), "
            f"action server {memory['actions']['rss_mb']} MB"
        )
        print("  conc  msgs  err  unexp   p50 ms   p95 ms   p99 ms   msg/s  msg40/msg4")
        for level, row in model["levels"].items():
            print(
                f"  {level:>4} {row['messages']:>5} {row['errors']:>4} {row['unexpected']:>6} "
                f"{_fmt(row['p50_ms']):>8} {_fmt(row['p95_ms']):>8} {_fmt(row['p99_ms']):>8} "
                f"{_fmt(row['throughput']):>7}  {_fmt(row['msg40_vs_msg4'])}"
            )
    print("\nratios (a)/(b) stock and (a)/(c) floor: throughput (higher is better), p95 (lower is better)")
    for level, row in results["ratios"].items():
        print(
            f"  ×{level:<3} throughput {_fmt(row['throughput_project_vs_stock'])} / "
            f"{_fmt(row['throughput_project_vs_floor'])}   "
            f"p95 {_fmt(row['p95_ms_project_vs_stock'])} / "
            f"{_fmt(row['p95_ms_project_vs_floor'])}"
        )


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def plot(results: dict, path: Path) -> None:
    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(9, 3.6))
    for key, model in results["models"].items():
        levels = [int(level) for level in model["levels"]]
        rows = list(model["levels"].values())
        (line,) = latency.plot(levels, [row["p50_ms"] for row in rows], marker="o", label=f"{key} p50")
        latency.plot(
            levels,
            [row["p95_ms"] for row in rows],
            marker="o",
            linestyle="--",
            color=line.get_color(),
            label=f"{key} p95",
        )
        throughput.plot(levels, [row["throughput"] for row in rows], marker="o", color=line.get_color(), label=key)
    for axes in (latency, throughput):
        axes.set_xscale("log", base=2)
        axes.set_xticks([int(level) for level in results["levels"]], labels=results["levels"])
        axes.set_xlabel("concurrent conversations")
        axes.grid(alpha=0.3)
    latency.set_yscale("log")
    throughput.set_ylim(bottom=0)
    latency.set_ylabel("latency per message (ms)")
    throughput.set_ylabel("messages per second")
    latency.legend(fontsize=7)
    throughput.legend(fontsize=7)
    figure.suptitle(f"make bench {results['date'][:10]}, {results['machine']['nproc']} cores", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
