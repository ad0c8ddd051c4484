"""Our Rasa channels. Rasa imports this package for the channels credentials.yml names, so what
changes in the Rasa server's handling of the action server is installed here, before any message
arrives: the answer to a failing action server, and a response check that costs microseconds."""

from connectors import action_failure, action_response_check

action_failure.install()
action_response_check.install()
