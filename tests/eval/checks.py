"""What the bot said, judged by the vocabulary of BRIEF.md ("What expect and goal can check").

The checks read the reply's text (and whether it carries buttons), never intents or actions, and
match any sensible wording: a redesign of the bot is judged by the same checks."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Dict, List, Optional

PHONE = "0771-81 60 00"
MAILBOX = re.compile(r"kundservice-(fibervilla|fiber|koppar|inplaceringar)@skanova\.se", re.I)
GROUP_OF_ADDRESS = {"fibervilla": "fibervilla", "fiber": "fiber", "koppar": "koppar", "inplaceringar": "inplacering"}
GROUPS = set(GROUP_OF_ADDRESS.values())
PHONE_LIKE = re.compile(r"(?<![\d-])0\d{2,3}[-\s]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?![\d-])")
REFERENCE = re.compile(r"\bESK-\d{4}-\d+\b")
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
NOT_UNDERSTOOD = re.compile(r"förstod (jag )?inte|förstår (jag )?inte", re.I)

# What a question asks for, tried in this order on one question sentence.
ASKS = [
    ("case_kind", re.compile(r"förfrågan.*beställning.*leverans|vad gäller ärendet", re.I)),
    ("situation", re.compile(r"situation|vilken av (de|dessa)|vad har hänt", re.I)),
    ("delivery_date", re.compile(r"leveransdatum|vilket datum|vilken dag|när skulle", re.I)),
    ("outage_start", re.compile(r"sedan när|hur länge|när började|när (gick|låg)", re.I)),
    ("order_number", re.compile(r"ordernummer|referensnummer|ordernr|\bnummer", re.I)),
    ("product", re.compile(r"produkt", re.I)),
    ("contact", re.compile(r"kontaktuppgift|namn|e-?post|telefonnummer till dig", re.I)),
    ("yes_no", re.compile(r"^\W*(vill|ska|skall|har|är|stämmer|menade|menar|gäller|kan|behöver)\b", re.I)),
]
DETAILS = {"case_kind", "situation", "delivery_date", "outage_start", "order_number", "product"}


@dataclass
class Reply:
    """Everything the bot answered to one message."""

    text: str
    buttons: List[str] = field(default_factory=list)

    @classmethod
    def from_rest(cls, messages: List[dict]) -> "Reply":
        return cls(
            text="\n".join(message.get("text") or "" for message in messages).strip(),
            buttons=[button.get("title", "") for message in messages for button in message.get("buttons") or []],
        )


def fold(text: str) -> str:
    """Lower case without diacritics, so "aterstall" meets "återställ"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(text))


def mailbox_groups(text: str) -> set:
    return {GROUP_OF_ADDRESS[match.lower()] for match in MAILBOX.findall(text)}


def questions(text: str) -> List[str]:
    """The question sentences of a reply, in order."""
    sentences = re.split(r"(?<=[.!?:])\s+|\n+", text)
    return [sentence.strip() for sentence in sentences if sentence.strip().endswith("?")]


def asked(question: str) -> Optional[str]:
    for name, pattern in ASKS:
        if pattern.search(question):
            return name
    return None


def what_is_asked(reply: Reply) -> Optional[str]:
    """What the reply's last question asks for; None when it asks nothing."""
    found = questions(reply.text)
    return asked(found[-1]) if found else None


def all_asked(reply: Reply) -> set:
    return {asked(question) for question in questions(reply.text)} - {None}


def says_open(text: str) -> bool:
    return bool(re.search(r"öppet( just)? nu|(har|är) öppet|svarar (just )?nu", text, re.I))


def says_closed(text: str) -> bool:
    return bool(re.search(r"stängt|har inte öppet|är inte öppet|stängd", text, re.I))


def day_named(text: str, day: date, clock: datetime) -> bool:
    """The text names `day`: "7 december", or "i dag" / "i morgon" relative to the clock."""
    if re.search(rf"\b{day.day}\s+{MONTHS[day.month - 1]}\b", text, re.I):
        return True
    if re.search(rf"\b{day.day}/{day.month}\b", text):
        return True
    relative = {clock.date(): r"\bi ?dag\b", clock.date() + timedelta(days=1): r"\bi ?morgon\b"}
    return day in relative and bool(re.search(relative[day], text, re.I))


def clock_named(text: str, hhmm: str) -> bool:
    hour, minute = hhmm.replace(":", ".").split(".")
    return bool(re.search(rf"(?<!\d)0?{int(hour)}[.:]{minute}(?!\d)", text))


def _next_opening(value: str) -> Callable[[Reply, datetime], bool]:
    moment = datetime.strptime(value, "%Y-%m-%d %H:%M")

    def check(reply: Reply, clock: datetime) -> bool:
        return day_named(reply.text, moment.date(), clock) and clock_named(reply.text, moment.strftime("%H.%M"))

    return check


def _escalatable_from(value: str) -> Callable[[Reply, datetime], bool]:
    day = date.fromisoformat(value)

    def check(reply: Reply, clock: datetime) -> bool:
        return day_named(reply.text, day, clock) and not REFERENCE.search(reply.text)

    return check


def _mentions(patterns: List[str], present: bool) -> Callable[[Reply, datetime], bool]:
    def found(pattern: str, text: str) -> bool:
        return bool(re.search(pattern, text, re.I) or re.search(fold(pattern), fold(text)))

    def check(reply: Reply, clock: datetime) -> bool:
        return all(found(pattern, reply.text) == present for pattern in patterns)

    return check


def _asks(what: str) -> Callable[[Reply, datetime], bool]:
    def check(reply: Reply, clock: datetime) -> bool:
        kinds = all_asked(reply)
        return bool(kinds & DETAILS) if what == "any_detail" else what in kinds

    return check


def _escalation(reply: Reply, clock: datetime) -> bool:
    """The mailbox, a detail asked for, an offer to start, or (an order stop's routine) the call
    with the product's entry."""
    if mailbox_groups(reply.text) or all_asked(reply) & DETAILS:
        return True
    if PHONE in reply.text and CHECKS["product_entry"](True)(reply, clock):
        return True
    return any(
        asked(question) == "yes_no" and re.search(r"eskal|mejl", question, re.I) for question in questions(reply.text)
    )


def _about_now(text: str) -> str:
    """The sentences that speak of now, when some do: "closed on Saturday" says nothing of now."""
    sentences = re.split(r"(?<=[.!?;])\s+|\n+", text)
    return " ".join(s for s in sentences if re.search(r"\b(just )?nu\b", s, re.I)) or text


def _open_now(value: bool) -> Callable[[Reply, datetime], bool]:
    def check(reply: Reply, clock: datetime) -> bool:
        text = _about_now(reply.text)
        opened, closed = says_open(text), says_closed(text)
        return opened and not closed if value else closed

    return check


def _suggestions(reply: Reply, clock: datetime) -> bool:
    listed = [line for line in reply.text.splitlines() if re.match(r"\s*([-•*]|\d+\.)\s", line)]
    return len(reply.buttons) >= 2 or len(listed) >= 2


CHECKS: Dict[str, Callable] = {
    "mailbox": lambda value: lambda reply, clock: mailbox_groups(reply.text) == {value},
    "only_mailbox": lambda value: lambda reply, clock: mailbox_groups(reply.text) <= {value},
    "all_mailboxes": lambda value: lambda reply, clock: (mailbox_groups(reply.text) == GROUPS) == value,
    "no_mailbox": lambda value: lambda reply, clock: (not mailbox_groups(reply.text)) == value,
    "phone": lambda value: lambda reply, clock: (PHONE in reply.text) == value,
    "hours": lambda value: lambda reply, clock: bool(re.search(r"0?8[.:]00\s*[–-]\s*16[.:]30", reply.text)) == value,
    "open_now": _open_now,
    "next_opening": _next_opening,
    "four_hours_at": lambda value: lambda reply, clock: clock_named(reply.text, value),
    "product_entry": lambda value: (
        lambda reply, clock: (
            bool(re.search(r"ingång|menyval|val i (telefon)?menyn|knappval", reply.text, re.I)) == value
        )
    ),
    "case_reference": lambda value: lambda reply, clock: bool(REFERENCE.search(reply.text)) == value,
    "number": lambda value: lambda reply, clock: _alnum(str(value)) in _alnum(reply.text),
    "asks": _asks,
    "not_asks": lambda values: lambda reply, clock: not (set(values) & all_asked(reply)),
    "escalation": lambda value: lambda reply, clock: _escalation(reply, clock) == value,
    "yes": lambda value: lambda reply, clock: bool(re.match(r"\W*ja\b", reply.text, re.I)) == value,
    "no": lambda value: lambda reply, clock: bool(re.match(r"\W*nej\b", reply.text, re.I)) == value,
    "escalatable_from": _escalatable_from,
    "suggestions": lambda value: lambda reply, clock: _suggestions(reply, clock) == value,
    "mentions": lambda values: _mentions(values, True),
    "not_mentions": lambda values: _mentions(values, False),
}


def always(reply: Reply, expect: dict) -> List[str]:
    """What every reply is checked for, whatever the case expects."""
    failures = []
    if not reply.text and not reply.buttons:
        failures.append("no answer")
    expected_group = expect.get("mailbox") or expect.get("only_mailbox")
    if expected_group and mailbox_groups(reply.text) - {expected_group}:
        failures.append(f"another mailbox: {sorted(mailbox_groups(reply.text))}")
    others = {" ".join(number.split()) for number in PHONE_LIKE.findall(reply.text)} - {PHONE}
    if others:
        failures.append(f"another phone number: {sorted(others)}")
    return failures


def failures(reply: Reply, expect: dict, clock: datetime) -> List[str]:
    """The keys of `expect` the reply does not satisfy, with the always-checks."""
    failed = always(reply, expect)
    for key, value in expect.items():
        if key not in CHECKS:
            raise KeyError(f"unknown check {key!r}")
        if not CHECKS[key](value)(reply, clock):
            failed.append(f"{key}: {value}")
    return failed
