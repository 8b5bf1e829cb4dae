"""Every rule about booking places. Views, admin views, commands and the demo call these.

Capacity is protected by locking the session row (SELECT ... FOR UPDATE) for the whole of a
change that takes or frees a place, and by a partial unique constraint so one person holds at
most one active booking per session. Locks are always taken person first, then sessions in
id order, so two changes never wait for each other in a circle.
"""

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import User
from accounts.permissions import user_is_practice_lead
from courses.models import Audience, CoursePage

from . import notifications, selectors
from .models import (
    Attendance,
    Booking,
    CohortMessage,
    CourseInterest,
    Session,
    SessionDay,
    Venue,
    new_approval_nonce,
)
from .permissions import (
    user_can_administer_training,
    user_can_correct_register,
    user_can_hand_over_booking,
    user_can_lower_capacity,
    user_can_manage_session,
)
from .signals import session_completed_for

APPROVAL_SALT = "bookings.line-manager-approval"
APPROVAL_LINK_MAX_AGE = dt.timedelta(days=14)
PROMOTION_NOTICE_PERIOD = dt.timedelta(hours=48)


class BookingError(Exception):
    """A refusal with a message fit to show the person who asked."""

    message = "This cannot be done."

    def __init__(self, message: str | None = None):
        self.message = message or self.message
        super().__init__(self.message)


class SessionNotBookable(BookingError):
    message = "This session is not taking bookings."


class BookingClosed(BookingError):
    message = "Booking for this session has closed."


class NotEligible(BookingError):
    """`message` says why: audience, organisation or a course to complete first."""


class AlreadyBooked(BookingError):
    message = "You already have a booking for this session."


class OverlappingBooking(BookingError):
    pass


class ManagerEmailRequired(BookingError):
    message = "Enter your line manager's email address: this course needs their approval."


class CancellationClosed(BookingError):
    message = (
        "Booking has closed, so you can no longer cancel online. "
        "Contact the training team if you cannot come."
    )


class NotAllowed(BookingError):
    message = "You do not have permission to do this."


class CapacityBelowConfirmed(BookingError):
    pass


class InvalidSubstitute(BookingError):
    pass


class ApprovalLinkInvalid(BookingError):
    message = "This approval link is not valid."


class InterestNotNeeded(BookingError):
    message = "There are places left on a session of this course: book one instead."


# Locks. Tests replace `_lock_session` to prove that capacity depends on it.


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update().prefetch_related("days").get(pk=session_id)


def _lock_people(*user_ids: int) -> None:
    list(
        User.objects.select_for_update()
        .filter(pk__in=sorted(set(user_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _lock_booking(booking_id: int) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking_id)


def _lock_session_and_booking(booking_id: int) -> tuple[Session, Booking]:
    """Lock a booking's session, then the booking; retry if it moved session meanwhile."""
    while True:
        session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
        session = _lock_session(session_id)
        booking = _lock_booking(booking_id)
        if booking.session_id == session.pk:
            return session, booking


# Audit trail: Wagtail's log, one entry per state change, with from, to and why.


def _log(
    booking: Booking,
    action: str,
    *,
    by: User | None,
    from_status: str | None,
    reason: str = "",
    **data,
) -> None:
    log(
        booking,
        f"bookings.booking.{action}",
        user=by if by is not None and by.is_authenticated else None,
        data={"from": from_status, "to": booking.status, "reason": reason, **data},
    )


# Checks shared by booking, approval, substitution and the session page.


def _now() -> dt.datetime:
    return timezone.now()


def check_session_bookable(session: Session, *, now: dt.datetime) -> None:
    if session.status == Session.Status.CANCELLED:
        raise SessionNotBookable("This session has been cancelled.")
    if session.status == Session.Status.COMPLETED or session.has_started(now):
        raise SessionNotBookable("This session has already taken place.")


def check_booking_window(session: Session, *, now: dt.datetime) -> None:
    if session.booking_opens_at and now < session.booking_opens_at:
        local = timezone.localtime(session.booking_opens_at)
        raise BookingClosed(f"Booking opens on {local:%-d %B %Y at %H:%M}.")
    closes_at = session.closes_at
    if closes_at is None or now >= closes_at:
        raise BookingClosed(
            "Booking for this session has closed. Contact the training team if you need a place."
        )


def check_eligibility(*, user: User, session: Session) -> None:
    """Audience, reserved organisations and prerequisites. Raises NotEligible(reason)."""
    course = session.course
    audience = session.effective_audience
    if audience == Audience.STAFF and not user.is_council_staff:
        raise NotEligible("This session is for council staff only.")
    if audience == Audience.PARTNERS and user.is_council_staff:
        raise NotEligible("This session is for partner agencies only.")
    if audience == Audience.PRACTICE_LEADS and not user_is_practice_lead(user):
        raise NotEligible("This session is for Practice Leads only.")
    if audience == Audience.INVITED:
        raise NotEligible(
            "Places on this session are by invitation: the training team adds people directly."
        )
    reserved = list(session.reserved_for_organisations.all())
    if reserved and user.organisation_id not in {org.pk for org in reserved}:
        description = session.reserved_for_description or "Reserved for " + ", ".join(
            org.name for org in reserved
        )
        raise NotEligible(f"{description.rstrip('.')}: your organisation is not included.")
    missing = selectors.missing_prerequisites(user=user, course=course)
    if missing:
        names = " and ".join(f"‘{c.title}’" for c in missing)
        raise NotEligible(f"You need to complete {names} before booking this course.")
    module = course.prerequisite_module
    if module is not None and not selectors.has_completed_module(user=user, module=module):
        raise NotEligible(
            f"You need to complete the e-learning module ‘{module.title}’ before booking "
            "this course."
        )


def check_no_active_booking(*, user: User, session: Session) -> None:
    if Booking.objects.filter(
        user=user, session=session, status__in=Booking.ACTIVE_STATUSES
    ).exists():
        raise AlreadyBooked()


def check_no_overlap(*, user: User, session: Session) -> None:
    """Refuse a person confirmed on another session that has a day overlapping this one's."""
    days = list(SessionDay.objects.filter(session=session))
    clashes = (
        SessionDay.objects.filter(
            session__bookings__user=user,
            session__bookings__status=Booking.Status.CONFIRMED,
            session__status=Session.Status.SCHEDULED,
        )
        .exclude(session=session)
        .select_related("session__course")
    )
    for day in days:
        clash = clashes.filter(
            date=day.date, start_time__lt=day.end_time, end_time__gt=day.start_time
        ).first()
        if clash is not None:
            raise OverlappingBooking(
                f"You already have a place on ‘{clash.session.course.title}’ on "
                f"{clash.date:%-d %B %Y}, at the same time."
            )


def check_can_book(*, user: User, session: Session, now: dt.datetime | None = None) -> None:
    """Every rule a person's own booking must pass, in the order a visitor would ask."""
    now = now or _now()
    check_session_bookable(session, now=now)
    check_no_active_booking(user=user, session=session)
    check_booking_window(session, now=now)
    check_eligibility(user=user, session=session)
    check_no_overlap(user=user, session=session)


# Taking places.


def _take_place_or_queue(booking: Booking, session: Session, *, now: dt.datetime) -> None:
    """Confirm if a place is free, else join the end of the queue. Caller holds the lock."""
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()
    if confirmed < session.capacity:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.waitlisted_at = None
    else:
        booking.status = Booking.Status.WAITLISTED
        booking.waitlisted_at = now


def _save(booking: Booking) -> Booking:
    """Validate and insert. The related rows are already locked or loaded, and the database
    constraint (not a second query) catches a duplicate active booking."""
    booking.full_clean(exclude=["session", "user", "substitute_for"], validate_constraints=False)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        raise AlreadyBooked() from error
    return booking


def _notify_placed(booking: Booking, *, reason: str = "") -> None:
    if booking.status == Booking.Status.CONFIRMED:
        notifications.booking_confirmed(booking, reason=reason)
    else:
        notifications.booking_waitlisted(booking, position=waitlist_position_of(booking))


def waitlist_position_of(booking: Booking) -> int:
    return (
        list(selectors.waiting_list(booking.session).values_list("pk", flat=True)).index(booking.pk)
        + 1
    )


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
    the manager approves through the emailed link (see approve_booking)."""
    _lock_people(user.pk)
    now = _now()
    # Who may book depends only on this person (whose row we hold) and the course, so it is
    # checked before queueing for the session lock; under it, only the session's own state
    # and the count are read.
    check_can_book(user=user, session=session, now=now)
    session = _lock_session(session.pk)
    check_session_bookable(session, now=now)
    check_booking_window(session, now=now)
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
            raise ManagerEmailRequired("Enter your line manager's email address, not your own.")
        booking.status = Booking.Status.AWAITING_APPROVAL
        booking.approval_nonce = new_approval_nonce()
        _save(booking)
        _log(booking, "requested", by=user, from_status=None)
        _request_approval(booking)
        return booking
    _take_place_or_queue(booking, session, now=now)
    _save(booking)
    _log(booking, booking.status, by=user, from_status=None)
    _notify_placed(booking)
    return booking


def _promote_waiting(session: Session, *, now: dt.datetime, by: User | None) -> list[Booking]:
    """Fill free places from the front of the queue, until the first day starts. Caller holds
    the session lock."""
    if session.status != Session.Status.SCHEDULED or session.has_started(now):
        return []
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(selectors.waiting_list(session).select_related("user")[:free])
    starts_soon = session.starts_at - now < PROMOTION_NOTICE_PERIOD
    for booking in promoted:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.save(update_fields=["status", "confirmed_at"])
        _log(
            booking,
            "promoted",
            by=by,
            from_status=Booking.Status.WAITLISTED,
            reason="A place became free.",
        )
        notifications.booking_promoted(booking, starts_soon=starts_soon)
    return promoted


@transaction.atomic
def cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel a booking. People cancel their own until booking closes; the session's trainers
    and administrators at any time. A freed place goes to the first person waiting, in the
    same transaction."""
    session, booking = _lock_session_and_booking(booking.pk)
    now = _now()
    manages_session = user_can_manage_session(by, session)
    if not manages_session and booking.user_id != by.pk:
        raise NotAllowed()
    if not booking.is_active:
        raise BookingError("This booking is already cancelled.")
    if not manages_session:
        closes_at = session.closes_at
        if closes_at is None or now >= closes_at:
            raise CancellationClosed()
    previous = booking.status
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancellation_reason = reason.strip()
    was_confirmed = previous == Booking.Status.CONFIRMED
    if was_confirmed:
        booking.calendar_sequence += 1
    booking.approval_nonce = ""
    booking.save()
    _log(booking, "cancelled", by=by, from_status=previous, reason=booking.cancellation_reason)
    notifications.booking_cancelled(
        booking, by_learner=booking.user_id == by.pk, was_confirmed=was_confirmed
    )
    if was_confirmed:
        _promote_waiting(session, now=now, by=by)
    return booking


# Line-manager approval: a signed, expiring link that works once, without signing in.


def approval_token(booking: Booking) -> str:
    return signing.dumps({"b": booking.pk, "n": booking.approval_nonce}, salt=APPROVAL_SALT)


def _request_approval(booking: Booking) -> None:
    token = approval_token(booking)
    notifications.awaiting_approval(booking)
    notifications.approval_requested(
        booking,
        approve_path=reverse("bookings:approval", args=[token, "approve"]),
        decline_path=reverse("bookings:approval", args=[token, "decline"]),
        valid_days=APPROVAL_LINK_MAX_AGE.days,
    )


def booking_for_approval(token: str) -> Booking:
    """The booking a manager's link is about. Raises ApprovalLinkInvalid if the link is
    tampered with, expired or already used."""
    try:
        payload = signing.loads(
            token, salt=APPROVAL_SALT, max_age=APPROVAL_LINK_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise ApprovalLinkInvalid(
            "This approval link has expired. Ask the person to book again."
        ) from error
    except signing.BadSignature as error:
        raise ApprovalLinkInvalid() from error
    booking = (
        Booking.objects.select_related("session__course", "session__venue", "user")
        .filter(pk=payload.get("b"))
        .first()
    )
    if (
        booking is None
        or booking.status != Booking.Status.AWAITING_APPROVAL
        or not booking.approval_nonce
        or booking.approval_nonce != payload.get("n")
    ):
        raise ApprovalLinkInvalid("This approval link has already been used.")
    return booking


@transaction.atomic
def approve_booking(*, token: str) -> Booking:
    """The manager approves: the booking takes a place (or joins the queue) by the same rules
    as any booking at this moment. If a rule now refuses it, it is cancelled and the person
    told why."""
    booking = booking_for_approval(token)
    _lock_people(booking.user_id)
    session, booking = _lock_session_and_booking(booking.pk)
    booking_for_approval(token)  # again, under the lock: a link works once
    now = _now()
    manager = booking.line_manager_email
    booking.approval_nonce = ""
    try:
        check_session_bookable(session, now=now)
        check_booking_window(session, now=now)
        check_eligibility(user=booking.user, session=session)
        check_no_overlap(user=booking.user, session=session)
    except BookingError as refusal:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancellation_reason = f"Approved, but could not be booked: {refusal.message}"
        booking.save()
        _log(
            booking,
            "cancelled",
            by=None,
            from_status=Booking.Status.AWAITING_APPROVAL,
            reason=booking.cancellation_reason,
            manager=manager,
        )
        notifications.approved_but_not_booked(booking, reason=refusal.message)
        return booking
    _take_place_or_queue(booking, session, now=now)
    booking.save()
    _log(
        booking,
        booking.status,
        by=None,
        from_status=Booking.Status.AWAITING_APPROVAL,
        reason=f"Approved by {manager}.",
        manager=manager,
    )
    _notify_placed(booking, reason="Your line manager approved your booking.")
    return booking


@transaction.atomic
def decline_booking(*, token: str) -> Booking:
    booking = booking_for_approval(token)
    booking = _lock_booking(booking.pk)
    booking_for_approval(token)
    booking.status = Booking.Status.DECLINED
    booking.approval_nonce = ""
    booking.cancelled_at = _now()
    booking.save()
    _log(
        booking,
        "declined",
        by=None,
        from_status=Booking.Status.AWAITING_APPROVAL,
        reason=f"Declined by {booking.line_manager_email}.",
        manager=booking.line_manager_email,
    )
    notifications.approval_declined(booking)
    return booking


# Handing a place to a colleague: the place is never free in between.


@transaction.atomic
def hand_over(*, booking: Booking, colleague: User, by: User, reason: str = "") -> Booking:
    """Give a confirmed place to an eligible colleague from the same organisation. Returns the
    colleague's new, confirmed booking."""
    if not user_can_hand_over_booking(by, booking):
        raise NotAllowed()
    _lock_people(booking.user_id, colleague.pk)
    session, booking = _lock_session_and_booking(booking.pk)
    now = _now()
    if booking.status != Booking.Status.CONFIRMED:
        raise InvalidSubstitute("Only a confirmed place can be handed to a colleague.")
    if colleague.pk == booking.user_id:
        raise InvalidSubstitute("Choose someone other than the person who holds the place.")
    owner = booking.user
    if owner.organisation_id is None or colleague.organisation_id != owner.organisation_id:
        raise InvalidSubstitute(
            f"{colleague} is not in the same organisation as {owner}, so cannot take the place."
        )
    check_session_bookable(session, now=now)
    try:
        check_no_active_booking(user=colleague, session=session)
        check_eligibility(user=colleague, session=session)
        check_no_overlap(user=colleague, session=session)
    except BookingError as refusal:
        message = refusal.message.replace("You already have", f"{colleague} already has")
        message = message.replace("You need", f"{colleague} needs")
        raise InvalidSubstitute(f"{colleague} cannot take this place. {message}") from refusal
    reason = reason.strip() or f"Place handed to {colleague}."
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancellation_reason = reason
    booking.calendar_sequence += 1
    booking.save()
    replacement = _save(
        Booking(
            session=session,
            user=colleague,
            status=Booking.Status.CONFIRMED,
            confirmed_at=now,
            created_at=now,
            substitute_for=booking,
        )
    )
    _log(
        booking,
        "handed_over",
        by=by,
        from_status=Booking.Status.CONFIRMED,
        reason=reason,
        colleague=colleague.email,
    )
    _log(
        replacement,
        "confirmed",
        by=by,
        from_status=None,
        reason=f"Took over the place of {owner}.",
    )
    notifications.place_handed_over(booking, replacement)
    return replacement


# Administrators' actions.


def _require_administrator(by: User) -> None:
    if not user_can_administer_training(by):
        raise NotAllowed()


def _require_session_manager(by: User, session: Session) -> None:
    """Training administrators, or a trainer of this session."""
    if not user_can_manage_session(by, session):
        raise NotAllowed()


@transaction.atomic
def add_person(
    *, session: Session, user: User, by: User, reason: str, access_needs: str = ""
) -> Booking:
    """An administrator, or a trainer of the session, adds someone directly, whatever the
    audience, prerequisites or booking window. The reason is recorded. Capacity still holds:
    if full, they wait."""
    _require_session_manager(by, session)
    if not reason.strip():
        raise BookingError("Give a reason for adding this person directly.")
    _lock_people(user.pk)
    session = _lock_session(session.pk)
    now = _now()
    check_session_bookable(session, now=now)
    check_no_active_booking(user=user, session=session)
    check_no_overlap(user=user, session=session)
    booking = Booking(session=session, user=user, access_needs=access_needs.strip(), created_at=now)
    _take_place_or_queue(booking, session, now=now)
    _save(booking)
    _log(booking, "added", by=by, from_status=None, reason=reason.strip())
    _notify_placed(booking)
    return booking


@transaction.atomic
def move_booking(*, booking: Booking, to_session: Session, by: User, reason: str = "") -> Booking:
    """Move a confirmed or waiting booking to another session of the same course. It takes a
    place there if one is free (else joins that queue); a place it frees here is refilled.
    Administrators move anyone; a trainer moves people off the sessions they deliver."""
    _require_session_manager(by, booking.session)
    _lock_people(booking.user_id)
    first, second = sorted([booking.session_id, to_session.pk])
    locked = {first: _lock_session(first), second: _lock_session(second)}
    source, target = locked[booking.session_id], locked[to_session.pk]
    booking = _lock_booking(booking.pk)
    if booking.session_id != source.pk:
        raise BookingError("This booking has just moved to another session: look again.")
    now = _now()
    if source.pk == target.pk:
        raise BookingError("Choose a different session.")
    if source.course.translation_key != target.course.translation_key:
        raise BookingError("A booking can only move to another session of the same course.")
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.WAITLISTED):
        raise BookingError("Only confirmed or waiting bookings can be moved.")
    check_session_bookable(target, now=now)
    if Booking.objects.filter(
        user=booking.user, session=target, status__in=Booking.ACTIVE_STATUSES
    ).exists():
        raise AlreadyBooked(f"{booking.user} already has a booking for that session.")
    check_no_overlap(user=booking.user, session=target)
    previous = booking.status
    booking.session = target
    _take_place_or_queue(booking, target, now=now)
    booking.calendar_sequence += 1
    booking.reminder_sent_at = None
    _save(booking)
    _log(
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
        _promote_waiting(source, now=now, by=by)
    return booking


@transaction.atomic
def cancel_session(*, session: Session, by: User, reason: str) -> Session:
    """Cancel a whole session: every booking is cancelled and everyone told."""
    _require_administrator(by)
    if not reason.strip():
        raise BookingError("Give a reason: it is included in the email to attendees.")
    session = _lock_session(session.pk)
    if session.status != Session.Status.SCHEDULED:
        raise BookingError("Only a scheduled session can be cancelled.")
    now = _now()
    session.status = Session.Status.CANCELLED
    session.cancellation_reason = reason.strip()
    session.save(update_fields=["status", "cancellation_reason", "updated_at"])
    log(session, "bookings.session.cancelled", user=by, data={"reason": reason.strip()})
    bookings = Booking.objects.filter(session=session, status__in=Booking.ACTIVE_STATUSES)
    for booking in bookings.select_related("user"):
        previous = booking.status
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancellation_reason = f"Session cancelled: {reason.strip()}"
        booking.approval_nonce = ""
        if previous == Booking.Status.CONFIRMED:
            booking.calendar_sequence += 1
        booking.save()
        _log(booking, "cancelled", by=by, from_status=previous, reason=booking.cancellation_reason)
        notifications.session_cancelled(booking, was_confirmed=previous == Booking.Status.CONFIRMED)
    return session


# Creating and changing sessions.


@dataclass(frozen=True)
class DayTimes:
    date: dt.date
    start_time: dt.time
    end_time: dt.time


def check_session_days(days: Iterable[DayTimes], *, is_new: bool, today: dt.date | None = None):
    """At least one day; each ends after it starts; days in order without repeats; a new
    session starts in the future. Raises ValidationError."""
    days = list(days)
    today = today or timezone.localdate()
    errors = []
    if not days:
        errors.append("Add at least one day.")
    for number, day in enumerate(days, start=1):
        if day.end_time <= day.start_time:
            errors.append(f"Day {number} must end after it starts.")
        if is_new and day.date < today:
            errors.append(f"Day {number} is in the past: a new session needs future dates.")
    for number, (earlier, later) in enumerate(zip(days, days[1:], strict=False), start=2):
        if later.date <= earlier.date:
            errors.append(f"Day {number} must be after day {number - 1}: list the days in order.")
    if errors:
        raise ValidationError(errors)


def check_capacity(session: Session, capacity: int) -> None:
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()
    if capacity < confirmed:
        raise CapacityBelowConfirmed(
            f"{confirmed} people already have a confirmed place, so the capacity cannot be "
            f"less than {confirmed}. Cancel or move bookings first."
        )


@transaction.atomic
def create_session(
    *,
    course: CoursePage,
    venue: Venue,
    days: list[DayTimes],
    by: User,
    capacity: int | None = None,
    trainers: Iterable[User] = (),
    **fields,
) -> Session:
    _require_administrator(by)
    check_session_days(days, is_new=True)
    session = Session(
        course=course,
        venue=venue,
        capacity=capacity if capacity is not None else course.default_capacity,
        **fields,
    )
    session.full_clean()
    session.save()
    for day in days:
        SessionDay.objects.create(
            session=session, date=day.date, start_time=day.start_time, end_time=day.end_time
        )
    session.trainers.set(trainers)
    session_created(session=session, by=by)
    return session


def session_created(*, session: Session, by: User) -> None:
    """After a session is saved for the first time (here or by the admin's form)."""
    log(session, "wagtail.create", user=by)
    notify_interested_people(session=session)


@dataclass(frozen=True)
class _SessionSnapshot:
    capacity: int
    venue_id: int
    days: tuple

    @classmethod
    def of(cls, session: Session) -> "_SessionSnapshot":
        days = tuple(
            SessionDay.objects.filter(session=session)
            .order_by("date", "start_time")
            .values_list("date", "start_time", "end_time")
        )
        return cls(capacity=session.capacity, venue_id=session.venue_id, days=days)


@transaction.atomic
def update_session(*, session: Session, by: User, apply_changes: Callable[[], Session]) -> Session:
    """Change a session under its lock. `apply_changes` saves the new details (the admin form
    does) and returns the session. Then: capacity is never below the confirmed places, a raise
    promotes people waiting, and confirmed attendees get an updated invitation if the days or
    venue changed."""
    _require_administrator(by)
    return _update_session(session=session, by=by, apply_changes=apply_changes)


def _update_session(*, session: Session, by: User, apply_changes: Callable[[], Session]) -> Session:
    locked = _lock_session(session.pk)
    if locked.status != Session.Status.SCHEDULED:
        raise BookingError("Only a scheduled session can be changed.")
    before = _SessionSnapshot.of(locked)
    check_capacity(locked, session.capacity)
    session = apply_changes()
    after = _SessionSnapshot.of(session)
    check_capacity(session, session.capacity)
    log(session, "wagtail.edit", user=by)
    if after.capacity != before.capacity:
        log(
            session,
            "bookings.session.capacity_changed",
            user=by,
            data={"from": before.capacity, "to": after.capacity},
        )
    if (after.days, after.venue_id) != (before.days, before.venue_id):
        confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        for booking in confirmed.select_related("user"):
            booking.calendar_sequence += 1
            booking.reminder_sent_at = None
            booking.save(update_fields=["calendar_sequence", "reminder_sent_at"])
            notifications.session_changed(booking)
    _promote_waiting(session, now=_now(), by=by)
    notify_interested_people(session=session)
    return session


@transaction.atomic
def change_capacity(*, session: Session, capacity: int, by: User) -> Session:
    """Raise or lower the number of places. Lowering below the confirmed places is refused;
    raising promotes as many people waiting as now fit. A session's trainers may raise it;
    only administrators lower it."""
    _require_session_manager(by, session)

    def apply() -> Session:
        locked = Session.objects.get(pk=session.pk)
        if capacity < locked.capacity and not user_can_lower_capacity(by):
            raise NotAllowed("Only a training administrator can lower the capacity.")
        locked.capacity = capacity
        locked.full_clean()
        locked.save(update_fields=["capacity", "updated_at"])
        return locked

    session.capacity = capacity
    return _update_session(session=session, by=by, apply_changes=apply)


# Interest in a course with no place to book.


@transaction.atomic
def register_interest(*, user: User, course: CoursePage) -> CourseInterest:
    """Remember that someone wants a session of a course that has none with places."""
    open_sessions = [
        s for s in selectors.upcoming_sessions_of_course(course) if s.is_open_for_booking()
    ]
    if any(s.places_left > 0 for s in open_sessions):
        raise InterestNotNeeded()
    existing = selectors.open_interest(user=user, course=course)
    if existing is not None:
        return existing
    interest = CourseInterest(course=course, user=user, organisation_id=user.organisation_id)
    interest.full_clean()
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:
        return selectors.open_interest(user=user, course=course)
    log(interest, "bookings.interest.registered", user=user)
    return interest


def notify_interested_people(*, session: Session, now: dt.datetime | None = None) -> int:
    """Once a session is open for booking, email everyone who registered interest in its
    course, once. Returns how many were emailed."""
    now = now or _now()
    session = Session.objects.select_related("course", "venue").get(pk=session.pk)
    if session.interest_notified_at or not session.is_open_for_booking(now):
        return 0
    claimed = Session.objects.filter(pk=session.pk, interest_notified_at__isnull=True).update(
        interest_notified_at=now
    )
    if not claimed:
        return 0
    interests = CourseInterest.objects.filter(
        course__translation_key=session.course.translation_key, notified_at__isnull=True
    ).select_related("user")
    sent = 0
    for interest in interests:
        notifications.session_open_for_interest(interest, session)
        interest.notified_at = now
        interest.save(update_fields=["notified_at"])
        sent += 1
    return sent


# Reminders.


REMINDER_NOTICE = dt.timedelta(days=2)


def send_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind confirmed attendees of sessions starting within two days. Each booking is
    claimed (reminder_sent_at) before its email is queued, so running again, or twice at
    once, sends nothing more."""
    now = now or _now()
    horizon = timezone.localtime(now + REMINDER_NOTICE).date()
    due = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__status=Session.Status.SCHEDULED,
        )
        .annotate(first_date=selectors.first_day_date_of_session())
        .filter(first_date__gte=timezone.localtime(now).date(), first_date__lte=horizon)
        .select_related("user", "session__course", "session__venue")
        .prefetch_related("session__days")
    )
    sent = 0
    for booking in due:
        starts_at = booking.session.starts_at
        if not (now < starts_at <= now + REMINDER_NOTICE):
            continue
        with transaction.atomic():
            claimed = Booking.objects.filter(
                pk=booking.pk, reminder_sent_at__isnull=True, status=Booking.Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if claimed:
                notifications.session_reminder(booking)
                sent += 1
    return sent


def open_sessions_awaiting_interest_email() -> int:
    """Email interest for sessions whose booking window has opened since they were created."""
    now = _now()
    sent = 0
    candidates = Session.objects.filter(
        status=Session.Status.SCHEDULED,
        interest_notified_at__isnull=True,
        booking_opens_at__lte=now,
    )
    for session in candidates:
        sent += notify_interested_people(session=session, now=now)
    return sent


# Cohorts: the register, walk-ins, self check-in, completion and messages.


class AttendanceRefused(BookingError):
    message = "Attendance cannot be recorded here."


class NotBookedOnSession(AttendanceRefused):
    message = "Only people with a confirmed place on this session can be marked."


class NotASessionDay(AttendanceRefused):
    message = "That day is not one of this session's days."


class RegisterNotOpen(AttendanceRefused):
    pass


class RegisterClosed(AttendanceRefused):
    message = (
        "This session is completed, so its register is closed. Ask a training administrator "
        "to correct it."
    )


class CheckInRefused(BookingError):
    message = "You cannot check in with this code."


class InvalidCheckInCode(CheckInRefused):
    message = "That code is not right. Check it with your trainer and try again."


class TooManyCheckInAttempts(CheckInRefused):
    message = "Too many wrong codes. Wait 15 minutes, or ask your trainer to mark you present."


class CompletionRefused(BookingError):
    pass


class MessageRefused(BookingError):
    pass


CHECK_IN_MAX_FAILURES = 10
CHECK_IN_LOCKOUT_SECONDS = 15 * 60


def _check_register_open(*, session: Session, day: SessionDay, by: User, today: dt.date) -> None:
    """Registers open on the day itself and close when the session is completed, after
    which only administrators correct them. Caller holds the session lock."""
    if session.status == Session.Status.CANCELLED:
        raise AttendanceRefused("This session was cancelled: there is no register to take.")
    if day.session_id != session.pk:
        raise NotASessionDay()
    if day.date > today:
        raise RegisterNotOpen(f"The register for {day.date:%-d %B %Y} opens on the day.")
    if session.status == Session.Status.COMPLETED and not user_can_correct_register(by):
        raise RegisterClosed()


def _log_attendance(
    attendance: Attendance, *, previous: str | None, by: User | None, action: str
) -> None:
    log(
        attendance.booking,
        f"bookings.attendance.{action}",
        user=by if by is not None and by.is_authenticated else None,
        data={
            "day": attendance.day.date.isoformat(),
            "from": previous,
            "to": attendance.status,
        },
    )


@transaction.atomic
def save_register(
    *, session: Session, day: SessionDay, marks: dict[int, str], by: User
) -> list[Attendance]:
    """Record the register for one day: `marks` maps booking ids to Attendance statuses.
    All or nothing, in one transaction; every change is audited on the booking. Returns the
    records that changed. Administrators correcting a completed session's register also
    correct the outcome of the people whose attendance changed."""
    _require_session_manager(by, session)
    session = _lock_session(session.pk)
    day = SessionDay.objects.filter(pk=day.pk).first() or day
    now = _now()
    _check_register_open(session=session, day=day, by=by, today=timezone.localdate(now))
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise AttendanceRefused("Choose present, absent, or late or left early for each person.")
    bookings = {
        booking.pk: booking
        for booking in Booking.objects.filter(
            session=session, status=Booking.Status.CONFIRMED, pk__in=list(marks)
        ).select_related("user")
    }
    if len(bookings) != len(marks):
        raise NotBookedOnSession()
    existing = {
        attendance.booking_id: attendance
        for attendance in Attendance.objects.filter(day=day, booking_id__in=list(marks))
    }
    correcting = session.status == Session.Status.COMPLETED
    created, updated, changes = [], [], []
    for booking_id, status in marks.items():
        attendance = existing.get(booking_id)
        if attendance is None:
            attendance = Attendance(
                booking=bookings[booking_id], day=day, status=status, source="register"
            )
            created.append(attendance)
            changes.append((attendance, None))
        elif attendance.status != status:
            changes.append((attendance, attendance.status))
            attendance.status = status
            attendance.source = Attendance.Source.REGISTER
            updated.append(attendance)
        else:
            continue
        attendance.booking = bookings[booking_id]
        attendance.day = day
        attendance.marked_by = by
        attendance.marked_at = now
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(updated, ["status", "source", "marked_by", "marked_at"])
    for attendance, previous in changes:
        _log_attendance(
            attendance, previous=previous, by=by, action="corrected" if correcting else "marked"
        )
    if correcting and changes:
        days = session.ordered_days
        marks_by_booking = selectors.attendance_by_booking(session)
        for attendance, _ in changes:
            _record_outcome(
                attendance.booking,
                session=session,
                days=days,
                marks=marks_by_booking.get(attendance.booking_id, {}),
                by=by,
                now=now,
            )
    return [attendance for attendance, _ in changes]


def mark_attendance(*, booking: Booking, day: SessionDay, status: str, by: User) -> Attendance:
    """Mark one person for one day (the register's individual change)."""
    save_register(session=booking.session, day=day, marks={booking.pk: status}, by=by)
    return Attendance.objects.get(booking=booking, day=day)


def mark_all_present(*, session: Session, day: SessionDay, by: User) -> list[Attendance]:
    """Everyone with a confirmed place present on this day: the register's starting point."""
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    return save_register(
        session=session,
        day=day,
        marks=dict.fromkeys(confirmed.values_list("pk", flat=True), Attendance.Status.PRESENT),
        by=by,
    )


@transaction.atomic
def add_walk_in(*, session: Session, user: User, by: User, access_needs: str = "") -> Booking:
    """Someone who turned up without a booking: a confirmed place outside the capacity rule,
    flagged as a walk-in, and marked present today. From the first day until the session is
    completed. A person waiting (or awaiting approval) has that booking confirmed instead of
    a second one."""
    _require_session_manager(by, session)
    _lock_people(user.pk)
    session = _lock_session(session.pk)
    now = _now()
    today = timezone.localdate(now)
    if session.status != Session.Status.SCHEDULED:
        raise BookingError(
            "Walk-ins can only be added to a session that is running: this one is "
            f"{session.get_status_display().lower()}."
        )
    days = session.ordered_days
    if not days or today < days[0].date:
        raise BookingError("Walk-ins can be added from the first day of the session.")
    booking = Booking.objects.filter(
        session=session, user=user, status__in=Booking.ACTIVE_STATUSES
    ).first()
    if booking is not None and booking.status == Booking.Status.CONFIRMED:
        raise AlreadyBooked(f"{user} already has a place on this session.")
    previous = booking.status if booking is not None else None
    if booking is None:
        booking = Booking(session=session, user=user, created_at=now)
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.waitlisted_at = None
    booking.approval_nonce = ""
    booking.is_walk_in = True
    if access_needs.strip():
        booking.access_needs = access_needs.strip()
    _save(booking)
    _log(booking, "walk_in", by=by, from_status=previous, reason="Turned up on the day.")
    today_session_day = next((day for day in days if day.date == today), None)
    if today_session_day is not None:
        attendance = Attendance.objects.create(
            booking=booking,
            day=today_session_day,
            status=Attendance.Status.PRESENT,
            source=Attendance.Source.REGISTER,
            marked_by=by,
            marked_at=now,
        )
        _log_attendance(attendance, previous=None, by=by, action="marked")
    return booking


@transaction.atomic
def promote_from_waiting_list(*, booking: Booking, by: User) -> Booking:
    """Give a free place to this person on the waiting list now (the trainer's choice, which
    the audit log records). Refused when no place is free: raise the capacity first."""
    session, booking = _lock_session_and_booking(booking.pk)
    _require_session_manager(by, session)
    if booking.status != Booking.Status.WAITLISTED:
        raise BookingError("Only someone on the waiting list can be promoted.")
    if session.status != Session.Status.SCHEDULED:
        raise BookingError("Only a scheduled session's waiting list can be promoted.")
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()
    if confirmed >= session.capacity:
        raise BookingError("There is no free place on this session: raise the capacity first.")
    now = _now()
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at"])
    _log(
        booking,
        "promoted",
        by=by,
        from_status=Booking.Status.WAITLISTED,
        reason="Promoted from the waiting list by the trainer.",
    )
    starts_at = session.starts_at
    notifications.booking_promoted(
        booking, starts_soon=starts_at is not None and starts_at - now < PROMOTION_NOTICE_PERIOD
    )
    return booking


def normalise_check_in_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def _check_in_failures_key(user: User) -> str:
    return f"bookings:check-in-failures:{user.pk}"


def check_in(*, user: User, day: SessionDay, code: str) -> Attendance:
    """An attendee marks themselves present with the day's code (from the QR code on the
    register). Only with the right code, on that day (Europe/London), with a confirmed place,
    and once. Wrong codes are counted per person and locked out after a few, so the code
    cannot be guessed; the comparison takes the same time whatever the code."""
    key = _check_in_failures_key(user)
    if cache.get(key, 0) >= CHECK_IN_MAX_FAILURES:
        raise TooManyCheckInAttempts()
    supplied = normalise_check_in_code(code).encode()
    if not secrets.compare_digest(supplied, day.check_in_code.encode()):
        cache.add(key, 0, CHECK_IN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, CHECK_IN_LOCKOUT_SECONDS)
        raise InvalidCheckInCode()
    return _record_check_in(user=user, day=day)


@transaction.atomic
def _record_check_in(*, user: User, day: SessionDay) -> Attendance:
    session = _lock_session(day.session_id)
    now = _now()
    today = timezone.localdate(now)
    if session.status != Session.Status.SCHEDULED:
        raise CheckInRefused("Check-in is closed: this session is not running.")
    if day.date != today:
        raise CheckInRefused(f"This code works only on {day.date:%-d %B %Y}.")
    booking = Booking.objects.filter(
        session=session, user=user, status=Booking.Status.CONFIRMED
    ).first()
    if booking is None:
        raise CheckInRefused(
            "You do not have a confirmed place on this session, so you cannot check in. "
            "Speak to the trainer."
        )
    existing = Attendance.objects.filter(booking=booking, day=day).first()
    if existing is not None:
        if existing.checked_in_at is not None:
            raise CheckInRefused("You have already checked in today.")
        raise CheckInRefused(
            "The trainer has already recorded your attendance today "
            f"({existing.get_status_display().lower()})."
        )
    attendance = Attendance.objects.create(
        booking=booking,
        day=day,
        status=Attendance.Status.PRESENT,
        source=Attendance.Source.CHECK_IN,
        marked_by=user,
        marked_at=now,
        checked_in_at=now,
    )
    _log_attendance(attendance, previous=None, by=user, action="checked_in")
    return attendance


@dataclass(frozen=True)
class CompletionSummary:
    completed: int
    not_completed: int
    no_shows: int


def _record_outcome(
    booking: Booking,
    *,
    session: Session,
    days: list[SessionDay],
    marks: dict[int, Attendance],
    by: User,
    now: dt.datetime,
) -> str:
    """Completed if present on every day; a no-show if there on none; otherwise not
    completed, with the days missed. Late-or-left-early is there, but not present: it does
    not count towards completion. Sends `session_completed_for` when the booking becomes
    completed (not again if it already was, so receivers never see it twice)."""
    statuses = [marks[day.pk].status if day.pk in marks else None for day in days]
    present = statuses.count(Attendance.Status.PRESENT)
    there = present + statuses.count(Attendance.Status.LATE_OR_LEFT_EARLY)
    newly_completed = False
    if present == len(days):
        outcome = Booking.Outcome.COMPLETED
        newly_completed = booking.completed_at is None
        booking.completed_at = booking.completed_at or now
    else:
        outcome = Booking.Outcome.NO_SHOW if there == 0 else Booking.Outcome.NOT_COMPLETED
        booking.completed_at = None
    previous = booking.outcome
    booking.outcome = outcome
    booking.days_missed = len(days) - present
    booking.save(update_fields=["outcome", "days_missed", "completed_at"])
    if previous != outcome:
        log(
            booking,
            "bookings.booking.outcome",
            user=by,
            data={"from": previous, "to": outcome, "days_missed": booking.days_missed},
        )
    if newly_completed:
        session_completed_for.send(
            sender=Booking, booking=booking, learner=booking.user, session=session
        )
    return outcome


@transaction.atomic
def complete_session(*, session: Session, by: User) -> CompletionSummary:
    """Close a session after the end of its last day: everyone with a confirmed place gets an
    outcome (see _record_outcome) and the session is completed, in one transaction. Refused
    while anyone's attendance on any day is unrecorded, so nobody loses a completion to a
    forgotten register."""
    _require_session_manager(by, session)
    session = _lock_session(session.pk)
    now = _now()
    if session.status == Session.Status.CANCELLED:
        raise CompletionRefused("A cancelled session cannot be completed.")
    if session.status == Session.Status.COMPLETED:
        raise CompletionRefused("This session is already completed.")
    days = session.ordered_days
    if not days or now < days[-1].ends_at:
        last = days[-1].ends_at if days else None
        raise CompletionRefused(
            "You can complete this session once its last day is over"
            + (f", from {timezone.localtime(last):%-d %B %Y at %H:%M}." if last else ".")
        )
    bookings = list(
        Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        .select_related("user")
        .order_by("pk")
    )
    marks = selectors.attendance_by_booking(session)
    unmarked_days = [
        day for day in days if any(day.pk not in marks.get(b.pk, {}) for b in bookings)
    ]
    if unmarked_days:
        dates = ", ".join(f"{day.date:%-d %B}" for day in unmarked_days)
        raise CompletionRefused(
            f"Take the register first: some people have no attendance recorded for {dates}."
        )
    outcomes = [
        _record_outcome(
            booking, session=session, days=days, marks=marks.get(booking.pk, {}), by=by, now=now
        )
        for booking in bookings
    ]
    summary = CompletionSummary(
        completed=outcomes.count(Booking.Outcome.COMPLETED),
        not_completed=outcomes.count(Booking.Outcome.NOT_COMPLETED),
        no_shows=outcomes.count(Booking.Outcome.NO_SHOW),
    )
    session.status = Session.Status.COMPLETED
    session.completed_at = now
    session.save(update_fields=["status", "completed_at", "updated_at"])
    log(
        session,
        "bookings.session.completed",
        user=by,
        data={
            "completed": summary.completed,
            "not_completed": summary.not_completed,
            "no_shows": summary.no_shows,
        },
    )
    return summary


@transaction.atomic
def reopen_session(*, session: Session, by: User, reason: str) -> Session:
    """An administrator reopens a completed session to correct it. Outcomes stay as they are
    until it is completed again, which records them afresh and only announces completions
    that are new."""
    if not user_can_correct_register(by):
        raise NotAllowed("Only a training administrator can reopen a completed session.")
    if not reason.strip():
        raise BookingError("Give a reason for reopening the session.")
    session = _lock_session(session.pk)
    if session.status != Session.Status.COMPLETED:
        raise BookingError("Only a completed session can be reopened.")
    session.status = Session.Status.SCHEDULED
    session.completed_at = None
    session.save(update_fields=["status", "completed_at", "updated_at"])
    log(session, "bookings.session.reopened", user=by, data={"reason": reason.strip()})
    return session


@transaction.atomic
def message_cohort(
    *,
    session: Session,
    by: User,
    subject: str,
    body: str,
    include_waiting_list: bool = False,
) -> CohortMessage:
    """Email everyone with a confirmed place (and, if asked, everyone waiting), one email
    each, and keep the message on the session. The emails are queued as tasks that commit
    with the record."""
    _require_session_manager(by, session)
    subject, body = " ".join(subject.split()), body.strip()
    if not subject or not body:
        raise MessageRefused("Enter a subject and a message.")
    if session.status == Session.Status.CANCELLED:
        raise MessageRefused("This session was cancelled: its attendees were already told.")
    statuses = [Booking.Status.CONFIRMED]
    if include_waiting_list:
        statuses.append(Booking.Status.WAITLISTED)
    recipients = list(
        Booking.objects.filter(session=session, status__in=statuses)
        .select_related("user")
        .order_by("pk")
    )
    if not recipients:
        raise MessageRefused("Nobody is booked on this session, so there is nobody to write to.")
    message = CohortMessage(
        session=session,
        sender=by,
        subject=subject,
        body=body,
        included_waiting_list=include_waiting_list,
        recipients_count=len(recipients),
        sent_at=_now(),
    )
    message.full_clean(exclude=["session", "sender"])
    message.save()
    for booking in recipients:
        notifications.cohort_message(booking, message)
    log(
        session,
        "bookings.session.messaged",
        user=by,
        data={"subject": subject, "recipients": len(recipients)},
    )
    return message
