"""The register: marking attendance day by day, walk-ins, and self check-in with the day's code.

What a day's marks make of a person's session, and when a register is open, are the rules in
bookings.attendance; this module records marks under the session's lock and audits them.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from home import site_cache

from .. import selectors
from ..attendance import RegisterState, register_state
from ..audit import log_attendance_change, log_booking_change
from ..models import Attendance, Booking, Session, SessionDay
from ..permissions import user_can_correct_register
from . import locks
from .access import require_session_manager
from .completion import record_outcomes
from .errors import (
    AlreadyBooked,
    AttendanceRefused,
    BookingError,
    CheckInRefused,
    InvalidCheckInCode,
    NotASessionDay,
    NotBookedOnSession,
    RegisterClosed,
    RegisterNotOpen,
    TooManyCheckInAttempts,
)
from .places import save_booking

CHECK_IN_MAX_FAILURES = 10
CHECK_IN_LOCKOUT_SECONDS = 15 * 60


def _check_register_open(*, session: Session, day: SessionDay, by: User, today: dt.date) -> None:
    """Refuse as bookings.attendance.register_state says. Caller holds the session lock."""
    if day.session_id != session.pk:
        raise NotASessionDay()
    state = register_state(session, day, may_correct=user_can_correct_register(by), today=today)
    if state == RegisterState.CANCELLED:
        raise AttendanceRefused(_("This session was cancelled: there is no register to take."))
    if state == RegisterState.NOT_YET:
        raise RegisterNotOpen(
            _("The register for %(date)s opens on the day.")
            % {"date": date_format(day.date, "j F Y")}
        )
    if state == RegisterState.CLOSED:
        raise RegisterClosed()


@dataclass(frozen=True)
class RegisterResult:
    """What saving a register did: the marks it changed, and the people whose mark someone
    else changed after the page was loaded (their mark was kept, not overwritten)."""

    changed: list[Attendance]
    not_applied: list[Booking]


@transaction.atomic
def save_register(
    *,
    session: Session,
    day: SessionDay,
    marks: dict[int, str],
    by: User,
    seen_versions: dict[int, int] | None = None,
) -> RegisterResult:
    """Record the register for one day: `marks` maps booking ids to Attendance statuses.

    `seen_versions` maps booking ids to the version of each mark the trainer's page showed
    (0 for unmarked). A mark changed by someone else since then is kept, and reported in
    `not_applied`, so two trainers on one register never silently undo each other's work.
    All or nothing, in one transaction; every change is audited on the booking.
    Administrators correcting a completed session's register also correct the outcome of
    the people whose attendance changed."""
    require_session_manager(by, session)
    session = locks.lock_session(session.pk)
    day = next((d for d in session.ordered_days if d.pk == day.pk), day)
    now = timezone.now()
    _check_register_open(session=session, day=day, by=by, today=timezone.localdate(now))
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise AttendanceRefused(_("Choose present, absent, or late or left early for each person."))
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
    created, updated, changes, not_applied = [], [], [], []
    for booking_id, status in marks.items():
        attendance = existing.get(booking_id)
        current_version = attendance.version if attendance is not None else 0
        if attendance is not None and attendance.status == status:
            continue
        if seen_versions is not None and seen_versions.get(booking_id, 0) != current_version:
            not_applied.append(bookings[booking_id])
            continue
        if attendance is None:
            attendance = Attendance(booking=bookings[booking_id], day=day, status=status)
            created.append(attendance)
            changes.append((attendance, None))
        else:
            changes.append((attendance, attendance.status))
            attendance.status = status
            attendance.version += 1
            updated.append(attendance)
        attendance.source = Attendance.Source.REGISTER
        attendance.booking = bookings[booking_id]
        attendance.day = day
        attendance.marked_by = by
        attendance.marked_at = now
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(
        updated, ["status", "source", "marked_by", "marked_at", "version"]
    )
    if created or updated:
        site_cache.records_changed()  # bulk writes send no model signals
    correcting = session.status == Session.Status.COMPLETED
    for attendance, previous in changes:
        log_attendance_change(
            attendance, previous=previous, by=by, action="corrected" if correcting else "marked"
        )
    if correcting and changes:
        record_outcomes(session, [attendance.booking for attendance, _ in changes], by=by, now=now)
    return RegisterResult(changed=[a for a, _ in changes], not_applied=not_applied)


def mark_attendance(*, booking: Booking, day: SessionDay, status: str, by: User) -> Attendance:
    """Mark one person for one day (the register's individual change)."""
    save_register(session=booking.session, day=day, marks={booking.pk: status}, by=by)
    return Attendance.objects.get(booking=booking, day=day)


def mark_all_present(
    *, session: Session, day: SessionDay, by: User, seen_versions: dict[int, int] | None = None
) -> RegisterResult:
    """Everyone with a confirmed place present on this day: the register's starting point.
    With `seen_versions`, marks changed by someone else since are kept (see save_register)."""
    confirmed = selectors.roster(session).values_list("pk", flat=True)
    return save_register(
        session=session,
        day=day,
        marks=dict.fromkeys(confirmed, Attendance.Status.PRESENT),
        by=by,
        seen_versions=seen_versions,
    )


@transaction.atomic
def add_walk_in(
    *,
    session: Session,
    user: User,
    by: User,
    access_needs: str = "",
    reason: str = "Turned up on the day.",
) -> Booking:
    """Someone who turned up without a booking: a confirmed place outside the capacity rule,
    flagged as a walk-in, and marked present today. Only on one of the session's days (an
    administrator corrects the register afterwards). A person waiting (or awaiting approval)
    has that booking confirmed instead of a second one."""
    require_session_manager(by, session)
    locks.lock_people(user.pk)
    session = locks.lock_session(session.pk)
    now = timezone.now()
    today = timezone.localdate(now)
    if session.status != Session.Status.SCHEDULED:
        raise BookingError(
            _("Walk-ins can only be added to a session that is running: this one is %(status)s.")
            % {"status": session.get_status_display().lower()}
        )
    days = session.ordered_days
    if not days or today < days[0].date:
        raise BookingError(_("Walk-ins can be added from the first day of the session."))
    today_session_day = next((day for day in days if day.date == today), None)
    if today_session_day is None:
        raise BookingError(
            _(
                "Walk-ins can only be added on one of the session's days, and today is not one. "
                "To correct the register afterwards, ask a training administrator."
            )
        )
    booking = Booking.objects.filter(
        session=session, user=user, status__in=Booking.ACTIVE_STATUSES
    ).first()
    if booking is not None and booking.status == Booking.Status.CONFIRMED:
        raise AlreadyBooked(_("%(person)s already has a place on this session.") % {"person": user})
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
    save_booking(booking)
    log_booking_change(booking, "walk_in", by=by, from_status=previous, reason=reason)
    _record_present(booking, today_session_day, by=by, now=now, checked_in=False)
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
    session = locks.lock_session(day.session_id)
    now = timezone.now()
    today = timezone.localdate(now)
    if session.status != Session.Status.SCHEDULED:
        raise CheckInRefused(_("Check-in is closed: this session is not running."))
    if day.date != today:
        raise CheckInRefused(
            _("This code works only on %(date)s.") % {"date": date_format(day.date, "j F Y")}
        )
    booking = Booking.objects.filter(
        session=session, user=user, status=Booking.Status.CONFIRMED
    ).first()
    if booking is None:
        raise CheckInRefused(
            _(
                "You do not have a confirmed place on this session, so you cannot check in. "
                "Speak to the trainer."
            )
        )
    existing = Attendance.objects.filter(booking=booking, day=day).first()
    if existing is not None:
        if existing.checked_in_at is not None:
            raise CheckInRefused(_("You have already checked in today."))
        raise CheckInRefused(
            _("The trainer has already recorded your attendance today (%(status)s).")
            % {"status": existing.get_status_display().lower()}
        )
    return _record_present(booking, day, by=user, now=now, checked_in=True)


def _record_present(
    booking: Booking, day: SessionDay, *, by: User, now: dt.datetime, checked_in: bool
) -> Attendance:
    """A first mark for the day: present, by the trainer or by the person checking in."""
    attendance = Attendance.objects.create(
        booking=booking,
        day=day,
        status=Attendance.Status.PRESENT,
        source=Attendance.Source.CHECK_IN if checked_in else Attendance.Source.REGISTER,
        marked_by=by,
        marked_at=now,
        checked_in_at=now if checked_in else None,
    )
    action = "checked_in" if checked_in else "marked"
    log_attendance_change(attendance, previous=None, by=by, action=action)
    return attendance
