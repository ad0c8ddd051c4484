"""Extraction and validation for the escalation form. Every message is read for every detail
(escalation_routine.reading), so nothing told once is asked for again; an answer the form cannot
use is asked for once more, then the form goes on without it (never a loop)."""

from datetime import datetime
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from escalation_routine import dates, eligibility, facts, identifiers, opening_hours, products, reading, replies, times
from actions import escalation

# Messages with these intents are side questions or commands, never an answer to the form.
NOT_ANSWERS = {
    *reading.ROUTINE_QUESTIONS,
    "ask_mailbox",
    "ask_phone_hours",
    "ask_help",
    "ask_can_escalate",
    "bot_challenge",
    "human_handoff",
    "out_of_scope",
    "fault_report",
    "thank",
    "cancel",
    "restart",
    "goodbye",
    "ask_case_status",
    "ask_next_step",
    "confirm_started",
    "confirm_closed",
    "give_contact",
}
# Every detail a situation may need: read from any message, whatever the form asks.
DETAILS = ["product", "order_number", "agreed_delivery_date", "outage_since"]
# The form asks for a detail at most this many times, then goes on without it.
MAX_ASKS = 2


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


def _is_payload(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("text") or "").startswith("/")


def _latest_text(tracker: Tracker) -> Optional[Text]:
    """The user's words, or None for a side question, a command or a button's payload."""
    text = tracker.latest_message.get("text") or ""
    # The intent itself, nlu_fallback included: rasa-sdk's get_intent_of_latest_message skips a
    # fallback to the runner-up, which may be a side question's intent.
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in NOT_ANSWERS or text.startswith("/"):
        return None
    return text if text.strip() else None


def _reading(tracker: Tracker) -> Optional[reading.Reading]:
    text = _latest_text(tracker)
    message = (tracker.sender_id, tracker.latest_message.get("message_id"))
    return _read(message, text, asked_slot(tracker)) if text else None


@lru_cache(maxsize=256)
def _read(message: tuple, text: Text, asked: Optional[Text]) -> reading.Reading:
    """One reading of a message, at the moment it is first read, for all the form's slots (each
    extract_ method asks for it)."""
    return reading.read(text, opening_hours.now(), asked)


def _read_value(slot: Text, found: reading.Reading) -> Optional[Text]:
    return found.slot_values()[slot]


def _iso_moment(text: Text) -> Optional[datetime]:
    """A moment the form stored itself (ISO 8601), read back."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class ValidateEscalationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_escalation_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        needed = escalation.required_slots(tracker.slots, opening_hours.now())
        # Until the situation is known every detail is read, so none given with it is lost.
        return needed + DETAILS if tracker.get_slot("situation") is None else needed

    def _extract(self, slot: Text, tracker: Tracker) -> Dict[Text, Any]:
        """A button's payload gives its entity; typed text what the reading says for the slot
        (not the CRF's entities: "inte fiber utan koppar" tags both). The
        slot the bot asked for takes any answer, which validation judges; another slot only a
        value the message plainly gives, so a passing remark never clears it."""
        if _is_payload(tracker):
            entity = next(tracker.get_latest_entity_values(slot), None)
            return {slot: entity} if entity else {}
        found = _reading(tracker)
        if found is None:
            return {}
        value = _read_value(slot, found)
        if value:
            return {slot: value}
        # The asked slot takes the text to judge, unless the message gave another detail instead
        # ("nej, produkten är Kopparaccess"): that is no unusable answer.
        other = any(_read_value(name, found) for name in ("situation", *DETAILS) if name != slot)
        return {slot: _latest_text(tracker)} if asked_slot(tracker) == slot and not other else {}

    async def extract_situation(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("situation") and asked_slot(tracker) != "situation":
            return {}
        return self._extract("situation", tracker)

    async def extract_product(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract("product", tracker)

    async def extract_order_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract("order_number", tracker)

    async def extract_agreed_delivery_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract("agreed_delivery_date", tracker)

    async def extract_outage_since(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract("outage_since", tracker)

    def _validated(
        self,
        slot: Text,
        value: Any,
        parse: Callable[[Text], Optional[Text]],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Dict[Text, Any]:
        """The parsed value; else, for the asked slot, the question once more, and after that
        (or at once for "vet inte") the form goes on without the detail."""
        parsed = parse(value) if value and value != escalation.UNKNOWN else None
        if parsed or value == escalation.UNKNOWN:
            return {slot: parsed or value, "unusable_answers": 0}
        unusable = int(tracker.get_slot("unusable_answers") or 0) + 1
        if unusable >= MAX_ASKS or reading.cannot_give(value):
            if slot == "situation":  # the outcome then lists the four situations and the phone
                return {slot: escalation.NOT_ESCALATABLE, "unusable_answers": 0}
            dispatcher.utter_message(text=replies.going_on_without(slot))
            return {slot: escalation.UNKNOWN, "unusable_answers": 0}
        dispatcher.utter_message(response=f"utter_invalid_{slot}")
        return {slot: None, "unusable_answers": unusable}

    def validate_situation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        known = set(facts.situations()) | {escalation.NOT_ESCALATABLE}
        validated = self._validated(
            "situation", value, lambda text: text if text in known else reading.situation(text), dispatcher, tracker
        )
        implied = facts.implied_case_kind(validated["situation"])
        kind = implied or tracker.get_slot("case_kind") or facts.resolve_case_kind(_latest_text(tracker))
        return {**validated, "case_kind": kind}

    def validate_product(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        def name(text: Text) -> Optional[Text]:
            product = products.meant_product(text)
            return product.name if product else None

        return self._validated("product", value, name, dispatcher, tracker)

    def validate_order_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._validated(
            "order_number", value, lambda text: identifiers.order_number(text, asked=True), dispatcher, tracker
        )

    def validate_agreed_delivery_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        def iso(text: Text) -> Optional[Text]:
            day = dates.delivery_date(text, opening_hours.now().date())
            return day.isoformat() if day else None

        return self._validated("agreed_delivery_date", value, iso, dispatcher, tracker)

    def validate_outage_since(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        now = opening_hours.now()

        def iso(text: Text) -> Optional[Text]:
            start = _iso_moment(text) or times.outage_start(text, now, asked=True)
            return start.isoformat() if start else None

        validated = self._validated("outage_since", value, iso, dispatcher, tracker)
        return {**validated, **self._order_stop_first(validated["outage_since"], dispatcher, tracker)}

    def _order_stop_first(
        self, outage_since: Optional[Text], dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Dict[Text, Any]:
        """The routine for an order stop is the call: when the stop has lasted long enough (or
        its start is not known), the phone number comes before any question for the record."""
        if outage_since is None or tracker.get_slot("product"):
            return {}
        now = opening_hours.now()
        start = escalation.outage_start({"outage_since": outage_since})
        if start and not eligibility.outage_long_enough(start, now):
            return {}
        dispatcher.utter_message(text=replies.order_stop_answer(start, None, now))
        return {"order_stop_told": True}
