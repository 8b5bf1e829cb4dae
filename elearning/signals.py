"""Domain events of the e-learning app."""

from django.dispatch import Signal

# Sent once per learner and module, inside the transaction that records the completion, so a
# receiver's changes (a certificate, say) commit or roll back with it.
# Keyword arguments: learner (accounts.User), module (elearning.ModulePage),
# enrolment (elearning.Enrolment), completed_at (datetime).
module_completed = Signal()
