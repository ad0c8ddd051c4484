"""Replays conversations over the REST channel from N conversations at once (closed loop: each
sends its next message when the answer to the last one has come).

Each of the N workers walks the whole list of conversations, starting at its own place in it,
and stops after the same number of messages as the others, so the N stay busy together to the
end instead of a few long conversations trailing at lower concurrency."""

import asyncio
import time

import aiohttp
from tqdm import tqdm

from bench.conversations import Conversation, Turn
from bench.stats import Record

TIMEOUT = aiohttp.ClientTimeout(total=120)


def worker_plan(conversations: list[Conversation], worker: int, workers: int, messages: int):
    """(conversation, turns) for one worker: the list from its own start, cut at `messages`."""
    start = worker * len(conversations) // workers
    plan, left, index = [], messages, start
    while left > 0:
        conversation = conversations[index % len(conversations)]
        turns = conversation.turns[:left]
        plan.append((conversation, turns))
        left -= len(turns)
        index += 1
    return plan


def answer_text(replies: list) -> str:
    return "\n".join(reply.get("text", "") for reply in replies)


async def say(session: aiohttp.ClientSession, url: str, sender: str, turn: Turn):
    """(seconds, error or None, what was unexpected or None)."""
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": turn.say}) as response:
            body = await response.text()
            replies = await response.json(content_type=None) if response.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError) as problem:
        return time.perf_counter() - started, type(problem).__name__, None
    seconds = time.perf_counter() - started
    if replies is None:
        return seconds, f"HTTP {response.status}: {body[:80]}", None
    text = answer_text(replies)
    if turn.expect and turn.expect not in text:
        return seconds, None, f"{turn.say!r} -> {text[:160]!r}, expected {turn.expect!r}"
    return seconds, None, None


async def run_worker(session, url, tag, plan, records, bar):
    for number, (conversation, turns) in enumerate(plan):
        sender = f"{tag}-{number}-{conversation.name}"
        for index, turn in enumerate(turns, 1):
            seconds, error, unexpected = await say(session, url, sender, turn)
            records.append(
                Record(conversation.name, index, len(conversation.turns), seconds, sender, error, unexpected)
            )
            bar.update()


async def replay(
    server: str, conversations: list[Conversation], workers: int, messages_per_worker: int, tag: str, label: str
) -> tuple[list[Record], float]:
    """All records and the wall time from the first message to the last answer."""
    url = f"{server}/webhooks/rest/webhook"
    plans = [worker_plan(conversations, worker, workers, messages_per_worker) for worker in range(workers)]
    records: list[Record] = []
    connector = aiohttp.TCPConnector(limit=workers)
    with tqdm(total=workers * messages_per_worker, desc=label, unit="msg", leave=True) as bar:
        async with aiohttp.ClientSession(connector=connector, timeout=TIMEOUT) as session:
            started = time.perf_counter()
            await asyncio.gather(
                *(run_worker(session, url, f"{tag}-w{worker}", plan, records, bar) for worker, plan in enumerate(plans))
            )
            wall = time.perf_counter() - started
    return records, wall
