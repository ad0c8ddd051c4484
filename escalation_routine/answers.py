"""Answers to what a message asks, from the facts and the clock: the mailbox, the phone and the
hours (for a day the question names too), and a plain yes or no first to a yes/no question."""

import re
from datetime import date, datetime, timedelta
from typing import List, Optional, Tuple

from escalation_routine import dates, eligibility, facts, opening_hours, reading, replies, times
from escalation_routine.lexicon import pattern, plain, weekday_number

# A holiday's name matches a word of the question that begins like it: "annandagen", "trettondagen".
_NAME_STEM = 8


def _holiday(folded: str, today: date) -> Optional[Tuple[date, str]]:
    words = re.findall(r"[a-z]+", folded)
    for day, name in opening_hours.named_days(today).items():
        stem = plain(name).split()[0][:_NAME_STEM]
        if any(word.startswith(stem) for word in words):
            return day, name
    return None


def _named_weekday(folded: str, today: date) -> Optional[date]:
    if pattern("questions.day_words.tomorrow").search(folded):
        return today + timedelta(days=1)
    if pattern("questions.day_words.after_weekend").search(folded):
        return today + timedelta(days=7 - today.weekday())
    match = pattern("questions.day_words.weekday").search(folded)
    if match:
        offset = (weekday_number(match.group("day")) - today.weekday()) % 7
        return today + timedelta(days=offset or 7)
    return None


def day_asked(text: Optional[str], now: datetime) -> Optional[Tuple[date, str]]:
    """The day other than today a clock question is about, and its name ("" for none)."""
    folded = plain(text or "")
    today = now.date()
    holiday = _holiday(folded, today)
    if holiday:
        return holiday
    weekday = _named_weekday(folded, today)
    if weekday:
        return weekday, ""
    found = [found.day for found in dates.find_dates(text, today) if found.day > today]
    return (found[0], "") if found else None


def _day_text(day: date, name: str) -> str:
    return f"{name} ({opening_hours.format_day(day)})" if name else opening_hours.format_day(day)


def is_open_on(day: date) -> bool:
    return opening_hours.is_open_day(day)


def hours_answer(text: Optional[str], now: datetime) -> str:
    """Open now or when it opens, the hours, and whether it is open on a day the text names."""
    answer = replies.phone_and_hours(now)
    asked = day_asked(text, now)
    if not asked:
        return answer
    day, name = asked
    if is_open_on(day):
        return f"{answer} {_day_text(day, name).capitalize()} har Kundservice öppet 08.00–16.30."
    evening = datetime.combine(day, datetime.max.time(), tzinfo=opening_hours.timezone())
    return (f"{answer} {_day_text(day, name).capitalize()} har Kundservice stängt; därefter öppnar "
            f"Kundservice {opening_hours.format_moment(opening_hours.next_opening(evening))}.")


def topic_answers(text: Optional[str], product: Optional[facts.Product], now: datetime) -> List[str]:
    """The answers to the mailbox, phone and hours questions the text asks, in that order."""
    asked = reading.asked_topics(text)
    answers = []
    if "mailbox" in asked:
        answers.append(replies.mailbox_answer(product))
    if asked & {"phone", "hours"}:
        answers.append(hours_answer(text, now))
    return answers


def _open_lead(text: str, now: datetime) -> str:
    asked = day_asked(text, now)
    is_open = is_open_on(asked[0]) if asked else opening_hours.is_open(now)
    return "Ja." if is_open else "Nej."


def polar_lead(text: Optional[str], intent: Optional[str], now: datetime) -> Optional[str]:
    """"Ja." or "Nej." for a yes/no question about the routine or the hours, where the routine
    gives that answer; None for any other message."""
    question = reading.polar_question(text)
    if not question:
        return None
    folded = plain(question)
    if intent == "ask_phone_hours":
        return _open_lead(question, now)
    if intent == "ask_how_start":
        return "Nej." if pattern("polar.only_one_step").search(folded) else "Ja."
    if intent == "ask_duration" and pattern("polar.promise").search(folded):
        return "Nej."
    if intent == "ask_closing":
        if pattern("polar.one_sided").search(folded):
            return "Nej."
        return "Ja." if pattern("polar.joint").search(folded) else None
    if intent in {"ask_updates", "ask_what_needed", "ask_responsible"}:
        return "Ja."
    return None


def can_escalate(text: Optional[str], now: datetime) -> Tuple[str, Optional[str]]:
    """The answer to "Kan jag eskalera …?" and the situation the question tells, if any."""
    question = reading.polar_question(text) or text or ""
    if pattern("polar.fault").search(plain(question)):
        return replies.fault_not_escalated(), None
    situation = reading.situation(question) or reading.situation(text)
    if situation == "order_stop":
        return _order_stop_verdict(text, now), situation
    if situation == "late_delivery":
        agreed = dates.delivery_date(text, now.date())
        if agreed and agreed >= now.date():
            return "Nej, inte än. " + replies.delivery_not_yet(agreed), situation
    if situation:
        label = facts.situations()[situation]["label"]
        return f"Ja. Det är en av de fyra situationer som kan eskaleras: {label.lower()}.", situation
    return replies.which_situations(), None


def _order_stop_verdict(text: Optional[str], now: datetime) -> str:
    start = times.outage_start(text, now)
    threshold = facts.facts()["outage_threshold_hours"]
    if start is None:
        return (f"Ja, när kundportalen och NetBusiness Connect har varit nere i mer än {threshold} "
                "timmar. " + replies.order_stop_call(None, now))
    answer = replies.order_stop_answer(start, None, now)
    return ("Ja. " if eligibility.outage_long_enough(start, now) else "Nej, inte än. ") + answer
