"""The end-to-end evaluation: every case over the REST channel against a real Rasa server and a
real action server, the action server standing on each case's clock (ASSISTANT_NOW).

A dialogue is played by a simulated user: its scripted turns first, then answers from its persona
to whatever the bot asks, until the goal is reached or the bot has had its turns."""

import json
import os
import socket
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Callable, Dict, Iterator, List, Optional

import requests

from tests.eval import cases as case_files
from tests.eval.checks import NOT_UNDERSTOOD, Reply, failures, what_is_asked
from tests.rasa.project import (
    BIN,
    MODEL,
    OUTPUT,
    endpoints_yml,
    rasa_server_command,
    start_server,
    stop_server,
    wait_for,
)

RASA_PORT = 5305
ACTIONS_PORT = 5355
WORKERS = 4
# What the simulated user says when the bot asks nothing and the goal is not reached yet.
CARRY_ON = "jag vill eskalera det här ärendet"
DONT_KNOW = "vet inte"


@dataclass
class Result:
    id: str
    category: int
    dialogue: bool
    passed: bool
    problems: List[str]
    transcript: List[dict] = field(default_factory=list)
    goal_turn: Optional[int] = None
    not_understood: int = 0


def simulated_answer(persona: Dict[str, List[str]], asked: Optional[str], used: Counter) -> str:
    if asked is None:
        return CARRY_ON
    phrasings = persona.get(asked) or []
    if not phrasings:
        return DONT_KNOW
    answer = phrasings[min(used[asked], len(phrasings) - 1)]
    used[asked] += 1
    return answer


def play(case: case_files.Case, converse: Callable[[str], Reply], clock: datetime) -> Result:
    transcript, problems, kinds = [], [], []
    scripted = list(case.turns)
    used: Counter = Counter()
    goal_turn: Optional[int] = None
    reply: Optional[Reply] = None
    while scripted or (case.goal is not None and goal_turn is None and len(transcript) < case.max_bot_turns):
        if scripted:
            turn = scripted.pop(0)
            message, expect = turn.say, turn.expect
        else:
            message, expect = simulated_answer(case.persona, what_is_asked(reply), used), {}
        reply = converse(message)
        number = len(transcript) + 1
        transcript.append({"user": message, "bot": reply.text, "buttons": reply.buttons})
        problems += [f"turn {number}: {problem}" for problem in failures(reply, expect, clock)]
        kinds.append(what_is_asked(reply))
        if kinds[-1] and kinds[-3:] == [kinds[-1]] * 3:
            problems.append(f"turn {number}: the same question three times in a row ({kinds[-1]})")
        if case.goal is not None and goal_turn is None and not failures(reply, case.goal, clock):
            goal_turn = number
    if case.goal is not None and goal_turn is None:
        problems.append(f"goal not reached: {case.goal}")
    if case.all_in_one and goal_turn and goal_turn > 2:
        problems.append(f"all-in-one message reached its goal only at bot turn {goal_turn}")
    return Result(
        id=case.id,
        category=case.category,
        dialogue=case.is_dialogue,
        passed=not problems,
        problems=problems,
        transcript=transcript,
        goal_turn=goal_turn,
        not_understood=sum(bool(NOT_UNDERSTOOD.search(entry["bot"])) for entry in transcript),
    )


def conversation(server: str, sender: str) -> Callable[[str], Reply]:
    url = f"{server}/webhooks/rest/webhook"

    def converse(message: str) -> Reply:
        response = requests.post(url, json={"sender": sender, "message": message}, timeout=60)
        response.raise_for_status()
        return Reply.from_rest(response.json())

    return converse


def _free(port: int) -> None:
    """A server already on the port would answer in place of the one started here."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is in use: stop what listens there before the evaluation")


@contextmanager
def rasa_server(workdir: str) -> Iterator[str]:
    _free(RASA_PORT)
    endpoints = os.path.join(workdir, "endpoints.yml")
    with open(endpoints, "w", encoding="utf-8") as handle:
        handle.write(endpoints_yml(f"http://localhost:{ACTIONS_PORT}/webhook"))
    process = start_server(
        "eval-rasa-server",
        rasa_server_command(RASA_PORT, MODEL, endpoints),
        dict(os.environ),
    )
    try:
        wait_for(f"http://localhost:{RASA_PORT}/", process)
        yield f"http://localhost:{RASA_PORT}"
    finally:
        stop_server(process)


@contextmanager
def action_server(clock: datetime, workdir: str) -> Iterator[None]:
    _free(ACTIONS_PORT)
    env = {**os.environ, "ASSISTANT_NOW": clock.isoformat(), "CASES_DB_URL": f"sqlite:///{workdir}/cases.sqlite"}
    process = start_server(
        "eval-action-server",
        [str(BIN / "rasa"), "run", "actions", "--port", str(ACTIONS_PORT), "--actions", "actions"],
        env,
    )
    try:
        wait_for(f"http://localhost:{ACTIONS_PORT}/health", process)
        yield
    finally:
        stop_server(process)


def run(selected: List[case_files.Case]) -> List[Result]:
    clocks = case_files.clocks()
    by_clock: Dict[str, List[case_files.Case]] = defaultdict(list)
    for case in selected:
        by_clock[case.clock].append(case)
    run_id = time.time_ns()
    results: List[Result] = []
    with tempfile.TemporaryDirectory() as workdir, rasa_server(workdir) as server:
        for name, group in by_clock.items():
            with action_server(clocks[name], workdir), ThreadPoolExecutor(WORKERS) as pool:
                results += pool.map(
                    lambda case: play(case, conversation(server, f"eval-{run_id}-{case.id}"), clocks[case.clock]), group
                )
    return sorted(results, key=lambda result: result.id)


def summary(results: List[Result]) -> dict:
    def rate(subset: List[Result]) -> dict:
        passed = sum(result.passed for result in subset)
        return {"cases": len(subset), "passed": passed, "rate": round(passed / len(subset), 4) if subset else None}

    messages = [result for result in results if not result.dialogue]
    dialogues = [result for result in results if result.dialogue]
    categories = sorted({result.category for result in results})
    return {
        "messages": rate(messages),
        "dialogues": rate(dialogues),
        "messages_by_category": {c: rate([r for r in messages if r.category == c]) for c in categories},
        "dialogues_by_category": {c: rate([r for r in dialogues if r.category == c]) for c in categories},
        "replies_not_understood": sum(result.not_understood for result in results),
        "triple_repeats": sum(any("three times" in p for p in result.problems) for result in results),
    }


def write_report(results: List[Result]) -> dict:
    out = OUTPUT / "eval"
    out.mkdir(parents=True, exist_ok=True)
    report = {"summary": summary(results), "results": [asdict(result) for result in results]}
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    with (out / "failures.txt").open("w", encoding="utf-8") as handle:
        for result in results:
            if result.passed:
                continue
            handle.write(f"== {result.id} (category {result.category})\n")
            handle.writelines(f"   ! {problem}\n" for problem in result.problems)
            for entry in result.transcript:
                handle.write(f"   U: {entry['user']}\n")
                bot = entry["bot"].replace("\n", "\n      ")
                handle.write(f"   B: {bot}\n")
                if entry["buttons"]:
                    handle.write(f"      [{' | '.join(entry['buttons'])}]\n")
            handle.write("\n")
    return report["summary"]
