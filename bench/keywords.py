"""The floor's training data: data/ with only the examples Rasa 3.6's KeywordIntentClassifier
can use, at most KEYWORDS_PER_INTENT of them per intent.

The classifier uses every example as a keyword, a regular expression it does not escape, and
drops a keyword found inside an example of another intent. It crashes on this data twice:
"?????" does not compile, and a keyword found inside two other intents' examples is dropped
twice (KeyError). And it searches the message with every keyword, uncompiled: with all 1,338
usable examples Python's cache of 512 compiled patterns overflows and each message costs about
half a second of compiling, which is no floor. So the copy keeps, per intent, the shortest few
examples the classifier would have kept."""

import re
import shutil
from collections import defaultdict
from pathlib import Path

# In an NLU file, an item (intent, regex, ...) and the examples indented below it.
SECTION = re.compile(r"^ {0,2}- (\w+):\s*(\S*)")
EXAMPLE = re.compile(r"^ {4,}- (.+?)\s*$")
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
KEYWORDS_PER_INTENT = 10


def plain_text(example: str) -> str:
    """The example as the classifier sees it: entity annotations replaced by their text."""
    return ANNOTATION.sub(r"\1", example)


def keyword_pattern(keyword: str):
    try:
        return re.compile(r"\b" + keyword + r"\b", re.IGNORECASE)
    except re.error:
        return None


def unusable_keywords(intent_of: dict[str, set[str]]) -> set[str]:
    """Keywords (text -> intents) that do not compile, belong to several intents, or are found
    in a keyword of another intent."""
    unusable = {keyword for keyword, intents in intent_of.items() if len(intents) > 1}
    for keyword, intents in intent_of.items():
        pattern = keyword_pattern(keyword)
        if pattern is None:
            unusable.add(keyword)
            continue
        if any(other_intents != intents and pattern.search(other) for other, other_intents in intent_of.items()):
            unusable.add(keyword)
    return unusable


def chosen_keywords(intent_of: dict[str, set[str]], per_intent: int = KEYWORDS_PER_INTENT) -> set[str]:
    """The shortest usable keywords, at most `per_intent` for each intent."""
    unusable = unusable_keywords(intent_of)
    by_intent = defaultdict(list)
    for keyword, intents in intent_of.items():
        if keyword not in unusable:
            by_intent[next(iter(intents))].append(keyword)
    return {keyword for keywords in by_intent.values() for keyword in sorted(keywords, key=len)[:per_intent]}


def intent_examples(lines: list[str]):
    """(line index, intent, plain text) of every example under an intent."""
    intent = None
    for index, line in enumerate(lines):
        section = SECTION.match(line)
        if section:
            intent = section.group(2) if section.group(1) == "intent" else None
            continue
        example = EXAMPLE.match(line)
        if intent and example:
            yield index, intent, plain_text(example.group(1))


def copy_keyword_safe_data(source: Path, target: Path) -> int:
    """Copies the data folder with only the chosen examples; returns how many were left out."""
    shutil.copytree(source, target)
    files = {
        path: path.read_text().splitlines(keepends=True)
        for path in sorted(target.rglob("*.yml"))
        if "\nnlu:" in path.read_text()
    }
    intent_of = defaultdict(set)
    for lines in files.values():
        for _, intent, text in intent_examples(lines):
            intent_of[text].add(intent)
    chosen = chosen_keywords(intent_of)
    left_out = 0
    for path, lines in files.items():
        drop = {index for index, _, text in intent_examples(lines) if text not in chosen}
        left_out += len(drop)
        path.write_text("".join(line for index, line in enumerate(lines) if index not in drop))
    return left_out
