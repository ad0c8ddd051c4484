"""What a message asks decides its intent before what it is about: the answer-first layer after
the intent classifier.

The classifier knows the phrasings of its training data; this component reads the message with
the parsers and the lexicon (escalation_routine.reading) and corrects the classifier where the
message itself is plain:

- a yes/no question about escalating ("Går det att eskalera om …?") is `ask_can_escalate`;
- a message telling one of the four situations is that situation's report (the escalation form
  then answers any question it also asks before its own question);
- a question for the mailbox, the phone number or the hours is that question, whatever the
  classifier thought it was about;
- a message that only gives details (a product, a number) is `inform`;
- a short "vet inte", "har inget nr" is `dont_know`: the form goes on without the detail.

It stands after the FallbackClassifier: a message the classifier was unsure of but whose reading
is plain gets its intent instead of nlu_fallback. A corrected intent gets confidence 1.0 and the
top of the ranking, which the action server reads.
"""

from typing import Any, Dict, List, Optional, Text

from escalation_routine import answers, contacts, identifiers, opening_hours, products, reading
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

# Intents about a case record already opened: a situation word in them ("leveransen") is context.
CASE_INTENTS = {"ask_case_status", "ask_next_step", "confirm_started", "confirm_closed", "give_contact"}
COMMANDS = {"cancel", "restart", "human_handoff", "bot_challenge", "goodbye", "thank"}
# A phone number has at least this many digits ("070-987 65 43").
MIN_PHONE_DIGITS = 9
# Up to this many words a question naming a day is a question about the hours.
SHORT_DAY_QUESTION = 5
# Below this the classifier's intent gives way to what the message plainly says.
SURE = 0.6


def _intent(message: Message) -> Dict[Text, Any]:
    return message.get(INTENT) or {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}


def _gives_contact(text: Text) -> bool:
    """The user's own email or phone number (not one of Skanova's), in a message that tells no
    case: "0099-1234" beside a product is an order number."""
    details = contacts.contact_details(text) or {}
    phone = sum(char.isdigit() for char in details.get("phone", "")) >= MIN_PHONE_DIGITS
    email = bool(details.get("email")) and "skanova" not in details["email"]
    return (phone or email) and not reading.situation(text) and not products.meant_product(text)


def _asks_about_a_day(text: Text, last: Text) -> bool:
    """A short question naming only a day ("men annandag påsk då?") asks whether Kundservice is open."""
    return (
        last.rstrip().endswith("?")
        and len(text.split()) <= SHORT_DAY_QUESTION
        and answers.day_asked(last, opening_hours.now()) is not None
    )


def corrected_intent(text: Text, intent: Optional[Text], confidence: float) -> Optional[Text]:
    """The intent the message plainly has, or None to keep the classifier's. What the last
    question asks decides before what the story before it tells."""
    sure = confidence >= SURE
    topics = reading.asked_topics(text)
    # A case intent stands unless the message plainly asks something else ("…?"): "mejl +
    # telefon klart" confirms, it does not ask for the phone.
    if intent in CASE_INTENTS and (sure or identifiers.case_reference(text)) and not (topics and "?" in text):
        return None
    if reading.about_existing_case(text) and not topics and not reading.routine_questions(text):
        return "ask_case_status"
    if reading.asks_next_step(text) and not topics and not reading.routine_questions(text):
        return "ask_next_step"
    if reading.only_identifier(text) and not identifiers.case_reference(text):
        return "inform"
    if intent in COMMANDS and sure:
        return None
    if reading.cannot_give(text):
        return "dont_know"
    if "?" not in text:
        step = reading.case_step(text)
        if step:
            return f"confirm_{step}"
        if _gives_contact(text):
            return "give_contact"
    last = reading.last_question(text)
    if reading.asks_whether_escalatable(last) and not reading.asked_topics(last):
        return "ask_can_escalate"
    if reading.polar_question(last) and reading.tells_fault(last):
        return "fault_report"
    if intent in reading.ROUTINE_QUESTIONS and sure:
        return None
    routine = reading.routine_question(last) or next(iter(reading.routine_questions(text)), None)
    if routine:
        return routine
    if "mailbox" in topics and len(products.meant_products(text)) > 1:
        return "ask_mailbox"
    situation = reading.situation(text)
    if reading.tells_fault(last or text) and situation in (None, "not_per_agreement"):
        return "fault_report"
    if situation:
        return f"report_{situation}"
    if "mailbox" in topics:
        return "ask_mailbox"
    if topics & {"phone", "hours"} or _asks_about_a_day(text, last):
        return "ask_phone_hours"
    # Details alone ("Kopparaccess ORD-99812"), not a question about them ("vad kostar svartfiber?").
    if (
        not sure
        and not reading.asks_something(text)
        and (products.meant_product(text) or identifiers.order_number(text))
    ):
        return "inform"
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerFirst(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AnswerFirst":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            intent = _intent(message)
            corrected = corrected_intent(text, intent[INTENT_NAME_KEY], intent[PREDICTED_CONFIDENCE_KEY] or 0.0)
            if corrected:
                _set_intent(message, corrected)
        return messages


def _set_intent(message: Message, name: Text) -> None:
    top = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
