"""make test-scale: 50 escalations at once through nginx to two Rasa servers and two action servers
that share PostgreSQL (trackers, case records) and Redis (locks); one Rasa server is killed with
SIGKILL when half of all messages are answered. Every conversation must complete with the right
mailbox, every tracker must hold each message once with its own answers, in order, and there must
be one case record per conversation. The figures are printed and kept in test-output/scale/."""

import json
import random
import re
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import List, Optional

import pytest
import redis
import requests

from escalation_routine import facts, products
from scale_client import Client, Exchange, user_turns
from scale_cluster import CASES_DB, LOGS, MODEL, REDIS_DB, REDIS_KEY_PREFIX, TRACKER_DB, Cluster, query

pytestmark = pytest.mark.scale

CONVERSATIONS = 50
REFERENCE = re.compile(r"ESK-2026-\d{6}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    assert MODEL.exists(), "no trained model: run the test through 'make test-scale'"
    started = Cluster(tmp_path_factory.mktemp("scale"))
    try:
        started.start()
        yield started
    finally:
        started.stop()


@dataclass
class Escalation:
    """One user's escalation step by step, the way the widget's quick replies lead it."""

    index: int
    client: Client
    product: str = ""
    group: str = ""
    order: str = ""
    product_payload: Optional[str] = None
    reference: Optional[str] = None
    problems: List[str] = field(default_factory=list)

    def __post_init__(self):
        self.product = _products()[self.index % len(_products())]
        self.group = products.meant_product(self.product).group
        self.order = f"ORD-{80000 + self.index}"

    @property
    def mailbox(self) -> str:
        return facts.mailboxes()[self.group]

    def steps(self):
        """(what the user sends, what the answer must show); the product is a quick reply's payload."""
        return [
            ("jag vill eskalera", lambda e: "/report_not_per_agreement" in _payloads(e)),
            ("/report_not_per_agreement", self._offers_product),
            (lambda: self.product_payload, lambda e: "ordernummer" in e.text),
            (self.order, self._registered),
            ("/confirm_started", lambda e: self.reference in e.text),
        ]

    def run(self, answered) -> None:
        pause = random.Random(self.index)
        for step, expected in self.steps():
            time.sleep(pause.uniform(0.05, 0.5))  # the user reads and types
            message = step() if callable(step) else step
            try:
                exchange = self.client.say(message)
            except Exception as error:  # reported with the conversation, the others go on
                self.problems.append(f"'{message}': {error}")
                return
            answered()
            if not expected(exchange):
                self.problems.append(f"'{message}' got {exchange.text[:400]!r} from {exchange.served_by}")
                return

    def _offers_product(self, exchange: Exchange) -> bool:
        payloads = [button["payload"] for button in exchange.buttons if button["title"] == self.product]
        self.product_payload = payloads[0] if payloads else None
        return bool(payloads)

    def _registered(self, exchange: Exchange) -> bool:
        found = REFERENCE.search(exchange.text)
        self.reference = found.group(0) if found else None
        return f"Mejla {self.mailbox}" in exchange.text and self.order in exchange.text and bool(found)


def _products() -> List[str]:
    return facts.facts().product_buttons


def _payloads(exchange: Exchange) -> List[str]:
    return [button["payload"] for button in exchange.buttons]


class Killer(threading.Thread):
    """Kills rasa-1 once `at` messages are answered."""

    def __init__(self, cluster: Cluster, at: int):
        super().__init__(daemon=True)
        self.cluster, self.at = cluster, at
        self.answered = 0
        self.killed_after: Optional[int] = None
        self.killed_at: Optional[float] = None  # time.monotonic() of the kill
        self._lock = threading.Lock()
        self.finished = threading.Event()

    def count(self) -> None:
        with self._lock:
            self.answered += 1

    def run(self) -> None:
        while self.answered < self.at and not self.finished.is_set():
            time.sleep(0.02)
        if not self.finished.is_set():
            self.killed_after = self.answered
            self.cluster.kill("rasa-1")
            self.killed_at = time.monotonic()


class LockWatcher(threading.Thread):
    """Samples Redis for the lock store's keys: proof that the Rasa servers lock there."""

    def __init__(self):
        super().__init__(daemon=True)
        self.seen = 0
        self.finished = threading.Event()

    def run(self) -> None:
        store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        while not self.finished.is_set():
            self.seen += len(store.keys(f"{REDIS_KEY_PREFIX}*"))
            time.sleep(0.05)


def test_fifty_escalations_through_two_rasa_servers_one_killed_halfway(cluster, capsys):
    escalations = [
        Escalation(index, Client(cluster.url, f"scale-{index:02d}", cluster.token, cluster.integration_token))
        for index in range(CONVERSATIONS)
    ]
    total = sum(len(escalation.steps()) for escalation in escalations)
    killer, watcher = Killer(cluster, at=total // 2), LockWatcher()
    killer.start()
    watcher.start()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        list(pool.map(lambda escalation: escalation.run(killer.count), escalations))
    seconds = time.monotonic() - started
    killer.finished.set()
    watcher.finished.set()

    figures = _figures(cluster, escalations, seconds, killer)
    (LOGS / "figures.txt").write_text(figures + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + figures)

    failures = [f"{e.client.sender} ({e.product}): {problem}" for e in escalations for problem in e.problems]
    failures += _kill_failures(escalations, killer)
    if watcher.seen == 0:
        failures.append("no lock key ever seen in Redis: the Rasa servers do not use the Redis lock store")
    failures += _tracker_failures(escalations)
    failures += _case_failures(escalations)
    assert not failures, f"{len(failures)} failed checks:\n" + "\n".join(failures[:60])


def _figures(cluster: Cluster, escalations: List[Escalation], seconds: float, killer: Killer) -> str:
    exchanges = [exchange for escalation in escalations for exchange in escalation.client.exchanges]
    latencies = sorted(exchange.seconds for exchange in exchanges) or [0.0]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    names = {cluster.rasa_address(index): f"rasa-{index + 1}" for index in range(2)}
    served = Counter(names.get(exchange.served_by, exchange.served_by) for exchange in exchanges)
    failed_attempts = sum(len(exchange.failures) for exchange in exchanges)
    completed = sum(not escalation.problems for escalation in escalations)
    return "\n".join(
        [
            f"scale-out: {len(escalations)} conversations ({completed} completed), {len(exchanges)} messages "
            f"in {seconds:.0f} s",
            f"  errors: {failed_attempts} failed attempts {dict(Counter(f for e in exchanges for f in e.failures))}; "
            f"{sum(e.recovered for e in exchanges)} answers read from the tracker, "
            f"{sum(bool(e.failures) and not e.recovered for e in exchanges)} messages sent again; "
            f"{sum(bool(e.problems) for e in escalations)} conversations failed",
            f"  latency per message: p50 {quantiles[49]:.2f} s, p95 {quantiles[94]:.2f} s, max {latencies[-1]:.2f} s",
            f"  answered by: {dict(sorted(served.items()))}",
            f"  rasa-1 killed after {killer.killed_after} of {sum(len(e.steps()) for e in escalations)} "
            f"messages; conversations on both servers: {sum(len(_servers(e)) == 2 for e in escalations)}, "
            f"moved from rasa-1 to rasa-2 mid-escalation: "
            f"{sum(_moved(e, names, killer.killed_at or 0) for e in escalations)}",
        ]
    )


def _servers(escalation: Escalation) -> set:
    return {exchange.served_by for exchange in escalation.client.exchanges} - {"tracker"}


def _moved(escalation: Escalation, names: dict, killed_at: float) -> bool:
    """Whether rasa-1 answered part of the conversation before the kill and rasa-2 went on after it."""
    before = [names.get(e.served_by) for e in escalation.client.exchanges if e.answered_at < killed_at]
    after = [names.get(e.served_by) for e in escalation.client.exchanges if e.started_at > killed_at]
    return "rasa-1" in before and "rasa-2" in after


def _kill_failures(escalations: List[Escalation], killer: Killer) -> List[str]:
    if killer.killed_after is None:
        return ["rasa-1 was never killed: the run ended before half of the messages were answered"]
    failures = []
    switched = sum(len(_servers(escalation)) == 2 for escalation in escalations)
    if switched < CONVERSATIONS // 4:
        failures.append(f"only {switched} conversations had messages answered by both Rasa servers")
    names = {killer.cluster.rasa_address(index): f"rasa-{index + 1}" for index in range(2)}
    if not any(_moved(escalation, names, killer.killed_at) for escalation in escalations):
        failures.append("no conversation went on on rasa-2 after rasa-1 had answered part of it before the kill")
    answered_by_the_dead = [
        e.client.sender
        for e in escalations
        for exchange in e.client.exchanges
        if exchange.started_at > killer.killed_at and names.get(exchange.served_by) == "rasa-1"
    ]
    if answered_by_the_dead:
        failures.append(f"rasa-1 answered after it was killed: {answered_by_the_dead[:5]}")
    return failures


def _tracker_failures(escalations: List[Escalation]) -> List[str]:
    """Each tracker in PostgreSQL: events in order, every message once, followed by its answers."""
    failures = []
    senders = {
        sender
        for (sender,) in query(
            TRACKER_DB, "SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE 'scale-operator:scale-%%'"
        )
    }
    if senders != {escalation.client.conversation_id for escalation in escalations}:
        failures.append(f"trackers in PostgreSQL: {len(senders)} senders, expected the {CONVERSATIONS} conversations")
    for escalation in escalations:
        rows = query(
            TRACKER_DB,
            "SELECT id, timestamp, data FROM events WHERE sender_id = %s ORDER BY id",
            escalation.client.conversation_id,
        )
        name = escalation.client.sender
        stamps = [stamp for _, stamp, _ in rows]
        if stamps != sorted(stamps):
            failures.append(f"{name}: event timestamps go backwards in id order")
        turns = user_turns([json.loads(data) for _, _, data in rows])
        sent = [exchange.message for exchange in escalation.client.exchanges]
        if [text for text, _ in turns] != sent:
            failures.append(
                f"{name}: the tracker's user messages {[text for text, _ in turns]} are not "
                f"the messages sent once each, in order: {sent}"
            )
            continue
        for (text, bot_events), exchange in zip(turns, escalation.client.exchanges):
            stored = [event.get("text") or "" for event in bot_events]
            if stored != [reply.get("text") or "" for reply in exchange.replies]:
                failures.append(
                    f"{name}: the answers stored after '{text}' are not the {len(exchange.replies)} "
                    f"the client got: {stored}"
                )
    return failures


def _case_failures(escalations: List[Escalation]) -> List[str]:
    rows = query(
        CASES_DB, "SELECT conversation_id, reference, product, product_group, mailbox, status, order_number FROM cases"
    )
    failures = [] if len(rows) == CONVERSATIONS else [f"{len(rows)} case records, expected {CONVERSATIONS}"]
    cases = {row[0]: row[1:] for row in rows}
    for escalation in escalations:
        expected = (
            escalation.reference,
            escalation.product,
            escalation.group,
            escalation.mailbox,
            "startad",
            escalation.order,
        )
        if cases.get(escalation.client.conversation_id) != expected:
            failures.append(
                f"{escalation.client.sender}: case record {cases.get(escalation.client.conversation_id)}, "
                f"expected {expected}"
            )
    return failures


def test_an_answer_lost_on_the_way_is_read_from_the_tracker_not_asked_again(cluster):
    """The client's way out of a 502 for a message that had been handled (see scale_client)."""
    sender = f"lost-answer-{time.time_ns()}"
    client = Client(cluster.url, sender, cluster.token, cluster.integration_token)
    replies = requests.post(
        f"{cluster.url}/webhooks/rest/webhook",
        timeout=120,
        headers=client.webhook_headers,
        json={"sender": sender, "message": "jag vill eskalera"},
    ).json()
    assert client._stored_answer("avbryt") is None
    assert client._stored_answer("jag vill eskalera") == [
        {key: value for key, value in reply.items() if key != "recipient_id"} for reply in replies
    ]
