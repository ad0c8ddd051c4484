"""What one message says, read with the parsers and the lexicon: the situation it tells, the
questions it asks (answered first, whatever else it says) and every detail it gives.

Both servers read messages this way: the Rasa server's NLU to decide what the message asks
(nlu/answer_first.py), the action server to fill the escalation's details from any message."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Dict, FrozenSet, List, Optional

from escalation_routine import dates, facts, identifiers, products, times
from escalation_routine.lexicon import entry, pattern, plain

MAX_INPUT = 2000
# Up to this many words a message is a request even without a question form: "mejladress koppar".
SHORT_REQUEST_WORDS = 6
# Words beside a number that still make it the whole answer: "det är 4711-2345".
ONLY_IDENTIFIER_WORDS = 2
# Up to this many words "vet inte, har inget" is the whole answer, not part of a story.
CANNOT_GIVE_WORDS = 8
SITUATION_ORDER = ["order_stop", "unsatisfied_remedy", "late_delivery", "not_per_agreement"]
TOPICS = ["mailbox", "phone", "hours"]
# The intents of the questions about the routine itself: those the lexicon reads (questions.routine).
ROUTINE_QUESTIONS = frozenset(entry("questions.routine"))


def sentences(text: str) -> List[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text[:MAX_INPUT])
    return [part.strip() for part in parts if part.strip()]


def clauses(folded: str) -> List[str]:
    """The clauses of a sentence, each without the small words before its first real word."""
    parts = pattern("questions.clause_break").split(folded)
    return [pattern("questions.filler").sub("", part) for part in parts if part and part.strip()]


def _is_question(sentence: str, short: bool) -> bool:
    """Ends in "?", is a short request, ends in "tack", or has a clause that opens as a question
    ("…, vilken adress skickar jag det till")."""
    folded = plain(sentence).rstrip()
    return (
        short
        or folded.endswith("?")
        or bool(pattern("questions.request_end").search(folded))
        or any(pattern("questions.opening").search(clause) for clause in clauses(folded))
    )


def asks_something(text: Optional[str]) -> bool:
    """A question in form: a "?" or a clause opening with a question word ("vad kostar …"), not
    just a short message ("ordern är för fiber småföretag")."""
    folded = plain(text or "")
    return "?" in folded or any(pattern("questions.opening").search(clause) for clause in clauses(folded))


def last_question(text: Optional[str]) -> str:
    """The message's last question: the last sentence ending in "?" if any, else the last
    sentence that reads as one ("vilken mejl gäller")."""
    asked = question_sentences(text or "")
    marked = [sentence for sentence in asked if sentence.rstrip().endswith("?")]
    return (marked or asked or [""])[-1]


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
        parts = [folded, *clauses(folded)]
        for topic in TOPICS:
            if any(pattern(f"questions.{topic}").search(part) for part in parts):
                asked.add(topic)
        if "mailbox" in asked and pattern("questions.prepared_email").search(folded):
            asked.discard("mailbox")
    return frozenset(asked)


def polar_clause(sentence: str) -> Optional[str]:
    """The sentence's last clause that asks a yes/no question: "Kan jag eskalera …?", "…, går
    det att eskalera då?", "Måste jag både mejla och ringa?"."""
    polar = [clause for clause in clauses(plain(sentence)) if pattern("questions.polar_opening").search(clause)]
    return polar[-1] if polar else None


def polar_question(text: Optional[str]) -> Optional[str]:
    """The message's last yes/no question (from its yes/no clause on), if it asks one."""
    polar = [clause for clause in (polar_clause(sentence) for sentence in question_sentences(text or "")) if clause]
    return polar[-1] if polar else None


def asks_whether_escalatable(text: Optional[str]) -> bool:
    """ "Kan jag eskalera …?", "Går det att eskalera …?": a yes/no question whether a case may be
    escalated, not one about how an escalation goes ("räcker det att mejla eskaleringen?")."""
    question = polar_question(text)
    return (
        bool(question)
        and bool(pattern("questions.can_escalate").search(question))
        and not pattern("questions.help_request").search(question)
        and routine_question(question) is None
    )


def case_step(text: Optional[str]) -> Optional[str]:
    """ "started" or "closed" when the message tells that step of a case record."""
    folded = plain(text or "")
    return next((step for step in ("closed", "started") if pattern(f"cases.{step}").search(folded)), None)


def asks_next_step(text: Optional[str]) -> bool:
    """ "Vad händer nu?", "och sen då?": what the user is to do next, in a message that tells no
    situation ("leveransen är sen, vad gör jag nu?" wants to escalate)."""
    return bool(pattern("cases.next_step").search(plain(text or ""))) and situation(text) is None


def about_existing_case(text: Optional[str]) -> bool:
    """ "Vad har hänt med ordern vi eskalerade i tisdags?": a question about a case already made."""
    return bool(pattern("questions.existing_case").search(plain(text or "")))


def only_identifier(text: Optional[str]) -> bool:
    """The message is an order or reference number and little else ("KP 0099-312", "ordernr
    5566 7788"): an answer to the question for it, whatever a classifier makes of the digits."""
    number = identifiers.order_number(text, asked=True)
    if not number:
        return False
    rest = plain(text or "").replace(plain(number), " ")
    rest = pattern("identifiers.keywords").sub(" ", rest)
    return len(re.findall(r"[a-z]{2,}", rest)) <= ONLY_IDENTIFIER_WORDS


def cannot_give(text: Optional[str]) -> bool:
    """A short answer that says the user cannot give what was asked: "vet inte", "har inget nr"."""
    folded = plain(text or "")
    return (
        len(folded.split()) <= CANNOT_GIVE_WORDS
        and situation(text) is None
        and bool(pattern("answers.unknown").search(folded))
    )


def tells_fault(text: Optional[str]) -> bool:
    """A fault report ("felanmäla ett trasigt uttag"): not something the routine escalates."""
    return bool(pattern("polar.fault").search(plain(text or "")))


def routine_questions(text: Optional[str]) -> List[str]:
    """Each question about the routine the message asks, clause by clause, in order."""
    found: List[str] = []
    for sentence in question_sentences(text or ""):
        for clause in [plain(sentence), *clauses(plain(sentence))]:
            intent = routine_question(clause)
            if intent and intent not in found:
                found.append(intent)
    return found


def routine_question(text: Optional[str]) -> Optional[str]:
    """Which question about the routine a question asks, by its words (lexicon: routine)."""
    folded = plain(text or "")
    return next((intent for intent, words in entry("questions.routine").items() if re.search(words, folded)), None)


def situation(text: Optional[str]) -> Optional[str]:
    """Which of the routine's four situations the message tells, if any."""
    if not text:
        return None
    folded = plain(text[:MAX_INPUT])
    return next((name for name in SITUATION_ORDER if pattern(f"situations.{name}").search(folded)), None)


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

    def slot_values(self) -> Dict[str, Optional[str]]:
        """The details as the escalation form's slots hold them: names and ISO dates and times."""
        return {
            "situation": self.situation,
            "product": self.product.name if self.product else None,
            "order_number": self.order_number,
            "agreed_delivery_date": self.delivery_date.isoformat() if self.delivery_date else None,
            "outage_since": self.outage_start.isoformat() if self.outage_start else None,
        }


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
