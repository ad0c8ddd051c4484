"""What the assistant says, composed from the facts, the clock and the escalation's details."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Optional
from urllib.parse import quote

from escalation_routine import facts, opening_hours


@dataclass(frozen=True)
class Escalation:
    case_kind: Optional[str]
    situation: str
    product: facts.Product
    order_number: str
    agreed_delivery_date: Optional[date] = None
    reference: Optional[str] = None


def phone_and_hours(moment: datetime) -> str:
    return (
        f"Kundservice nås på {facts.phone()}, {opening_hours.opening_hours_text()}. "
        f"{opening_hours.open_status_text(moment)}"
    )


def mailbox_answer(product: Optional[facts.Product]) -> str:
    if product is None:
        lines = [
            f"- {facts.group_descriptions()[group]}: {mailbox}"
            for group, mailbox in facts.mailboxes().items()
        ]
        return "Mejladresserna vid eskalering:\n" + "\n".join(lines)
    return (
        f"För {product.name} mejlar du {product.mailbox}. "
        f"Ring också Kundservice på {facts.phone()}: eskaleringen startar först när du både "
        "har mejlat och ringt."
    )


def mailto_link(escalation: Escalation) -> str:
    prefix = f"Eskalering {escalation.reference}" if escalation.reference else "Eskalering"
    subject = f"{prefix}: {escalation.product.name}, {escalation.order_number}"
    lines = [
        "Hej Kundservice,",
        "",
        "Vi vill eskalera följande ärende enligt Skanovas eskaleringsrutin.",
        "",
        f"Ärende: {escalation.case_kind or '-'}",
        f"Situation: {facts.situations()[escalation.situation]['label']}",
        f"Produkt: {escalation.product.name}",
        f"Order-/referensnummer: {escalation.order_number}",
    ]
    if escalation.agreed_delivery_date:
        lines.append(f"Överenskommet leveransdatum: {escalation.agreed_delivery_date.isoformat()}")
    lines += ["", f"Vi ringer även Kundservice på {facts.phone()} och begär eskalering.", "", "Med vänlig hälsning"]
    body = "\n".join(lines)
    return (
        f"mailto:{escalation.product.mailbox}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


def escalation_instructions(escalation: Escalation, moment: datetime) -> str:
    return (
        f"Så här eskalerar du ärendet för {escalation.product.name} "
        f"(order-/referensnummer {escalation.order_number}):\n"
        f"1. Mejla {escalation.product.mailbox}: [öppna ett färdigt mejl]({mailto_link(escalation)})\n"
        f"2. Ring Kundservice på {facts.phone()} och begär eskalering "
        f"({opening_hours.opening_hours_text()}). {opening_hours.open_status_text(moment)}\n"
        "Eskaleringen startar först när du har gjort båda: mejlat och ringt."
    )


def delivery_not_yet(agreed: date) -> str:
    return (
        f"Leveransdatumet {opening_hours.format_day(agreed)} har inte passerat ännu, så leveransen "
        "går inte att eskalera än. Om leveransen inte är utförd kan du eskalera från och med "
        f"{opening_hours.format_day(agreed + timedelta(days=1))}."
    )


def not_escalatable() -> str:
    labels = "\n".join(f"- {situation['label']}" for situation in facts.situations().values())
    return (
        "Enligt Skanovas rutin kan du eskalera i de här fyra situationerna:\n"
        f"{labels}\n"
        "Om ditt ärende inte passar in där går det inte att eskalera. Är du osäker, ring "
        f"Kundservice på {facts.phone()} ({opening_hours.opening_hours_text()})."
    )


def _elapsed(start: datetime, moment: datetime) -> timedelta:
    return moment.astimezone(timezone.utc) - start.astimezone(timezone.utc)


def _duration_text(elapsed: timedelta) -> str:
    minutes = int(elapsed.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} tim {minutes} min" if hours else f"{minutes} min"


def order_stop_answer(start: datetime, product: Optional[facts.Product], moment: datetime) -> str:
    threshold = timedelta(hours=facts.facts()["outage_threshold_hours"])
    elapsed = _elapsed(start, moment)
    if elapsed <= threshold:
        reached = opening_hours.format_moment(start + threshold)
        return (
            f"Stoppet har pågått i {_duration_text(elapsed)}. Orderläggning kan eskaleras när "
            f"kundportalen och NetBusiness Connect har varit nere i mer än {threshold.seconds // 3600} "
            f"timmar, alltså efter {reached}. Är det fortfarande nere då, ring Kundservice på {facts.phone()}."
        )
    entry = f"den ingång som gäller {product.name}" if product else "den ingång som din produkt avser"
    return (
        f"Stoppet har pågått i {_duration_text(elapsed)}, mer än {threshold.seconds // 3600} timmar, "
        "så du kan eskalera orderläggningen:\n"
        f"1. Ring Kundservice på {facts.phone()} och välj {entry}. "
        f"{opening_hours.open_status_text(moment)}\n"
        "2. Kundservice instruerar dig sedan hur orderläggningen kan hanteras. Om Skanova Kundservice "
        "ordersystem fungerar lägger Skanova beställningen tillsammans med dig, och därefter följer "
        "ordinarie beställningsprocess.\n"
        "3. När ärendet är löst tar ni gemensamt beslut att avsluta eskaleringen."
    )
