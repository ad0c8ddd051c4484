"""Our Rasa channels. Rasa imports this package for the channels credentials.yml names, so the
Rasa server's answer to a failing action server is installed here, before any message arrives."""

from connectors import action_failure

action_failure.install()
