"""Custom NLU components of the assistant's pipeline (config.yml). Rasa imports this package for
the components config.yml names whenever it loads or trains the model, whatever the command: so
the changes to Rasa's server are installed from here (rasa_server_changes/), and the fix to the
training cache (nlu/training_cache.py)."""

import rasa_server_changes  # noqa: F401  (installs the changes to Rasa's server)
from nlu import training_cache

training_cache.install()
