"""The widget's side of the socket.io channel, with a real python-socketio client: connect (with
the host page's token, if any), ask for a session, send messages, collect what the bot says."""

import asyncio
from typing import Optional

import socketio


_DISCONNECTED = object()


async def _exchange(
    url: str,
    *payloads,
    session_request=None,
    token: Optional[str] = None,
    events: Optional[list] = None,
    wait_timeout: float = 20,
) -> tuple:
    """Connects, asks for a session, emits each payload as a user message; returns the confirmed
    session id and every bot message, collected until the bot has been quiet for a while or the
    server disconnected. The refusal of a connection and the server's token_expired are appended
    to `events` as (event, data)."""
    client = socketio.AsyncClient()
    events = [] if events is None else events
    replies, confirmed = asyncio.Queue(), asyncio.get_running_loop().create_future()
    client.on("bot_uttered", replies.put_nowait)
    client.on("disconnect", lambda: replies.put_nowait(_DISCONNECTED))
    client.on("session_confirm", lambda session_id: confirmed.done() or confirmed.set_result(session_id))
    refused = asyncio.get_running_loop().create_future()
    client.on("token_expired", lambda data: events.append(("token_expired", data)))
    client.on(
        "connect_error",
        lambda data: (events.append(("connect_error", data)), refused.done() or refused.set_result(data)),
    )
    # A refused connection says so at once; python-socketio's connect() would wait out wait_timeout.
    connecting = asyncio.ensure_future(
        client.connect(
            url, transports=["websocket"], wait_timeout=wait_timeout, auth={"token": token} if token else None
        )
    )
    await asyncio.wait({connecting, refused}, return_when=asyncio.FIRST_COMPLETED)
    if refused.done() and not (connecting.done() and not connecting.exception()):
        connecting.cancel()
        await client.disconnect()
        raise socketio.exceptions.ConnectionError(f"refused: {refused.result()}")
    await connecting
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


async def _collect(replies: asyncio.Queue) -> list:
    collected, wait = [], 60
    while True:
        try:
            reply = await asyncio.wait_for(replies.get(), wait)
        except asyncio.TimeoutError:
            return collected
        if reply is _DISCONNECTED:
            return collected
        collected.append(reply)
        wait = 1.5


def exchange(url, *payloads, **options):
    return asyncio.run(_exchange(url, *payloads, **options))


def message(text_, custom_data=None):
    """A user message as the widget sends it, for the session the server confirmed."""
    return lambda session_id: {
        "message": text_,
        "session_id": session_id,
        "customData": custom_data or {"language": "sv"},
    }


class WidgetConversation:
    """One widget conversation: its session id kept across connections, as the widget keeps it."""

    def __init__(self, url: str, token: Optional[str] = None, custom_data: Optional[dict] = None):
        self.url, self.token, self.custom_data = url, token, custom_data
        self.session_id: Optional[str] = None

    def text(self, text_: str) -> str:
        request = {"session_id": self.session_id} if self.session_id else None
        self.session_id, [answer] = exchange(
            self.url, message(text_, self.custom_data), session_request=request, token=self.token
        )
        return "\n".join(reply.get("text", "") for reply in answer)
