"""Skanova's escalation routine as both servers need it: the facts, Kundservice's calendar, what
users' messages say (reading and the readers it calls) and what the assistant answers (replies).
The Rasa server's NLU and
channels and the action server's actions import it; it imports neither."""
