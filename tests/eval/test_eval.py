"""The conversation judged end to end (issue 12): every case of tests/eval/cases/ against the real
servers, with the thresholds the product is held to. `make eval` prints the same figures."""

import pytest

from tests.eval import cases, runner

pytestmark = pytest.mark.rasa

MESSAGES = 0.97
DIALOGUES = 0.95
MIN_MESSAGES = 400
MIN_DIALOGUES = 60


@pytest.fixture(scope="module")
def figures():
    return runner.write_report(runner.run(cases.load()))


def test_there_are_enough_cases_of_every_category():
    loaded = cases.load()
    messages = [case for case in loaded if not case.is_dialogue]
    dialogues = [case for case in loaded if case.is_dialogue]
    assert len(messages) >= MIN_MESSAGES and len(dialogues) >= MIN_DIALOGUES
    assert {case.category for case in messages} == set(range(12))
    assert {case.category for case in dialogues} == set(range(12))


def test_single_messages(figures):
    assert figures["messages"]["rate"] >= MESSAGES, figures["messages_by_category"]


def test_dialogues(figures):
    assert figures["dialogues"]["rate"] >= DIALOGUES, figures["dialogues_by_category"]


def test_no_question_three_times_in_a_row(figures):
    assert figures["triple_repeats"] == 0
