"""The row locks that keep places, queues and registers right when requests overlap.

Capacity is protected by locking the session row (SELECT ... FOR UPDATE) for the whole of a
change that takes or frees a place, and by a partial unique constraint so one person holds at
most one active booking per session. Locks are always taken person first, then sessions in
id order, so two changes never wait for each other in a circle.

Services call these as `locks.lock_session(...)` (book(): `locks.lock_session_row(...)`),
looked up on this module at call time, so a test or benchmark can replace them to show what
the lock prevents.
"""

from accounts.models import User

from ..models import Booking, Session


def lock_session(session_id: int) -> Session:
    """The session's row, locked, with its course, venue and days (which only change under
    this lock)."""
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("course", "venue")
        .prefetch_related("days")
        .get(pk=session_id)
    )


def lock_session_row(session_id: int) -> Session:
    """The session's row alone, locked: for book(), which has the course and venue as the
    booking page loaded them, and reads the days (which only change under this lock) after
    it, with the count of places (selectors.place_counts_and_days)."""
    return Session.objects.select_for_update().get(pk=session_id)


def lock_people(*user_ids: int) -> None:
    list(
        User.objects.select_for_update()
        .filter(pk__in=sorted(set(user_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def lock_booking(booking_id: int) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking_id)


def lock_session_and_booking(booking_id: int) -> tuple[Session, Booking]:
    """Lock a booking's session, then the booking; retry if it moved session meanwhile."""
    while True:
        session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
        session = lock_session(session_id)
        booking = lock_booking(booking_id)
        if booking.session_id == session.pk:
            return session, booking


def lock_sessions(*session_ids: int) -> dict[int, Session]:
    """Lock several sessions in id order (see the module docstring); returns them by id."""
    return {session_id: lock_session(session_id) for session_id in sorted(set(session_ids))}
