"""Domain events of the e-learning app."""

from django.dispatch import Signal

# Sent once, after the transaction that records a module completion commits.
# Keyword arguments: learner (accounts.User), module (elearning.ModulePage),
# enrolment (elearning.Enrolment), completed_at (datetime).
module_completed = Signal()
