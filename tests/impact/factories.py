"""Completed sessions and answers for impact tests, made through the services."""

import datetime as dt

from django.utils import timezone

from bookings.models import Attendance
from impact import services
from impact.models import FeedbackForm, Participation
from tests.programmes.factories import run_session

PRESENT = Attendance.Status.PRESENT


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def completed_session(course, people, *, trainers=(), on: dt.date | None = None):
    """A one-day session of `course`, every person present, completed through bookings."""
    return run_session(
        course, [on or days_ago(2)], marks=dict.fromkeys(people, PRESENT), trainers=trainers
    )


def participation_of(person, session) -> Participation:
    return Participation.objects.get(person=person, session=session)


def default_form() -> FeedbackForm:
    return FeedbackForm.objects.get(course=None, module=None)


def answer(person, session, *, ratings: int = 4, after: int = 7, text="", anonymous=False):
    """`person` answers the default form with `ratings` for every rating question."""
    participation = participation_of(person, session)
    answers = {
        q.pk: (ratings if q.kind == "rating" else text) for q in default_form().questions.all()
    }
    return services.submit_feedback(
        person=person,
        participation_id=participation.pk,
        confidence_after=after,
        answers=answers,
        anonymous=anonymous,
    )
