"""Completing a session: each person's outcome from the register, and the news of each new
completion (`bookings.signals.session_completed_for`). The rules themselves are in
bookings.attendance."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User

from .. import selectors
from ..attendance import completion_refusal, marks_for_days, outcome_of, statuses_of, unmarked_days
from ..models import Booking, Session
from ..permissions import user_can_correct_register
from ..signals import session_completed, session_completed_for
from . import locks
from .access import require_session_manager
from .charges import charge_no_shows
from .errors import BookingError, CompletionRefused, NotAllowed


@dataclass(frozen=True)
class CompletionSummary:
    completed: int
    not_completed: int
    no_shows: int


def _record_outcome(
    booking: Booking, *, session: Session, statuses: list[str | None], by: User, now: dt.datetime
) -> str:
    """Save the outcome bookings.attendance.outcome_of gives these marks. Sends
    `session_completed_for` when the booking becomes completed (not again if it already was,
    so receivers never see it twice)."""
    result = outcome_of(statuses)
    newly_completed = result.is_completed and booking.completed_at is None
    booking.completed_at = (booking.completed_at or now) if result.is_completed else None
    previous = booking.outcome
    booking.outcome = result.outcome
    booking.days_missed = result.days_missed
    booking.save(update_fields=["outcome", "days_missed", "completed_at"])
    if previous != result.outcome:
        log(
            booking,
            "bookings.booking.outcome",
            user=by,
            data={"from": previous, "to": result.outcome, "days_missed": result.days_missed},
        )
    if newly_completed:
        session_completed_for.send(
            sender=Booking, booking=booking, learner=booking.user, session=session
        )
    return result.outcome


def record_outcomes(
    session: Session, bookings: Iterable[Booking], *, by: User, now: dt.datetime
) -> list[str]:
    """Record the outcome of each booking from the session's register, in one read of it.
    Caller holds the session lock."""
    days = session.ordered_days
    marks = selectors.attendance_by_booking(session)
    return [
        _record_outcome(
            booking,
            session=session,
            statuses=statuses_of(marks_for_days(days, marks.get(booking.pk, {}))),
            by=by,
            now=now,
        )
        for booking in bookings
    ]


@transaction.atomic
def complete_session(*, session: Session, by: User) -> CompletionSummary:
    """Close a session after the end of its last day: everyone with a confirmed place gets an
    outcome and the session is completed, in one transaction. Refused while anyone's
    attendance on any day is unrecorded, so nobody loses a completion to a forgotten
    register. Each person who did not attend is charged to their organisation, once however
    often the session is reopened and completed (charges.py)."""
    require_session_manager(by, session)
    session = locks.lock_session(session.pk)
    now = timezone.now()
    days = session.ordered_days
    refusal = completion_refusal(session, days=days, now=now)
    if refusal:
        raise CompletionRefused(refusal)
    bookings = list(selectors.roster(session).select_related("user").order_by("pk"))
    missing = unmarked_days(
        days, [b.pk for b in bookings], selectors.attendance_by_booking(session)
    )
    if missing:
        dates = ", ".join(date_format(day.date, "j F") for day in missing)
        raise CompletionRefused(
            _("Take the register first: some people have no attendance recorded for %(dates)s.")
            % {"dates": dates}
        )
    outcomes = record_outcomes(session, bookings, by=by, now=now)
    charge_no_shows(session, bookings, by=by, now=now)
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
    session_completed.send(sender=Session, session=session, by=by)
    return summary


@transaction.atomic
def reopen_session(*, session: Session, by: User, reason: str) -> Session:
    """An administrator reopens a completed session to correct it. Outcomes stay as they are
    until it is completed again, which records them afresh and only announces completions
    that are new."""
    if not user_can_correct_register(by):
        raise NotAllowed(_("Only a training administrator can reopen a completed session."))
    if not reason.strip():
        raise BookingError(_("Give a reason for reopening the session."))
    session = locks.lock_session(session.pk)
    if session.status != Session.Status.COMPLETED:
        raise BookingError(_("Only a completed session can be reopened."))
    session.status = Session.Status.SCHEDULED
    session.completed_at = None
    session.save(update_fields=["status", "completed_at", "updated_at"])
    log(session, "bookings.session.reopened", user=by, data={"reason": reason.strip()})
    return session
