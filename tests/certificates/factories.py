"""Completed things to certify, built through the real completion paths where they exist."""

import datetime as dt

from django.utils import timezone

from bookings import services as bookings_services
from bookings.models import Attendance, Session
from elearning import services as elearning_services
from elearning.models import Enrolment
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import UserFactory


def make_certificate_module(**fields):
    """A one-lesson module without an assessment that issues certificates."""
    fields.setdefault("issues_certificate", True)
    fields.setdefault("cpd_minutes", 90)
    return make_module(lessons=1, assessment=False, **fields)


def complete_module(learner, module) -> Enrolment:
    """Complete the module the way a learner does: through the e-learning services."""
    for lesson in module.lessons:
        elearning_services.mark_lesson_complete(learner=learner, lesson=lesson)
    return Enrolment.objects.get(learner=learner, module_key=module.translation_key)


def make_completed_session(*, learners=(), trainers=(), cpd_hours="12.0", **course_fields):
    """A two-day session in the past with its course; one booking per learner, not yet
    completed (use `complete_booking`)."""
    course = make_course(cpd_hours=cpd_hours, **course_fields)
    today = timezone.localdate()
    session = make_session(
        course,
        days=[today - dt.timedelta(days=9), today - dt.timedelta(days=2)],
        trainers=trainers,
    )
    bookings = [BookingFactory(session=session, user=learner) for learner in learners]
    return session, bookings


def complete_booking(booking):
    """Complete the booking the way a trainer does: present on every day, then
    bookings.services.complete_session (which sends `session_completed_for` inside its
    transaction). Others not yet marked are absent; if the session is already completed, a
    training administrator corrects the register, which completes the booking too."""
    session = booking.session
    administrator = UserFactory(staff=True, training_admin=True)
    completed = Session.objects.get(pk=session.pk).status == Session.Status.COMPLETED
    for day in session.ordered_days:
        marks = {booking.pk: Attendance.Status.PRESENT}
        if not completed:  # the others are absent until their own complete_booking
            others = session.bookings.filter(status="confirmed").exclude(attendance__day=day)
            marks |= dict.fromkeys(others.values_list("pk", flat=True), Attendance.Status.ABSENT)
            marks[booking.pk] = Attendance.Status.PRESENT
        bookings_services.save_register(session=session, day=day, marks=marks, by=administrator)
    if not completed:
        bookings_services.complete_session(session=session, by=administrator)
    booking.refresh_from_db()
    return booking
