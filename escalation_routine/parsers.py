"""Parsers for what users type: order/reference numbers, Swedish dates, outage times and durations."""

import re
from datetime import date, datetime, timedelta, timezone
from typing import Dict, Optional

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from escalation_routine.facts import fold

_ORDER_NUMBER = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<prefixed>(?:ord|ref|order)-\d{3,}(?:-\d+)*)"
    r"|(?P<dashed>\d{1,6}-\d{3,10})"
    r"|(?P<plain>\d{5,12})"
    r")(?![\w-])",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MAX_INPUT = 500

_NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "halv": 0.5, "halvtimme": 0.5,
}
_WEEKDAYS = ["mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag"]


def order_number(text: Optional[str]) -> Optional[str]:
    """The first real-looking order or reference number in `text`, normalised (ORD-99812)."""
    if not text:
        return None
    text = _ISO_DATE.sub(" ", text[:MAX_INPUT])
    match = _ORDER_NUMBER.search(text)
    return match.group(0).upper() if match else None


class _SwedishParserInfo(dateutil_parser.parserinfo):
    MONTHS = [
        ("jan", "januari"), ("feb", "februari"), ("mar", "mars"), ("apr", "april"), ("maj",),
        ("jun", "juni"), ("jul", "juli"), ("aug", "augusti"), ("sep", "sept", "september"),
        ("okt", "oktober"), ("nov", "november"), ("dec", "december"),
    ]
    WEEKDAYS = [
        ("mån", "måndag"), ("tis", "tisdag"), ("ons", "onsdag"), ("tor", "torsdag"),
        ("fre", "fredag"), ("lör", "lördag"), ("sön", "söndag"),
    ]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "den", "på", "i", "var", "är", "datum", "e"]

    def __init__(self):
        super().__init__(dayfirst=True)


def _relative_day(folded: str, today: date) -> Optional[date]:
    words = folded.split()
    if "forrgar" in words or "i forrgar" in folded:
        return today - timedelta(days=2)
    if "igar" in words or "i gar" in folded:
        return today - timedelta(days=1)
    if "idag" in words or "i dag" in folded:
        return today
    if "imorgon" in words or "i morgon" in folded:
        return today + timedelta(days=1)
    for index, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b(i {name}s|forra {name}en|forra {name})\b", folded):
            return today - timedelta(days=(today.weekday() - index - 1) % 7 + 1)
        if re.search(rf"\b(pa {name}|nasta {name}|{name})\b", folded):
            return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    return None


def delivery_date(text: Optional[str], today: date) -> Optional[date]:
    """A Swedish date ("15 mars", "den 3/11", "2026-11-20", "i fredags") near `today`."""
    if not text or not text.strip():
        return None
    text = text[:MAX_INPUT]
    relative = _relative_day(fold(text), today)
    if relative:
        return relative
    iso = _ISO_DATE.search(text)
    if iso:
        try:
            return date.fromisoformat(iso.group(0))
        except ValueError:
            return None
    if not re.search(r"\d", text):
        return None
    try:
        parsed = dateutil_parser.parse(
            text.lower(), parserinfo=_SwedishParserInfo(), fuzzy=True,
            default=datetime(today.year, today.month, today.day),
        ).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\b\d{4}\b", text):
        parsed = _nearest_year(parsed, today)
    return parsed


def _nearest_year(day: date, today: date) -> date:
    """A date written without a year lies within half a year of today."""
    if day > today + relativedelta(months=6):
        return day - relativedelta(years=1)
    if day < today - relativedelta(months=6):
        return day + relativedelta(years=1)
    return day


_DURATION = re.compile(
    r"(?P<amount>\d+(?:[.,]\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|halv)"
    r"\s*(?:och en halv\s*)?(?P<unit>timmar|timme|tim|h|minuter|min)\b"
)
_HALF = re.compile(r"\bhalv\s+(?P<hour>\d{1,2}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b")
_CLOCK = re.compile(r"(?:\bkl\.?\s*|\bklockan\s+|\bsedan\s+|\bsen\s+|\bfrån\s+|^)(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\b")


def _amount(word: str) -> float:
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else float(word.replace(",", "."))


def outage_start(text: Optional[str], now: datetime) -> Optional[datetime]:
    """When an outage began, from "sedan kl 09.15", "sedan 08.00 i morse", "i 5 timmar" or "sedan en timme"."""
    if not text or not text.strip():
        return None
    lowered = " ".join(text[:MAX_INPUT].lower().split())
    duration = _DURATION.search(lowered)
    if duration:
        hours = _amount(duration.group("amount"))
        if "och en halv" in duration.group(0):
            hours += 0.5
        if duration.group("unit").startswith("m"):
            hours /= 60
        return (now.astimezone(timezone.utc) - timedelta(hours=hours)).astimezone(now.tzinfo)
    return _clock_time(lowered, now)


def _clock_time(lowered: str, now: datetime) -> Optional[datetime]:
    half = _HALF.search(lowered)
    clock = _CLOCK.search(lowered)
    if half:
        hour_word = half.group("hour")
        hour, minute = int(_amount(hour_word)) - 1, 30
    elif clock:
        hour, minute = int(clock.group("hour")), int(clock.group("minute") or 0)
    else:
        return None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    start = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if re.search(r"\bi ?går\b|\bigar\b|\bi gar\b", lowered) or start > now:
        start -= timedelta(days=1)
    return start


_CASE_REFERENCE = re.compile(r"(?<![\w-])esk-(\d{4})-(\d{1,9})(?![\w-])", re.IGNORECASE)


def case_reference(text: Optional[str]) -> Optional[str]:
    """A case reference such as ESK-2026-000123, normalised to upper case and six digits."""
    match = _CASE_REFERENCE.search((text or "")[:MAX_INPUT])
    return f"ESK-{match.group(1)}-{int(match.group(2)):06d}" if match else None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zåäö]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?:\+46|0)[\s-]?(?:\(0\))?[\s-]?\d{1,3}(?:[\s-]?\d){5,9}(?![\w-])")
_COMPANY = re.compile(r"\b(ab|hb|kb|oy|as|asa|aps|ltd|inc|gmbh|kommun|stadsnät|stadsnat)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:(?:kontakt|kontaktperson|företag|foretag|namn|e-?post|mejl|mail|telefon|tel)\s*:|"
    r"ni når mig(?: på| via)?|ni nar mig(?: pa| via)?|nå mig på|jag heter|mitt namn är|det är)\s*",
    re.IGNORECASE,
)
_FIELD_MAX = 200


def _clean_part(raw: str) -> Optional[str]:
    part = _FILLER.sub("", " ".join(raw.split())).strip(" .:")
    return part[:_FIELD_MAX] if re.search(r"[^\W\d_]", part) else None


def contact_details(text: Optional[str]) -> Optional[Dict[str, str]]:
    """Company, name, email and phone from "Operatör AB, Anna Andersson, anna@op.se, 070-123 45 67".
    Any subset will do; None when the text holds none of them or an email is malformed."""
    text = (text or "")[:MAX_INPUT]
    found: Dict[str, str] = {}
    email = _EMAIL.search(text)
    if "@" in text and not email:
        return None
    if email:
        found["email"] = email.group(0)
        text = text.replace(email.group(0), " ")
    phone = _PHONE.search(text)
    if phone:
        found["phone"] = " ".join(phone.group(0).split())
        text = text.replace(phone.group(0), " ")
    parts = [part for part in (_clean_part(raw) for raw in re.split(r"[,;\n]", text)) if part]
    companies = [part for part in parts if _COMPANY.search(part)]
    company = companies[0] if companies else (parts[0] if len(parts) > 1 else None)
    names = [part for part in parts if part != company]
    if company:
        found["company"] = company
    if names:
        found["name"] = names[0]
    return found or None
