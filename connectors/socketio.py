"""Rasa's socket.io channel (the widget's) with its input checked as the REST channel's is.

A message must be an object with a `session_id` (with session persistence) and a `message` that
connectors.rest.message_problem accepts. Anything else gets one bot message to the sending socket
only, with the Swedish explanation as `text` and the reason as `error` (the widget shows the
text), and reaches neither the NLU nor the tracker; stock Rasa crashes its handler on a non-object,
ignores a missing session id and passes an empty message on. A session request with an unusable
session id gets a new one.
"""

import json
import uuid
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from connectors.rest import MAX_SENDER, clean_text, message_problem


def usable_session_id(session_id: Any) -> bool:
    return isinstance(session_id, str) and bool(session_id.strip()) and len(session_id) <= MAX_SENDER


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def problem_with(self, data: Any) -> Optional[dict]:
        """What is wrong with a user message event, as {reason, message}; None if nothing."""
        if not isinstance(data, dict):
            return {"reason": "not_an_object",
                    "message": "Skicka ett objekt: {\"message\": \"…\", \"session_id\": \"…\"}."}
        if self.session_persistence and not usable_session_id(data.get("session_id")):
            return {"reason": "missing_session_id",
                    "message": "Sessionen saknas eller är ogiltig. Ladda om sidan och försök igen."}
        return message_problem(data.get("message"), self._metadata(data))

    def _metadata(self, data: dict) -> Any:
        metadata = data.get(self.metadata_key)
        if isinstance(metadata, str):
            try:
                return json.loads(metadata)
            except ValueError:
                return metadata
        return metadata

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio

        # Registering a handler again replaces Rasa's for the same event.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None, *_) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not usable_session_id(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None, *_) -> None:
            problem = self.problem_with(data)
            if problem:
                await sio.emit(self.bot_message_evt, {"text": problem["message"], "error": problem["reason"]},
                               room=sid)
                return
            message = UserMessage(
                clean_text(data["message"]).strip(),
                SocketIOOutput(sio, self.bot_message_evt),
                data["session_id"] if self.session_persistence else sid,
                input_channel=self.name(),
                metadata=self._metadata(data) or {},
            )
            await on_new_message(message)

        return webhook
