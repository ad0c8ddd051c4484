"""Rasa's REST channel with its input checked before anything reaches the assistant.

A request must be a JSON object with a non-empty `sender` (a string or number of at most
MAX_SENDER characters) and a `message` string with some text in it and at most MAX_MESSAGE
characters; `metadata`, when given, is an object. Anything else gets 400 with a JSON body naming
the problem, and nothing is stored. Control characters are removed from the message. The channel
is always "rest": a client cannot claim to be Slack or the widget.

With integrations configured (channels/rest_integrations.py) every request needs one's bearer
token, else 401; the conversation is then the integration's (its name before the sender) and the
message carries the integration's organisation as its verified identity. Without them the REST
channel is anonymous, for local use, and its conversations are "rest:" before the sender. Either
way a REST client names only REST conversations, never a Slack conversation or a widget session
(their ids have no colon). A `verified_identity` in the client's metadata never counts.
"""

import unicodedata
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request

import identity
from channels.rest_integrations import Integrations

MAX_SENDER = 256
ANONYMOUS = "rest"
# The widget's message field takes as much; no question about an escalation needs more.
MAX_MESSAGE = 2000
_KEPT_CONTROLS = {"\n", "\t"}


def clean_text(text: str) -> str:
    """NFC-normalised, without control characters other than newline and tab."""
    text = unicodedata.normalize("NFC", text)
    return "".join(char for char in text if char in _KEPT_CONTROLS or unicodedata.category(char) != "Cc")


def problem_with(body: Any) -> Optional[dict]:
    """What is wrong with a REST request body, as (reason, message) for the client; None if nothing."""
    if not isinstance(body, dict):
        return _problem("not_an_object", 'Skicka ett JSON-objekt: {"sender": "…", "message": "…"}.')
    sender = body.get("sender")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or not str(sender).strip():
        return _problem("missing_sender", "Ange avsändaren (sender) som en sträng som inte är tom.")
    if len(str(sender)) > MAX_SENDER:
        return _problem("sender_too_long", f"Avsändaren (sender) får vara högst {MAX_SENDER} tecken.")
    return message_problem(body.get("message"), body.get("metadata"))


def message_problem(message: Any, metadata: Any = None) -> Optional[dict]:
    """What is wrong with a message and its metadata, whichever channel brought them; None if nothing."""
    if not isinstance(message, str) or not clean_text(message).strip():
        return _problem("missing_message", "Ange meddelandet (message) som en sträng med text i.")
    if len(message) > MAX_MESSAGE:
        return _problem("message_too_long", f"Meddelandet får vara högst {MAX_MESSAGE} tecken.")
    if metadata is not None and not isinstance(metadata, dict):
        return _problem("bad_metadata", "metadata ska vara ett JSON-objekt.")
    return None


def _problem(reason: str, message: str) -> dict:
    return {"status": HTTPStatus.BAD_REQUEST, "reason": reason, "message": message}


class RestChannel(RestInput):
    def __init__(self) -> None:
        self.integrations = Integrations.from_environment()

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = str(req.json["sender"]).strip()
        integration = getattr(req.ctx, "integration", None)
        return f"{integration.name if integration else ANONYMOUS}:{sender}"

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        integration = getattr(request.ctx, "integration", None)
        return identity.into_metadata(super().get_metadata(request), integration and integration.identity)

    def _extract_message(self, req: Request) -> Optional[Text]:
        return clean_text(req.json["message"]).strip()

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def refuse_bad_requests(request: Request):
            # Sanic runs a blueprint's middleware for its own routes only: here the webhook and
            # the health check (GET).
            if request.method != "POST":
                return None
            if self.integrations:
                request.ctx.integration = self.integrations.authenticate(request.headers.get("authorization"))
                if request.ctx.integration is None:
                    return response.json(
                        {
                            "status": HTTPStatus.UNAUTHORIZED,
                            "reason": "unauthorized",
                            "message": "Ange integrationens token: Authorization: Bearer <token>.",
                        },
                        status=HTTPStatus.UNAUTHORIZED,
                        headers={"WWW-Authenticate": "Bearer"},
                    )
            try:
                body = request.json
            except SanicException:
                body = None
            problem = problem_with(body)
            return response.json(problem, status=problem["status"]) if problem else None

        return webhook
