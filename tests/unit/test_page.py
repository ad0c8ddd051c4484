"""The self-help page is built from the facts file and the bot's own answers, and loads nothing
from elsewhere."""

import re

import pytest

from escalation_routine import facts
from web import build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("site")
    build.build("https://chat.example.se", output)
    return output


def test_every_address_and_number_on_the_page_is_the_facts_files(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"[\w.-]+@skanova\.se", page)) == set(facts.mailboxes().values())
    assert facts.phone() in page
    assert set(re.findall(r"\b0\d{2,3}-[\d ]{5,}\d\b", page)) == {facts.phone()}
    for situation in facts.facts().situations.values():
        assert situation.label in page


def test_the_steps_are_the_bots_own_answers(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    answers = build.bot_answers()
    for keys in build.STEPS.values():
        for key in keys:
            assert answers[key].split("\n")[0] in page


def test_only_the_projects_own_files_are_loaded(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    loaded = [source for source in sources if not source.startswith(("mailto:", "tel:", "#"))]
    assert loaded and all("//" not in source for source in loaded), loaded
    assert 'data-server="https://chat.example.se"' in page
    widget = (site / "eskalering-widget.js").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in widget and "session_request" in widget
