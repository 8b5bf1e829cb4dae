"""Booking and cancelling a place. The order of the queue and its promotions are in
waiting_list.py."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import notifications, selectors
from ..audit import log_booking_change
from ..models import Booking, Session, new_approval_nonce
from ..permissions import user_can_manage_session
from . import locks
from .approval import request_approval
from .charges import charge_late_cancellation
from .eligibility import (
    check_booking_window,
    check_eligibility,
    check_no_overlap,
    check_session_bookable,
)
from .errors import (
    AlreadyBooked,
    BookingError,
    CancellationClosed,
    ManagerEmailRequired,
    NotAllowed,
)
from .waiting_list import notify_placed, promote_waiting, take_place_or_queue


def save_booking(booking: Booking) -> Booking:
    """Validate and insert. The related rows are already locked or loaded, and the database
    constraint (not a second query) catches a duplicate active booking. Callers run inside
    a transaction that the refusal rolls back, so no savepoint is needed here."""
    booking.full_clean(
        exclude=["session", "user", "substitute_for", "reservation"], validate_constraints=False
    )
    try:
        booking.save()
    except IntegrityError as error:
        raise AlreadyBooked() from error
    return booking


def _keep_loaded_relations(locked: Session, loaded: Session, *, days: list) -> None:
    """Give the session row just locked the days read under the lock, and the course and
    venue as the caller loaded them (the lock does not cover them: who may book was checked
    on the caller's course already), unless the session was moved to another meanwhile."""
    # As prefetch_related stores them, so `locked.days.all()` reads no more.
    prefetched = locked.days.all()
    prefetched._result_cache = days
    prefetched._prefetch_done = True
    locked._prefetched_objects_cache = {"days": prefetched}
    if locked.course_id == loaded.course_id:
        locked.course = loaded.course
    if locked.venue_id == loaded.venue_id:
        locked.venue = loaded.venue


@transaction.atomic
def book(
    *,
    user: User,
    session: Session,
    access_needs: str = "",
    line_manager_email: str = "",
) -> Booking:
    """Book a place: confirmed if one is free, otherwise waitlisted at the end of the queue.

    On a course that needs line-manager approval the booking waits, holding no place, until
    the manager approves through the emailed link (see approval.approve_booking)."""
    locks.lock_people(user.pk)
    # Who may book depends only on this person (whose row we hold) and the course, so it is
    # checked before queueing for the session lock, on the session as the caller loaded it
    # (the booking page loads it with selectors.session_for_page). Under the lock, only the
    # session's own state and its places are read, whether the person already holds a
    # booking there, which the person's lock and the unique constraint make final, and
    # whether they hold a place elsewhere at the same time, in one query.
    now = timezone.now()
    check_session_bookable(session, now=now)
    check_booking_window(session, now=now)
    check_eligibility(user=user, session=session)
    loaded = session
    session = locks.lock_session_row(session.pk)
    # The time is taken under the lock: it orders the waiting list.
    now = timezone.now()
    # Whether the person holds a place at the same time elsewhere comes with the count (the
    # person's lock keeps their own bookings still); the clash is read only to be named.
    counts, days = selectors.place_counts_and_days(session, person=user, now=now)
    if any(day.overlaps_a_place for day in days):
        check_no_overlap(user=user, session=session)
    _keep_loaded_relations(session, loaded, days=days)
    check_session_bookable(session, now=now)
    check_booking_window(session, now=now)
    if counts.held_by_person:
        raise AlreadyBooked()
    booking = Booking(
        session=session,
        user=user,
        access_needs=access_needs.strip(),
        line_manager_email=line_manager_email.strip().lower(),
        created_at=now,
    )
    if session.course.requires_manager_approval:
        if not booking.line_manager_email:
            raise ManagerEmailRequired()
        if booking.line_manager_email == user.email.lower():
            raise ManagerEmailRequired(_("Enter your line manager's email address, not your own."))
        booking.status = Booking.Status.AWAITING_APPROVAL
        booking.approval_nonce = new_approval_nonce()
        save_booking(booking)
        log_booking_change(booking, "requested", by=user, from_status=None)
        request_approval(booking)
        return booking
    take_place_or_queue(booking, session, now=now, counts=counts)
    save_booking(booking)
    log_booking_change(booking, booking.status, by=user, from_status=None)
    # Queued under the lock, the booking is last: behind everyone already waiting.
    notify_placed(booking, position=counts.waiting + 1)
    return booking


def cancel_booking_record(booking: Booking, *, reason: str, now: dt.datetime) -> str:
    """Mark a booking cancelled (not saved); returns the status it had. A confirmed place's
    calendar invitation is withdrawn with a raised SEQUENCE."""
    previous = booking.status
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancellation_reason = reason
    booking.approval_nonce = ""
    if previous == Booking.Status.CONFIRMED:
        booking.calendar_sequence += 1
    return previous


@transaction.atomic
def cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel a booking. People cancel their own until booking closes; the session's trainers
    and administrators at any time. A freed place goes to the first person waiting, in the
    same transaction. A confirmed place given up inside the course's notice period is
    charged to the person's organisation (charges.py), whoever cancels it."""
    session, booking = locks.lock_session_and_booking(booking.pk)
    now = timezone.now()
    manages_session = user_can_manage_session(by, session)
    if not manages_session and booking.user_id != by.pk:
        raise NotAllowed()
    if not booking.is_active:
        raise BookingError(_("This booking is already cancelled."))
    if not manages_session:
        closes_at = session.closes_at
        if closes_at is None or now >= closes_at:
            raise CancellationClosed()
    previous = cancel_booking_record(booking, reason=reason.strip(), now=now)
    booking.save()
    was_confirmed = previous == Booking.Status.CONFIRMED
    log_booking_change(
        booking, "cancelled", by=by, from_status=previous, reason=booking.cancellation_reason
    )
    notifications.booking_cancelled(
        booking, by_learner=booking.user_id == by.pk, was_confirmed=was_confirmed
    )
    if was_confirmed:
        charge_late_cancellation(booking, by=by, now=now)
        promote_waiting(session, now=now, by=by)
    return booking
