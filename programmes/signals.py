"""Domain events of the programmes app."""

from django.dispatch import Signal

# Sent once per enrolment, when it completes (every requirement met or exempted), inside the
# transaction that records the completion, so a receiver's changes (the programme certificate)
# commit or roll back with it.
# Keyword arguments: enrolment (programmes.ProgrammeEnrolment), person (accounts.User),
# completed_at (datetime).
programme_completed = Signal()
