"""The escalation form's logic: which details a situation needs, when a case is eligible, and the
answer once the details are in. Slots hold plain values: names, ISO dates and times, or UNKNOWN
for a detail the user could not give (the phone call to Kundservice covers it). Completing an
escalation reads them once into Details, which eligibility, the outcome, the email and the case
record share."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Dict, List, Optional

from escalation_routine import eligibility, facts, products, replies
from actions import case_store

FORM_SLOTS = [
    "case_kind",
    "situation",
    "product",
    "order_number",
    "agreed_delivery_date",
    "outage_since",
    "unusable_answers",
    "order_stop_told",
]
NOT_ESCALATABLE = "none"
UNKNOWN = "okänt"


def _known(slots: Dict, slot: str) -> Optional[str]:
    value = slots.get(slot)
    return None if value == UNKNOWN else value


def delivery_date(slots: Dict) -> Optional[date]:
    """The validated date; None while unknown or still the user's raw, unvalidated text."""
    try:
        return date.fromisoformat(_known(slots, "agreed_delivery_date") or "")
    except ValueError:
        return None


def outage_start(slots: Dict) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(_known(slots, "outage_since") or "")
    except ValueError:
        return None


def product(slots: Dict) -> Optional[facts.Product]:
    return products.meant_product(_known(slots, "product"))


@dataclass(frozen=True)
class Details:
    """The form's slots read once: the product resolved, the dates parsed, unknowns as None."""

    situation: Optional[str]
    case_kind: Optional[str]
    product: Optional[facts.Product]
    order_number: Optional[str]
    agreed_delivery_date: Optional[date]
    outage_since: Optional[datetime]
    order_stop_told: bool

    @classmethod
    def from_slots(cls, slots: Dict) -> "Details":
        return cls(
            situation=slots.get("situation"),
            case_kind=slots.get("case_kind"),
            product=product(slots),
            order_number=_known(slots, "order_number"),
            agreed_delivery_date=delivery_date(slots),
            outage_since=outage_start(slots),
            order_stop_told=bool(slots.get("order_stop_told")),
        )


def required_slots(slots: Dict, now: datetime) -> List[str]:
    """The details to collect, in order: the situation first, then what it needs. Collection
    stops where the case proves not eligible (yet)."""
    situation = slots.get("situation")
    if situation in (None, NOT_ESCALATABLE):
        return ["situation"]
    needed = ["situation"]
    if situation == "late_delivery":
        needed.append("agreed_delivery_date")
        agreed = delivery_date(slots)
        if agreed and not eligibility.delivery_date_passed(agreed, now.date()):
            return needed
    if situation == "order_stop":
        needed.append("outage_since")
        start = outage_start(slots)
        if start and not eligibility.outage_long_enough(start, now):
            return needed
        return needed + ["product"]
    return needed + ["product", "order_number"]


def eligible(details: Details, now: datetime) -> bool:
    """Whether the collected details make an escalation the routine allows today; a detail the
    user could not give is for Kundservice to check on the phone."""
    if details.situation == NOT_ESCALATABLE or details.product is None:
        return False
    if details.situation == "order_stop":
        start = details.outage_since
        return start is None or eligibility.outage_long_enough(start, now)
    agreed = details.agreed_delivery_date
    return not agreed or eligibility.delivery_date_passed(agreed, now.date())


def new_case(details: Details, owner: case_store.Asker) -> case_store.NewCase:
    named = details.product
    return case_store.NewCase(
        channel=owner.channel,
        conversation_id=owner.conversation_id,
        organisation=owner.organisation,
        user_id=owner.user,
        case_kind=details.case_kind,
        situation=details.situation,
        product=named.name,
        product_group=named.group,
        mailbox=named.mailbox,
        order_number=details.order_number,
        agreed_delivery_date=details.agreed_delivery_date,
        outage_since=details.outage_since,
    )


def outcome(details: Details, now: datetime, reference: Optional[str] = None) -> str:
    """What to tell the user once the form has everything it needs."""
    named = details.product
    if details.situation == NOT_ESCALATABLE:
        return replies.not_escalatable()
    if details.situation == "order_stop":
        if details.order_stop_told:
            return replies.order_stop_call(named, now)
        return replies.order_stop_answer(details.outage_since, named, now)
    agreed = details.agreed_delivery_date
    if agreed and not eligibility.delivery_date_passed(agreed, now.date()):
        return replies.delivery_not_yet(agreed)
    if named is None:
        return replies.mailbox_answer(None) + "\n" + replies.phone_and_hours(now)
    escalation = replies.Escalation(
        case_kind=details.case_kind,
        situation=details.situation,
        product=named,
        order_number=details.order_number,
        agreed_delivery_date=agreed,
        reference=reference,
    )
    return replies.escalation_instructions(escalation, now)
