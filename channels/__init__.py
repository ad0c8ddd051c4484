"""The project's Rasa channels, named in credentials.yml: REST, socket.io (the widget) and Slack,
each Rasa's own with its input checked and the user identified (docs/channels.md, docs/security.md).
A server with these channels has the changes to Rasa's server too, whatever model it loads."""

import rasa_server_changes  # noqa: F401  (installs the changes to Rasa's server)
