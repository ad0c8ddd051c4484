"""The escalation form's questions. Each first answers what the user's latest message asked (the
mailbox, the phone, the hours), when nothing has answered it yet, and then asks."""

from abc import ABC, abstractmethod
from typing import Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from escalation_routine import answers, facts, opening_hours
from actions import escalation

SITUATION_PAYLOADS = {
    "not_per_agreement": "/report_not_per_agreement",
    "late_delivery": "/report_late_delivery",
    "unsatisfied_remedy": "/report_unsatisfied_remedy",
    "order_stop": "/report_order_stop",
}


def answered_since_the_user_wrote(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


def answer_first(dispatcher: CollectingDispatcher, tracker: Tracker, already_said: Text = "") -> None:
    """The answers to what the latest message asked, unless answered already: by a reply since
    it, or in `already_said` (the same mailbox, or whether Kundservice is open now)."""
    if answered_since_the_user_wrote(tracker):
        return
    product, now = escalation.product(tracker.slots), opening_hours.now()
    for answer in answers.topic_answers(tracker.latest_message.get("text"), product, now):
        told = product and product.mailbox in already_said and product.mailbox in answer
        if not told and opening_hours.open_status_text(now) not in (already_said if "@" not in answer else ""):
            dispatcher.utter_message(text=answer)


class AskForDetail(Action, ABC):
    """Answers first, then asks for `slot` with its response (domain/escalation.yml)."""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot asked for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def question(self, tracker: Tracker) -> Dict:
        return {"response": f"utter_ask_{self.slot}"}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        answer_first(dispatcher, tracker)
        dispatcher.utter_message(**self.question(tracker))
        return []


class AskSituation(AskForDetail):
    slot = "situation"

    def question(self, tracker: Tracker) -> Dict:
        buttons = [
            {"title": facts.situations()[key].label, "payload": SITUATION_PAYLOADS[key]}
            for key in facts.situations_for(tracker.get_slot("case_kind"))
        ]
        buttons.append({"title": "Inget av dessa", "payload": "/deny"})
        return {
            "text": (
                "Vilken av de här situationerna gäller? Passar ingen av dem kan du ringa "
                f"Kundservice på {facts.phone()}."
            ),
            "buttons": buttons,
        }


class AskProduct(AskForDetail):
    slot = "product"

    def question(self, tracker: Tracker) -> Dict:
        buttons = [
            {"title": name, "payload": f'/inform{{"product": "{name}"}}'} for name in facts.facts().product_buttons
        ]
        return {"text": _product_question(tracker.get_slot("situation")), "buttons": buttons}


def _product_question(situation: Optional[Text]) -> Text:
    if situation == "order_stop":
        return "Vilken produkt gäller beställningen? Då vet du vilken ingång du ska välja när du ringer."
    return "Vilken produkt gäller ärendet? Produkten avgör vilken mejladress du ska mejla."


class AskOrderNumber(AskForDetail):
    slot = "order_number"


class AskDeliveryDate(AskForDetail):
    slot = "agreed_delivery_date"


class AskOutageStart(AskForDetail):
    slot = "outage_since"
