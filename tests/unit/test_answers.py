from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from escalation_routine import answers, facts, opening_hours

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEC_23 = datetime(2026, 12, 23, 14, 0, tzinfo=STOCKHOLM)  # open; 24th–27th closed
SAT = datetime(2026, 12, 5, 11, 0, tzinfo=STOCKHOLM)


def test_a_named_day_is_answered_with_the_hours_of_the_facts_file():
    hours = facts.facts().opening_hours
    answer = answers.hours_answer("har ni öppet på måndag 28/12?", DEC_23)
    assert f"{hours.opens:%H.%M}–{hours.closes:%H.%M}" in answer
    assert answer.startswith("Måndag 28 december har Kundservice öppet")


@pytest.mark.parametrize(
    "text, lead",
    [
        ("har ni öppet på julafton?", "Nej."),
        ("kan jag ringa på annandagen", "Nej."),
        ("öppet måndag 28/12?", "Ja."),
        ("är ni öppna nu?", "Ja."),
        ("har ni öppet till 17?", "Nej."),
        ("öppnar ni 8?", "Ja."),
        ("när öppnar ni efter jul?", None),
    ],
)
def test_yes_or_no_first_for_the_day_asked_about(text, lead):
    assert answers.polar_lead(text, "ask_phone_hours", DEC_23) == lead


def test_closed_now_names_the_next_opening():
    assert opening_hours.format_moment(opening_hours.next_opening(SAT)) in answers.hours_answer("öppet?", SAT)


def test_a_holiday_period_lists_the_open_days_between():
    answer = answers.hours_answer("vilka dagar har ni öppet över jul och nyår?", DEC_23)
    assert "måndag 28 december" in answer and "torsdag 24 december" not in answer


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("kan jag eskalera en reklamerad leverans om åtgärden inte hjälpte?", "Ja."),
        ("kan jag eskalera en felanmälan?", "Nej."),
        ("leveransen ska komma i morgon, kan jag eskalera redan nu?", "Nej, inte än."),
        ("kan jag eskalera ett portalstopp som bara pågått en timme?", "Nej, inte än."),
    ],
)
def test_can_i_escalate_gets_the_routines_yes_or_no(text, verdict):
    assert answers.can_escalate(text, DEC_23)[0].startswith(verdict)


def test_several_products_get_each_ones_mailbox():
    answer = answers.mailbox_answer("vilka adresser för en fiber villa-leverans och en kopparaccess-order?", None)
    assert "Kundservice-fibervilla@skanova.se" in answer and "Kundservice-koppar@skanova.se" in answer
