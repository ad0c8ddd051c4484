"""Rasa's Slack connector, configured from the environment and hardened for Slack's retries.

- Off unless SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set (or slack_token and
  slack_signing_secret in credentials.yml): the webhook then answers 404 and nothing talks to Slack.
- Who the user is: the Slack team (workspace) of the signed request is the organisation, the
  Slack user the user; they go into the message's metadata as its verified identity.
- Links and addresses Slack wraps in the user's text (<mailto:a@b.se|a@b.se>) reach the NLU as
  plain text.
- A message Slack delivers twice (a retry, or the same message as both `message` and
  `app_mention`) is answered once; the retry is acknowledged with X-Slack-No-Retry.
- What the bot writes in Markdown (links, bold) is turned into Slack's mrkdwn.
- SLACK_API_URL points the web client elsewhere than https://slack.com/api/ (a proxy, a test).
"""

import json
import os
import re
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request

import identity

_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SLACK_LINK = re.compile(r"<((?:mailto|tel|https?):[^|>]+)(?:\|([^>]*))?>")
_REMEMBERED_MESSAGES = 10_000


def to_mrkdwn(text: str) -> str:
    """Markdown links and bold as Slack writes them: <url|label> and *bold*."""
    text = _MARKDOWN_LINK.sub(lambda match: f"<{match.group(2)}|{match.group(1)}>", text)
    return _MARKDOWN_BOLD.sub(r"*\1*", text)


def from_slack_text(text: str) -> str:
    """Slack wraps addresses and links the user typed (<mailto:a@b.se|a@b.se>): the plain text."""
    return _SLACK_LINK.sub(lambda match: match.group(2) or match.group(1), text)


def sender_identity(content_type: Optional[str], body: bytes) -> Optional[identity.Identity]:
    """The team and user of a Slack request (an event or a button click)."""
    try:
        if content_type == "application/x-www-form-urlencoded":
            payload = json.loads(parse_qs(body.decode("utf-8"))["payload"][0])
            team, user = (payload.get("team") or {}).get("id"), (payload.get("user") or {}).get("id")
        else:
            request = json.loads(body)
            event = request.get("event") or {}
            team, user = request.get("team_id") or event.get("team"), event.get("user")
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None
    if not isinstance(team, str) or not team:
        return None
    return identity.Identity(team, user if isinstance(user, str) else None)


def message_key(content_type: Optional[str], body: bytes) -> Optional[str]:
    """What identifies one user message across Slack's deliveries of it."""
    try:
        if content_type == "application/x-www-form-urlencoded":
            payload = json.loads(parse_qs(body.decode("utf-8"))["payload"][0])
            return f"action:{payload.get('trigger_id') or payload.get('action_ts')}"
        event = json.loads(body).get("event", {})
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None
    if event.get("client_msg_id"):
        return f"message:{event['client_msg_id']}"
    if event.get("channel") and event.get("ts"):
        return f"message:{event['channel']}:{event['ts']}"
    return None


class SlackOutput(SlackBot):
    """Posts in Slack's mrkdwn, to `api_url` instead of Slack's own when it is given."""

    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
        api_url: Optional[Text] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client.base_url = api_url

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        # as_user is a legacy parameter of classic Slack apps; a bot token posts as the bot.
        kwargs.pop("as_user", None)
        kwargs["text"] = to_mrkdwn(kwargs.get("text", ""))
        await super()._post_message(channel, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        # Rasa's own puts the text in a plain_text block, where the ready email's link is dead.
        blocks = [
            {"type": "section", "text": {"type": "mrkdwn", "text": to_mrkdwn(text)}},
            # Slack shows at most 25 elements in an actions block.
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": button["title"]},
                        "value": button["payload"],
                    }
                    for button in buttons[:25]
                ],
            },
        ]
        await self._post_message(channel=self.slack_channel or recipient_id, text=text, blocks=blocks)


class SlackChannel(SlackInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = dict(credentials or {})
        credentials["slack_token"] = credentials.get("slack_token") or os.environ.get("SLACK_BOT_TOKEN")
        credentials["slack_signing_secret"] = credentials.get("slack_signing_secret") or os.environ.get(
            "SLACK_SIGNING_SECRET"
        )
        if not credentials.get("slack_token") or not credentials.get("slack_signing_secret"):
            return DisabledSlackChannel()
        return super().from_credentials(credentials)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Retries are recognised by the message they carry (see message_key), whatever Slack's
        # reason header says, so a retry of a message that never arrived is still answered.
        self.errors_ignore_retry = ()
        self._received: "OrderedDict[str, None]" = OrderedDict()
        self.api_url = os.environ.get("SLACK_API_URL")

    @staticmethod
    def _sanitize_user_message(text: Text, uids_to_remove: Optional[List[Text]]) -> Text:
        return from_slack_text(SlackInput._sanitize_user_message(text, uids_to_remove))

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        verified = sender_identity(request.headers.get("content-type"), request.body)
        return identity.into_metadata(super().get_metadata(request), verified)

    def _first_delivery(self, request: Request) -> bool:
        key = message_key(request.headers.get("content-type"), request.body)
        if key is None:
            return True
        if key in self._received:
            return False
        self._received[key] = None
        if len(self._received) > _REMEMBERED_MESSAGES:
            self._received.popitem(last=False)
        return True

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        sender_id: Optional[Text],
        metadata: Optional[Dict],
    ) -> Any:
        if not self._first_delivery(request):
            return response.text("", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
        return await super().process_message(request, on_new_message, text, sender_id, metadata)

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url)


class DisabledSlackChannel(InputChannel):
    """Slack without a token and a signing secret: every request is refused."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request):
            return response.text("Slack is not configured on this server.", status=HTTPStatus.NOT_FOUND)

        return slack_webhook
