"""Static responses must work without the action server, so some state a fact: every email
address, phone number and opening hour in the domain, and every Skanova address or 0771 number
in the training data, must be the one in facts.yml. (The training data also holds customers'
made-up contact details, which are not facts.)"""

import re
from pathlib import Path

import pytest
import yaml

from escalation_routine import facts
from actions.forms import NOT_ANSWERS

ROOT = Path(__file__).resolve().parents[2]
# Found loosely, compared exactly: a fact written in another form is a fact written wrong.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<![\w-])0\d{2,3}(?:[- ]?\d){5,8}(?![\w-])")
HOURS = re.compile(r"(?<![\d.:])\d{1,2}[.:]\d{2}\s*(?:[–—-]|till)\s*\d{1,2}[.:]\d{2}(?!\d|[.:]\d)")
# What the bot and the self-help page say: every address, number and hour in them is a fact.
DOMAIN = sorted(ROOT.glob("domain/*.yml")) + sorted(ROOT.glob("web/templates/*")) + sorted(ROOT.glob("web/src/*"))
DATA = sorted(ROOT.glob("data/**/*.yml")) + [ROOT / "README.md"] + sorted(ROOT.glob("docs/*.md"))


@pytest.mark.parametrize("path", DOMAIN + DATA, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_stated_fact_is_the_one_in_the_facts_file(path):
    text = path.read_text(encoding="utf-8")
    emails, phones = set(EMAIL.findall(text)), set(PHONE.findall(text))
    if path in DATA:
        emails = {email for email in emails if email.lower().endswith("@skanova.se")}
        phones = {phone for phone in phones if phone.startswith("0771")}
    assert emails <= set(facts.mailboxes().values())
    assert phones <= {facts.phone()}
    hours = facts.facts().opening_hours
    assert set(HOURS.findall(text)) <= {f"{hours.opens:%H.%M}–{hours.closes:%H.%M}"}


@pytest.mark.parametrize("wrong", ["0771 81 60 01", "0771-816001", "8.00–17.00", "08:00 - 16:30", "8.00 till 16.30"])
def test_a_fact_in_another_form_is_found(wrong):
    assert PHONE.findall(f"Ring {wrong} idag") or HOURS.findall(f"Öppet {wrong}.")


def test_the_phone_number_is_stated_statically_for_when_the_action_server_is_down():
    responses = (ROOT / "domain/conversation.yml").read_text(encoding="utf-8")
    assert facts.phone() in responses


def test_side_question_rule_covers_only_intents_that_never_answer_the_form():
    rules = yaml.safe_load((ROOT / "data/rules/escalation.yml").read_text(encoding="utf-8"))["rules"]
    side_questions = next(rule for rule in rules if rule["rule"].startswith("answer a side question"))
    intents = {step["intent"] for step in side_questions["steps"][0]["or"]}
    assert intents <= NOT_ANSWERS


def test_what_can_be_escalated_states_exactly_the_four_situations():
    responses = yaml.safe_load((ROOT / "domain/conversation.yml").read_text(encoding="utf-8"))["responses"]
    text = responses["utter_ask_what_escalate"][0]["text"]
    bullets = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    assert bullets == [situation.label for situation in facts.situations().values()]


@pytest.mark.parametrize("path", DOMAIN + [facts.FACTS_FILE], ids=lambda path: path.name)
def test_every_stated_outage_threshold_is_the_one_in_the_facts_file(path):
    stated = re.findall(r"mer än (\d+) timmar", path.read_text(encoding="utf-8"))
    assert {int(hours) for hours in stated} <= {facts.facts().outage_threshold_hours}
