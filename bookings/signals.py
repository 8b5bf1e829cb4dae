"""Domain events of the bookings app."""

from django.dispatch import Signal

# Sent once per attendee completed when a trainer completes a session, after the transaction
# commits. Keyword arguments: booking (bookings.Booking), learner (accounts.User),
# session (bookings.Session).
session_completed_for = Signal()
