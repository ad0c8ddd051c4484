"""The REST channel's input check and text cleaning, on examples and on generated input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channels.rest import MAX_MESSAGE, MAX_SENDER, clean_text, problem_with

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize(
    "body, reason",
    [
        (None, "not_an_object"),
        ([], "not_an_object"),
        ("hej", "not_an_object"),
        ({"message": "hej"}, "missing_sender"),
        ({"sender": "", "message": "hej"}, "missing_sender"),
        ({"sender": "  ", "message": "hej"}, "missing_sender"),
        ({"sender": True, "message": "hej"}, "missing_sender"),
        ({"sender": {"id": 1}, "message": "hej"}, "missing_sender"),
        ({"sender": "x" * (MAX_SENDER + 1), "message": "hej"}, "sender_too_long"),
        ({"sender": "anna"}, "missing_message"),
        ({"sender": "anna", "message": ""}, "missing_message"),
        ({"sender": "anna", "message": " \n\t "}, "missing_message"),
        ({"sender": "anna", "message": 123}, "missing_message"),
        ({"sender": "anna", "message": "\u0000\u0007"}, "missing_message"),
        ({"sender": "anna", "message": "a" * (MAX_MESSAGE + 1)}, "message_too_long"),
        ({"sender": "anna", "message": "hej", "metadata": "x"}, "bad_metadata"),
    ],
)
def test_bad_bodies_are_named(body, reason):
    assert problem_with(body)["reason"] == reason


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "anna", "message": "hej"},
        {"sender": 123, "message": "hej"},
        {"sender": "anna", "message": "a" * MAX_MESSAGE},
        {"sender": "anna", "message": "🙂 Привет مرحبا 你好"},
        {"sender": "anna", "message": "'; DROP TABLE cases; --", "metadata": {"page": "x"}},
    ],
)
def test_good_bodies_pass(body):
    assert problem_with(body) is None


def test_control_characters_go_newlines_stay():
    assert clean_text("hej\u0000\u0007\u001b[31m\nrad två\tflik") == "hej[31m\nrad två\tflik"
    assert clean_text("La\u0308genhet") == "L\u00e4genhet"  # a decomposed ä is composed


@given(JSON)
def test_any_json_gets_an_answer_never_an_exception(body):
    problem = problem_with(body)
    assert problem is None or (problem["status"] == 400 and problem["message"])


@given(st.text())
def test_cleaned_text_has_no_control_characters_but_newline_and_tab(text):
    cleaned = clean_text(text)
    assert all(char in "\n\t" or ord(char) >= 32 and not 0x7F <= ord(char) <= 0x9F for char in cleaned)
