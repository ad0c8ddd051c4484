"""The custom actions: each reads the tracker, calls plain functions and returns events."""

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from escalation_routine import answers, facts, opening_hours, products, reading, replies
from actions import asking, case_access, case_replies, case_store, escalation, suggestions

logger = logging.getLogger(__name__)

OFFER_BUTTONS = [{"title": "Ja tack", "payload": "/affirm"}, {"title": "Nej tack", "payload": "/deny"}]


def _reset_form() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in escalation.FORM_SLOTS]


def _text(tracker: Tracker) -> Text:
    return tracker.latest_message.get("text") or ""


async def _named_product(tracker: Tracker) -> Optional[facts.Product]:
    """The product the message means (a button's entity, or the text read), else the form's, else
    the product of the case this conversation just opened."""
    entity = next(tracker.get_latest_entity_values("product"), None) if _text(tracker).startswith("/") else None
    return (
        products.meant_product(entity or _text(tracker))
        or escalation.product(tracker.slots)
        or await _case_product(tracker)
    )


async def _case_product(tracker: Tracker) -> Optional[facts.Product]:
    reference = tracker.get_slot("case_reference")
    if not reference:
        return None
    try:
        case = await asyncio.to_thread(case_store.find, reference, asker=case_access.asker(tracker))
    except SQLAlchemyError:
        logger.exception("could not read the case record")
        return None
    return products.meant_product(case.product) if case else None


def _offered_lately(tracker: Tracker) -> bool:
    """Whether one of the bot's last two replies made the offer already."""
    bot_texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "bot"]
    return replies.offer() in bot_texts[-2:]


def _offer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Outside an escalation, an answer ends with the offer to prepare one (not every time, and
    not in a conversation about a case it already has), and the details the message gave are
    kept for it: a yes starts the form with them."""
    if tracker.active_loop.get("name") or _offered_lately(tracker) or tracker.get_slot("case_reference"):
        return []
    dispatcher.utter_message(text=replies.offer(), buttons=OFFER_BUTTONS)
    details = reading.read(_text(tracker), opening_hours.now()).slot_values()
    return [SlotSet(slot, value) for slot, value in details.items() if value]


def _lead(tracker: Tracker) -> Optional[Text]:
    """ "Ja." or "Nej." when the message is a yes/no question the routine answers."""
    return answers.polar_lead(_text(tracker), tracker.get_intent_of_latest_message(), opening_hours.now())


class CompleteEscalation(Action):
    """Gives the outcome and, for an escalation the routine allows, opens its case record."""

    def name(self) -> Text:
        return "action_complete_escalation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        now = opening_hours.now()
        details = escalation.Details.from_slots(tracker.slots)
        if not escalation.eligible(details, now):
            outcome = escalation.outcome(details, now)
            asking.answer_first(dispatcher, tracker, already_said=outcome)
            dispatcher.utter_message(text=outcome)
            return _reset_form()
        new_case = escalation.new_case(details, case_access.asker(tracker))
        try:
            reference = await asyncio.to_thread(case_store.open_case, new_case)
        except SQLAlchemyError:
            logger.exception("could not open a case record")
            dispatcher.utter_message(text=escalation.outcome(details, now))
            dispatcher.utter_message(text=case_replies.store_unavailable())
            return _reset_form()
        dispatcher.utter_message(text=escalation.outcome(details, now, reference))
        dispatcher.utter_message(
            text=case_replies.registered(reference, new_case.situation),
            buttons=[{"title": case_replies.started_button(new_case.situation), "payload": "/confirm_started"}],
        )
        return _reset_form() + [SlotSet("case_reference", reference)]


class CancelEscalation(Action):
    def name(self) -> Text:
        return "action_cancel_escalation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        dispatcher.utter_message(response="utter_cancel")
        return _reset_form()


class TellMailbox(Action):
    def name(self) -> Text:
        return "action_tell_mailbox"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        text = _text(tracker)
        dispatcher.utter_message(text=answers.mailbox_answer(text, await _named_product(tracker)))
        if reading.asked_topics(text) & {"phone", "hours"}:
            dispatcher.utter_message(text=answers.hours_reply(text, opening_hours.now()))
        return _offer(dispatcher, tracker)


class TellPhoneHours(Action):
    def name(self) -> Text:
        return "action_tell_phone_hours"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        dispatcher.utter_message(text=answers.hours_reply(_text(tracker), opening_hours.now()))
        return []


class AnswerQuestion(Action):
    """Answers a question about the routine: yes or no first where it is one, then the answer;
    during the escalation form the form then asks again, outside it the escalation is offered."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        intent = tracker.get_intent_of_latest_message()
        if intent == "ask_mailbox":
            return await TellMailbox().run(dispatcher, tracker, domain)
        if intent == "ask_phone_hours":
            return TellPhoneHours().run(dispatcher, tracker, domain)
        if intent == "ask_can_escalate":
            dispatcher.utter_message(text=answers.can_escalate(_text(tracker), opening_hours.now())[0])
            return []
        lead = _lead(tracker)
        if lead:
            dispatcher.utter_message(text=lead)
        dispatcher.utter_message(response=f"utter_{intent}")
        for other in reading.routine_questions(_text(tracker)):
            if other != intent and intent in reading.ROUTINE_QUESTIONS:
                dispatcher.utter_message(response=f"utter_{other}")
        for answer in answers.topic_answers(_text(tracker), await _named_product(tracker), opening_hours.now()):
            dispatcher.utter_message(text=answer)
        return _offer(dispatcher, tracker) if intent in reading.ROUTINE_QUESTIONS else []


class AnswerCanEscalate(Action):
    """ "Kan jag eskalera …?": yes or no from the routine, then the offer to start with the
    situation the question told."""

    def name(self) -> Text:
        return "action_answer_can_escalate"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        answer, situation = answers.can_escalate(_text(tracker), opening_hours.now())
        dispatcher.utter_message(text=answer)
        return _offer(dispatcher, tracker) + ([SlotSet("situation", situation)] if situation else [])


class DeclineOffer(Action):
    """No to the offer: nothing kept from the message for an escalation."""

    def name(self) -> Text:
        return "action_decline_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        dispatcher.utter_message(response="utter_no_offer")
        return _reset_form()


class SuggestMeanings(Action):
    """Not understood: the likeliest meanings as choices; the second time in a row the phone
    number and the main choices."""

    def name(self) -> Text:
        return "action_suggest_meanings"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        if suggestions.missed_before(tracker.events):
            dispatcher.utter_message(
                text=suggestions.second_miss(opening_hours.now()), buttons=suggestions.MAIN_CHOICES
            )
            return []
        ranking = tracker.latest_message.get("intent_ranking") or []
        dispatcher.utter_message(text=suggestions.first_miss(), buttons=suggestions.likeliest(ranking))
        return []


class CoreFallback(SuggestMeanings):
    """The rule policy's fallback (a turn no rule covers): the suggestions, and the message taken
    back as Rasa's own action_default_fallback does, so the policy does not predict it again."""

    def name(self) -> Text:
        return "action_core_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        return super().run(dispatcher, tracker, domain) + [UserUtteranceReverted()]
