import pytest
import yaml

from escalation_routine import facts


def test_routing_to_the_four_mailboxes():
    assert facts.mailboxes() == {
        "fibervilla": "Kundservice-fibervilla@skanova.se",
        "fiber": "Kundservice-fiber@skanova.se",
        "koppar": "Kundservice-koppar@skanova.se",
        "inplacering": "Kundservice-inplaceringar@skanova.se",
    }


@pytest.mark.parametrize(
    "text, kind",
    [
        ("förfrågan", "förfrågan"),
        ("forfragan", "förfrågan"),
        ("en förfrågning", "förfrågan"),
        ("beställningen", "beställning"),
        ("bestallnig", "beställning"),
        ("det är en order", "beställning"),
        ("leveransen", "leverans"),
        ("levernasen", "leverans"),
        ("hej", None),
        ("", None),
    ],
)
def test_case_kinds(text, kind):
    assert facts.resolve_case_kind(text) == kind


def test_situations_by_case_kind():
    assert facts.situations_for("förfrågan") == ["not_per_agreement"]
    assert facts.situations_for("leverans") == ["late_delivery", "unsatisfied_remedy"]
    assert facts.situations_for("beställning") == ["not_per_agreement", "order_stop"]
    assert facts.implied_case_kind("late_delivery") == "leverans"
    assert facts.implied_case_kind("order_stop") == "beställning"
    assert facts.implied_case_kind("not_per_agreement") is None


def _raw() -> dict:
    return yaml.safe_load(facts.FACTS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "break_it, complaint",
    [
        (lambda raw: raw.pop("phone"), "phone"),
        (lambda raw: raw["opening_hours"].update(opens="åtta"), "malformed"),
        (lambda raw: raw["opening_hours"].update(opens="17:00"), "close before they open"),
        (lambda raw: raw["product_buttons"].append("Fiber Slott"), "'Fiber Slott' is no product"),
        (lambda raw: raw["situations"]["late_delivery"]["case_kinds"].append("reklamation"), "'reklamation'"),
        (lambda raw: raw["opening_hours"]["closed_eves"].append("påskafton"), "'påskafton'"),
    ],
    ids=[
        "no-phone",
        "hours-not-a-time",
        "closes-before-it-opens",
        "unknown-button",
        "unknown-case-kind",
        "unknown-eve",
    ],
)
def test_a_facts_file_that_lacks_or_contradicts_something_is_refused_by_name(break_it, complaint):
    raw = _raw()
    break_it(raw)
    with pytest.raises(facts.FactsError, match=complaint):
        facts.parse(raw)


def test_the_facts_are_typed():
    read = facts.facts()
    assert read.opening_hours.opens < read.opening_hours.closes and read.outage_threshold_hours == 4
    assert all(isinstance(group, facts.ProductGroup) for group in read.product_groups.values())
