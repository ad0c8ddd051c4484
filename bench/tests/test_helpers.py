"""The benchmark's pure helpers: conversation loading, the workers' plans, the figures, the
floor's keywords, each model's endpoints on each store and the ratios per store. Timings are not
tested (make bench is a benchmark, not a test)."""

import re
from pathlib import Path
from unittest.mock import ANY

import yaml

from bench import models, report, stores
from bench.conversations import Conversation, Turn, expand, load
from bench.keywords import chosen_keywords, intent_examples, plain_text
from bench.levers import SETTINGS
from bench.replay import worker_plan
from bench.serving import ACTIONS_URL, _rasa_command, _rasa_environment
from bench.stats import Record, growth, percentiles_ms, ratio, summary


def test_a_long_conversation_repeats_its_cycle_with_the_cycle_number():
    entry = {"name": "long", "repeat": 3, "turns": [{"say": "order 1{cycle}"}, {"say": "ja", "expect": "startat"}]}
    conversation = expand(entry)
    assert [turn.say for turn in conversation.turns] == ["order 11", "ja", "order 12", "ja", "order 13", "ja"]
    assert conversation.turns[1] == Turn("ja", "startat")


def test_the_file_has_long_conversations_where_messages_38_to_42_repeat_2_to_6():
    long = [c for c in load() if len(c.turns) >= 40]
    assert len(long) >= 3
    for conversation in long:
        assert len(conversation.turns) >= 42, conversation.name
        # The same messages; only a cycle's order number differs.
        early = [re.sub(r"\d", "#", turn.say) for turn in conversation.turns[1:6]]
        late = [re.sub(r"\d", "#", turn.say) for turn in conversation.turns[37:42]]
        assert early == late, conversation.name


def test_every_worker_gets_the_same_number_of_messages_from_its_own_start():
    conversations = [
        Conversation(name, tuple(Turn(f"{name}{i}") for i in range(length)))
        for name, length in [("a", 2), ("b", 3), ("c", 45)]
    ]
    plans = [worker_plan(conversations, worker, 3, 10) for worker in range(3)]
    assert [sum(len(turns) for _, turns in plan) for plan in plans] == [10, 10, 10]
    assert [plan[0][0].name for plan in plans] == ["a", "b", "c"]
    assert [conversation.name for conversation, _ in plans[0]] == ["a", "b", "c"]
    assert len(plans[2][0][1]) == 10  # the long conversation is cut where the worker stops


def test_percentiles_in_milliseconds():
    assert percentiles_ms([0.001 * n for n in range(1, 101)]) == {"p50_ms": 50.5, "p95_ms": 95.0, "p99_ms": 99.0}
    assert percentiles_ms([]) == {"p50_ms": None, "p95_ms": None, "p99_ms": None}


def test_growth_compares_messages_around_40_with_the_same_around_4_in_each_long_conversation():
    def conversation(sender, early, late, length=45):
        return [
            Record("long", turn, length, early if turn < 20 else late, sender)
            for turn in [*range(2, 7), *range(38, 43)]
        ]

    records = [
        *conversation("x", 0.1, 0.1),
        *conversation("y", 0.2, 0.3),
        *conversation("z", 0.1, 0.3),
        *conversation("short", 0.1, 9.0, length=41),
    ]
    assert growth(records) == {"msg4_ms": 100.0, "msg40_ms": 300.0, "msg40_vs_msg4": 1.5, "long_conversations": 3}
    failed = Record("long", 40, 45, 60.0, "x", error="TimeoutError")
    without_message_40 = [r for r in records if r.sender == "x" and r.turn != 40]
    assert growth(without_message_40 + [failed])["msg40_vs_msg4"] is None


def test_summary_counts_errors_and_unexpected_answers_apart():
    records = [Record("a", 1, 2, 0.1), Record("a", 2, 2, 0.3, unexpected="…"), Record("b", 1, 1, 5.0, error="HTTP 500")]
    figures = summary(records, wall_seconds=2.0)
    assert (figures["messages"], figures["errors"], figures["unexpected"]) == (3, 1, 1)
    assert figures["throughput"] == 1.0
    assert figures["p50_ms"] == 200.0


def test_ratio_is_missing_without_both_figures():
    assert ratio(30.0, 12.0) == 2.5
    assert ratio(None, 12.0) is None and ratio(3.0, 0) is None


def test_plain_text_drops_entity_annotations():
    assert (
        plain_text('order [88812345](order_number) för [Fiber Villa]{"entity": "product"}')
        == "order 88812345 för Fiber Villa"
    )


def test_the_floor_keeps_the_shortest_keywords_the_classifier_can_use():
    intent_of = {
        "hej": {"greet"},
        "hej hej": {"greet"},
        "god morgon": {"greet"},
        "?????": {"nonsense"},
        "avsluta": {"cancel"},
        "avsluta ärendet": {"confirm_closed"},
        "ja": {"affirm", "confirm_started"},
        "ärendet är löst": {"confirm_closed"},
    }
    assert chosen_keywords(intent_of, per_intent=1) == {"hej", "avsluta ärendet"}
    assert chosen_keywords(intent_of, per_intent=5) == {
        "hej",
        "hej hej",
        "god morgon",
        "avsluta ärendet",
        "ärendet är löst",
    }


def test_examples_are_read_under_intents_only():
    lines = [
        "nlu:\n",
        "- intent: greet\n",
        "  examples: |\n",
        "    - hej\n",
        "    - [Anna](name): hej\n",
        "- regex: order_number\n",
        "  examples: |\n",
        "    - \\d{5}\n",
    ]
    assert list(intent_examples(lines)) == [(3, "greet", "hej"), (4, "greet", "Anna: hej")]


def _models_in(tmp_path, monkeypatch):
    monkeypatch.setattr(models, "WORK", tmp_path)
    project, stock, floor = models.MODELS
    for model in models.MODELS:
        model.work.mkdir(exist_ok=True)
    return project, stock, floor


def _endpoints(store, model):
    text = stores.endpoints_text(store, model, ACTIONS_URL)
    # Rasa expands ${…} only in plain (unquoted) values.
    assert "\n    Authorization: Bearer ${ACTION_SERVER_SECRET}\n" in text
    parsed = yaml.safe_load(text)
    assert parsed["action_endpoint"]["url"] == ACTIONS_URL
    return parsed


def test_in_memory_the_project_names_its_stores_and_stock_rasa_its_own(tmp_path, monkeypatch):
    project, stock, floor = _models_in(tmp_path, monkeypatch)
    for model in (project, floor):
        assert _endpoints(stores.MEMORY, model) == {
            "action_endpoint": ANY,
            "tracker_store": {"type": "rasa_server_changes.memory_tracker_store.IncrementalInMemoryTrackerStore"},
            "lock_store": {"type": "rasa_server_changes.lock_expiry.TicketExpiryInMemoryLockStore"},
        }
    assert _endpoints(stores.MEMORY, stock) == {"action_endpoint": ANY, "lock_store": {"type": "in_memory"}}


def test_on_sqlite_both_get_a_file_of_their_own_in_bench_work_never_data_store(tmp_path, monkeypatch):
    project, stock, _ = _models_in(tmp_path, monkeypatch)
    for model, lock in [
        (project, "rasa_server_changes.lock_expiry.TicketExpiryInMemoryLockStore"),
        (stock, "in_memory"),
    ]:
        endpoints = _endpoints(stores.SQLITE, model)
        assert endpoints["tracker_store"] == {"type": "SQL", "dialect": "sqlite", "db": str(stores.sqlite_file(model))}
        assert stores.sqlite_file(model).parent == tmp_path / model.key
        assert endpoints["lock_store"] == {"type": lock}
    stores.sqlite_file(project).write_text("an earlier run")
    stores.empty(stores.SQLITE, project)
    assert not stores.sqlite_file(project).exists()


def test_stock_rasa_on_postgresql_and_redis_names_only_rasas_stores(tmp_path, monkeypatch):
    _, stock, _ = _models_in(tmp_path, monkeypatch)
    endpoints = _endpoints(stores.SHARED, stock)
    assert endpoints["tracker_store"]["type"] == "SQL" and endpoints["tracker_store"]["dialect"] == "postgresql"
    assert endpoints["tracker_store"]["login_db"] == "postgres"  # Rasa creates the dropped database again
    assert endpoints["lock_store"]["type"] == "redis"
    for store in stores.STORES:
        assert "rasa_server_changes" not in stores.endpoints_text(store, stock, ACTIONS_URL)


def test_the_project_on_the_shared_stores_gets_endpoints_scaled_yml_with_stocks_settings(tmp_path, monkeypatch):
    project, stock, _ = _models_in(tmp_path, monkeypatch)
    env = {"TRACKER_DB_PASSWORD": "", "REDIS_PASSWORD": "", "ACTION_SERVER_SECRET": "s"}
    env.update(stores.server_env(stores.SHARED, ACTIONS_URL))
    # What Rasa reads from endpoints.scaled.yml with these variables (scripts/rasa-server sets
    # them all), the empty passwords left out.
    text = re.sub(
        r"\$\{(\w+)\}", lambda variable: env[variable.group(1)], (models.ROOT / "endpoints.scaled.yml").read_text()
    )
    scaled = yaml.safe_load(text)
    assert scaled["action_endpoint"]["url"] == ACTIONS_URL

    def plain(section):
        return {name: str(value) for name, value in section.items() if value not in ("", None)}

    expected = stores.sections(stores.SHARED, project)
    assert plain(scaled["tracker_store"]) == plain(expected["tracker_store"])
    assert plain(scaled["lock_store"]) == plain(expected["lock_store"])
    assert expected["lock_store"]["type"] == "rasa_server_changes.lock_expiry.TicketExpiryRedisLockStore"
    # The same database and Redis settings as stock Rasa's, only the lock store's type differs.
    stock_sections = stores.sections(stores.SHARED, stock)
    assert stock_sections["tracker_store"] == expected["tracker_store"]
    assert {**stock_sections["lock_store"], "type": None} == {**expected["lock_store"], "type": None}


def test_how_each_model_is_started_on_each_store(tmp_path, monkeypatch):
    project, stock, floor = _models_in(tmp_path, monkeypatch)
    base = {"PATH": "/usr/bin", "ASSISTANT_NOW": "2026-11-27T17:00:00+01:00"}
    for store in stores.STORES:
        command = _rasa_command(project, store)
        assert command[0].endswith("scripts/rasa-server")
        assert ("--endpoints" in command) == (not store.shared)
        assert bool(_rasa_environment(base, project, store).get("TRACKER_DB_HOST")) == store.shared
        command = _rasa_command(stock, store)
        assert command[:2] == [str(models.BIN / "rasa"), "run"] and "--endpoints" in command
        assert _rasa_environment(base, stock, store) == base
    assert Path(_rasa_command(floor, stores.MEMORY)[-1]).name == "endpoints-memory.yml"
    assert [store.key for store in stores.STORES if store.key in floor.stores] == ["memory"]


def test_a_lever_applies_to_the_rasa_server_only(tmp_path, monkeypatch):
    project, _, _ = _models_in(tmp_path, monkeypatch)
    workers = next(setting for setting in SETTINGS if "SANIC_WORKERS" in setting.env)
    base = {"PATH": "/usr/bin"}
    rasa = _rasa_environment(base, project, workers.store, workers.env)
    assert rasa["SANIC_WORKERS"] == "2" and "SANIC_WORKERS" not in base
    assert rasa["TRACKER_DB_HOST"] and rasa["REDIS_HOST"]
    assert SETTINGS[0].store is stores.MEMORY


def _served(throughput, p95):
    return {
        "levels": {"1": {"throughput": throughput, "p95_ms": p95}, "8": {"throughput": 2 * throughput, "p95_ms": p95}}
    }


def _results():
    every = {"memory": "in memory", "sqlite": "SQLite (make run)", "postgres_redis": "PostgreSQL + Redis (scale-out)"}
    models_run = {
        "project": {
            "stores": {"memory": _served(50, 40), "sqlite": _served(30, 60), "postgres_redis": _served(20, 100)}
        },
        "stock": {
            "stores": {"memory": _served(10, 200), "sqlite": _served(10, 240), "postgres_redis": _served(8, 250)}
        },
        "floor": {"stores": {"memory": _served(100, 20)}},
    }
    results = {"levels": ["1", "8"], "stores": every, "models": models_run}
    results["ratios"] = report.ratios(models_run, results["levels"], list(every))
    return results


def test_ratios_per_store_against_stock_and_in_memory_against_the_floor():
    ratios = _results()["ratios"]
    assert ratios["memory"]["1"] == {
        "throughput_project_vs_stock": 5.0,
        "p95_ms_project_vs_stock": 0.2,
        "throughput_project_vs_floor": 0.5,
        "p95_ms_project_vs_floor": 2.0,
    }
    assert ratios["sqlite"]["8"] == {"throughput_project_vs_stock": 3.0, "p95_ms_project_vs_stock": 0.25}
    assert ratios["postgres_redis"]["1"] == {"throughput_project_vs_stock": 2.5, "p95_ms_project_vs_stock": 0.4}
    partial = report.ratios({"project": _results()["models"]["project"]}, ["1"], ["sqlite"])
    assert partial == {"sqlite": {"1": {"throughput_project_vs_stock": None, "p95_ms_project_vs_stock": None}}}


def test_the_headline_is_project_against_stock_on_sqlite_and_on_postgresql_and_redis_at_8():
    assert report.headline(_results()) == (
        "project against stock at ×8: SQLite (make run): throughput 3.0×, p95 0.25×; "
        "PostgreSQL + Redis (scale-out): throughput 2.5×, p95 0.4×"
    )
    only_memory = {**_results(), "stores": {"memory": "in memory"}, "levels": ["1"]}
    only_memory["ratios"] = {"memory": only_memory["ratios"]["memory"]}
    assert report.headline(only_memory) == "project against stock at ×1: neither SQLite nor PostgreSQL + Redis ran"


def test_the_summary_and_the_plot_show_every_model_on_each_of_its_stores(tmp_path, capsys):
    row = {
        "messages": 40,
        "errors": 0,
        "unexpected": 0,
        "throughput": 20.0,
        "p50_ms": 10.0,
        "p95_ms": 20.0,
        "p99_ms": 30.0,
        "msg40_vs_msg4": None,
    }
    served = {
        "startup": {"ready_s": 10.0, "listening_s": 9.0},
        "memory": {"rasa": {"rss_mb": 600, "peak_rss_mb": 610}, "actions": {"rss_mb": 140}},
        "levels": {"1": row, "8": row},
    }
    results = _results()
    results.update(date="2026-12-03T12:00:00+00:00", rasa="3.6.21", machine={"cpu": "cpu", "nproc": 2, "ram_gb": 8})
    for key, model in results["models"].items():
        model.update(label=f"({key})", config=f"{key}.yml", training={"quick": {"seconds": 1.0}})
        for store in model["stores"]:
            model["stores"][store] = {**served, "label": results["stores"][store]}
    report.print_results(results)
    printed = capsys.readouterr().out
    assert printed.count("  SQLite (make run): start to ready") == 2
    assert printed.count("  in memory: start to ready") == 3
    assert "PostgreSQL + Redis (scale-out)  ×8   throughput 2.5   p95 0.4" in printed
    report.plot(results, tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 0
