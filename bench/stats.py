"""Figures from the replayed messages: latency percentiles, throughput, growth with length."""

from dataclasses import dataclass
from statistics import median
from typing import Optional

import numpy

EARLY, LATE = 4, 40
# Message 40 against message 4 with the two messages before and after each: the long
# conversations repeat cycles that divide 36, so turns 2-6 and 38-42 are the same five messages.
AROUND = 2


@dataclass(frozen=True)
class Record:
    """One message: which conversation (and which replay of it), the turn (1-based), how long
    the answer took."""

    conversation: str
    turn: int
    length: int
    seconds: float
    sender: str = ""
    error: Optional[str] = None
    unexpected: Optional[str] = None


def percentiles_ms(seconds: list[float]) -> dict:
    if not seconds:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    p50, p95, p99 = numpy.percentile(seconds, [50, 95, 99]) * 1000
    return {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "p99_ms": round(p99, 1)}


def growth(records: list[Record]) -> dict:
    """Messages around LATE against the same messages around EARLY in each conversation that
    reached LATE + AROUND: the median latencies, and the median over conversations of the ratio."""

    def window(turn: int) -> range:
        return range(turn - AROUND, turn + AROUND + 1)

    by_sender: dict[str, dict[int, float]] = {}
    for r in records:
        if r.length >= LATE + AROUND and not r.error:
            by_sender.setdefault(r.sender, {})[r.turn] = r.seconds
    complete = [turns for turns in by_sender.values() if all(turn in turns for turn in [*window(EARLY), *window(LATE)])]
    if not complete:
        return {"msg4_ms": None, "msg40_ms": None, "msg40_vs_msg4": None, "long_conversations": 0}
    early = [turns[turn] for turns in complete for turn in window(EARLY)]
    late = [turns[turn] for turns in complete for turn in window(LATE)]
    ratios = [
        sum(turns[turn] for turn in window(LATE)) / sum(turns[turn] for turn in window(EARLY)) for turns in complete
    ]
    return {
        "msg4_ms": round(median(early) * 1000, 1),
        "msg40_ms": round(median(late) * 1000, 1),
        "msg40_vs_msg4": round(median(ratios), 2),
        "long_conversations": len(complete),
    }


def summary(records: list[Record], wall_seconds: float) -> dict:
    answered = [r.seconds for r in records if not r.error]
    return {
        "messages": len(records),
        "errors": sum(1 for r in records if r.error),
        "unexpected": sum(1 for r in records if r.unexpected),
        "seconds": round(wall_seconds, 1),
        "throughput": round(len(answered) / wall_seconds, 2) if wall_seconds else None,
        **percentiles_ms(answered),
        **growth(records),
    }


def ratio(numerator: Optional[float], denominator: Optional[float]) -> Optional[float]:
    return round(numerator / denominator, 2) if numerator and denominator else None
