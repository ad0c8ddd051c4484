"""Personal data stays out of the logs: a conversation with an order number, a name, an email
address and a phone number, over REST and socket.io, with the Rasa server and the action server at
their default log level (INFO); none of the values appears in what either server wrote."""

import asyncio
import time

import pytest
import socketio

import project
from project import Conversation

pytestmark = pytest.mark.rasa

ORDER = "4711-5550"
NAME, EMAIL, PHONE = "Karin Lindqvist", "karin.lindqvist@nordnat.se", "070-987 65 43"
SOCKET_NAME, SOCKET_EMAIL = "Sven Öberg", "sven.oberg@exempel.se"
PERSONAL = [ORDER, ORDER.replace("-", ""), NAME, "Lindqvist", EMAIL, PHONE, PHONE.replace(" ", ""),
            SOCKET_NAME, "Öberg", SOCKET_EMAIL]


async def _say_over_socketio(url: str, text: str) -> list:
    client = socketio.AsyncClient()
    replies = asyncio.Queue()
    client.on("bot_uttered", replies.put_nowait)
    confirmed = asyncio.get_running_loop().create_future()
    client.on("session_confirm", confirmed.set_result)
    await client.connect(url, transports=["websocket"], wait_timeout=20)
    try:
        await client.emit("session_request", {"session_id": f"privacy-{time.time_ns()}"})
        session_id = await asyncio.wait_for(confirmed, 20)
        await client.emit("user_uttered", {"message": text, "session_id": session_id})
        return [await asyncio.wait_for(replies.get(), 60)]
    finally:
        await client.disconnect()


def test_personal_data_never_reaches_the_logs(rasa_server, action_server):
    conversation = Conversation(rasa_server, f"privacy-{time.time_ns()}")
    assert "leveransdatum" in conversation.text(f"order {ORDER} för Fiber Villa, leveransen är sen")
    assert "ESK-" in conversation.text("2 november 2026")
    saved = conversation.text(f"Nordnät AB, {NAME}, {EMAIL}, {PHONE}")
    assert "ESK-" in saved and "Förlåt" not in saved
    assert ORDER in conversation.text(f"status för order {ORDER}")
    assert asyncio.run(_say_over_socketio(rasa_server, f"jag heter {SOCKET_NAME}, {SOCKET_EMAIL}"))
    time.sleep(1)

    logs = {name: (project.OUTPUT / f"{name}.log").read_text(encoding="utf-8", errors="replace")
            for name in ["rasa-server", "action-server"]}
    assert all(" DEBUG " not in log for log in logs.values()), "the servers must run at their default level"
    leaks = {name: [value for value in PERSONAL if value.lower() in log.lower()] for name, log in logs.items()}
    assert leaks == {"rasa-server": [], "action-server": []}
