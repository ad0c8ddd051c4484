import pytest

from escalation_routine import facts


def test_routing_to_the_four_mailboxes():
    assert facts.mailboxes() == {
        "fibervilla": "Kundservice-fibervilla@skanova.se",
        "fiber": "Kundservice-fiber@skanova.se",
        "koppar": "Kundservice-koppar@skanova.se",
        "inplacering": "Kundservice-inplaceringar@skanova.se",
    }


@pytest.mark.parametrize("text, kind", [
    ("förfrågan", "förfrågan"), ("forfragan", "förfrågan"), ("en förfrågning", "förfrågan"),
    ("beställningen", "beställning"), ("bestallnig", "beställning"), ("det är en order", "beställning"),
    ("leveransen", "leverans"), ("levernasen", "leverans"), ("hej", None), ("", None),
])
def test_case_kinds(text, kind):
    assert facts.resolve_case_kind(text) == kind


def test_situations_by_case_kind():
    assert facts.situations_for("förfrågan") == ["not_per_agreement"]
    assert facts.situations_for("leverans") == ["late_delivery", "unsatisfied_remedy"]
    assert facts.situations_for("beställning") == ["not_per_agreement", "order_stop"]
    assert facts.implied_case_kind("late_delivery") == "leverans"
    assert facts.implied_case_kind("order_stop") == "beställning"
    assert facts.implied_case_kind("not_per_agreement") is None
