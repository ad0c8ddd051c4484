"""Rasa's socket.io channel (the widget's) with its input checked as the REST channel's is.

A message must be an object with a `session_id` (with session persistence) and a `message` that
channels.rest.message_problem accepts. Anything else gets one bot message to the sending socket
only, with the Swedish explanation as `text` and the reason as `error` (the widget shows the
text), and reaches neither the NLU nor the tracker; stock Rasa crashes its handler on a non-object,
ignores a missing session id and passes an empty message on. A session request with an unusable
session id gets a new one: a usable one is one the server issued (32 hexadecimal digits).

Who the user is: with a widget key configured (channels/widget_token.py) a connection needs the
host page's token in socket.io's `auth` ({"token": "…"}) and is refused without a valid one; its
verified organisation and user are kept with the socket and go into every message's metadata, and
the conversation is the session's for that identity only (another identity sending the same
session id gets a conversation of its own). A message after the token has expired is not
processed: the socket gets `token_expired` and is disconnected, and the widget reconnects with a
fresh token. Without a key the conversation alone is the owner; a client's customData never counts.
"""

import hashlib
import json
import logging
import os
import re
import time
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio.exceptions import ConnectionRefusedError

import identity
from channels import widget_token
from channels.rest import clean_text, message_problem

logger = logging.getLogger(__name__)


# Session ids are the server's own (uuid4().hex): a client cannot pick another channel's
# conversation (a Slack user's "U…_D…", a REST sender) as its session.
_SESSION_ID = re.compile(r"[0-9a-f]{32}")


def usable_session_id(session_id: Any) -> bool:
    return isinstance(session_id, str) and _SESSION_ID.fullmatch(session_id) is not None


def conversation_id(session_id: Text, verified: Optional[identity.Identity]) -> Text:
    """The conversation of a session: the session id, bound to the verified identity if any."""
    if verified is None:
        return session_id
    bound = hashlib.sha256(f"{verified.organisation}\0{verified.user or ''}".encode()).hexdigest()[:16]
    return f"{session_id}.{bound}"


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SocketIOChannel":
        credentials = dict(credentials or {})
        credentials["jwt_key"] = credentials.get("jwt_key") or os.environ.get("WIDGET_JWT_KEY") or None
        credentials["jwt_method"] = credentials.get("jwt_method") or os.environ.get("WIDGET_JWT_METHOD") or "HS256"
        if credentials["jwt_method"] not in widget_token.ALGORITHMS:
            raise ValueError(f"jwt_method must be one of {', '.join(widget_token.ALGORITHMS)}")
        return super().from_credentials(credentials)

    def problem_with(self, data: Any) -> Optional[dict]:
        """What is wrong with a user message event, as {reason, message}; None if nothing."""
        if not isinstance(data, dict):
            return {"reason": "not_an_object", "message": 'Skicka ett objekt: {"message": "…", "session_id": "…"}.'}
        if self.session_persistence and not usable_session_id(data.get("session_id")):
            return {
                "reason": "missing_session_id",
                "message": "Sessionen saknas eller är ogiltig. Ladda om sidan och försök igen.",
            }
        return message_problem(data.get("message"), self._metadata(data))

    def _metadata(self, data: dict) -> Any:
        metadata = data.get(self.metadata_key)
        if isinstance(metadata, str):
            try:
                return json.loads(metadata)
            except ValueError:
                return metadata
        return metadata

    async def _token(self, sid: Text) -> Optional[widget_token.VerifiedToken]:
        if not self.jwt_key:
            return None
        session = await self.sio.get_session(sid, namespace=self.namespace)
        return session.get("token")

    async def _identity(self, sid: Text) -> Optional[identity.Identity]:
        token = await self._token(sid)
        return token.identity if token else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio

        # Registering a handler again replaces Rasa's for the same event.
        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Any = None) -> bool:
            if not self.jwt_key:
                return True
            try:
                verified = widget_token.verify(
                    auth.get("token") if isinstance(auth, dict) else None, self.jwt_key, self.jwt_algorithm
                )
            except widget_token.TokenRefused as refusal:
                logger.info("widget connection refused: %s", refusal)
                raise ConnectionRefusedError(str(refusal))
            await sio.save_session(sid, {"token": verified}, namespace=self.namespace)
            return True

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None, *_) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not usable_session_id(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                sio.enter_room(sid, conversation_id(session_id, await self._identity(sid)))
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None, *_) -> None:
            problem = self.problem_with(data)
            if problem:
                await sio.emit(self.bot_message_evt, {"text": problem["message"], "error": problem["reason"]}, room=sid)
                return
            token = await self._token(sid)
            if self.jwt_key and (token is None or token.expires_at <= time.time()):
                await sio.emit("token_expired", {"error": "token_expired"}, room=sid)
                await sio.disconnect(sid, namespace=self.namespace)
                return
            verified = token.identity if token else None
            message = UserMessage(
                clean_text(data["message"]).strip(),
                SocketIOOutput(sio, self.bot_message_evt),
                conversation_id(data["session_id"], verified) if self.session_persistence else sid,
                input_channel=self.name(),
                metadata=identity.into_metadata(self._metadata(data), verified),
            )
            await on_new_message(message)

        return webhook
