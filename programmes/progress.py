"""Where an enrolment stands, worked out from a person's training records.

Pure functions over records already loaded (programmes.selectors loads them for a whole list
in a handful of queries). A session counts when it is completed, the person's booking on it
was completed (bookings records that outcome from the register with
bookings.attendance.outcome_of, so a day marked absent means it does not count) and it falls
within the requirement's window. Nothing here is stored: change a record and the progress
follows.
"""

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple
from uuid import UUID

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.models import Booking, Session
from home.formats import format_date_list

from .models import Exemption, ProgrammeEnrolment, Requirement, add_months, months_from

# A requirement is at risk when its deadline is this close and it is not met.
AT_RISK_WITHIN_DAYS = 28


class RequirementStatus(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    COMPLETED = "completed", gettext_lazy("Completed")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    EXEMPTED = "exempted", gettext_lazy("Exempted")


class Standing(models.TextChoices):
    """Where an enrolment stands, for the dashboard's counts and filters."""

    ON_TRACK = "on_track", gettext_lazy("On track")
    AT_RISK = "at_risk", gettext_lazy("At risk")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    PAUSED = "paused", gettext_lazy("Paused")
    COMPLETED = "completed", gettext_lazy("Completed")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


class PeriodStatus(models.TextChoices):
    ATTENDED = "attended", gettext_lazy("Attended")
    MISSED = "missed", gettext_lazy("Missed")
    UPCOMING = "upcoming", gettext_lazy("Upcoming")


# The records progress is counted from: light tuples, since a dashboard reads tens of
# thousands of them.


class SessionRecord(NamedTuple):
    """A session of a course that matters to some requirement."""

    pk: int
    course_key: UUID
    title: str
    status: str
    first_date: dt.date | None
    last_date: dt.date | None


class BookingRecord(NamedTuple):
    pk: int
    session: SessionRecord
    status: str
    outcome: str
    days_missed: int
    absent_dates: tuple[dt.date, ...] = ()


class ModuleRecord(NamedTuple):
    module_key: UUID
    title: str
    started_at: dt.datetime
    completed_on: dt.date | None


@dataclass
class PersonRecords:
    """One person's bookings and delivered sessions by course translation key, and module
    enrolments by module translation key."""

    bookings: dict[UUID, list[BookingRecord]] = field(default_factory=lambda: defaultdict(list))
    delivered: dict[UUID, list[SessionRecord]] = field(default_factory=lambda: defaultdict(list))
    modules: dict[UUID, list[ModuleRecord]] = field(default_factory=lambda: defaultdict(list))


# What counted and what did not.


class Evidence(NamedTuple):
    """One record, whether it counted for a requirement, and if not, why not. Reasons are
    translated only when shown."""

    title: str
    on: dt.date | None
    counted: bool
    reason: str | None = None
    session_id: int | None = None
    # Not counted yet but may still count: a place on a session to come or awaiting
    # completion, a module started.
    pending: bool = False


class Period(NamedTuple):
    start: dt.date
    end: dt.date
    status: str
    attended_on: dt.date | None = None

    def get_status_display(self) -> str:
        return PeriodStatus(self.status).label


@dataclass
class RequirementProgress:
    requirement: Requirement
    status: str
    done: int
    needed: int
    deadline: dt.date
    met_on: dt.date | None = None
    at_risk: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    exemption: Exemption | None = None

    @property
    def is_met(self) -> bool:
        return self.status in (RequirementStatus.COMPLETED, RequirementStatus.EXEMPTED)

    @property
    def counted(self) -> list[Evidence]:
        return [item for item in self.evidence if item.counted]

    @property
    def not_counted(self) -> list[Evidence]:
        return [item for item in self.evidence if not item.counted]

    @property
    def missed_periods(self) -> int:
        return sum(1 for period in self.periods if period.status == PeriodStatus.MISSED)

    def get_status_display(self) -> str:
        return RequirementStatus(self.status).label

    @property
    def counts_display(self) -> str:
        """'5 of 8' for sessions, '3 of 6 periods' for regular attendance, else ''."""
        kind = self.requirement.kind
        if kind == Requirement.Kind.ATTEND_REGULARLY:
            return _("%(done)s of %(total)s periods") % {
                "done": self.done,
                "total": len(self.periods),
            }
        if kind in (Requirement.Kind.ATTEND_SESSIONS, Requirement.Kind.DELIVER_SESSIONS):
            return _("%(done)s of %(needed)s") % {"done": self.done, "needed": self.needed}
        return ""


@dataclass
class EnrolmentProgress:
    enrolment: ProgrammeEnrolment
    requirements: list[RequirementProgress]
    today: dt.date

    @cached_property
    def is_met(self) -> bool:
        """Every requirement met or exempted (a programme with none has nothing to meet)."""
        return bool(self.requirements) and all(item.is_met for item in self.requirements)

    @cached_property
    def met_on(self) -> dt.date | None:
        """The day the last requirement was met, once all are."""
        if not self.is_met or not self.requirements:
            return None
        return max(item.met_on for item in self.requirements if item.met_on)

    @cached_property
    def met_count(self) -> int:
        return sum(1 for item in self.requirements if item.is_met)

    @property
    def percent(self) -> int:
        total = len(self.requirements)
        return round(100 * self.met_count / total) if total else 100

    @cached_property
    def standing(self) -> str:
        status = self.enrolment.status
        Status = ProgrammeEnrolment.Status
        if status in (Status.COMPLETED, Status.WITHDRAWN, Status.PAUSED):
            return {
                Status.COMPLETED: Standing.COMPLETED,
                Status.WITHDRAWN: Standing.WITHDRAWN,
                Status.PAUSED: Standing.PAUSED,
            }[status]
        if any(item.status == RequirementStatus.OVERDUE for item in self.requirements):
            return Standing.OVERDUE
        if any(item.at_risk for item in self.requirements):
            return Standing.AT_RISK
        return Standing.ON_TRACK

    def get_standing_display(self) -> str:
        return Standing(self.standing).label

    @property
    def next_requirement(self) -> RequirementProgress | None:
        """The first requirement, in the programme's order, still to be met."""
        return next((item for item in self.requirements if not item.is_met), None)


def long_date(day: dt.date) -> str:
    """e.g. '14 January 2027', in the active language."""
    return date_format(day, "j F Y")


# Windows and periods.


def deadline_of(requirement: Requirement, enrolment: ProgrammeEnrolment) -> dt.date:
    if requirement.is_windowed and requirement.within_months:
        return min(months_from(enrolment.start_date, requirement.within_months), enrolment.due_date)
    return enrolment.due_date


def earliest_of(requirement: Requirement, enrolment: ProgrammeEnrolment) -> dt.date | None:
    """The first day a record may fall on to count (None: any time before)."""
    if requirement.is_windowed and requirement.earlier_records_count:
        return None
    return enrolment.start_date


@lru_cache(maxsize=4096)
def periods_of(start: dt.date, due: dt.date, months: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """Consecutive periods of `months` months from `start`; the last one ends on `due`."""
    periods = []
    number = 0
    while True:
        begins = add_months(start, number * months)
        if begins > due:
            return tuple(periods)
        periods.append((begins, min(months_from(begins, months), due)))
        number += 1


lazy_long_date = lazy(long_date, str)

BEFORE_START = gettext_lazy("Before the enrolment started")
SESSION_CANCELLED = gettext_lazy("The session was cancelled")
COMING_UP = gettext_lazy("Coming up")
NOT_COMPLETED_YET = gettext_lazy("The session has not been completed yet")
BOOKING_CANCELLED = gettext_lazy("The booking was cancelled")
BOOKING_DECLINED = gettext_lazy("The booking was declined")
NO_SHOW = gettext_lazy("Did not attend")
COUNTED_ALREADY = gettext_lazy("Another meeting already counted for this period")


def outside_window(
    first: dt.date | None, last: dt.date | None, *, earliest: dt.date | None, deadline: dt.date
) -> str | None:
    """Why dates fall outside a window, or None.

    Reasons are lazy strings; they are compared with None, never tested for truth, which
    would translate them."""
    if earliest is not None and first is not None and first < earliest:
        return BEFORE_START
    if last is not None and last > deadline:
        return format_lazy(
            gettext_lazy("After the deadline ({date})"), date=lazy_long_date(deadline)
        )
    return None


# Plain strings: compared tens of thousands of times on a dashboard.
SESSION_DONE = Session.Status.COMPLETED.value
PLACE = Booking.Status.CONFIRMED.value
ATTENDED_EVERY_DAY = Booking.Outcome.COMPLETED.value
SCHEDULED = Session.Status.SCHEDULED.value
ATTENDED, MISSED, UPCOMING = (status.value for status in PeriodStatus)


def session_refusal(session: SessionRecord, *, today: dt.date) -> str | None:
    """Why a session cannot count (yet), or None."""
    if session.status == SESSION_DONE:
        return None
    if session.status == Session.Status.CANCELLED:
        return SESSION_CANCELLED
    if session.status != Session.Status.COMPLETED:
        if session.last_date is None or session.last_date >= today:
            return COMING_UP
        return NOT_COMPLETED_YET
    return None


def booking_refusal(booking: BookingRecord, *, today: dt.date) -> str | None:
    """Why attending this booking's session does not count, or None if it does."""
    if (
        booking.outcome == ATTENDED_EVERY_DAY
        and booking.status == PLACE
        and booking.session.status == SESSION_DONE
    ):
        return None
    if booking.status == Booking.Status.CANCELLED:
        return BOOKING_CANCELLED
    if booking.status in (Booking.Status.WAITLISTED, Booking.Status.AWAITING_APPROVAL):
        return format_lazy(
            gettext_lazy("No place: {status}"),
            status=Booking.Status(booking.status).label.lower(),
        )
    if booking.status == Booking.Status.DECLINED:
        return BOOKING_DECLINED
    refusal = session_refusal(booking.session, today=today)
    if refusal is not None:
        return refusal
    if booking.outcome == Booking.Outcome.NO_SHOW:
        return NO_SHOW
    if booking.outcome != Booking.Outcome.COMPLETED:
        if booking.absent_dates:
            return _("Not present on every day: marked absent or late on %(dates)s") % {
                "dates": format_date_list(booking.absent_dates)
            }
        return format_lazy(
            gettext_lazy("Not present on every day ({days} missed)"), days=booking.days_missed
        )
    return None


# Evaluating one requirement.


class Window(NamedTuple):
    earliest: dt.date | None
    deadline: dt.date


def _session_evidence(
    session: SessionRecord, refusal: str | None, window: Window, has_place: bool
) -> Evidence:
    outside = outside_window(
        session.first_date, session.last_date, earliest=window.earliest, deadline=window.deadline
    )
    reason = refusal if refusal is not None else outside
    return Evidence(
        session.title,
        session.last_date,
        reason is None,
        reason,
        session.pk,
        refusal is not None and has_place and outside is None and session.status == SCHEDULED,
    )


def _bookings_evidence(
    requirement: Requirement, records: PersonRecords, window: Window, *, today: dt.date
) -> list[Evidence]:
    key = requirement.course.translation_key
    return [
        _session_evidence(
            booking.session,
            booking_refusal(booking, today=today),
            window,
            booking.status == PLACE,
        )
        for booking in records.bookings.get(key, ())
    ]


def _delivered_evidence(
    requirement: Requirement, records: PersonRecords, window: Window, *, today: dt.date
) -> list[Evidence]:
    key = requirement.course.translation_key
    return [
        _session_evidence(session, session_refusal(session, today=today), window, True)
        for session in records.delivered.get(key, ())
    ]


def _in_date_order(evidence: Iterable[Evidence]) -> list[Evidence]:
    return sorted(evidence, key=lambda item: (item.on is None, item.on or dt.date.min))


def _module_evidence(
    requirement: Requirement, records: PersonRecords, window: Window
) -> list[Evidence]:
    evidence = []
    for module in records.modules.get(requirement.module.translation_key, ()):
        if module.completed_on is None:
            reason = _("Started on %(date)s, not completed yet") % {
                "date": long_date(timezone.localdate(module.started_at))
            }
        else:
            reason = outside_window(
                module.completed_on,
                module.completed_on,
                earliest=window.earliest,
                deadline=window.deadline,
            )
        evidence.append(
            Evidence(
                title=module.title,
                on=module.completed_on,
                counted=reason is None,
                reason=reason,
                pending=module.completed_on is None,
            )
        )
    return _in_date_order(evidence)


def _periods(
    requirement: Requirement,
    enrolment: ProgrammeEnrolment,
    evidence: list[Evidence],
    *,
    today: dt.date,
) -> tuple[list[Period], list[Evidence]]:
    """Each period's status; a second meeting in a period is shown as not counting."""
    bounds = periods_of(enrolment.start_date, enrolment.due_date, requirement.period_months)
    starts = [start for start, _end in bounds]
    first_in: dict[int, Evidence] = {}
    for item in evidence:
        if item.counted and item.on:
            number = bisect_right(starts, item.on) - 1
            if number >= 0 and item.on <= bounds[number][1]:
                first_in.setdefault(number, item)
    periods = []
    for number, (start, end) in enumerate(bounds):
        attended = first_in.get(number)
        if attended is not None:
            periods.append(Period(start, end, ATTENDED, attended.on))
        else:
            periods.append(Period(start, end, MISSED if end < today else UPCOMING))
    used = {id(item) for item in first_in.values()}
    relabelled = [
        Evidence(item.title, item.on, False, COUNTED_ALREADY, item.session_id, item.pending)
        if item.counted and id(item) not in used
        else item
        for item in evidence
    ]
    return periods, relabelled


def _behind_pace(done: int, needed: int, enrolment: ProgrammeEnrolment, today: dt.date) -> bool:
    """At the rate so far, with one session's grace, they will not reach `needed` in time."""
    total_days = (enrolment.due_date - enrolment.start_date).days + 1
    elapsed = min(max((today - enrolment.start_date).days, 0), total_days)
    return done + 1 < needed * elapsed / total_days


def evaluate_requirement(
    requirement: Requirement,
    enrolment: ProgrammeEnrolment,
    records: PersonRecords,
    *,
    exemption: Exemption | None,
    today: dt.date,
) -> RequirementProgress:
    Kind = Requirement.Kind
    window = Window(earliest_of(requirement, enrolment), deadline_of(requirement, enrolment))
    if requirement.kind == Kind.COMPLETE_MODULE:
        evidence = _module_evidence(requirement, records, window)
    elif requirement.kind == Kind.DELIVER_SESSIONS:
        evidence = _delivered_evidence(requirement, records, window, today=today)
    else:
        evidence = _bookings_evidence(requirement, records, window, today=today)

    periods: list[Period] = []
    if requirement.kind == Kind.ATTEND_REGULARLY:
        periods, evidence = _periods(requirement, enrolment, evidence, today=today)
        done = sum(1 for period in periods if period.status == PeriodStatus.ATTENDED)
        needed = max(len(periods) - requirement.missed_periods_allowed, 0)
        met_dates = sorted(period.attended_on for period in periods if period.attended_on)
    else:
        met_dates = [item.on for item in evidence if item.counted]
        done = len(met_dates)
        needed = (
            requirement.count_required
            if requirement.kind in (Kind.ATTEND_SESSIONS, Kind.DELIVER_SESSIONS)
            else 1
        )

    progress = RequirementProgress(
        requirement=requirement,
        status=RequirementStatus.NOT_STARTED,
        done=done,
        needed=needed,
        deadline=window.deadline,
        evidence=evidence,
        periods=periods,
        exemption=exemption,
    )
    if exemption is not None:
        progress.status = RequirementStatus.EXEMPTED
        progress.met_on = timezone.localdate(exemption.recorded_at)
    elif done >= needed:
        progress.status = RequirementStatus.COMPLETED
        progress.met_on = met_dates[needed - 1] if needed else enrolment.start_date
    elif window.deadline < today or progress.missed_periods > requirement.missed_periods_allowed:
        progress.status = RequirementStatus.OVERDUE
    else:
        started = done or progress.missed_periods or any(item.pending for item in evidence)
        progress.status = (
            RequirementStatus.IN_PROGRESS if started else RequirementStatus.NOT_STARTED
        )
        progress.at_risk = _is_at_risk(progress, enrolment, today=today)
    return progress


def _is_at_risk(
    progress: RequirementProgress, enrolment: ProgrammeEnrolment, *, today: dt.date
) -> bool:
    requirement = progress.requirement
    if (progress.deadline - today).days <= AT_RISK_WITHIN_DAYS:
        return True
    if requirement.kind == Requirement.Kind.ATTEND_SESSIONS:
        return _behind_pace(progress.done, progress.needed, enrolment, today)
    if requirement.kind == Requirement.Kind.ATTEND_REGULARLY:
        current = next((p for p in progress.periods if p.start <= today <= p.end), None)
        no_miss_to_spare = progress.missed_periods >= requirement.missed_periods_allowed
        return (
            current is not None
            and current.status == PeriodStatus.UPCOMING
            and no_miss_to_spare
            and (current.end - today).days <= AT_RISK_WITHIN_DAYS
        )
    return False


def evaluate(
    enrolment: ProgrammeEnrolment,
    requirements: Sequence[Requirement],
    records: PersonRecords,
    *,
    exemptions: dict[int, Exemption],
    today: dt.date,
) -> EnrolmentProgress:
    return EnrolmentProgress(
        enrolment=enrolment,
        requirements=[
            evaluate_requirement(
                requirement,
                enrolment,
                records,
                exemption=exemptions.get(requirement.pk),
                today=today,
            )
            for requirement in requirements
        ],
        today=today,
    )
