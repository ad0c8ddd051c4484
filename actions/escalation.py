"""The escalation form's logic: which details a situation needs, when a case is eligible, and the
answer once the details are in. Slots hold plain values: names, ISO dates and times, or UNKNOWN
for a detail the user could not give (the phone call to Kundservice covers it)."""

from datetime import date, datetime
from typing import Dict, List, Optional

from escalation_routine import eligibility, facts, products, replies
from actions import case_store

FORM_SLOTS = [
    "case_kind", "situation", "product", "order_number", "agreed_delivery_date", "outage_since",
    "unusable_answers", "order_stop_told",
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


def eligible(slots: Dict, now: datetime) -> bool:
    """Whether the collected details make an escalation the routine allows today; a detail the
    user could not give is for Kundservice to check on the phone."""
    situation = slots.get("situation")
    if situation == NOT_ESCALATABLE or product(slots) is None:
        return False
    if situation == "order_stop":
        start = outage_start(slots)
        return start is None or eligibility.outage_long_enough(start, now)
    agreed = delivery_date(slots)
    return not agreed or eligibility.delivery_date_passed(agreed, now.date())


def new_case(slots: Dict, owner: case_store.Asker) -> case_store.NewCase:
    named = product(slots)
    return case_store.NewCase(
        channel=owner.channel, conversation_id=owner.conversation_id, organisation=owner.organisation,
        user_id=owner.user, case_kind=slots.get("case_kind"),
        situation=slots["situation"], product=named.name, product_group=named.group,
        mailbox=named.mailbox, order_number=_known(slots, "order_number"),
        agreed_delivery_date=delivery_date(slots), outage_since=outage_start(slots),
    )


def outcome(slots: Dict, now: datetime, reference: Optional[str] = None) -> str:
    """What to tell the user once the form has everything it needs."""
    situation = slots.get("situation")
    named = product(slots)
    if situation == NOT_ESCALATABLE:
        return replies.not_escalatable()
    if situation == "order_stop":
        if slots.get("order_stop_told"):
            return replies.order_stop_call(named, now)
        return replies.order_stop_answer(outage_start(slots), named, now)
    agreed = delivery_date(slots)
    if agreed and not eligibility.delivery_date_passed(agreed, now.date()):
        return replies.delivery_not_yet(agreed)
    if named is None:
        return replies.mailbox_answer(None) + "\n" + replies.phone_and_hours(now)
    escalation = replies.Escalation(
        case_kind=slots.get("case_kind"),
        situation=situation,
        product=named,
        order_number=_known(slots, "order_number"),
        agreed_delivery_date=agreed,
        reference=reference,
    )
    return replies.escalation_instructions(escalation, now)
