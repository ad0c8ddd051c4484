"""Validation and extraction for the escalation form: reads the message, calls the parsers."""

from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.forms import FormValidationAction

from escalation_routine import facts, opening_hours, parsers
from actions import escalation

# Messages with these intents are side questions or commands, never an answer to the form.
NOT_ANSWERS = {
    "ask_what_escalate", "ask_how_start", "ask_what_needed", "ask_responsible", "ask_duration",
    "ask_updates", "ask_closing", "ask_mailbox", "ask_phone_hours", "ask_help", "bot_challenge",
    "human_handoff", "out_of_scope", "fault_report", "thank", "cancel", "restart", "goodbye",
    "ask_case_status", "confirm_started", "confirm_closed", "give_contact",
}


def _never(_: Text) -> bool:
    return False


def asked_slot(tracker: Tracker) -> Optional[Text]:
    """The slot the bot asked for before the latest message. The form may request a slot while
    handling that message; the message is no answer to a question asked after it."""
    asked = None
    last_user = max(
        (index for index, event in enumerate(tracker.events) if event.get("event") == "user"),
        default=len(tracker.events),
    )
    for event in tracker.events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
    return asked


class ValidateEscalationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_escalation_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return escalation.required_slots(tracker.slots, opening_hours.now())

    def _answer(self, slot: Text, tracker: Tracker) -> Optional[Text]:
        """What the latest message says for `slot`: the entity when there is one, else the text.
        Side questions and commands say nothing."""
        if tracker.get_intent_of_latest_message() in NOT_ANSWERS:
            return None
        entity = next(tracker.get_latest_entity_values(slot), None)
        text = tracker.latest_message.get("text") or ""
        return entity or (text if text.strip() else None)

    def _extract(self, slot: Text, tracker: Tracker, parse: Callable) -> Dict[Text, Any]:
        """The slot the bot asked for takes any answer (validation re-asks on nonsense); another
        slot only a value its parser recognises, so a passing remark never clears it."""
        answer = self._answer(slot, tracker)
        if answer and asked_slot(tracker) == slot:
            return {slot: answer}
        return {slot: answer} if answer and parse(answer) else {}

    async def extract_case_kind(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if asked_slot(tracker) == "case_kind":
            return self._extract("case_kind", tracker, _never)
        # Unasked, only a tagged case word counts: "order 4711-2345" says nothing of the kind.
        entity = next(tracker.get_latest_entity_values("case_kind"), None)
        if tracker.get_intent_of_latest_message() in NOT_ANSWERS:
            return {}
        return {"case_kind": entity} if facts.resolve_case_kind(entity) else {}

    async def extract_product(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._extract("product", tracker, facts.resolve_product)

    async def extract_order_number(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._extract("order_number", tracker, parsers.order_number)

    async def extract_agreed_delivery_date(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._extract("agreed_delivery_date", tracker, _never)

    async def extract_outage_since(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._extract(
            "outage_since", tracker, lambda text: parsers.outage_start(text, opening_hours.now())
        )

    def validate_case_kind(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        implied = facts.implied_case_kind(tracker.get_slot("situation"))
        kind = implied or facts.resolve_case_kind(value)
        if not kind:
            dispatcher.utter_message(response="utter_invalid_case_kind")
        return {"case_kind": kind}

    def validate_situation(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        implied = facts.implied_case_kind(value)
        return {"situation": value, "case_kind": implied or tracker.get_slot("case_kind")}

    def validate_product(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        product = facts.resolve_product(value)
        if not product:
            dispatcher.utter_message(response="utter_invalid_product")
        return {"product": product.name if product else None}

    def validate_order_number(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        number = parsers.order_number(value)
        if not number:
            dispatcher.utter_message(response="utter_invalid_order_number")
        return {"order_number": number}

    def validate_agreed_delivery_date(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        agreed = parsers.delivery_date(value, opening_hours.now().date())
        if not agreed:
            dispatcher.utter_message(response="utter_invalid_delivery_date")
        return {"agreed_delivery_date": agreed.isoformat() if agreed else None}

    def validate_outage_since(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        start = parsers.outage_start(value, opening_hours.now())
        if not start:
            dispatcher.utter_message(response="utter_invalid_outage_since")
        return {"outage_since": start.isoformat() if start else None}
