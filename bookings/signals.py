"""Domain events of the bookings app."""

from django.dispatch import Signal

# Sent once per completed attendee when a trainer completes a session, inside the transaction
# that records it, so a receiver's changes commit or roll back with it.
# Keyword arguments: booking (bookings.Booking), learner (accounts.User),
# session (bookings.Session).
session_completed_for = Signal()
