"""Answers to what a message asks, from the facts and the clock: the mailbox, the phone and the
hours (for a day the question names too), and a plain yes or no first to a yes/no question."""

import re
from datetime import date, datetime, time, timedelta
from typing import List, Optional, Tuple

from escalation_routine import dates, eligibility, facts, opening_hours, products, reading, replies, times
from escalation_routine.lexicon import entry, number, pattern, plain, weekday_number

# A holiday period is the next run of its holidays within this many days: jul to trettondedag jul.
_PERIOD_DAYS = 20
# A holiday's name matches words of the question that begin like it: "annandagen", "alla helgons".
_NAME_STEM = 8


def _holiday(folded: str, today: date) -> Optional[Tuple[date, str]]:
    for day, name in opening_hours.named_days(today).items():
        stem = plain(name).replace(" ", "")[:_NAME_STEM]
        if re.search(r"\b" + r"\s?".join(stem), folded):
            return day, name
    return None


def _named_weekday(folded: str, today: date) -> Optional[date]:
    if pattern("questions.day_words.weekend").search(folded) and not pattern(
        "questions.day_words.after_weekend"
    ).search(folded):
        return today + timedelta(days=(5 - today.weekday()) % 7)
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
    weekday = _named_weekday(folded, today)
    if holiday and weekday and re.search(r"\befter\b", folded):
        # "på måndag efter midsommar": that weekday after the holiday.
        after = holiday[0] + timedelta(days=(weekday.weekday() - holiday[0].weekday()) % 7 or 7)
        return after, ""
    if holiday:
        return holiday
    if weekday:
        return weekday, ""
    found = [found.day for found in dates.find_dates(text, today) if found.day > today]
    return (found[0], "") if found else None


def _day_text(day: date, name: str) -> str:
    return f"{name} ({opening_hours.format_day(day)})" if name else opening_hours.format_day(day)


def _day_answer(day: date, name: str) -> str:
    if opening_hours.is_open_day(day):
        return f"{_day_text(day, name).capitalize()} har Kundservice öppet {opening_hours.daily_hours_text()}."
    evening = datetime.combine(day, datetime.max.time(), tzinfo=opening_hours.timezone())
    return (
        f"{_day_text(day, name).capitalize()} har Kundservice stängt; därefter öppnar "
        f"Kundservice {opening_hours.format_moment(opening_hours.next_opening(evening))}."
    )


def _period(folded: str, today: date) -> Optional[Tuple[str, date, date]]:
    """A holiday period the question names ("över jul och nyår", "påsk"): its name, first and last day."""
    for name, period in entry("questions.periods").items():
        if not re.search(period["words"], folded):
            continue
        days = [day for day, holiday in opening_hours.named_days(today).items() if plain(holiday) in period["days"]]
        days = [day for day in days if day - days[0] <= timedelta(days=_PERIOD_DAYS)]
        if days:
            return period["name"], days[0] - timedelta(days=1), days[-1] + timedelta(days=1)
    return None


def _period_answer(name: str, first: date, last: date) -> str:
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    open_days = [opening_hours.format_day(day) for day in days if opening_hours.is_open_day(day)]
    listed = ", ".join(open_days[:-1]) + f" och {open_days[-1]}" if len(open_days) > 1 else "".join(open_days)
    return (
        f"{name.capitalize()} har Kundservice öppet {opening_hours.daily_hours_text()} {listed or 'inga dagar'}; "
        "helgdagarna, aftnarna och helgerna är det stängt."
    )


def hours_answer(text: Optional[str], now: datetime) -> str:
    """Whether Kundservice is open on a day or in a holiday period the text names, first; then
    the phone, the hours and open now or when it opens."""
    general = replies.phone_and_hours(now)
    if pattern("questions.next_time").search(plain(text or "")) and opening_hours.is_open(now):
        after_today = opening_hours.next_opening(opening_hours.closing_time(now))
        general += f" Efter i dag öppnar Kundservice {opening_hours.format_moment(after_today)}."
    asked = day_asked(text, now)
    if asked:
        return f"{_day_answer(*asked)} {general}"
    period = _period(plain(text or ""), now.date())
    return f"{_period_answer(*period)} {general}" if period else general


def topic_answers(text: Optional[str], product: Optional[facts.Product], now: datetime) -> List[str]:
    """The answers to the mailbox, phone and hours questions the text asks, in that order."""
    asked = reading.asked_topics(text)
    answers = []
    if "mailbox" in asked:
        answers.append(mailbox_answer(text, product))
    if asked & {"phone", "hours"}:
        answers.append(hours_reply(text, now))
    return answers


def hours_reply(text: Optional[str], now: datetime) -> str:
    """The hours answer with yes or no first when the message asks a yes/no question about them."""
    hours = hours_answer(text, now)
    lead = polar_lead(text, "ask_phone_hours", now)
    return f"{lead} {hours}" if lead else hours


def mailbox_answer(text: Optional[str], product: Optional[facts.Product]) -> str:
    """The mailbox of the product meant, of each product when the message names several, or all
    four; "Ja."/"Nej." first when the message asks whether an address it names is right."""
    named = products.meant_products(text)
    if len(named) > 1:
        lead = _same_mailbox_lead(text, named)
        answer = replies.mailboxes_of(named)
        return f"{lead} {answer}" if lead else answer
    product = named[0] if named else product
    lead = mailbox_lead(text, product)
    answer = replies.mailbox_answer(product)
    return f"{lead} {answer}" if lead else answer


def mailbox_lead(text: Optional[str], product: Optional[facts.Product]) -> Optional[str]:
    """ "Ska Fiber Lägenhet till kundservice-fiber@skanova.se?": yes or no for the address named."""
    folded = plain(text or "")
    address = re.search(r"kundservice-[a-z]+@skanova\.se", folded)
    group = pattern("questions.group_address").search(folded)
    named = address.group(0) if address else (facts.mailboxes()[group.group("group")].lower() if group else None)
    if not named or product is None:
        return None
    return "Ja." if named == product.mailbox.lower() else "Nej."


def _same_mailbox_lead(text: Optional[str], named: List[facts.Product]) -> Optional[str]:
    """ "Går Fiber Lägenhet till samma adress som Fiber Villa?"."""
    question = plain(reading.last_question(text))
    if len(named) != 2 or not re.search(r"\bsamma\b", question):
        return None
    return "Ja." if named[0].mailbox == named[1].mailbox else "Nej."


def _open_lead(text: str, now: datetime) -> Optional[str]:
    """Yes or no to "har ni öppet …?" for the day asked about, or now."""
    folded = plain(text)
    asked = day_asked(text, now)
    clauses = [folded, *reading.clauses(folded)]
    if any(pattern("questions.wh_opening").search(clause) for clause in clauses) or (
        not asked and _period(folded, now.date())
    ):
        return None
    later = _moment_from_now(folded, now)
    if later:
        return "Ja." if opening_hours.is_open(later) else "Nej."
    said = _said_hours(folded)
    if said is not None:
        return "Ja." if said else "Nej."
    if asked:
        is_open = opening_hours.is_open_day(asked[0])
    elif pattern("questions.day_words.tonight").search(folded):
        is_open = False
    else:
        is_open = opening_hours.is_open(now)
    if pattern("questions.asks_closed").search(folded):
        is_open = not is_open
    return "Ja." if is_open else "Nej."


def _moment_from_now(folded: str, now: datetime) -> Optional[datetime]:
    match = pattern("questions.in_time").search(folded)
    if not match:
        return None
    if match.group("half"):
        return now + timedelta(minutes=30)
    amount = number(match.group("amount"))
    return now + timedelta(minutes=amount if match.group("unit").startswith("m") else amount * 60)


def _said_hours(folded: str) -> Optional[bool]:
    """Whether a time the question names is right: "öppnar ni 8?", "öppet till 17?"."""
    opens, closes = opening_hours.daily_hours()
    match = pattern("questions.opens_at").search(folded)
    if match:
        return time(int(number(match.group("hour"))), int(match.group("minute") or 0)) == opens
    match = pattern("questions.open_until").search(folded)
    if match:
        hour = int(number(match.group("hour") or match.group("hour2")))
        minute = int(match.group("minute") or match.group("minute2") or 0)
        return hour < 24 and time(hour, minute % 60) <= closes
    return None


def _hours_question(text: Optional[str]) -> Optional[str]:
    """The message's question about the hours; any that does not open with a question word is a
    yes/no question ("öppet juldagen?", "nån som svarar på lördag?")."""
    hours = [
        sentence for sentence in reading.question_sentences(text or "") if "hours" in reading.asked_topics(sentence)
    ]
    return hours[-1] if hours else None


def polar_lead(text: Optional[str], intent: Optional[str], now: datetime) -> Optional[str]:
    """ "Ja." or "Nej." for a yes/no question about the routine or the hours, where the routine
    gives that answer; None for any other message."""
    if intent == "ask_phone_hours":
        question = _hours_question(text)
        if question:
            return _open_lead(question, now)
        question = plain(reading.last_question(text))
        return "Ja." if pattern("polar.same_phone").search(question) else None
    question = reading.polar_question(text)
    if not question:
        return None
    folded = plain(question)
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
    if reading.tells_fault(question):
        return replies.fault_not_escalated(), None
    situation = reading.situation(question) or reading.situation(text)
    if situation == "order_stop":
        return _order_stop_verdict(text, now), situation
    if situation == "late_delivery":
        agreed = dates.delivery_date(text, now.date())
        if agreed and agreed >= now.date():
            return "Nej, inte än. " + replies.delivery_not_yet(agreed), situation
    if situation:
        label = facts.situations()[situation].label
        how = replies.how_to_start(products.meant_product(text))
        return (f"Ja. Det är en av de fyra situationer som kan eskaleras: {label.lower()}. {how}", situation)
    agreed = dates.delivery_date(text, now.date())
    if agreed and agreed >= now.date():
        return "Nej, inte än. " + replies.delivery_not_yet(agreed), "late_delivery"
    kind = facts.resolve_case_kind(question)
    product = products.meant_product(text)
    if kind or product:
        return replies.escalatable_when(kind, product), None
    return replies.which_situations(), None


def _order_stop_verdict(text: Optional[str], now: datetime) -> str:
    start = times.outage_start(text, now)
    threshold = facts.facts().outage_threshold_hours
    if start is None:
        return (
            f"Ja, när kundportalen och NetBusiness Connect har varit nere i mer än {threshold} "
            "timmar. " + replies.order_stop_call(None, now)
        )
    answer = replies.order_stop_answer(start, None, now)
    return ("Ja. " if eligibility.outage_long_enough(start, now) else "Nej, inte än. ") + answer
