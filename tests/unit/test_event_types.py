"""rasa_server_changes/event_types.py: Rasa's event classes found in a table, with the answers of Rasa's own
walk over the class tree (Rasa's method is pinned in tests/unit/test_rasa_sources.py)."""

import pytest
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import rasa_server_changes  # noqa: F401  (installs the table, as every model load does)
from rasa_server_changes import event_types


def test_installed_in_place_of_rasas_walk():
    assert Event.resolve_by_type is event_types.resolve_by_type


@pytest.mark.parametrize("type_name", sorted({cls.type_name for cls in all_subclasses(Event)}))
def test_every_event_name_gives_rasas_class(type_name):
    assert Event.resolve_by_type(type_name) is event_types.RASA_RESOLVE(type_name)


def test_unknown_names_are_answered_as_rasa_answers_them():
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no such event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no such event'"):
        Event.resolve_by_type("no such event")


def test_an_event_class_defined_after_the_table_is_found():
    Event.resolve_by_type("user")

    class DefinedLater(UserUttered):
        type_name = "eskalering_test_defined_later"

    assert Event.resolve_by_type("eskalering_test_defined_later") is DefinedLater


def test_stored_events_come_back_equal():
    events = [UserUttered("hej", {"name": "greet", "confidence": 0.9}), SlotSet("product", "Fiber Villa")]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events
