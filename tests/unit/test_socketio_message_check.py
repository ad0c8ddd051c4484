"""The socket.io channel's input check, on generated input: it reuses the REST channel's message
check, so only what socket.io adds is tested here (the object, the session id, string metadata)."""

import json

from hypothesis import given
from hypothesis import strategies as st

from channels.rest import MAX_MESSAGE, clean_text
from channels.socketio import SocketIOChannel, usable_session_id

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
EVENT = st.fixed_dictionaries(
    {}, optional={"message": JSON | st.text(), "session_id": JSON | st.text(), "customData": JSON | st.text()}
)
CHANNEL = SocketIOChannel(session_persistence=True, metadata_key="customData")


@given(JSON | EVENT)
def test_any_event_is_accepted_as_a_real_message_or_named(data):
    problem = CHANNEL.problem_with(data)
    if problem:
        assert problem["reason"] and problem["message"]
        return
    assert usable_session_id(data["session_id"])
    assert clean_text(data["message"]).strip() and len(data["message"]) <= MAX_MESSAGE
    assert isinstance(CHANNEL._metadata(data), (dict, type(None)))


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3))
def test_metadata_may_come_as_json_text(metadata):
    data = {"message": "hej", "session_id": "0" * 32, "customData": json.dumps(metadata)}
    assert CHANNEL.problem_with(data) is None and CHANNEL._metadata(data) == metadata


def test_without_session_persistence_the_socket_is_the_session():
    assert SocketIOChannel(session_persistence=False).problem_with({"message": "hej"}) is None
