"""Actions on case records: status, started, closed and contact details. They never raise: a
bad reference, an unknown case, a step the routine forbids or an unreachable store each get an answer."""

import logging
from typing import Callable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from escalation_routine import contacts, identifiers
from actions import case_replies, case_store, suggestions

logger = logging.getLogger(__name__)


def named_reference(tracker: Tracker) -> Optional[Text]:
    """The case reference the latest message names (entity or text)."""
    entity = next(tracker.get_latest_entity_values("case_reference"), None)
    return identifiers.case_reference(entity) or identifiers.case_reference(tracker.latest_message.get("text"))


def _guarded(dispatcher: CollectingDispatcher, work: Callable[[], List]) -> List:
    try:
        return work()
    except SQLAlchemyError:
        logger.exception("the case store failed")
        dispatcher.utter_message(text=case_replies.store_unavailable())
        return []


class CaseStatus(Action):
    def name(self) -> Text:
        return "action_case_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        return _guarded(dispatcher, lambda: self._answer(dispatcher, tracker))

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List:
        reference = named_reference(tracker)
        order_number = None if reference else identifiers.order_number(tracker.latest_message.get("text"))
        if order_number:
            cases = case_store.find_by_order_number(order_number)[:3]
            texts = [case_replies.status(case) for case in cases]
            dispatcher.utter_message(text="\n".join(texts) or case_replies.not_found(f"order {order_number}"))
            return []
        reference = reference or tracker.get_slot("case_reference")
        if not reference:
            dispatcher.utter_message(text=case_replies.which_case())
            return []
        case = case_store.find(reference)
        dispatcher.utter_message(text=case_replies.status(case) if case else case_replies.not_found(reference))
        return [SlotSet("case_reference", reference)] if case else []


class _Transition:
    """A step of the routine; a mixin, since the action server registers every Action subclass."""

    status: Text
    reply: Callable[[case_store.CaseView], Text]

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        reference = named_reference(tracker) or tracker.get_slot("case_reference")
        if not reference:
            dispatcher.utter_message(text=case_replies.which_case())
            return []
        return _guarded(dispatcher, lambda: self._move(dispatcher, tracker, reference))

    def _move(self, dispatcher: CollectingDispatcher, tracker: Tracker, reference: Text) -> List:
        source = tracker.get_latest_input_channel() or "chat"
        try:
            case = case_store.set_status(reference, self.status, source)
        except LookupError:
            dispatcher.utter_message(text=case_replies.not_found(reference))
            return []
        except case_store.TransitionError as refusal:
            dispatcher.utter_message(text=str(refusal))
            return [SlotSet("case_reference", reference)]
        dispatcher.utter_message(text=type(self).reply(case))
        return [SlotSet("case_reference", reference)]


class StartCase(_Transition, Action):
    status = "startad"
    reply = case_replies.started

    def name(self) -> Text:
        return "action_start_case"


class CloseCase(_Transition, Action):
    status = "avslutad"
    reply = case_replies.closed

    def name(self) -> Text:
        return "action_close_case"


class SaveContact(Action):
    def name(self) -> Text:
        return "action_save_contact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List:
        reference = tracker.get_slot("case_reference")
        if not reference:
            dispatcher.utter_message(text=case_replies.no_case_for_contact(), buttons=suggestions.MAIN_CHOICES)
            return []
        details = contacts.contact_details(tracker.latest_message.get("text"))
        if not details:
            dispatcher.utter_message(text=case_replies.contact_not_understood())
            return []

        def save() -> List:
            try:
                case_store.set_contact(reference, case_store.Contact(**details))
            except LookupError:
                dispatcher.utter_message(text=case_replies.not_found(reference))
                return []
            dispatcher.utter_message(text=case_replies.contact_saved(reference))
            return []

        return _guarded(dispatcher, save)
