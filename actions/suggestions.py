"""What the assistant offers when it did not understand: the likeliest meanings first, and after
a second miss in a row the phone number and the main choices."""

from datetime import datetime
from typing import Dict, Iterable, List, Text

from escalation_routine import facts, replies

MISSES = {"nlu_fallback", "nonsense"}
# What each intent the classifier may have meant is offered as.
CHOICES = {
    "escalate": ("Eskalera ett ärende", "/escalate"),
    "report_late_delivery": ("En leverans är försenad", "/report_late_delivery"),
    "report_not_per_agreement": ("Ärendet har inte hanterats enligt avtal", "/report_not_per_agreement"),
    "report_unsatisfied_remedy": ("Inte nöjd med åtgärden på en reklamation", "/report_unsatisfied_remedy"),
    "report_order_stop": ("Kundportalen och NetBusiness Connect är nere", "/report_order_stop"),
    "ask_what_escalate": ("Vad kan eskaleras?", "/ask_what_escalate"),
    "ask_how_start": ("Hur startar en eskalering?", "/ask_how_start"),
    "ask_what_needed": ("Vad behöver jag ha till hands?", "/ask_what_needed"),
    "ask_mailbox": ("Vilken mejladress gäller?", "/ask_mailbox"),
    "ask_phone_hours": ("Är Kundservice öppet nu?", "/ask_phone_hours"),
    "ask_duration": ("Hur lång tid tar det?", "/ask_duration"),
    "ask_updates": ("Hur får jag besked om ärendet?", "/ask_updates"),
    "ask_closing": ("Hur avslutas en eskalering?", "/ask_closing"),
    "ask_responsible": ("Vem ansvarar för eskaleringen?", "/ask_responsible"),
    "ask_case_status": ("Status på mitt ärende", "/ask_case_status"),
    "ask_next_step": ("Vad är nästa steg?", "/ask_next_step"),
}
MAIN = ["escalate", "ask_what_escalate", "ask_mailbox", "ask_phone_hours"]
MAX_SUGGESTIONS = 3


def _button(intent: Text) -> Dict[Text, Text]:
    title, payload = CHOICES[intent]
    return {"title": title, "payload": payload}


MAIN_CHOICES = [_button(intent) for intent in MAIN]


def likeliest(ranking: Iterable[Dict]) -> List[Dict[Text, Text]]:
    """The classifier's likeliest meanings that can be offered, filled up with the main choices."""
    ranked = [entry.get("name") for entry in ranking if entry.get("name") in CHOICES]
    chosen = (ranked + [intent for intent in MAIN if intent not in ranked])[:MAX_SUGGESTIONS]
    return [_button(intent) for intent in chosen]


def missed_before(events: List[Dict]) -> bool:
    """Whether the user message before the latest one was not understood either."""
    intents = [
        event.get("parse_data", {}).get("intent", {}).get("name") for event in events if event.get("event") == "user"
    ]
    return len(intents) >= 2 and intents[-2] in MISSES


def first_miss() -> Text:
    return (
        "Jag är inte säker på att jag förstod. Menade du något av det här? Jag hjälper till med "
        f"eskalering av ärenden hos Skanova, och du kan också ringa Kundservice på {facts.phone()}."
    )


def second_miss(now: datetime) -> Text:
    return "Jag förstår tyvärr inte vad du menar. " + replies.phone_and_hours(now) + " Eller välj något av det här:"
