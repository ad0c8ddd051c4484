"""The Slack channel of the running Rasa server: signed events in, what the bot posts to Slack's
web API (a local stand-in) out. Nothing reaches the internet."""

import itertools
import re
import time
from urllib.parse import unquote

import pytest
import requests
from sqlalchemy import create_engine, text

from slack_stand_in import SlackClient, button_click, message_event

pytestmark = pytest.mark.rasa
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def slack(rasa_server):
    return SlackClient(f"{rasa_server}/webhooks/slack/webhook")


@pytest.fixture
def channel():
    """A direct-message channel of its own for each test, so each is its own conversation."""
    return f"D{time.time_ns()}"


def ts() -> str:
    return f"{int(time.time())}.{next(_numbers):06d}"


def all_text(post: dict) -> str:
    blocks = " ".join(block["text"]["text"] for block in post.get("blocks", []) if "text" in block)
    return f"{post.get('text', '')} {blocks}"


def test_url_verification_answers_the_challenge(slack):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    answer = slack.event({"type": "url_verification", "challenge": challenge})
    assert answer.status_code == 200
    assert answer.json() == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"


def test_a_question_gets_the_mailbox_posted_to_the_same_channel(slack, slack_api, channel):
    answer = slack.event(message_event("U100", channel, "Vilken mejladress gäller för Kopparaccess?", ts()))
    assert answer.status_code == 200
    post = slack_api.wait_for_posts(channel, 1)[0]
    assert "Kundservice-koppar@skanova.se" in all_text(post)


def test_buttons_are_slack_buttons_and_a_click_is_answered(slack, slack_api, channel):
    slack.event(message_event("U101", channel, "hej", ts()))
    greeting = slack_api.wait_for_posts(channel, 1)[0]
    actions = [block for block in greeting["blocks"] if block["type"] == "actions"][0]
    buttons = {element["text"]["text"]: element["value"] for element in actions["elements"]}
    assert buttons["Eskalera ett ärende"] == "/escalate"
    assert all(element["type"] == "button" for element in actions["elements"])

    answer = slack.interaction(button_click("U101", channel, buttons["Vad kan eskaleras?"], ts()))
    assert answer.status_code == 200
    situations = all_text(slack_api.wait_for_posts(channel, 2)[1])
    assert "Leveransen är inte utförd på överenskommet leveransdatum" in situations


@pytest.mark.parametrize(
    "signing",
    [
        {"secret": "not-the-signing-secret"},
        {"timestamp": int(time.time()) - 10 * 60},
    ],
    ids=["wrong-secret", "stale-timestamp"],
)
def test_badly_signed_requests_are_refused_and_not_answered(slack, slack_api, channel, signing):
    answer = slack.event(message_event("U102", channel, "hej", ts()), **signing)
    assert answer.status_code == 400
    time.sleep(2)
    assert slack_api.posts_to(channel) == []


@pytest.mark.parametrize(
    "signing",
    [
        {"secret": "not-the-signing-secret"},
        {"timestamp": int(time.time()) - 10 * 60},
        {"signed": False},
    ],
    ids=["wrong-secret", "stale-timestamp", "unsigned"],
)
def test_badly_signed_button_clicks_are_refused_and_not_answered(slack, slack_api, channel, signing):
    answer = slack.interaction(button_click("U105", channel, "/escalate", ts()), **signing)
    assert answer.status_code == 400
    time.sleep(2)
    assert slack_api.posts_to(channel) == []


def test_an_unsigned_request_is_refused(rasa_server, slack_api, channel):
    answer = requests.post(
        f"{rasa_server}/webhooks/slack/webhook", json=message_event("U103", channel, "hej", ts()), timeout=30
    )
    assert answer.status_code == 400
    time.sleep(2)
    assert slack_api.posts_to(channel) == []


def test_a_retried_escalation_gets_one_answer_and_one_case(slack, slack_api, channel, cases_db_url):
    typed = "order 77712345 för Koppar Punkt till Punkt, leveransdatumet har passerat"
    slack.event(message_event("U104", channel, typed, ts()))
    slack_api.wait_for_posts(channel, 1)
    last = message_event("U104", channel, "2 november 2026", ts())
    slack.event(last)
    for attempt, reason in [(1, "http_timeout"), (2, "http_error")]:
        retry = slack.event(last, headers={"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": reason})
        assert retry.status_code == 200 and retry.headers.get("X-Slack-No-Retry") == "1"
    posts = slack_api.wait_for_posts(channel, 3)
    time.sleep(3)
    assert len(slack_api.posts_to(channel)) == len(posts)

    instructions, registered = all_text(posts[1]), all_text(posts[2])
    assert "Kundservice-koppar@skanova.se" in instructions
    link = re.search(r"<(mailto:[^|>]+)\|öppna ett färdigt mejl>", instructions)
    assert link and "Koppar Punkt till Punkt" in unquote(link.group(1))
    reference = re.search(r"ESK-\d{4}-\d{6}", registered).group(0)
    with create_engine(cases_db_url).connect() as database:
        cases = database.execute(text("select reference, channel from cases where order_number = '77712345'")).all()
    assert cases == [(reference, "slack")]
