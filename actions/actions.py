"""The custom actions: each reads the tracker, calls plain functions and returns events."""

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from escalation_routine import facts, opening_hours, replies
from actions import case_replies, case_store, escalation

logger = logging.getLogger(__name__)

SITUATION_PAYLOADS = {
    "not_per_agreement": "/report_not_per_agreement",
    "late_delivery": "/report_late_delivery",
    "unsatisfied_remedy": "/report_unsatisfied_remedy",
    "order_stop": "/report_order_stop",
}


def _reset_form() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in escalation.FORM_SLOTS]


def _named_product(tracker: Tracker):
    entity = next(tracker.get_latest_entity_values("product"), None)
    return facts.resolve_product(entity or tracker.latest_message.get("text"))


class AskSituation(Action):
    def name(self) -> Text:
        return "action_ask_situation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        buttons = [
            {"title": facts.situations()[key]["label"], "payload": SITUATION_PAYLOADS[key]}
            for key in facts.situations_for(tracker.get_slot("case_kind"))
        ]
        buttons.append({"title": "Inget av dessa", "payload": "/deny"})
        dispatcher.utter_message(text="Vilken av de här situationerna gäller?", buttons=buttons)
        return []


class AskProduct(Action):
    def name(self) -> Text:
        return "action_ask_product"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        buttons = [
            {"title": name, "payload": f'/inform{{"product": "{name}"}}'}
            for name in facts.facts()["product_buttons"]
        ]
        dispatcher.utter_message(text="Vilken produkt gäller ärendet?", buttons=buttons)
        return []


class CompleteEscalation(Action):
    """Gives the outcome and, for an escalation the routine allows, opens its case record."""

    def name(self) -> Text:
        return "action_complete_escalation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        now = opening_hours.now()
        if not escalation.eligible(tracker.slots, now):
            dispatcher.utter_message(text=escalation.outcome(tracker.slots, now))
            return _reset_form()
        new_case = escalation.new_case(
            tracker.slots, tracker.get_latest_input_channel() or "chat", tracker.sender_id
        )
        try:
            reference = case_store.open_case(new_case)
        except SQLAlchemyError:
            logger.exception("could not open a case record")
            dispatcher.utter_message(text=escalation.outcome(tracker.slots, now))
            dispatcher.utter_message(text=case_replies.store_unavailable())
            return _reset_form()
        dispatcher.utter_message(text=escalation.outcome(tracker.slots, now, reference))
        dispatcher.utter_message(
            text=case_replies.registered(reference, new_case.situation),
            buttons=[{"title": case_replies.started_button(new_case.situation), "payload": "/confirm_started"}],
        )
        return _reset_form() + [SlotSet("case_reference", reference)]


class CancelEscalation(Action):
    def name(self) -> Text:
        return "action_cancel_escalation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        dispatcher.utter_message(response="utter_cancel")
        return _reset_form()


class TellMailbox(Action):
    def name(self) -> Text:
        return "action_tell_mailbox"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        dispatcher.utter_message(text=replies.mailbox_answer(_named_product(tracker)))
        return []


class TellPhoneHours(Action):
    def name(self) -> Text:
        return "action_tell_phone_hours"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        dispatcher.utter_message(text=replies.phone_and_hours(opening_hours.now()))
        return []


class AnswerQuestion(Action):
    """Answers a side question during the escalation form; the form then asks again."""

    def name(self) -> Text:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        intent = tracker.get_intent_of_latest_message()
        if intent == "ask_mailbox":
            return TellMailbox().run(dispatcher, tracker, domain)
        if intent == "ask_phone_hours":
            return TellPhoneHours().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response=f"utter_{intent}")
        return []
