import pytest
from hypothesis import given, strategies as st

from escalation_routine import contacts


@pytest.mark.parametrize(
    "text, details",
    [
        (
            "Operatör AB, Anna Andersson, anna@operator.se, 070-123 45 67",
            {"company": "Operatör AB", "name": "Anna Andersson", "email": "anna@operator.se", "phone": "070-123 45 67"},
        ),
        (
            "Bredband Syd, Per Nilsson 0701234567",
            {"company": "Bredband Syd", "name": "Per Nilsson", "phone": "0701234567"},
        ),
        ("kontakt: lisa.berg@netco.se", {"email": "lisa.berg@netco.se"}),
        ("ni når mig på +46 70 123 45 67", {"phone": "+46 70 123 45 67"}),
        ("Stadsnät Väst AB", {"company": "Stadsnät Väst AB"}),
        ("anna@", None),
        ("", None),
    ],
)
def test_contact_details(text, details):
    assert contacts.contact_details(text) == details


@given(st.text(max_size=1000))
def test_contact_details_never_fail_and_stay_short(text):
    details = contacts.contact_details(text)
    assert details is None or all(len(value) <= 200 for value in details.values())


@given(st.from_regex(r"[a-z][a-z0-9._+-]{0,15}@[a-z][a-z0-9-]{0,10}\.(se|com|nu)", fullmatch=True))
def test_an_email_among_contact_details_is_found_as_written(email):
    assert contacts.contact_details(f"Operatör AB, Anna Andersson, {email}")["email"] == email
