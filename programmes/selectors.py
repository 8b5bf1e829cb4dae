"""Reads for programmes: progress for many enrolments at once, in a fixed handful of grouped
queries (requirements, exemptions, bookings, delivered sessions, module completions) however
many enrolments and records there are."""

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from uuid import UUID

from django.db.models import F, Max, Min, QuerySet, prefetch_related_objects
from django.utils import timezone

from bookings import selectors as booking_selectors
from bookings.attendance import attended
from bookings.models import Attendance, Booking, Session
from elearning.models import Enrolment as ModuleEnrolment

from .models import Exemption, ProgrammeEnrolment, Requirement
from .progress import (
    BookingRecord,
    EnrolmentProgress,
    ModuleRecord,
    PersonRecords,
    SessionRecord,
    evaluate,
)


@contextmanager
def without_cyclic_gc():
    """Progress for hundreds of enrolments makes tens of thousands of small tuples, none in a
    cycle; the cyclic garbage collector's repeated passes over them took about 40% of the
    dashboard's time. Reference counting still frees them; collection resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def enrolments() -> QuerySet[ProgrammeEnrolment]:
    """Enrolments with what every list of them shows."""
    return ProgrammeEnrolment.objects.select_related(
        "person__organisation", "programme__coordinator", "coordinator"
    )


def enrolments_for_dashboard() -> QuerySet[ProgrammeEnrolment]:
    """Every enrolment with only the columns the dashboard and its export show."""
    return ProgrammeEnrolment.objects.select_related("person__organisation", "programme").only(
        "person_id",
        "programme_id",
        "intake",
        "start_date",
        "due_date",
        "status",
        "person__full_name",
        "person__email",
        "person__organisation__name",
        "programme__name",
    )


def live_enrolments_of(person) -> QuerySet[ProgrammeEnrolment]:
    return enrolments().filter(person=person, status__in=ProgrammeEnrolment.LIVE_STATUSES)


def requirements_by_programme(programme_ids: Iterable[int]) -> dict[int, list[Requirement]]:
    found: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in (
        Requirement.objects.filter(programme_id__in=set(programme_ids))
        .select_related("course", "module")
        .order_by("programme_id", "sort_order", "pk")
    ):
        found[requirement.programme_id].append(requirement)
    return found


def in_reader_language(progress: Sequence[EnrolmentProgress]) -> None:
    """Fetch what people read of these programmes in the active language, for the whole list
    at once: each programme's translation, each requirement's (`Requirement.reader_name`), and
    the courses and modules they name (the requirements' names and explanations). At most four
    queries, however many programmes and requirements."""
    if not progress:
        return
    prefetch_related_objects([row.enrolment for row in progress], "programme__in_reader_language")
    requirements = list(
        {
            id(item.requirement): item.requirement for row in progress for item in row.requirements
        }.values()
    )
    if not requirements:
        return
    prefetch_related_objects(
        requirements,
        "in_reader_language",
        "course__in_reader_language",
        "module__in_reader_language",
    )


def _course_keys(requirements: Iterable[Requirement], kinds) -> set[UUID]:
    return {r.course.translation_key for r in requirements if r.kind in kinds and r.course_id}


def _sessions(keys: set[UUID]) -> dict[int, SessionRecord]:
    """Every session of these courses, with its first and last days."""
    rows = (
        Session.objects.filter(course__translation_key__in=keys)
        .values_list("pk", "course__translation_key", "course__title", "status")
        .annotate(first_date=Min("days__date"), last_date=Max("days__date"))
        .order_by(F("last_date").asc(nulls_last=True), "pk")
    )
    return {row[0]: SessionRecord(*row) for row in rows}


def _absent_dates(booking_ids: list[int]) -> dict[int, tuple[dt.date, ...]]:
    """The days each booking's person was not marked attended, by the register's rule."""
    found: dict[int, list[dt.date]] = defaultdict(list)
    marks = Attendance.objects.filter(booking_id__in=booking_ids).values_list(
        "booking_id", "status", "day__date"
    )
    for booking_id, status, date in marks.order_by("day__date"):
        if not attended(status):
            found[booking_id].append(date)
    return {booking_id: tuple(dates) for booking_id, dates in found.items()}


def _add_bookings(
    records: dict[int, PersonRecords],
    people: set[int],
    sessions: dict[int, SessionRecord],
    *,
    with_absences: bool,
) -> None:
    """Each booking of these people on these sessions, filed under its person and course in
    the sessions' date order. One pass over tens of thousands of rows on a dashboard, so the
    loop does no more than make each record and file it."""
    rows = list(
        Booking.objects.filter(user_id__in=people, session_id__in=sessions).values_list(
            "pk", "user_id", "session_id", "status", "outcome", "days_missed"
        )
    )
    order = {session_id: number for number, session_id in enumerate(sessions)}
    rows.sort(key=lambda row: order[row[2]])
    absences = {}
    if with_absences:
        incomplete = [row[0] for row in rows if row[4] == Booking.Outcome.NOT_COMPLETED]
        absences = _absent_dates(incomplete) if incomplete else {}
    no_absences = ()
    for pk, user_id, session_id, status, outcome, days_missed in rows:
        session = sessions[session_id]
        records[user_id].bookings[session.course_key].append(
            BookingRecord(pk, session, status, outcome, days_missed, absences.get(pk, no_absences))
        )


def _delivered(people: set[int], sessions: dict[int, SessionRecord], keys: set[UUID]):
    """Each session of these courses each person was a trainer on, in date order."""
    delivered = [pk for pk, session in sessions.items() if session.course_key in keys]
    rows = Session.trainers.through.objects.filter(
        user_id__in=people, session_id__in=delivered
    ).values_list("user_id", "session_id")
    order = {session_id: number for number, session_id in enumerate(sessions)}
    for user_id, session_id in sorted(rows, key=lambda row: order[row[1]]):
        yield user_id, sessions[session_id]


def _modules(people: set[int], requirements: Sequence[Requirement]):
    titles = {
        r.module.translation_key: r.module.title
        for r in requirements
        if r.kind == Requirement.Kind.COMPLETE_MODULE and r.module_id
    }
    if not titles:
        return
    rows = ModuleEnrolment.objects.filter(learner_id__in=people, module_key__in=titles).values_list(
        "learner_id", "module_key", "started_at", "completed_at"
    )
    for learner_id, key, started_at, completed_at in rows:
        yield (
            learner_id,
            ModuleRecord(
                key,
                titles[key],
                started_at,
                timezone.localdate(completed_at) if completed_at else None,
            ),
        )


def records_of(
    people: set[int], requirements: Sequence[Requirement], *, with_absences: bool = False
) -> dict[int, PersonRecords]:
    """Each person's records that any of `requirements` could count, in at most four
    queries (five `with_absences`, which names the days a person was absent)."""
    Kind = Requirement.Kind
    records: dict[int, PersonRecords] = defaultdict(PersonRecords)
    attending = _course_keys(
        requirements, (Kind.COMPLETE_COURSE, Kind.ATTEND_SESSIONS, Kind.ATTEND_REGULARLY)
    )
    delivering = _course_keys(requirements, (Kind.DELIVER_SESSIONS,))
    if not people:
        return records
    sessions = _sessions(attending | delivering) if attending or delivering else {}
    if attending:
        attended_sessions = {pk: s for pk, s in sessions.items() if s.course_key in attending}
        _add_bookings(records, people, attended_sessions, with_absences=with_absences)
    if delivering:
        for person_id, session in _delivered(people, sessions, delivering):
            records[person_id].delivered[session.course_key].append(session)
    for person_id, module in _modules(people, requirements):
        records[person_id].modules[module.module_key].append(module)
    return records


def progress_of(
    enrolments: Sequence[ProgrammeEnrolment],
    *,
    today: dt.date | None = None,
    with_absences: bool = False,
) -> list[EnrolmentProgress]:
    """Progress of each enrolment, in the same order, from a fixed number of queries."""
    today = today or timezone.localdate()
    if not enrolments:
        return []
    requirements = requirements_by_programme(e.programme_id for e in enrolments)
    every_requirement = [r for programme in requirements.values() for r in programme]
    exemptions: dict[int, dict[int, Exemption]] = defaultdict(dict)
    for exemption in Exemption.objects.filter(enrolment__in=[e.pk for e in enrolments]):
        exemptions[exemption.enrolment_id][exemption.requirement_id] = exemption
    with without_cyclic_gc():
        records = records_of(
            {e.person_id for e in enrolments}, every_requirement, with_absences=with_absences
        )
        return [
            evaluate(
                enrolment,
                requirements.get(enrolment.programme_id, []),
                records.get(enrolment.person_id) or PersonRecords(),
                exemptions=exemptions.get(enrolment.pk, {}),
                today=today,
            )
            for enrolment in enrolments
        ]


def progress_of_one(enrolment: ProgrammeEnrolment, **kwargs) -> EnrolmentProgress:
    return progress_of([enrolment], **kwargs)[0]


def upcoming_sessions_for(progress: Iterable[EnrolmentProgress]) -> dict[UUID, list[Session]]:
    """Scheduled sessions still to come of the courses that unmet requirements count, by
    course translation key, soonest first, with their days and places left."""
    keys = {
        item.requirement.course.translation_key
        for enrolment in progress
        for item in enrolment.requirements
        if not item.is_met and item.requirement.course_id
    }
    found: dict[UUID, list[Session]] = defaultdict(list)
    if keys:
        sessions = (
            booking_selectors.upcoming_sessions()
            .filter(course__translation_key__in=keys)
            .prefetch_related(None)
            .prefetch_related("days", "venue__localized")
        )
        for session in sessions:
            found[session.course.translation_key].append(session)
    return found


def active_bookings_on(person, sessions: Iterable[Session]) -> dict[int, Booking]:
    """The person's live bookings on these sessions, by session id."""
    return {
        booking.session_id: booking
        for booking in Booking.objects.filter(
            user=person,
            session__in=[session.pk for session in sessions],
            status__in=Booking.ACTIVE_STATUSES,
        )
    }
