"""What the assistant says about a case record: its reference, status and the routine's next step.
Contact details are never part of it: knowing a reference must not reveal who opened the case."""

from typing import Optional

from escalation_routine import facts, opening_hours
from actions.case_store import CaseView

STEP_NAMES = {"registrerad": "Startar", "startad": "Pågår", "avslutad": "Avslutas"}


def _is_order_stop(situation: Optional[str]) -> bool:
    return situation == "order_stop"


def registered(reference: str, situation: str) -> str:
    done = "ringt" if _is_order_stop(situation) else "både mejlat och ringt"
    return (
        f"Jag har registrerat ärendet som {reference}. Säg till när du har {done}, så noterar jag "
        "att eskaleringen har startat. Vill du koppla kontaktuppgifter till ärendet kan du skriva "
        "företag, namn, e-post och telefon här; det är frivilligt."
    )


def started_button(situation: str) -> str:
    return "Jag har ringt" if _is_order_stop(situation) else "Jag har mejlat och ringt"


def next_step(case: CaseView) -> str:
    if case.status == "registrerad":
        if _is_order_stop(case.situation):
            return (
                f"Eskaleringen startar när du ringer Kundservice på {facts.phone()} och väljer "
                f"den ingång som gäller {case.product}."
            )
        return (
            f"Eskaleringen har inte startat än: mejla {case.mailbox} och ring Kundservice på "
            f"{facts.phone()} och ange {case.order_number}. Säg sedan till att du har gjort båda."
        )
    if case.status == "startad":
        return (
            "Skanova arbetar med ärendet; åtgärdstiden beror på hur komplext det är. Har du "
            f"frågor når du din utpekade kontaktperson via Kundservice på {facts.phone()}. "
            "När ärendet är löst tar ni gemensamt beslut att avsluta eskaleringen."
        )
    return "Eskaleringen är avslutad efter gemensamt beslut."


def status(case: CaseView) -> str:
    number = f", order-/referensnummer {case.order_number}" if case.order_number else ""
    return (
        f"{case.reference} ({case.product}{number}) har status {case.status} "
        f"(steg: {STEP_NAMES[case.status]}), senast ändrad "
        f"{opening_hours.format_moment(case.updated_at)}. Mejladress: {case.mailbox}. "
        f"{next_step(case)}"
    )


def next_step_of(case: CaseView) -> str:
    """ "Vad händer nu?" about the conversation's own case."""
    return f"Nästa steg för {case.reference}: {next_step(case)}"


def next_step_during_details(situation: Optional[str]) -> str:
    """ "Vad händer nu?" while the escalation's details are still being asked for."""
    if _is_order_stop(situation):
        return (
            "När jag har uppgifterna nedan får du veta om orderläggningen kan eskaleras: när kundportalen "
            f"och NetBusiness Connect har varit nere i mer än {facts.facts().outage_threshold_hours} timmar "
            f"ringer du Kundservice på {facts.phone()} och väljer den ingång som gäller din produkt."
        )
    return (
        "När jag har uppgifterna nedan får du rätt mejladress och ett färdigt mejl. Sedan mejlar du "
        f"och ringer Kundservice på {facts.phone()}; eskaleringen har startat först när du har gjort båda."
    )


def started(case: CaseView) -> str:
    return (
        f"Tack! Jag har noterat att eskaleringen {case.reference} har startat. Skanova påbörjar "
        "omgående arbetet med att lösa den. När ärendet är löst och ni gemensamt har beslutat att "
        "avsluta eskaleringen, säg till så noterar jag det."
    )


def closed(case: CaseView) -> str:
    return f"Jag har noterat att eskaleringen {case.reference} är avslutad efter gemensamt beslut. Tack!"


def not_found(what: str) -> str:
    return f"Jag hittar inget ärende för {what}. Kontrollera referensen (till exempel ESK-2026-000123)."


def which_case() -> str:
    return "Vilket ärende gäller det? Ange referensen, till exempel ESK-2026-000123, eller ordernumret."


def store_unavailable() -> str:
    return (
        "Ärenderegistret går inte att nå just nu, försök gärna igen om en stund. Du når Kundservice "
        f"på {facts.phone()}, {opening_hours.opening_hours_text()}."
    )


def contact_saved(reference: str) -> str:
    return f"Tack, kontaktuppgifterna är sparade på {reference}."


def contact_not_understood() -> str:
    return (
        "Kontaktuppgifterna kunde jag inte tolka. Skriv till exempel "
        "”Operatör AB, Anna Andersson, anna@operator.se, 070-123 45 67”."
    )


def no_case_for_contact() -> str:
    return "Det finns inget ärende i den här konversationen att koppla kontaktuppgifterna till."


def too_many_misses() -> str:
    return (
        "Jag har inte hittat flera av de ärenden du har frågat efter, så jag svarar inte på fler "
        "frågor om ärenden just nu. Försök igen om en stund, eller ring Kundservice på "
        f"{facts.phone()}, {opening_hours.opening_hours_text()}."
    )
