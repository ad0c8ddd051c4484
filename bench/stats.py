"""Figures from the replayed messages: latency percentiles, throughput, growth with length."""

from dataclasses import dataclass
from statistics import median
from typing import Optional

import numpy

EARLY, LATE = 4, 40


@dataclass(frozen=True)
class Record:
    """One message: which conversation and turn (1-based), how long the answer took."""
    conversation: str
    turn: int
    length: int
    seconds: float
    error: Optional[str] = None
    unexpected: Optional[str] = None


def percentiles_ms(seconds: list[float]) -> dict:
    if not seconds:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    p50, p95, p99 = numpy.percentile(seconds, [50, 95, 99]) * 1000
    return {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "p99_ms": round(p99, 1)}


def growth(records: list[Record]) -> dict:
    """Median latency of message LATE against message EARLY, over conversations that long."""
    def at(turn: int) -> list[float]:
        return [r.seconds for r in records if r.turn == turn and r.length >= LATE and not r.error]

    early, late = at(EARLY), at(LATE)
    if not early or not late:
        return {"msg4_ms": None, "msg40_ms": None, "msg40_vs_msg4": None, "long_conversations": 0}
    return {"msg4_ms": round(median(early) * 1000, 1), "msg40_ms": round(median(late) * 1000, 1),
            "msg40_vs_msg4": round(median(late) / median(early), 2), "long_conversations": len(late)}


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
