"""The changes to Rasa's server (docs/rasa-server-changes.md).

Where Rasa 3.6 has no hook, importing this package installs them in place of Rasa's methods: the
answer to a failing action server, a response check that costs microseconds, the recent events only
in what is sent to the action server, event classes found in a table instead of a walk over Rasa's
class tree, the applied events walked once, and tracker copies without a replay. nlu/ imports it,
and every load of the project's model imports nlu/ for the components config.yml names, so
`rasa run`, `rasa shell`, `rasa test` and `rasa interactive` all have them; channels/ imports it
too, for a server with the project's channels and another model.

Where Rasa has an extension point, the change is a subclass that the configuration names instead:
rule_states.RecentStatesRulePolicy (config.yml), memory_tracker_store.IncrementalInMemoryTrackerStore
and the lock stores of lock_expiry.py (the endpoints files)."""

from rasa_server_changes import (
    action_failure,
    action_payload,
    action_response_check,
    applied_events,
    event_types,
    tracker_copy,
)

action_failure.install()
action_payload.install()
action_response_check.install()
applied_events.install()
event_types.install()
tracker_copy.install()
