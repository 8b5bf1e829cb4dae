"""What administrators (and a session's trainers) do to other people's bookings: add someone
directly, move a booking, cancel a whole session."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User

from .. import notifications, selectors
from ..audit import log_booking_change
from ..models import Booking, Session
from . import locks
from .access import require_administrator, require_session_manager
from .eligibility import check_no_active_booking, check_no_overlap, check_session_bookable
from .errors import AlreadyBooked, BookingError
from .places import cancel_booking_record, save_booking
from .waiting_list import notify_placed, promote_waiting, take_place_or_queue


@transaction.atomic
def add_person(
    *, session: Session, user: User, by: User, reason: str, access_needs: str = ""
) -> Booking:
    """An administrator, or a trainer of the session, adds someone directly, whatever the
    audience, prerequisites or booking window. The reason is recorded. Capacity still holds:
    if full, they wait."""
    require_session_manager(by, session)
    if not reason.strip():
        raise BookingError(_("Give a reason for adding this person directly."))
    locks.lock_people(user.pk)
    session = locks.lock_session(session.pk)
    now = timezone.now()
    check_session_bookable(session, now=now)
    check_no_active_booking(user=user, session=session)
    check_no_overlap(user=user, session=session)
    booking = Booking(session=session, user=user, access_needs=access_needs.strip(), created_at=now)
    take_place_or_queue(booking, session, now=now)
    save_booking(booking)
    log_booking_change(booking, "added", by=by, from_status=None, reason=reason.strip())
    notify_placed(booking)
    return booking


@transaction.atomic
def move_booking(*, booking: Booking, to_session: Session, by: User, reason: str = "") -> Booking:
    """Move a confirmed or waiting booking to another session of the same course. It takes a
    place there if one is free (else joins that queue); a place it frees here is refilled.
    Administrators move anyone; a trainer moves people off the sessions they deliver."""
    require_session_manager(by, booking.session)
    locks.lock_people(booking.user_id)
    locked = locks.lock_sessions(booking.session_id, to_session.pk)
    source, target = locked[booking.session_id], locked[to_session.pk]
    booking = locks.lock_booking(booking.pk)
    if booking.session_id != source.pk:
        raise BookingError(_("This booking has just moved to another session: look again."))
    now = timezone.now()
    if source.pk == target.pk:
        raise BookingError(_("Choose a different session."))
    if source.course.translation_key != target.course.translation_key:
        raise BookingError(_("A booking can only move to another session of the same course."))
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.WAITLISTED):
        raise BookingError(_("Only confirmed or waiting bookings can be moved."))
    check_session_bookable(target, now=now)
    if selectors.has_active_booking(user=booking.user, session=target):
        raise AlreadyBooked(
            _("%(person)s already has a booking for that session.") % {"person": booking.user}
        )
    check_no_overlap(user=booking.user, session=target)
    previous = booking.status
    booking.session = target
    take_place_or_queue(booking, target, now=now)
    booking.calendar_sequence += 1
    booking.reminder_sent_at = None
    save_booking(booking)
    log_booking_change(
        booking,
        "moved",
        by=by,
        from_status=previous,
        reason=reason.strip(),
        from_session=source.pk,
        to_session=target.pk,
    )
    notifications.booking_moved(
        booking, previous_session=source, was_confirmed=previous == Booking.Status.CONFIRMED
    )
    if previous == Booking.Status.CONFIRMED:
        promote_waiting(source, now=now, by=by)
    return booking


@transaction.atomic
def cancel_session(*, session: Session, by: User, reason: str) -> Session:
    """Cancel a whole session: every booking is cancelled and everyone told."""
    require_administrator(by)
    if not reason.strip():
        raise BookingError(_("Give a reason: it is included in the email to attendees."))
    session = locks.lock_session(session.pk)
    if session.status != Session.Status.SCHEDULED:
        raise BookingError(_("Only a scheduled session can be cancelled."))
    now = timezone.now()
    session.status = Session.Status.CANCELLED
    session.cancellation_reason = reason.strip()
    session.save(update_fields=["status", "cancellation_reason", "updated_at"])
    log(session, "bookings.session.cancelled", user=by, data={"reason": reason.strip()})
    bookings = list(
        Booking.objects.filter(session=session, status__in=Booking.ACTIVE_STATUSES).select_related(
            "user"
        )
    )
    for booking in bookings:
        previous = cancel_booking_record(
            booking, reason=f"Session cancelled: {reason.strip()}", now=now
        )
        booking.save()
        log_booking_change(
            booking, "cancelled", by=by, from_status=previous, reason=booking.cancellation_reason
        )
        notifications.session_cancelled(booking, was_confirmed=previous == Booking.Status.CONFIRMED)
    for trainer in session.trainers.all():
        notifications.session_cancelled_for_trainer(session, trainer, people_told=len(bookings))
    return session
