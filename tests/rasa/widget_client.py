"""The widget's side of the socket.io channel, with a real python-socketio client: connect (with
the host page's token, if any), ask for a session, send messages, collect what the bot says."""

import asyncio
from typing import Optional

import socketio


async def _exchange(url: str, *payloads, session_request=None, token: Optional[str] = None,
                    events: Optional[list] = None) -> tuple:
    """Connects, asks for a session, emits each payload as a user message; returns the confirmed
    session id and every bot message, collected until the bot has been quiet for a while. Other
    events the server sends (token_expired) are appended to `events`."""
    client = socketio.AsyncClient()
    replies, confirmed = asyncio.Queue(), asyncio.get_running_loop().create_future()
    client.on("bot_uttered", replies.put_nowait)
    client.on("session_confirm", lambda session_id: confirmed.done() or confirmed.set_result(session_id))
    client.on("token_expired", lambda data: events.append(("token_expired", data)) if events is not None else None)
    await client.connect(url, transports=["websocket"], wait_timeout=20,
                         auth={"token": token} if token else None)
    try:
        await client.emit("session_request", session_request)
        session_id = await asyncio.wait_for(confirmed, 20)
        answers = []
        for payload in payloads:
            payload = payload(session_id) if callable(payload) else payload
            await client.emit("user_uttered", payload)
            answers.append(await _collect(replies))
        return session_id, answers
    finally:
        await client.disconnect()


async def _collect(replies: asyncio.Queue, first_within: float = 60) -> list:
    try:
        collected = [await asyncio.wait_for(replies.get(), first_within)]
    except asyncio.TimeoutError:
        return []
    while True:
        try:
            collected.append(await asyncio.wait_for(replies.get(), 1.5))
        except asyncio.TimeoutError:
            return collected


def exchange(url, *payloads, session_request=None, token=None, events=None):
    return asyncio.run(_exchange(url, *payloads, session_request=session_request, token=token, events=events))


def message(text_, custom_data=None):
    """A user message as the widget sends it, for the session the server confirmed."""
    return lambda session_id: {"message": text_, "session_id": session_id,
                               "customData": custom_data or {"language": "sv"}}


class WidgetConversation:
    """One widget conversation: its session id kept across connections, as the widget keeps it."""

    def __init__(self, url: str, token: Optional[str] = None, custom_data: Optional[dict] = None):
        self.url, self.token, self.custom_data = url, token, custom_data
        self.session_id: Optional[str] = None

    def text(self, text_: str) -> str:
        request = {"session_id": self.session_id} if self.session_id else None
        self.session_id, [answer] = exchange(self.url, message(text_, self.custom_data), session_request=request,
                                             token=self.token)
        return "\n".join(reply.get("text", "") for reply in answer)
