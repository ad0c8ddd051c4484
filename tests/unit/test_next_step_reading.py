"""Which messages ask what the user is to do next (escalation_routine.reading.asks_next_step), and
the intent the answer-first layer gives them whatever the classifier thought."""

import pytest

from escalation_routine import reading
from nlu.answer_first import corrected_intent

ASKS = [
    "vad händer nu?",
    "Vad händer nu då??",
    "och sen då?",
    "okej, och nu då?",
    "ok sen?",
    "nu då?",
    "vad gör jag sen?",
    "vad gor vi nu",
    "vad ska jag göra nu",
    "nästa steg?",
    "vad blir nästa grej",
    "hur går vi vidare",
    "hur kommer jag vidare nu?",
    "måste jag göra nåt mer",
    "behöver jag göra något mer nu?",
    "vad återstår?",
    "vad väntar vi på nu",
    "Vad gör vi nu med ESK-2026-000005?",
]
OTHERS = [
    "nu",
    "sedan",
    "vad gör jag om kundportalen är nere?",
    "vad händer om leveransen är sen?",
    "leveransen är sen, vad gör jag nu?",
    "hur lång tid tar det?",
    "vilken mejladress gäller nu?",
    "vad är status på ESK-2026-000001",
    "hej",
]


@pytest.mark.parametrize("text", ASKS)
def test_asks_what_comes_next(text):
    assert reading.asks_next_step(text)


@pytest.mark.parametrize("text", OTHERS)
def test_asks_something_else(text):
    assert not reading.asks_next_step(text)


@pytest.mark.parametrize("text", ["vad händer nu?", "och sen då?", "hur går vi vidare"])
def test_the_classifiers_unsure_guess_gives_way(text):
    assert corrected_intent(text, "nlu_fallback", 0.2) == "ask_next_step"


def test_a_situation_told_with_it_is_an_escalation():
    assert corrected_intent("leveransen är sen, vad gör jag nu?", "nlu_fallback", 0.2) == "report_late_delivery"
