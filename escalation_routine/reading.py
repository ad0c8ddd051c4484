"""What one message says, read with the parsers and the lexicon: the situation it tells, the
questions it asks (answered first, whatever else it says) and every detail it gives.

Both servers read messages this way: the Rasa server's NLU to decide what the message asks
(nlu/answer_first.py), the action server to fill the escalation's details from any message."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import FrozenSet, List, Optional

from escalation_routine import dates, facts, identifiers, products, times
from escalation_routine.lexicon import pattern, plain

MAX_INPUT = 2000
# Up to this many words a message is a request even without a question form: "mejladress koppar".
SHORT_REQUEST_WORDS = 6
SITUATION_ORDER = ["order_stop", "unsatisfied_remedy", "late_delivery", "not_per_agreement"]
TOPICS = ["mailbox", "phone", "hours"]


def sentences(text: str) -> List[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text[:MAX_INPUT])
    return [part.strip() for part in parts if part.strip()]


def _is_question(sentence: str, short: bool) -> bool:
    folded = plain(sentence)
    return short or folded.rstrip().endswith("?") or bool(pattern("questions.opening").search(folded))


def question_sentences(text: str) -> List[str]:
    short = len(text.split()) <= SHORT_REQUEST_WORDS
    return [sentence for sentence in sentences(text) if _is_question(sentence, short)]


def asked_topics(text: Optional[str]) -> FrozenSet[str]:
    """Which of mailbox, phone and hours the message asks for."""
    if not text:
        return frozenset()
    asked = set()
    for sentence in question_sentences(text):
        folded = plain(sentence)
        for topic in TOPICS:
            if pattern(f"questions.{topic}").search(folded):
                asked.add(topic)
        if "mailbox" in asked and pattern("questions.prepared_email").search(folded):
            asked.discard("mailbox")
    return frozenset(asked)


def is_polar(sentence: str) -> bool:
    """A yes/no question: "Kan jag eskalera …?", "Måste jag både mejla och ringa?"."""
    return bool(pattern("questions.polar_opening").search(plain(sentence)))


def polar_question(text: Optional[str]) -> Optional[str]:
    """The message's last yes/no question, if it asks one."""
    polar = [sentence for sentence in question_sentences(text or "") if is_polar(sentence)]
    return polar[-1] if polar else None


def asks_whether_escalatable(text: Optional[str]) -> bool:
    """"Kan jag eskalera …?", "Går det att eskalera …?": a yes/no question about escalating."""
    question = polar_question(text)
    return bool(question) and bool(pattern("questions.can_escalate").search(plain(question)))


def situation(text: Optional[str]) -> Optional[str]:
    """Which of the routine's four situations the message tells, if any."""
    if not text:
        return None
    folded = plain(text[:MAX_INPUT])
    return next((name for name in SITUATION_ORDER
                 if pattern(f"situations.{name}").search(folded)), None)


@dataclass(frozen=True)
class Reading:
    """Every detail of the escalation one message gives."""
    product: Optional[facts.Product]
    order_number: Optional[str]
    case_reference: Optional[str]
    situation: Optional[str]
    delivery_date: Optional[date]
    outage_start: Optional[datetime]
    asks: FrozenSet[str]

    @property
    def details(self) -> bool:
        return any((self.product, self.order_number, self.situation))


def read(text: Optional[str], now: datetime, asked_slot: Optional[str] = None) -> Reading:
    """`asked_slot`: the detail the bot asked for, which the text answers (a bare "8" is then a
    clock time, any identifier an order number)."""
    text = (text or "")[:MAX_INPUT]
    return Reading(
        product=products.meant_product(text),
        order_number=identifiers.order_number(text, asked=asked_slot == "order_number"),
        case_reference=identifiers.case_reference(text),
        situation=situation(text),
        delivery_date=dates.delivery_date(text, now.date()),
        outage_start=times.outage_start(text, now, asked=asked_slot == "outage_since"),
        asks=asked_topics(text),
    )
