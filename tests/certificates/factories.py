"""Completed things to certify, built through the real completion paths where they exist."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.signals import session_completed_for
from elearning import services as elearning_services
from elearning.models import Enrolment
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module


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
    """What the cohorts service will do: record completion and send `session_completed_for`
    inside the same transaction."""
    with transaction.atomic():
        booking.completed_at = timezone.now()
        booking.save(update_fields=["completed_at"])
        session_completed_for.send(
            sender=type(booking), booking=booking, learner=booking.user, session=booking.session
        )
    return booking
