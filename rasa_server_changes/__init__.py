"""The changes to Rasa's server, each where Rasa 3.6 has no hook for it (docs/rasa-server-changes.md):
the answer to a failing action server, a response check that costs microseconds, the recent events
only in what is sent to the action server, event classes found in a table instead of a walk over
Rasa's class tree, the rule policy's states for the latest turns only, and no more walks and replays of the whole
conversation where Rasa 3.6 made them on every message: the applied events walked once, tracker
copies without a replay, and the in-memory tracker store saving only the new events. The lock
stores of lock_expiry.py, by which a message waiting past its ticket's lifetime is still served,
go in through Rasa's own extension point instead: the endpoints files name them.

Importing this package installs them. nlu/ imports it, and every load of the project's model
imports nlu/ for the components config.yml names, so `rasa run`, `rasa shell`, `rasa test` and
`rasa interactive` all have them; channels/ imports it too, for a server with the project's
channels and another model."""

from rasa_server_changes import (
    action_failure,
    action_payload,
    action_response_check,
    applied_events,
    event_types,
    memory_tracker_store,
    rule_states,
    tracker_copy,
)

action_failure.install()
action_payload.install()
action_response_check.install()
applied_events.install()
event_types.install()
memory_tracker_store.install()
rule_states.install()
tracker_copy.install()
