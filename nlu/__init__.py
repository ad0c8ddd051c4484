"""Custom NLU components of the assistant's pipeline (config.yml). Rasa imports this package for
the classifier config.yml names before it trains, so the fix to its training cache is installed
here (nlu/training_cache.py)."""

from nlu import training_cache

training_cache.install()
