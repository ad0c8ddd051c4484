from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from escalation_routine import facts, parsers
from actions import forms

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 27, 14, 30, tzinfo=STOCKHOLM)  # a Friday
TODAY = NOW.date()


@pytest.mark.parametrize("text, number", [
    ("88812345", "88812345"),
    ("4711-2345", "4711-2345"),
    ("ORD-99812", "ORD-99812"),
    ("ord-99812", "ORD-99812"),
    ("REF-2026-5541", "REF-2026-5541"),
    ("1-2345678", "1-2345678"),
    ("ordernummer är 88812345 tack", "88812345"),
    ("order 88812345 för Koppar Punkt till Punkt", "88812345"),
    ("referens: REF-2026-5541.", "REF-2026-5541"),
])
def test_real_looking_numbers(text, number):
    assert parsers.order_number(text) == number


@pytest.mark.parametrize("text", [
    "hej hej", "", "   ", "123", "15 mars", "2026-11-20", "sedan kl 09.15", "0771-81 60 00",
    "ESK-2026-000123", "fiber villa", "abc-12345x",
])
def test_no_number_in_garbage(text):
    assert parsers.order_number(text) is None


@pytest.mark.parametrize("text, expected", [
    ("15 november", date(2026, 11, 15)),
    ("den 3/11", date(2026, 11, 3)),
    ("3/11", date(2026, 11, 3)),
    ("2026-11-20", date(2026, 11, 20)),
    ("20.11.2026", date(2026, 11, 20)),
    ("15 mars", date(2027, 3, 15)),        # without a year: the nearest one
    ("1 juli", date(2026, 7, 1)),
    ("leveransdatum var 12 nov", date(2026, 11, 12)),
    ("igår", date(2026, 11, 26)),
    ("i förrgår", date(2026, 11, 25)),
    ("idag", date(2026, 11, 27)),
    ("i måndags", date(2026, 11, 23)),
    ("i fredags", date(2026, 11, 20)),
    ("förra tisdagen", date(2026, 11, 24)),
    ("på tisdag", date(2026, 12, 1)),
    ("1 december", date(2026, 12, 1)),
])
def test_swedish_dates(text, expected):
    assert parsers.delivery_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "hej hej", "vet inte", "kopparaccess", "99/99"])
def test_no_date_in_garbage(text):
    assert parsers.delivery_date(text, TODAY) is None


@pytest.mark.parametrize("text, hours_ago", [
    ("sedan kl 09.15", 5.25),
    ("sedan kl. 09:15", 5.25),
    ("sedan 08.00 i morse", 6.5),
    ("sen halv nio", 6.0),
    ("i 5 timmar", 5),
    ("sedan en timme", 1),
    ("ungefär tre timmar", 3),
    ("i 2,5 timmar", 2.5),
    ("i två och en halv timme", 2.5),
    ("90 minuter", 1.5),
    ("sedan 22.00", 16.5),           # a later clock time than now: yesterday
    ("sedan igår kl 15", 23.5),
    ("kl 14", 0.5),
])
def test_outage_start(text, hours_ago):
    start = parsers.outage_start(text, NOW)
    assert NOW - start == timedelta(hours=hours_ago)


@pytest.mark.parametrize("text", ["", "hej", "vet inte", "kopparaccess", "sedan kl 25.00"])
def test_no_outage_time_in_garbage(text):
    assert parsers.outage_start(text, NOW) is None


def test_duration_across_the_dst_change_is_real_hours():
    after_change = datetime(2026, 3, 29, 5, 0, tzinfo=STOCKHOLM)  # summer time since 02.00
    start = parsers.outage_start("i 5 timmar", after_change)
    assert after_change.timestamp() - start.timestamp() == 5 * 3600


@given(st.text(max_size=300))
def test_order_number_never_fails_and_finds_only_real_looking_numbers(text):
    number = parsers.order_number(text)
    assert number is None or parsers.order_number(number) == number


@given(st.text(max_size=300))
def test_delivery_date_never_fails(text):
    result = parsers.delivery_date(text, TODAY)
    assert result is None or isinstance(result, date)


@given(st.text(max_size=300))
def test_outage_start_never_fails_and_lies_in_the_past(text):
    start = parsers.outage_start(text, NOW)
    assert start is None or start <= NOW


@given(st.from_regex(r"(ORD|REF)-[0-9]{3,8}|[0-9]{4}-[0-9]{4}|[0-9]{6,12}", fullmatch=True))
def test_every_number_of_a_known_shape_is_found_inside_a_sentence(number):
    assert parsers.order_number(f"ordernummer {number}, tack") == number.upper()


@pytest.mark.parametrize("text, reference", [
    ("Vad är status på ESK-2026-000123?", "ESK-2026-000123"),
    ("esk-2026-123", "ESK-2026-000123"),
    ("ärende ESK-2027-000001.", "ESK-2027-000001"),
    ("ESK-26-1", None), ("4711-2345", None), ("", None), ("XESK-2026-000123", None),
])
def test_case_references(text, reference):
    assert parsers.case_reference(text) == reference


@pytest.mark.parametrize("text, details", [
    ("Operatör AB, Anna Andersson, anna@operator.se, 070-123 45 67",
     {"company": "Operatör AB", "name": "Anna Andersson", "email": "anna@operator.se", "phone": "070-123 45 67"}),
    ("Bredband Syd, Per Nilsson 0701234567",
     {"company": "Bredband Syd", "name": "Per Nilsson", "phone": "0701234567"}),
    ("kontakt: lisa.berg@netco.se", {"email": "lisa.berg@netco.se"}),
    ("ni når mig på +46 70 123 45 67", {"phone": "+46 70 123 45 67"}),
    ("Stadsnät Väst AB", {"company": "Stadsnät Väst AB"}),
    ("anna@", None),
    ("", None),
])
def test_contact_details(text, details):
    assert parsers.contact_details(text) == details


@given(st.text(max_size=1000))
def test_contact_details_never_fail_and_stay_short(text):
    details = parsers.contact_details(text)
    assert details is None or all(len(value) <= 200 for value in details.values())


@given(st.text(max_size=1000))
def test_case_reference_never_fails(text):
    reference = parsers.case_reference(text)
    assert reference is None or parsers.case_reference(reference) == reference


@pytest.mark.parametrize("text", [
    "status för ESK-2026-" + "1" * 100_000,
    "order " + "4711-" * 20_000,
    "sedan kl " + "9" * 100_000,
    "Anna, " + "a" * 100_000 + "@op.se",
], ids=["reference", "order-number", "clock", "email"])
def test_every_parser_takes_a_100000_character_message(text):
    """Slack and socket.io pass long messages on; no parser may fail or backtrack for ever on one."""
    parsers.case_reference(text)
    parsers.order_number(text)
    parsers.delivery_date(text, TODAY)
    parsers.outage_start(text, NOW)
    parsers.contact_details(text)


# Round trips and the validators that use the parsers, for any input (hypothesis).

SWEDISH_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                  "september", "oktober", "november", "december"]
PRODUCTS = [product for _, product in facts._synonyms()]
SYNONYMS = [(synonym, product) for synonym, product in facts._synonyms()]


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_a_written_out_date_with_its_year_is_read_back(day):
    assert parsers.delivery_date(f"den {day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}", TODAY) == day


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_an_iso_date_is_read_back(day):
    assert parsers.delivery_date(day.isoformat(), TODAY) == day
    assert parsers.delivery_date(f"det skulle levererats {day.isoformat()}.", TODAY) == day


def test_an_impossible_iso_date_is_no_date():
    assert parsers.delivery_date("2026-02-30", TODAY) is None


@given(st.dates(TODAY - timedelta(days=150), TODAY + timedelta(days=150)))
def test_a_date_without_a_year_is_the_nearest_one(day):
    assert parsers.delivery_date(f"{day.day} {SWEDISH_MONTHS[day.month - 1]}", TODAY) == day


@given(st.integers(1, 72), st.sampled_from(["i {} timmar", "sedan {} timmar", "nere i {} tim", "{} h"]))
def test_a_duration_in_hours_is_that_many_real_hours_back(hours, phrase):
    start = parsers.outage_start(phrase.format(hours), NOW)
    assert NOW.timestamp() - start.timestamp() == hours * 3600


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_clock_time_is_the_latest_such_moment_not_after_now(hour, minute):
    start = parsers.outage_start(f"sedan kl {hour:02d}.{minute:02d}", NOW)
    assert (start.hour, start.minute) == (hour, minute)
    assert NOW - timedelta(days=1) < start <= NOW


@given(st.integers(1000, 9999), st.integers(0, 999_999_999), st.sampled_from(["esk", "ESK", "Esk"]))
def test_any_case_reference_is_found_and_normalised(year, number, prefix):
    assert parsers.case_reference(f"hur går det med {prefix}-{year}-{number}?") == f"ESK-{year}-{number:06d}"


@given(st.from_regex(r"[a-z][a-z0-9._+-]{0,15}@[a-z][a-z0-9-]{0,10}\.(se|com|nu)", fullmatch=True))
def test_an_email_among_contact_details_is_found_as_written(email):
    assert parsers.contact_details(f"Operatör AB, Anna Andersson, {email}")["email"] == email


@given(st.sampled_from(SYNONYMS), st.booleans(), st.booleans())
def test_every_synonym_names_its_product_in_a_sentence_in_any_case_without_diacritics(pair, upper, plain):
    synonym, product = pair
    typed = synonym.translate(str.maketrans("åäö", "aao")) if plain else synonym
    assert facts.resolve_product(f"det gäller {typed.upper() if upper else typed} tack") == product


@given(st.text(max_size=300))
def test_product_and_case_kind_never_fail_and_are_known(text):
    assert facts.resolve_product(text) in PRODUCTS + [None]
    assert facts.resolve_case_kind(text) in [*facts.facts()["case_kinds"], None]


@given(st.text(max_size=300))
def test_fold_is_idempotent(text):
    assert facts.fold(facts.fold(text)) == facts.fold(text)


VALIDATORS = {
    "order_number": lambda value: parsers.order_number(value),
    "agreed_delivery_date": lambda value: value and date.fromisoformat(value).isoformat(),
    "outage_since": lambda value: value and datetime.fromisoformat(value).isoformat(),
    "product": lambda value: value and facts.resolve_product(value).name,
    "case_kind": lambda value: facts.resolve_case_kind(value),
}


@pytest.mark.parametrize("slot", sorted(VALIDATORS))
@given(text=st.text(max_size=300))
def test_a_form_validator_gives_a_valid_value_or_none_and_says_why(slot, text):
    dispatcher = CollectingDispatcher()
    tracker = Tracker("hypothesis", {}, {"text": text}, [], False, None, {}, "action_listen")
    validate = getattr(forms.ValidateEscalationForm(), f"validate_{slot}")
    value = validate(text, dispatcher, tracker, {})[slot]
    assert len(dispatcher.messages) == (1 if value is None else 0)
    assert value is None or VALIDATORS[slot](value) == value
