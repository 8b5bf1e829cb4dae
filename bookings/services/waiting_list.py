"""The waiting list: who gets a place that is free, in what order, and what they are told.

Whoever takes or frees a place holds the session's lock (see locks.py) while counting, so two
people never get the last place, and a freed place goes to the first person waiting in the
same transaction.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .. import notifications, selectors
from ..audit import log_booking_change
from ..models import Booking, Session, SessionReservation
from ..permissions import user_can_manage_session
from . import locks, quotas
from .errors import BookingError, NotAllowed
from .quotas import choose_place, places_for_waiting_list

PROMOTION_NOTICE_PERIOD = dt.timedelta(hours=48)


def take_place_or_queue(
    booking: Booking,
    session: Session,
    *,
    now: dt.datetime,
    counts: selectors.PlaceCounts | None = None,
) -> None:
    """Confirm if a place is free, else join the end of the queue. Caller holds the lock.

    The queue is ordered by `waitlisted_at`, then id. Both are taken under the lock, and the
    time never goes back past the last person queued (clocks of several servers may differ
    by a little), so the position told to a person is the position they hold. `counts` may
    be passed when the caller has just read them under the lock (for the person booking).
    Ring-fenced places go only to their organisation's verified members (quotas.py)."""
    counts = counts or selectors.place_counts(session, person=booking.user, now=now)
    choice = choose_place(session, counts)
    if choice.confirmed:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.waitlisted_at = None
        booking.reservation_id = choice.reservation_id
    else:
        booking.status = Booking.Status.WAITLISTED
        booking.waitlisted_at = max(filter(None, (now, counts.last_waitlisted_at)))


def notify_placed(booking: Booking, *, reason: str = "", position: int | None = None) -> None:
    """Tell the person they have a place, or their position in the queue (`position` when
    the caller already knows it)."""
    if booking.status == Booking.Status.CONFIRMED:
        notifications.booking_confirmed(booking, reason=reason)
    else:
        notifications.booking_waitlisted(
            booking, position=position or waitlist_position_of(booking)
        )


def waitlist_position_of(booking: Booking) -> int | None:
    return selectors.position_on_waiting_list(booking)


def promote_waiting(session: Session, *, now: dt.datetime, by: User | None) -> list[Booking]:
    """Fill free places from the front of the queue, until the first day starts; a place held
    for an organisation goes only to its members (quotas.places_for_waiting_list). Caller
    holds the session lock."""
    if session.status != Session.Status.SCHEDULED or session.has_started(now):
        return []
    if session.capacity - selectors.confirmed_places(session) <= 0:
        return []
    waiting = list(
        selectors.waiting_list(session).select_related("user__organisation__parent__parent__parent")
    )
    starts_soon = session.starts_at - now < PROMOTION_NOTICE_PERIOD
    promoted = []
    for booking, reservation_id in places_for_waiting_list(session, waiting, now=now):
        booking.reservation_id = reservation_id
        _confirm_from_waiting_list(booking, by=by, reason="A place became free.", now=now)
        notifications.booking_promoted(booking, starts_soon=starts_soon)
        promoted.append(booking)
    return promoted


def _confirm_from_waiting_list(
    booking: Booking, *, by: User | None, reason: str, now: dt.datetime
) -> None:
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at", "reservation"])
    log_booking_change(
        booking, "promoted", by=by, from_status=Booking.Status.WAITLISTED, reason=reason
    )


@transaction.atomic
def promote_from_waiting_list(*, booking: Booking, by: User) -> Booking:
    """Give a free place to this person on the waiting list now (the trainer's choice, which
    the audit log records). Refused when no place is free, or when the only free places are
    held for an organisation the person is not a verified member of (quotas.choose_place)."""
    session, booking = locks.lock_session_and_booking(booking.pk)
    if not user_can_manage_session(by, session):
        raise NotAllowed()
    if booking.status != Booking.Status.WAITLISTED:
        raise BookingError("Only someone on the waiting list can be promoted.")
    if session.status != Session.Status.SCHEDULED:
        raise BookingError("Only a scheduled session's waiting list can be promoted.")
    now = timezone.now()
    counts = selectors.place_counts(session, person=booking.user, now=now)
    if counts.confirmed >= session.capacity:
        raise BookingError("There is no free place on this session: raise the capacity first.")
    choice = choose_place(session, counts)
    if not choice.confirmed:
        raise BookingError(
            "The free places are held for an organisation this person is not a verified "
            "member of: raise the capacity, or wait until the held places are released."
        )
    booking.reservation_id = choice.reservation_id
    _confirm_from_waiting_list(
        booking, by=by, reason="Promoted from the waiting list by the trainer.", now=now
    )
    starts_at = session.starts_at
    notifications.booking_promoted(
        booking, starts_soon=starts_at is not None and starts_at - now < PROMOTION_NOTICE_PERIOD
    )
    return booking


def release_held_places(*, now: dt.datetime | None = None) -> int:
    """Give the waiting lists the held places released by now; returns how many people got
    a place. Safe to repeat (each release is marked, under the session lock), so it can run
    every hour."""
    now = now or timezone.now()
    promoted = 0
    for session_id in quotas.due_for_release(now):
        with transaction.atomic():
            session = locks.lock_session(session_id)
            due = list(
                SessionReservation.objects.filter(
                    session=session, release_at__lte=now, released_at__isnull=True
                )
            )
            if not due:
                continue
            promoted += len(promote_waiting(session, now=now, by=None))
            # Saved one by one (there are few) so the lists showing held places are refreshed.
            for reservation in due:
                reservation.released_at = now
                reservation.save(update_fields=["released_at"])
    return promoted
