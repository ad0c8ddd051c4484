"""The benchmark's pure helpers: conversation loading, the workers' plans, the figures and the
floor's keywords. Timings are not tested (make bench is a benchmark, not a test)."""

import re

from bench import models
from bench.conversations import Conversation, Turn, expand, load
from bench.keywords import chosen_keywords, intent_examples, plain_text
from bench.levers import SETTINGS
from bench.replay import worker_plan
from bench.serving import _rasa_command, _rasa_environment
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


def test_a_setting_applies_to_the_rasa_server_only_and_shared_stores_replace_the_endpoints(tmp_path, monkeypatch):
    monkeypatch.setattr(models, "WORK", tmp_path)
    project = models.MODELS[0]
    project.work.mkdir()
    workers = next(setting for setting in SETTINGS if "SANIC_WORKERS" in setting.env)
    base = {"PATH": "/usr/bin", "ASSISTANT_NOW": "2026-11-27T17:00:00+01:00"}
    rasa = _rasa_environment(base, workers)
    assert rasa["SANIC_WORKERS"] == "2" and "SANIC_WORKERS" not in base
    assert rasa["TRACKER_DB_HOST"] and rasa["REDIS_HOST"] and rasa["ASSISTANT_NOW"]
    assert "--endpoints" not in _rasa_command(project, workers)
    in_memory = SETTINGS[0]
    assert _rasa_environment(base, in_memory) == base
    assert "--endpoints" in _rasa_command(project, in_memory)
