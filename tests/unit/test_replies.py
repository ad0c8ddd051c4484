import re
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from escalation_routine import eligibility, facts, products, replies
from actions import escalation

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FRIDAY_EVENING = datetime(2026, 11, 27, 17, 0, tzinfo=STOCKHOLM)
FRIDAY_MORNING = datetime(2026, 11, 27, 10, 0, tzinfo=STOCKHOLM)


def late_delivery(**overrides):
    slots = {
        "case_kind": "leverans",
        "situation": "late_delivery",
        "product": "Fiber Lägenhet",
        "order_number": "ORD-99812",
        "agreed_delivery_date": "2026-11-20",
    }
    return {**slots, **overrides}


def test_mailto_carries_subject_and_body_with_swedish_letters():
    link = escalation_link(late_delivery())
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "Kundservice-fibervilla@skanova.se"
    assert "%C3%A4" in parts.query and " " not in link  # ä percent-encoded as UTF-8
    query = parse_qs(parts.query)
    assert query["subject"] == ["Eskalering: Fiber Lägenhet, ORD-99812"]
    body = query["body"][0]
    assert "Produkt: Fiber Lägenhet" in body
    assert "Order-/referensnummer: ORD-99812" in body
    assert "Överenskommet leveransdatum: 2026-11-20" in body
    assert "Situation: Leveransen är inte utförd" in body


def outcome(slots, now):
    """The form's answer for these slots, read once into the details as the action reads them."""
    return escalation.outcome(escalation.Details.from_slots(slots), now)


def escalation_link(slots):
    return re.search(r"\((mailto:[^)]+)\)", outcome(slots, FRIDAY_EVENING)).group(1)


def test_completed_escalation_gives_mailbox_phone_next_opening_and_both_steps():
    text = outcome(late_delivery(), FRIDAY_EVENING)
    assert "Mejla Kundservice-fibervilla@skanova.se" in text
    assert "0771-81 60 00" in text and "08.00–16.30" in text
    assert "öppnar måndag 30 november kl. 08.00" in text
    assert "först när du har gjort båda: mejlat och ringt" in text


def test_open_now_during_office_hours():
    text = outcome(late_delivery(), FRIDAY_MORNING)
    assert "har öppet just nu" in text


def test_delivery_date_not_passed_is_not_yet_escalatable():
    text = outcome(late_delivery(agreed_delivery_date="2026-11-27"), FRIDAY_MORNING)
    assert "har inte passerat ännu" in text
    assert "från och med lördag 28 november" in text
    assert "mailto:" not in text


def test_no_situation_fits():
    text = outcome({"situation": "none"}, FRIDAY_MORNING)
    assert "fyra situationerna" in text and "0771-81 60 00" in text
    for situation in facts.situations().values():
        assert situation.label in text


def test_order_stop_over_four_hours_says_phone_and_choose_your_products_entry():
    slots = {"situation": "order_stop", "outage_since": "2026-11-27T05:30:00+01:00", "product": "Kopparaccess"}
    text = outcome(slots, FRIDAY_MORNING)
    assert "4 tim 30 min" in text
    assert "Ring Kundservice på 0771-81 60 00 och välj den ingång som gäller Kopparaccess" in text
    assert "ordinarie beställningsprocess" in text
    assert "mailto:" not in text


def test_order_stop_under_four_hours_says_when_four_hours_are_reached():
    slots = {"situation": "order_stop", "outage_since": "2026-11-27T09:15:00+01:00"}
    text = outcome(slots, FRIDAY_MORNING)
    assert "45 min" in text
    assert "efter fredag 27 november kl. 13.15" in text


def test_order_stop_of_exactly_four_hours_is_not_more_than_four():
    slots = {"situation": "order_stop", "outage_since": "2026-11-27T06:00:00+01:00"}
    assert "efter fredag 27 november kl. 10.00" in outcome(slots, FRIDAY_MORNING)


def test_mailbox_answer_for_a_product_and_for_all():
    product = products.meant_product("Fiber Lägenhet")
    assert "Kundservice-fibervilla@skanova.se" in replies.mailbox_answer(product)
    everything = replies.mailbox_answer(None)
    for mailbox in facts.mailboxes().values():
        assert mailbox in everything


def test_phone_and_hours():
    text = replies.phone_and_hours(datetime(2027, 3, 25, 17, 0, tzinfo=STOCKHOLM))
    assert text.startswith("Kundservice nås på 0771-81 60 00, helgfri måndag–fredag 08.00–16.30.")
    assert text.endswith("öppnar tisdag 30 mars kl. 08.00.")


def test_required_slots_follow_the_situation():
    now = FRIDAY_MORNING
    assert escalation.required_slots({}, now) == ["situation"]
    assert escalation.required_slots({"situation": "none"}, now) == ["situation"]
    assert escalation.required_slots({"situation": "not_per_agreement"}, now) == [
        "situation",
        "product",
        "order_number",
    ]
    assert escalation.required_slots({"situation": "late_delivery"}, now) == [
        "situation",
        "agreed_delivery_date",
        "product",
        "order_number",
    ]
    assert escalation.required_slots({"situation": "late_delivery", "agreed_delivery_date": "2026-12-01"}, now) == [
        "situation",
        "agreed_delivery_date",
    ]
    assert escalation.required_slots({"situation": "order_stop"}, now) == ["situation", "outage_since", "product"]
    assert escalation.required_slots({"situation": "order_stop", "outage_since": "2026-11-27T09:00:00+01:00"}, now) == [
        "situation",
        "outage_since",
    ]


def test_a_detail_the_user_could_not_give_is_not_asked_again_and_the_call_covers_it():
    slots = {
        "situation": "late_delivery",
        "agreed_delivery_date": escalation.UNKNOWN,
        "product": "Kopparaccess",
        "order_number": escalation.UNKNOWN,
    }
    assert escalation.eligible(escalation.Details.from_slots(slots), FRIDAY_MORNING)
    text = outcome(slots, FRIDAY_MORNING)
    assert "Kundservice-koppar@skanova.se" in text and "numret anger du när du ringer" in text


def test_an_unknown_product_gives_every_mailbox_and_opens_no_case():
    slots = {"situation": "not_per_agreement", "product": escalation.UNKNOWN, "order_number": "4711"}
    assert not escalation.eligible(escalation.Details.from_slots(slots), FRIDAY_MORNING)
    text = outcome(slots, FRIDAY_MORNING)
    assert all(mailbox in text for mailbox in facts.mailboxes().values())
    assert "0771-81 60 00" in text


def test_required_slots_ignore_unvalidated_text():
    slots = {"situation": "late_delivery", "agreed_delivery_date": "15 november"}
    assert "order_number" in escalation.required_slots(slots, FRIDAY_MORNING)


def test_delivery_date_passed():
    assert eligibility.delivery_date_passed(date(2026, 11, 26), date(2026, 11, 27))
    assert not eligibility.delivery_date_passed(date(2026, 11, 27), date(2026, 11, 27))
