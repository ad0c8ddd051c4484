"""What the assistant says, composed from the facts, the clock and the escalation's details."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import List, Optional
from urllib.parse import quote

from escalation_routine import eligibility, facts, opening_hours


@dataclass(frozen=True)
class Escalation:
    case_kind: Optional[str]
    situation: str
    product: facts.Product
    order_number: Optional[str]
    agreed_delivery_date: Optional[date] = None
    reference: Optional[str] = None


def phone_and_hours(moment: datetime) -> str:
    return (
        f"Kundservice nås på {facts.phone()}, {opening_hours.opening_hours_text()}. "
        f"{opening_hours.open_status_text(moment)}"
    )


def mailbox_answer(product: Optional[facts.Product]) -> str:
    if product is None:
        lines = [f"- {facts.group_descriptions()[group]}: {mailbox}" for group, mailbox in facts.mailboxes().items()]
        return "Mejladresserna vid eskalering:\n" + "\n".join(lines)
    return (
        f"För {product.name} mejlar du {product.mailbox}. "
        f"Ring också Kundservice på {facts.phone()}: eskaleringen startar först när du både "
        "har mejlat och ringt."
    )


_NUMBER_ON_THE_PHONE = "anges vid samtal"


def mailboxes_of(products: List[facts.Product]) -> str:
    lines = [f"- {product.name}: {product.mailbox}" for product in products]
    return (
        "Mejladresserna för dina ärenden:\n" + "\n".join(lines) + f"\nRing också Kundservice på "
        f"{facts.phone()} för vart och ett: en eskalering startar först när du både har mejlat och ringt."
    )


def how_to_start(product: Optional[facts.Product]) -> str:
    mailbox = f"mejlar {product.mailbox}" if product else "mejlar den adress som gäller för produkten"
    return (
        f"Du {mailbox} och ringer Kundservice på {facts.phone()}, med referens- eller "
        "ordernumret; eskaleringen startar när du har gjort båda."
    )


def mailto_link(escalation: Escalation) -> str:
    prefix = f"Eskalering {escalation.reference}" if escalation.reference else "Eskalering"
    subject = f"{prefix}: {escalation.product.name}, {escalation.order_number or _NUMBER_ON_THE_PHONE}"
    lines = [
        "Hej Kundservice,",
        "",
        "Vi vill eskalera följande ärende enligt Skanovas eskaleringsrutin.",
        "",
        f"Ärende: {escalation.case_kind or '-'}",
        f"Situation: {facts.situations()[escalation.situation].label}",
        f"Produkt: {escalation.product.name}",
        f"Order-/referensnummer: {escalation.order_number or _NUMBER_ON_THE_PHONE}",
    ]
    if escalation.agreed_delivery_date:
        lines.append(f"Överenskommet leveransdatum: {escalation.agreed_delivery_date.isoformat()}")
    lines += ["", f"Vi ringer även Kundservice på {facts.phone()} och begär eskalering.", "", "Med vänlig hälsning"]
    body = "\n".join(lines)
    return f"mailto:{escalation.product.mailbox}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def escalation_instructions(escalation: Escalation, moment: datetime) -> str:
    number = (
        f"order-/referensnummer {escalation.order_number}"
        if escalation.order_number
        else "numret anger du när du ringer"
    )
    return (
        f"Så här eskalerar du ärendet för {escalation.product.name} ({number}):\n"
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
    labels = "\n".join(f"- {situation.label}" for situation in facts.situations().values())
    return (
        "Enligt Skanovas rutin kan du eskalera i de här fyra situationerna:\n"
        f"{labels}\n"
        "Om ditt ärende inte passar in där går det inte att eskalera. Är du osäker, ring "
        f"Kundservice på {facts.phone()} ({opening_hours.opening_hours_text()})."
    )


def _duration_text(elapsed: timedelta) -> str:
    minutes = int(elapsed.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} tim {minutes} min" if hours else f"{minutes} min"


def order_stop_call(product: Optional[facts.Product], moment: datetime) -> str:
    """The routine for an order stop: the call, with the product's entry in the phone menu."""
    entry = f"den ingång som gäller {product.name}" if product else "den ingång som din produkt avser"
    return f"Ring Kundservice på {facts.phone()} och välj {entry}. {opening_hours.open_status_text(moment)}"


def _four_hours_reached(start: datetime, moment: datetime) -> str:
    reached = start + eligibility.outage_threshold()
    answer = (
        f"Stoppet har pågått i {_duration_text(eligibility.outage_elapsed(start, moment))}. "
        "Orderläggning kan eskaleras när kundportalen och NetBusiness Connect har varit nere i mer "
        f"än {_threshold_hours()} timmar, alltså efter {opening_hours.format_moment(reached)}. "
        f"Är det fortfarande nere då, ring Kundservice på {facts.phone()}."
    )
    if not opening_hours.is_open(reached):
        # The four hours end after closing: the call can only be made at the next opening.
        answer += (
            f" Då har Kundservice stängt; nästa öppning är "
            f"{opening_hours.format_moment(opening_hours.next_opening(reached))}."
        )
    return answer


def _threshold_hours() -> int:
    return facts.facts().outage_threshold_hours


def order_stop_answer(start: Optional[datetime], product: Optional[facts.Product], moment: datetime) -> str:
    """The first answer to an order stop: the call when it has lasted more than four hours (or
    its start is not known), else when the four hours are reached."""
    if start is None:
        return (
            f"Orderläggning kan eskaleras när stoppet har pågått i mer än {_threshold_hours()} "
            f"timmar. Har det gjort det:\n1. {order_stop_call(product, moment)}\n" + _ORDER_STOP_STEPS
        )
    if not eligibility.outage_long_enough(start, moment):
        return _four_hours_reached(start, moment)
    return (
        f"Stoppet har pågått i {_duration_text(eligibility.outage_elapsed(start, moment))}, mer än "
        f"{_threshold_hours()} timmar, så du kan eskalera orderläggningen:\n"
        f"1. {order_stop_call(product, moment)}\n" + _ORDER_STOP_STEPS
    )


_ORDER_STOP_STEPS = (
    "2. Kundservice instruerar dig sedan hur orderläggningen kan hanteras. Om Skanova Kundservice "
    "ordersystem fungerar lägger Skanova beställningen tillsammans med dig, och därefter följer "
    "ordinarie beställningsprocess.\n"
    "3. När ärendet är löst tar ni gemensamt beslut att avsluta eskaleringen."
)


def fault_not_escalated() -> str:
    return (
        "Nej. Felanmälan ingår inte i eskaleringsrutinen; jag hjälper bara till med eskalering "
        "av enstaka förfrågningar, beställningar och leveranser. Är du osäker på vart du ska "
        f"vända dig, ring Kundservice på {facts.phone()}."
    )


def which_situations() -> str:
    labels = "\n".join(f"- {situation.label}" for situation in facts.situations().values())
    return f"Det beror på situationen. Du kan eskalera i de här fyra situationerna:\n{labels}"


def escalatable_when(case_kind: Optional[str], product: Optional[facts.Product]) -> str:
    """ "Kan man eskalera förfrågningar?", "gäller rutinen koppar p2p?": yes, in its situations."""
    keys = facts.situations_for(case_kind)
    labels = "\n".join(f"- {facts.situations()[key].label}" for key in keys)
    subject = f"en {case_kind}" if case_kind else "ett ärende"
    mailbox = f" För {product.name} mejlar du {product.mailbox}." if product else ""
    return f"Ja, du kan eskalera {subject} i de här situationerna:\n{labels}\n{mailbox}".rstrip()


def offer() -> str:
    return "Vill du att jag tar fram ett färdigt mejl och rätt mejladress för ärendet?"


def going_on_without(slot: str) -> str:
    """After two answers the assistant could not use, or "vet inte": it goes on without the detail."""
    what = {
        "product": "produkten",
        "order_number": "numret",
        "agreed_delivery_date": "datumet",
        "outage_since": "när stoppet började",
    }[slot]
    return f"Det gör inget, vi går vidare utan {what}. Du kan ange det när du ringer Kundservice på {facts.phone()}."
