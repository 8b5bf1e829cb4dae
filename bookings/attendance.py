"""The register's rules in one place: what a person's marks make of their session, when a
day's register may be taken, and when a session may be completed.

Pure functions over rows already loaded: the services enforce them, the cohort views and
templates show what they say, and programmes count attendance by them.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.formats import format_time

from .models import Attendance, Booking, Session, SessionDay

# Only PRESENT counts: someone late or leaving early has missed part of the day.
COUNTS_AS_ATTENDED = frozenset({Attendance.Status.PRESENT})
# Late or left early is not attended, but the person was there: not a no-show.
COUNTS_AS_THERE = frozenset({Attendance.Status.PRESENT, Attendance.Status.LATE_OR_LEFT_EARLY})


def attended(status: str | None) -> bool:
    """Whether one day's mark counts as attending that day."""
    return status in COUNTS_AS_ATTENDED


@dataclass(frozen=True)
class Outcome:
    """What completing the session records for one person."""

    outcome: str
    days_present: int
    days_missed: int

    @property
    def is_completed(self) -> bool:
        return self.outcome == Booking.Outcome.COMPLETED

    def get_outcome_display(self) -> str:
        return Booking.Outcome(self.outcome).label


def outcome_of(statuses: Sequence[str | None]) -> Outcome:
    """Completed if present on every day (`statuses` has one mark or None per day); a no-show
    if there on none; otherwise not completed, with the days missed."""
    present = sum(1 for status in statuses if attended(status))
    there = sum(1 for status in statuses if status in COUNTS_AS_THERE)
    if statuses and present == len(statuses):
        outcome = Booking.Outcome.COMPLETED
    elif there == 0:
        outcome = Booking.Outcome.NO_SHOW
    else:
        outcome = Booking.Outcome.NOT_COMPLETED
    return Outcome(outcome=outcome, days_present=present, days_missed=len(statuses) - present)


def marks_for_days(
    days: Iterable[SessionDay], marks: dict[int, Attendance]
) -> list[Attendance | None]:
    """One person's marks in day order (None where a day is unmarked)."""
    return [marks.get(day.pk) for day in days]


def statuses_of(marks: Iterable[Attendance | None]) -> list[str | None]:
    return [mark.status if mark is not None else None for mark in marks]


class RegisterState(models.TextChoices):
    OPEN = "open", _("Open")
    NOT_YET = "not_yet", _("Opens on the day")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


def register_state(
    session: Session, day: SessionDay, *, may_correct: bool, today: dt.date
) -> RegisterState:
    """Registers open on the day itself and close when the session is completed, after which
    only people who may correct registers (administrators) change them."""
    if session.status == Session.Status.CANCELLED:
        return RegisterState.CANCELLED
    if day.date > today:
        return RegisterState.NOT_YET
    if session.status == Session.Status.COMPLETED and not may_correct:
        return RegisterState.CLOSED
    return RegisterState.OPEN


def completion_refusal(session: Session, *, days: Sequence[SessionDay], now: dt.datetime) -> str:
    """Why the session cannot be completed now, or "" if it can (the register aside: see
    unmarked_days)."""
    if session.status == Session.Status.CANCELLED:
        return gettext("A cancelled session cannot be completed.")
    if session.status == Session.Status.COMPLETED:
        return gettext("This session is already completed.")
    if not days:
        return gettext("You can complete this session once its last day is over.")
    if now < days[-1].ends_at:
        last = timezone.localtime(days[-1].ends_at)
        return gettext(
            "You can complete this session once its last day is over, from %(date)s at %(time)s."
        ) % {"date": date_format(last, "j F Y"), "time": format_time(last)}
    return ""


def can_complete(session: Session, *, days: Sequence[SessionDay], now: dt.datetime) -> bool:
    return not completion_refusal(session, days=days, now=now)


def unmarked_days(
    days: Sequence[SessionDay],
    booking_ids: Iterable[int],
    marks: dict[int, dict[int, Attendance]],
) -> list[SessionDay]:
    """The days on which someone with a place has no attendance recorded."""
    booking_ids = list(booking_ids)
    return [
        day
        for day in days
        if any(day.pk not in marks.get(booking_id, {}) for booking_id in booking_ids)
    ]
