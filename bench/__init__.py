"""make bench: the project's model side by side with stock Rasa and a rules-only floor."""
