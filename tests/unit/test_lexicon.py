import re

import pytest

from escalation_routine import lexicon


def _patterns(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _patterns(value, f"{path}.{key}" if path else key)
    elif isinstance(node, (str, list)) and path.split(".")[0] in {
        "dates",
        "times",
        "identifiers",
        "products",
        "situations",
        "questions",
        "polar",
        "answers",
    }:
        if isinstance(node, list) and not all(isinstance(item, str) for item in node):
            return
        if path.endswith((".days", ".name")):
            return
        yield path


@pytest.mark.parametrize("path", sorted(_patterns(lexicon.lexicon())))
def test_every_pattern_of_the_lexicon_compiles(path):
    assert isinstance(lexicon.pattern(path), re.Pattern)


def test_plain_keeps_positions():
    text = "Åtgärden på kopparaccessen är försenad!"
    assert len(lexicon.plain(text)) == len(text)
    assert lexicon.plain(text) == "atgarden pa kopparaccessen ar forsenad!"
