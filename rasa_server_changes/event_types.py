"""Rasa turns every stored event back into an object on every message (the tracker store keeps
them as dictionaries), and Rasa 3.6 finds each event's class by walking and filtering the whole
Event class tree again (all_subclasses with inspect.isabstract): about 80 µs an event, so at
message 40 of a conversation a third of the message's time, and the reason latency grew with the
length of a conversation (RasaHQ/rasa#13044 measured the same). install() replaces
Event.resolve_by_type with a lookup in a table of the same classes in the same order, built again
when a name is missing (an event class imported later). Checked against Rasa 3.6.21;
tests/unit/test_rasa_sources.py fails when Rasa's method changes."""

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_RESOLVE = Event.resolve_by_type

_classes: Dict[Text, Type[Event]] = {}


def _build_table() -> None:
    # Rasa takes the first class of all_subclasses with the name; setdefault keeps that one.
    _classes.clear()
    for cls in all_subclasses(Event):
        _classes.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Rasa's Event.resolve_by_type, from the table."""
    if type_name not in _classes:
        _build_table()
    if type_name in _classes:
        return _classes[type_name]
    return RASA_RESOLVE(type_name, default)


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
