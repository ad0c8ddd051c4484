"""The trained model in the test's own process, with the real action server, so a test can watch
Rasa's methods while a long conversation runs: forms, side questions, corrections, cancels and
questions, a cycle of them three times over."""

import asyncio
import os

from rasa.core.agent import load_agent
from rasa.core.channels import CollectingOutputChannel, UserMessage
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig

from project import IN_MEMORY_TRACKER_STORE

CYCLE = [
    "hej",
    "vad kan jag eskalera?",
    "jag vill eskalera",
    "beställning",
    "/report_not_per_agreement",
    "vilket telefonnummer har ni?",
    "villafibern",
    "ORD-5510{n}",
    "nej",
    "avbryt",
    "order 8881{n}345 för Koppar Punkt till Punkt, leveransdatumet har passerat",
    "15 november",
    "Operatör AB, Anna Andersson, anna@operator.se",
    "ja",
    "status för order 8881{n}345",
    "tack",
]
CYCLES = 3


def talk(model, action_server: str, sender: str) -> list:
    """Runs the long conversation; returns the texts of the assistant's answers, message by message."""

    async def run() -> list:
        secret = {"Authorization": f"Bearer {os.environ['ACTION_SERVER_SECRET']}"}
        agent = await load_agent(
            model_path=str(model),
            endpoints=AvailableEndpoints(
                action=EndpointConfig(action_server, headers=secret),
                tracker_store=EndpointConfig(type=IN_MEMORY_TRACKER_STORE),
            ),
        )
        answers = []
        for cycle in range(CYCLES):
            for text in CYCLE:
                channel = CollectingOutputChannel()
                await agent.handle_message(UserMessage(text.format(n=cycle), channel, sender_id=sender))
                answers.append([message.get("text") for message in channel.messages])
        return answers

    return asyncio.run(run())
