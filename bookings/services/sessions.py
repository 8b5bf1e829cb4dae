"""Creating and changing sessions: their days, venue and capacity."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from courses.models import CoursePage

from .. import notifications, selectors
from ..models import Booking, Session, SessionDay, Venue
from ..permissions import user_can_lower_capacity
from . import locks
from .access import require_administrator, require_session_manager
from .errors import BookingError, CapacityBelowConfirmed, NotAllowed
from .interest import notify_interested_people
from .waiting_list import promote_waiting


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
        errors.append(_("Add at least one day."))
    for number, day in enumerate(days, start=1):
        if day.end_time <= day.start_time:
            errors.append(_("Day %(number)s must end after it starts.") % {"number": number})
        if is_new and day.date < today:
            errors.append(
                _("Day %(number)s is in the past: a new session needs future dates.")
                % {"number": number}
            )
    for number, (earlier, later) in enumerate(zip(days, days[1:], strict=False), start=2):
        if later.date <= earlier.date:
            errors.append(
                _("Day %(number)s must be after day %(previous)s: list the days in order.")
                % {"number": number, "previous": number - 1}
            )
    if errors:
        raise ValidationError(errors)


def check_capacity(session: Session, capacity: int) -> None:
    confirmed = selectors.confirmed_places(session)
    if capacity < confirmed:
        raise CapacityBelowConfirmed(
            _(
                "%(confirmed)s people already have a confirmed place, so the capacity cannot be "
                "less than %(confirmed)s. Cancel or move bookings first."
            )
            % {"confirmed": confirmed}
        )


def fill_in_new_session_defaults(session: Session) -> None:
    """What a new session starts with unless the administrator says otherwise: its course's
    default number of places and its venue's joining instructions."""
    if session.capacity is None and session.course_id is not None:
        session.capacity = session.course.default_capacity
    if not session.joining_instructions.strip() and session.venue_id is not None:
        session.joining_instructions = session.venue.joining_instructions


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
    require_administrator(by)
    check_session_days(days, is_new=True)
    session = Session(course=course, venue=venue, capacity=capacity, **fields)
    fill_in_new_session_defaults(session)
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
    require_administrator(by)
    return _update_session(session=session, by=by, apply_changes=apply_changes)


def _update_session(*, session: Session, by: User, apply_changes: Callable[[], Session]) -> Session:
    locked = locks.lock_session(session.pk)
    if locked.status != Session.Status.SCHEDULED:
        raise BookingError(_("Only a scheduled session can be changed."))
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
    changed = (after.days, after.venue_id) != (before.days, before.venue_id)
    if changed:
        confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        for booking in confirmed.select_related("user"):
            booking.calendar_sequence += 1
            booking.reminder_sent_at = None
            booking.save(update_fields=["calendar_sequence", "reminder_sent_at"])
            notifications.session_changed(booking)
    promote_waiting(session, now=timezone.now(), by=by)
    if changed:
        # Those still waiting need the new dates too, to decide whether to stay in the queue.
        for booking in selectors.waiting_list_with_positions(session):
            notifications.session_changed(booking, position=booking.waitlist_position)
    notify_interested_people(session=session)
    return session


@transaction.atomic
def change_capacity(*, session: Session, capacity: int, by: User) -> Session:
    """Raise or lower the number of places. Lowering below the confirmed places is refused;
    raising promotes as many people waiting as now fit. A session's trainers may raise it;
    only administrators lower it."""
    require_session_manager(by, session)

    def apply() -> Session:
        locked = Session.objects.get(pk=session.pk)
        if capacity < locked.capacity and not user_can_lower_capacity(by):
            raise NotAllowed(_("Only a training administrator can lower the capacity."))
        locked.capacity = capacity
        locked.full_clean()
        locked.save(update_fields=["capacity", "updated_at"])
        return locked

    session.capacity = capacity
    return _update_session(session=session, by=by, apply_changes=apply)
