"""Programmes, enrolments and the training records their progress is counted from.

Records are made the way the product makes them: a session's register is written and the
session completed through bookings.services.complete_session, so outcomes come from the one
attendance rule (bookings.attendance)."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from bookings import services as booking_services
from bookings.models import Attendance, Booking, Session
from courses.choices import CourseType
from programmes.models import Programme, ProgrammeEnrolment, Requirement
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

PRESENT = Attendance.Status.PRESENT
ABSENT = Attendance.Status.ABSENT
Kind = Requirement.Kind


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def make_programme(requirements=(), **fields) -> Programme:
    """A programme with `requirements`: dicts of Requirement fields, in order."""
    fields.setdefault("name", f"Programme {Programme.objects.count() + 1}")
    programme = Programme.objects.create(**fields)
    for order, spec in enumerate(requirements):
        Requirement.objects.create(programme=programme, sort_order=order, **spec)
    return Programme.objects.get(pk=programme.pk)


def enrol(person, programme, *, start: dt.date, **fields) -> ProgrammeEnrolment:
    """An enrolment written directly (enrolling through the service emails the person)."""
    fields.setdefault("due_date", programme.due_date_for(start))
    return ProgrammeEnrolment.objects.create(
        person=person, programme=programme, start_date=start, **fields
    )


def course_of(course_type=CourseType.PRACTICE_LEAD_SESSION, **fields):
    return make_course(course_type=course_type, **fields)


def administrator():
    email = "programme.admin@example-borough.gov.uk"
    existing = User.objects.filter(email=email).first()
    return existing or UserFactory(staff=True, training_admin=True, email=email)


def run_session(
    course,
    dates: list[dt.date],
    *,
    marks: dict | None = None,
    trainers=(),
    complete: bool = True,
) -> Session:
    """A past session of `course` on `dates`. `marks` maps each person to one mark per day
    (or one mark for every day); the register is written and, if `complete`, the session is
    completed through the bookings service."""
    session = make_session(course, days=dates, trainers=trainers, capacity=max(len(marks or {}), 1))
    for person, person_marks in (marks or {}).items():
        booking = BookingFactory(session=session, user=person)
        if isinstance(person_marks, str):
            person_marks = [person_marks] * len(dates)
        for day, status in zip(session.ordered_days, person_marks, strict=True):
            Attendance.objects.create(
                booking=booking, day=day, status=status, source=Attendance.Source.REGISTER
            )
    if complete:
        booking_services.complete_session(session=session, by=administrator())
        session.refresh_from_db()
    return session


def attend(course, person, *, on: dt.date, status=PRESENT) -> Booking:
    """`person` at a completed one-day session of `course` on `on`."""
    session = run_session(course, [on], marks={person: status})
    return Booking.objects.get(session=session, user=person)
