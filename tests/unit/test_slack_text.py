"""What the Slack connector changes in the text going to and coming from Slack, and how it knows
a message it has already received."""

import json
from urllib.parse import urlencode

from channels.slack import SlackChannel, from_slack_text, message_key, to_mrkdwn


def test_markdown_links_and_bold_become_slack_mrkdwn():
    text = (
        "1. Mejla Kundservice-koppar@skanova.se: [öppna ett färdigt mejl]"
        "(mailto:Kundservice-koppar@skanova.se?subject=Eskalering%20ESK-2026-000001)"
    )
    assert to_mrkdwn(text) == (
        "1. Mejla Kundservice-koppar@skanova.se: "
        "<mailto:Kundservice-koppar@skanova.se?subject=Eskalering%20ESK-2026-000001|öppna ett färdigt mejl>"
    )
    assert to_mrkdwn("**Viktigt:** ring också") == "*Viktigt:* ring också"
    assert to_mrkdwn("ingen länk här [bara hakparenteser]") == "ingen länk här [bara hakparenteser]"


def test_what_slack_wrapped_in_the_users_text_is_unwrapped():
    assert from_slack_text("Anna, <mailto:anna@op.se|anna@op.se>, 070-123 45 67") == "Anna, anna@op.se, 070-123 45 67"
    assert from_slack_text("se <https://skanova.se/eskalering>") == "se https://skanova.se/eskalering"
    assert from_slack_text("ring <tel:0771816000|0771-81 60 00>") == "ring 0771-81 60 00"
    assert from_slack_text("order <4711-2345>") == "order <4711-2345>"


def test_the_connector_unwraps_on_the_path_rasa_takes_for_every_user_message():
    text = "<@UBOT> kontakt: Anna, <mailto:anna@op.se|anna@op.se>"
    assert SlackChannel._sanitize_user_message(text, ["UBOT"]) == "kontakt: Anna, anna@op.se"


def test_a_message_is_known_by_its_id_or_its_channel_and_time():
    event = {"event": {"type": "message", "channel": "D1", "ts": "1.000001", "client_msg_id": "abc"}}
    assert message_key("application/json", json.dumps(event).encode()) == "message:abc"
    del event["event"]["client_msg_id"]
    # The same message delivered as both `message` and `app_mention` has the same channel and ts.
    mention = {"event": {"type": "app_mention", "channel": "D1", "ts": "1.000001"}}
    assert (
        message_key("application/json", json.dumps(event).encode())
        == message_key("application/json", json.dumps(mention).encode())
        == "message:D1:1.000001"
    )


def test_a_button_click_is_known_by_its_trigger():
    body = urlencode({"payload": json.dumps({"trigger_id": "t-1", "actions": [{"type": "button"}]})})
    assert message_key("application/x-www-form-urlencoded", body.encode()) == "action:t-1"


def test_what_cannot_be_read_has_no_key():
    assert message_key("application/json", b"not json") is None
    assert message_key("application/json", b'{"type": "url_verification"}') is None
    assert message_key("application/x-www-form-urlencoded", b"payload=%7B") is None
