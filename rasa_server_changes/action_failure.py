"""When the action server is down or too slow, the user gets an apology with Kundservice's phone
number and hours within ACTION_TIMEOUT seconds (default 10), instead of silence.

Stock Rasa waits up to 300 s for the action server, then logs the error, drops the action's events
and answers nothing. Rasa 3.6 has no hook for this, so install() wraps two methods:

- RemoteAction.run gets a deadline. A failed call (no connection, timeout, an error status) raises
  RasaException as Rasa's own failures do, so Rasa drops the action's events (and the slot
  extraction before the prediction goes on without the action's slots); the message is noted, and
  further calls for it fail at once instead of waiting again.
- MessageProcessor._run_action, after Rasa has handled such a failure of the action it ran, sends
  the apology and ends the turn with action_listen, so the next message is handled as usual (an
  active form goes on with its requested slot).

Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py fails when the wrapped methods, or
the slot extraction's handling of a failed call, change. rasa_server_changes/__init__.py calls
install() when the model's components (nlu/) or the channels are imported, so every Rasa entry
point has it.
"""

import asyncio
import functools
import logging
import os
from contextvars import ContextVar
from typing import Optional

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.exceptions import RasaException

from escalation_routine import opening_hours, replies

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
# The message whose calls to the action server failed, and whether the running action failed.
_failed_message: ContextVar[Optional[tuple]] = ContextVar("failed_message", default=None)
_action_failed: ContextVar[bool] = ContextVar("action_failed", default=False)


def action_timeout() -> float:
    """Seconds to wait for the action server: ACTION_TIMEOUT, or DEFAULT_TIMEOUT."""
    value = float(os.environ.get("ACTION_TIMEOUT") or DEFAULT_TIMEOUT)
    if value <= 0:
        raise ValueError(f"ACTION_TIMEOUT must be a positive number of seconds, not {value}")
    return value


def apology() -> str:
    return (
        "Förlåt, jag kan inte svara just nu på grund av ett tekniskt fel. Försök igen om en stund. "
        f"{replies.phone_and_hours(opening_hours.now())}"
    )


def _message_key(tracker) -> tuple:
    return tracker.sender_id, getattr(tracker.latest_message, "message_id", None)


def install() -> None:
    if getattr(RemoteAction.run, "with_deadline", False):
        return
    timeout = action_timeout()
    stock_run = RemoteAction.run
    stock_run_action = MessageProcessor._run_action

    @functools.wraps(stock_run)
    async def run(self, output_channel, nlg, tracker, domain):
        message = _message_key(tracker)
        if _failed_message.get() == message:
            _action_failed.set(True)
            raise RasaException(f"Not calling the action server for {self.name()}: it failed on this message.")
        try:
            return await asyncio.wait_for(stock_run(self, output_channel, nlg, tracker, domain), timeout)
        except ActionExecutionRejection:
            raise
        except (asyncio.TimeoutError, RasaException) as error:
            logger.warning("The action server did not run %s: %s", self.name(), type(error).__name__)
            _failed_message.set(message)
            _action_failed.set(True)
            raise RasaException(f"The action server did not run {self.name()}.") from error

    @functools.wraps(stock_run_action)
    async def run_action(self, action, tracker, output_channel, nlg, prediction):
        _action_failed.set(False)
        go_on = await stock_run_action(self, action, tracker, output_channel, nlg, prediction)
        if not _action_failed.get():
            return go_on
        _action_failed.set(False)
        said = BotUttered(apology())
        tracker.update_with_events([said, ActionExecuted(ACTION_LISTEN_NAME)], self.domain)
        await self.execute_side_effects([said], tracker, output_channel)
        return False

    run.with_deadline = True
    RemoteAction.run = run
    MessageProcessor._run_action = run_action
