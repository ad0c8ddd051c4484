"""Rasa 3.6 walks the whole conversation in DialogueStateTracker.applied_events (the events that
count, without the reverted ones) each time it is asked, about six times a message: when it
rebuilds the tracker, checks the session, and before each rule lookup. Each walk makes several
isinstance checks an event against Rasa's abstract event classes, slow checks, so at message 40
those walks were the largest part of what still grew with a conversation's length.

install() keeps the walk's result on the tracker and, when the tracker has only gained events
since, walks the new ones only, with Rasa's own steps and Rasa's own loop bookkeeping. The result
equals a whole walk because each step depends only on the events before it and on the names of
the loops activated anywhere in the conversation: a new loop name among the new events, or events
that are no longer the same objects at the same places (a capped history dropping old events),
start a whole walk again. Each call returns a list of its own, as Rasa's does.
Checked against Rasa 3.6.21; tests/unit/test_rasa_sources.py fails when Rasa's method changes,
tests/unit/test_tracker_events.py and tests/rasa/test_tracker_fast_paths.py compare both."""

from dataclasses import dataclass, field, replace
from itertools import islice
from typing import List, Optional, Sequence, Set, Text

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events
WALK = "_eskalering_applied_events"


def still_begins_with(events: Sequence[Event], count: int, last: Optional[Event]) -> bool:
    """The first `count` of `events` are still the ones seen when `last` was the count-th. Events
    are only added at the end or taken away (an undo, a capped history dropping the oldest), and
    each is a single object, so the count-th being `last` means none before it changed."""
    return len(events) >= count and (count == 0 or events[count - 1] is last)


@dataclass
class Walk:
    """How far applied_events has walked a tracker's events, and what it found."""

    walked: int = 0
    last: Optional[Event] = None
    loop_names: Set[Text] = field(default_factory=set)
    applied: List[Event] = field(default_factory=list)

    def continues(self, events: Sequence[Event]) -> bool:
        return still_begins_with(events, self.walked, self.last)


def _loop_names(events) -> Set[Text]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _step(tracker: DialogueStateTracker, event: Event, applied: List[Event], loop_names: Set[Text]) -> None:
    """One turn of Rasa's loop in applied_events."""
    if isinstance(event, (Restarted, SessionStarted)):
        applied.clear()
    elif isinstance(event, ActionReverted):
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        tracker._undo_till_previous(UserUttered, applied)
        tracker._undo_till_previous(ActionExecuted, applied)
    elif (
        isinstance(event, ActionExecuted)
        and event.action_name in loop_names
        and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
    ):
        tracker._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)


def _walk(tracker: DialogueStateTracker) -> Walk:
    events = tracker.events
    walk = tracker.__dict__.get(WALK)
    new = None
    if walk is not None and walk.continues(events):
        new = list(islice(events, walk.walked, None))
    if new is None or not _loop_names(new) <= walk.loop_names:
        walk, new = Walk(loop_names=_loop_names(events)), list(events)
        tracker.__dict__[WALK] = walk
    for event in new:
        _step(tracker, event, walk.applied, walk.loop_names)
    walk.walked, walk.last = len(events), events[-1] if events else None
    return walk


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Rasa's DialogueStateTracker.applied_events, walking only the events added since the last
    call."""
    return list(_walk(self).applied)


def hand_over(old: DialogueStateTracker, new: DialogueStateTracker) -> None:
    """`new` holds the same event objects as `old`, in the same order: it takes over the walk."""
    walk = old.__dict__.get(WALK)
    if walk is not None and walk.continues(old.events):
        new.__dict__[WALK] = replace(walk, applied=list(walk.applied))


def install() -> None:
    DialogueStateTracker.applied_events = applied_events
