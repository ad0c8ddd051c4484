"""A REST client as an integration would write it against several Rasa servers behind nginx.

nginx passes a refused connection on to the other server, but never sends a POST twice: when a
Rasa server dies while it handles a message, the client gets 502 without knowing whether the
message was handled. It then asks the conversation's tracker (Rasa's HTTP API): if the message is
there, it was handled and stored, and its answers are read from the tracker instead of sending
the message again; if not, nothing of it was stored and the message is sent again. So a message is
never handled twice, and the tracker check of the test can demand exactly that.

The client is a REST integration (channels/rest_integrations.py): it sends its bearer token, and
its conversations are the integration's, INTEGRATION before the sender."""

import time
from dataclasses import dataclass, field
from typing import List, Optional

import requests

# A message may wait for its conversation's lock, left behind by the killed server until it
# expires (TICKET_LOCK_LIFETIME, 60 s), and for the action servers under load.
TIMEOUT = 300
ATTEMPTS = 3
INTEGRATION = "scale-operator"


@dataclass
class Exchange:
    message: str
    replies: List[dict]
    served_by: str
    seconds: float
    # What went wrong before the answer came, e.g. "502 from 127.0.0.1:5201".
    failures: List[str] = field(default_factory=list)
    # The answer was read from the tracker: the message had been handled, its answer lost.
    recovered: bool = False
    # time.monotonic() when the message was first sent and when its answer came.
    started_at: float = 0.0
    answered_at: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(reply.get("text", "") for reply in self.replies)

    @property
    def buttons(self) -> List[dict]:
        return [button for reply in self.replies for button in reply.get("buttons", [])]


class Client:
    def __init__(self, server: str, sender: str, token: str, integration_token: str):
        self.server = server
        self.sender = sender
        self.token = token
        self.exchanges: List[Exchange] = []
        self.http = requests.Session()
        self.webhook_headers = {"Authorization": f"Bearer {integration_token}"}

    @property
    def conversation_id(self) -> str:
        return f"{INTEGRATION}:{self.sender}"

    def say(self, message: str) -> Exchange:
        started = time.monotonic()
        failures = []
        for _ in range(ATTEMPTS):
            try:
                response = self.http.post(
                    f"{self.server}/webhooks/rest/webhook",
                    timeout=TIMEOUT,
                    headers=self.webhook_headers,
                    json={"sender": self.sender, "message": message},
                )
            except requests.RequestException as error:
                failures.append(type(error).__name__)
            else:
                served_by = _last_upstream(response)
                if response.ok:
                    return self._done(message, response.json(), served_by, started, failures, False)
                failures.append(f"{response.status_code} from {served_by}")
            stored = self._stored_answer(message)
            if stored is not None:
                return self._done(message, stored, "tracker", started, failures, True)
        raise RuntimeError(f"{self.sender}: '{message}' not answered after {ATTEMPTS} attempts: {failures}")

    def _done(self, message, replies, served_by, started, failures, recovered) -> Exchange:
        now = time.monotonic()
        exchange = Exchange(message, replies, served_by, now - started, failures, recovered, started, now)
        self.exchanges.append(exchange)
        return exchange

    def _stored_answer(self, message: str) -> Optional[List[dict]]:
        """The bot's answers to `message` if the tracker holds it as the next user message."""
        response = self.http.get(
            f"{self.server}/conversations/{self.conversation_id}/tracker", params={"token": self.token}, timeout=TIMEOUT
        )
        response.raise_for_status()
        turns = user_turns(response.json()["events"])
        if len(turns) == len(self.exchanges) + 1 and turns[-1][0] == message:
            return [reply_of(event) for event in turns[-1][1]]
        return None


def user_turns(events: List[dict]) -> List[tuple]:
    """(user text, [the bot events that followed it]) for each user message, in order."""
    turns = []
    for event in events:
        if event["event"] == "user":
            turns.append((event.get("text"), []))
        elif event["event"] == "bot" and turns:
            turns[-1][1].append(event)
    return turns


def reply_of(bot_event: dict) -> dict:
    """A bot event as the REST channel sends it."""
    reply = {"text": bot_event.get("text") or ""}
    buttons = (bot_event.get("data") or {}).get("buttons")
    return {**reply, "buttons": buttons} if buttons else reply


def _last_upstream(response: requests.Response) -> str:
    # "127.0.0.1:5201, 127.0.0.1:5202" when nginx moved on from a refused connection.
    return response.headers.get("X-Served-By", "?").split(",")[-1].strip()
