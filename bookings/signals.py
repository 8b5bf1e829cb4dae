"""Domain events of the bookings app."""

from django.dispatch import Signal

# Sent once per completed attendee when a trainer completes a session, inside the transaction
# that records it, so a receiver's changes commit or roll back with it.
# Keyword arguments: booking (bookings.Booking), learner (accounts.User),
# session (bookings.Session).
session_completed_for = Signal()

# Sent once when a trainer completes a session, inside the same transaction, after every
# attendee's outcome is recorded (so after each session_completed_for). Lets upper apps count
# what the session's trainers delivered.
# Keyword arguments: session (bookings.Session), by (accounts.User).
session_completed = Signal()

# Sent when a person recorded on paper (no email address) gets one, once per session they have
# completed, inside the transaction that records the address: they could not be sent a
# certificate before. Keyword arguments as session_completed_for.
attendee_address_added = Signal()

# Sent by bookings.services.check_eligibility for a session of a course marked "only for
# people on a programme" (CoursePage.needs_programme_enrolment), so the programmes app can say
# whether the person is on one. Each receiver returns the refusal to show the person, or "" to
# let them book; with `on_behalf` someone else is asking for the person (a place handed to a
# colleague), so the refusal names them instead of saying "you".
# Keyword arguments: user (accounts.User), session (bookings.Session), on_behalf (bool).
eligibility_requested = Signal()
