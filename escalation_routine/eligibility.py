"""When the routine allows an escalation: a delivery date that has passed, an order stop of more
than four hours."""

from datetime import date, datetime, timedelta, timezone

from escalation_routine import facts


def delivery_date_passed(agreed: date, today: date) -> bool:
    return agreed < today


def outage_threshold() -> timedelta:
    return timedelta(hours=facts.facts().outage_threshold_hours)


def outage_elapsed(start: datetime, now: datetime) -> timedelta:
    return now.astimezone(timezone.utc) - start.astimezone(timezone.utc)


def outage_long_enough(start: datetime, now: datetime) -> bool:
    return outage_elapsed(start, now) > outage_threshold()
