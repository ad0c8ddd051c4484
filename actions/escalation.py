"""The escalation form's logic: which details a situation needs, when a case is eligible, and the
answer once the details are in. Slots hold plain values: names, ISO dates and times."""

from datetime import date, datetime, timedelta, timezone
from typing import Dict, List, Optional

from escalation_routine import facts, replies
from actions import case_store

FORM_SLOTS = [
    "case_kind", "situation", "product", "order_number", "agreed_delivery_date", "outage_since",
]
NOT_ESCALATABLE = "none"


def _delivery_date(slots: Dict) -> Optional[date]:
    """The validated date; None while the slot still holds the user's raw, unvalidated text."""
    try:
        return date.fromisoformat(slots.get("agreed_delivery_date") or "")
    except ValueError:
        return None


def _outage_start(slots: Dict) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(slots.get("outage_since") or "")
    except ValueError:
        return None


def delivery_date_passed(agreed: date, today: date) -> bool:
    return agreed < today


def outage_long_enough(start: datetime, now: datetime) -> bool:
    elapsed = now.astimezone(timezone.utc) - start.astimezone(timezone.utc)
    return elapsed > timedelta(hours=facts.facts()["outage_threshold_hours"])


def required_slots(slots: Dict, now: datetime) -> List[str]:
    """The details to collect, in order. Collection stops where the case proves not eligible."""
    situation = slots.get("situation")
    needed = ["case_kind", "situation"]
    if situation == NOT_ESCALATABLE:
        return needed
    if situation == "late_delivery":
        needed.append("agreed_delivery_date")
        agreed = _delivery_date(slots)
        if agreed and not delivery_date_passed(agreed, now.date()):
            return needed
    if situation == "order_stop":
        needed.append("outage_since")
        start = _outage_start(slots)
        if start and not outage_long_enough(start, now):
            return needed
        return needed + ["product"]
    return needed + ["product", "order_number"]


def eligible(slots: Dict, now: datetime) -> bool:
    """Whether the collected details make an escalation the routine allows today."""
    situation = slots.get("situation")
    if situation == NOT_ESCALATABLE:
        return False
    if situation == "order_stop":
        start = _outage_start(slots)
        return bool(start) and outage_long_enough(start, now)
    agreed = _delivery_date(slots)
    return not agreed or delivery_date_passed(agreed, now.date())


def new_case(slots: Dict, channel: str, conversation_id: str) -> case_store.NewCase:
    product = facts.resolve_product(slots.get("product"))
    return case_store.NewCase(
        channel=channel, conversation_id=conversation_id, case_kind=slots.get("case_kind"),
        situation=slots["situation"], product=product.name, product_group=product.group,
        mailbox=product.mailbox, order_number=slots.get("order_number"),
        agreed_delivery_date=_delivery_date(slots), outage_since=_outage_start(slots),
    )


def outcome(slots: Dict, now: datetime, reference: Optional[str] = None) -> str:
    """What to tell the user once the form has everything it needs."""
    situation = slots.get("situation")
    product = facts.resolve_product(slots.get("product"))
    if situation == NOT_ESCALATABLE:
        return replies.not_escalatable()
    if situation == "order_stop":
        return replies.order_stop_answer(_outage_start(slots), product, now)
    agreed = _delivery_date(slots)
    if agreed and not delivery_date_passed(agreed, now.date()):
        return replies.delivery_not_yet(agreed)
    escalation = replies.Escalation(
        case_kind=slots.get("case_kind"),
        situation=situation,
        product=product,
        order_number=slots["order_number"],
        agreed_delivery_date=agreed,
        reference=reference,
    )
    return replies.escalation_instructions(escalation, now)
