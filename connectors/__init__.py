"""Our Rasa channels. Rasa imports this package for the channels credentials.yml names, so what
changes in the Rasa server is installed here, before any message arrives: the answer to a failing
action server, a response check that costs microseconds, the recent events only in what is sent to
the action server, event classes found in a table instead of a walk over Rasa's class tree, the
rule policy's states for the latest turns only, and a conversation lock that a message waiting
past its ticket's lifetime still gets."""

from connectors import (action_failure, action_payload, action_response_check, event_types,
                        lock_expiry, rule_states)

action_failure.install()
action_payload.install()
action_response_check.install()
event_types.install()
lock_expiry.install()
rule_states.install()
