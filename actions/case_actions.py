"""Actions on case records: status, started, closed and contact details. They never raise: a
bad reference, an unknown case, a step the routine forbids or an unreachable store each get an answer.

Every look-up is the asker's (actions/case_access.py): a case of someone else gets the same answer
as a reference that does not exist, and counts as a miss. The database calls run in a thread, off
the action server's event loop."""

import asyncio
import logging
from typing import Awaitable, Callable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from escalation_routine import contacts, identifiers
from actions import case_access, case_replies, case_store, suggestions

logger = logging.getLogger(__name__)


def named_reference(tracker: Tracker) -> Optional[Text]:
    """The case reference the latest message names (entity or text)."""
    entity = next(tracker.get_latest_entity_values("case_reference"), None)
    return identifiers.case_reference(entity) or identifiers.case_reference(tracker.latest_message.get("text"))


async def _guarded(dispatcher: CollectingDispatcher, work: Callable[[], Awaitable[List]]) -> List:
    try:
        return await work()
    except SQLAlchemyError:
        logger.exception("the case store failed")
        dispatcher.utter_message(text=case_replies.store_unavailable())
        return []


async def _admitted(dispatcher: CollectingDispatcher, asker: case_store.Asker) -> bool:
    """Whether the asker may look a case up now; a look-up after recent misses waits first."""
    misses = await asyncio.to_thread(case_store.misses_since, asker, case_access.window_start())
    if case_access.refused(misses):
        logger.info("case look-ups refused after %d misses", misses)
        dispatcher.utter_message(text=case_replies.too_many_misses())
        return False
    await asyncio.sleep(case_access.delay(misses))
    return True


async def _not_found(dispatcher: CollectingDispatcher, asker: case_store.Asker, what: Text) -> List:
    await asyncio.to_thread(case_store.record_miss, asker)
    dispatcher.utter_message(text=case_replies.not_found(what))
    return []


class CaseStatus(Action):
    def name(self) -> Text:
        return "action_case_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        return await _guarded(dispatcher, lambda: self._answer(dispatcher, tracker))

    async def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List:
        reference = named_reference(tracker)
        order_number = None if reference else identifiers.order_number(tracker.latest_message.get("text"))
        reference = reference or (None if order_number else tracker.get_slot("case_reference"))
        if not reference and not order_number:
            dispatcher.utter_message(text=case_replies.which_case())
            return []
        asker = case_access.asker(tracker)
        if not await _admitted(dispatcher, asker):
            return []
        if order_number:
            cases = await asyncio.to_thread(case_store.find_by_order_number, order_number, asker=asker)
            if not cases:
                return await _not_found(dispatcher, asker, f"order {order_number}")
            dispatcher.utter_message(text="\n".join(case_replies.status(case) for case in cases[:3]))
            return []
        case = await asyncio.to_thread(case_store.find, reference, asker=asker)
        if not case:
            return await _not_found(dispatcher, asker, reference)
        dispatcher.utter_message(text=case_replies.status(case))
        return [SlotSet("case_reference", reference)]


class NextStep(Action):
    """ "Vad händer nu?": during the escalation what comes once the details are given; with the
    conversation's own case its next step; else how an escalation starts."""

    def name(self) -> Text:
        return "action_next_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        if tracker.active_loop.get("name"):
            dispatcher.utter_message(text=case_replies.next_step_during_details(tracker.get_slot("situation")))
            return []
        return await _guarded(dispatcher, lambda: self._answer(dispatcher, tracker))

    async def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List:
        reference = tracker.get_slot("case_reference")
        case = reference and await asyncio.to_thread(case_store.find, reference, asker=case_access.asker(tracker))
        if case:
            dispatcher.utter_message(text=case_replies.next_step_of(case))
        else:
            dispatcher.utter_message(response="utter_ask_how_start")
        return []


class _Transition:
    """A step of the routine; a mixin, since the action server registers every Action subclass."""

    status: Text
    reply: Callable[[case_store.CaseView], Text]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        reference = named_reference(tracker) or tracker.get_slot("case_reference")
        if not reference:
            dispatcher.utter_message(text=case_replies.which_case())
            return []
        return await _guarded(dispatcher, lambda: self._move(dispatcher, tracker, reference))

    async def _move(self, dispatcher: CollectingDispatcher, tracker: Tracker, reference: Text) -> List:
        asker = case_access.asker(tracker)
        if not await _admitted(dispatcher, asker):
            return []
        try:
            case = await asyncio.to_thread(case_store.set_status, reference, self.status, asker.channel, asker=asker)
        except LookupError:
            return await _not_found(dispatcher, asker, reference)
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

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        reference = named_reference(tracker) or tracker.get_slot("case_reference")
        if not reference:
            dispatcher.utter_message(text=case_replies.no_case_for_contact(), buttons=suggestions.MAIN_CHOICES)
            return []
        details = contacts.contact_details(tracker.latest_message.get("text"))
        if not details:
            dispatcher.utter_message(text=case_replies.contact_not_understood())
            return []
        return await _guarded(dispatcher, lambda: self._save(dispatcher, tracker, reference, details))

    async def _save(self, dispatcher: CollectingDispatcher, tracker: Tracker, reference: Text, details: dict) -> List:
        asker = case_access.asker(tracker)
        if not await _admitted(dispatcher, asker):
            return []
        try:
            await asyncio.to_thread(case_store.set_contact, reference, case_store.Contact(**details), asker=asker)
        except LookupError:
            return await _not_found(dispatcher, asker, reference)
        dispatcher.utter_message(text=case_replies.contact_saved(reference))
        return [SlotSet("case_reference", reference)]
