"""What a learner still has to answer, read in a few queries whatever their history."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from bookings.models import Booking
from elearning.models import Enrolment

from .models import Participation


@dataclass(frozen=True)
class BeforeQuestion:
    """A course or module the person has not started yet, with no 'before' answer."""

    title: str
    kind: str  # "session" or "module"
    pk: int


def before_questions(person) -> list[BeforeQuestion]:
    """Upcoming places and unfinished modules with no confidence answer yet (2 queries)."""
    today = timezone.localdate()
    answered = Participation.objects.filter(booking=OuterRef("pk")).exclude(confidence_before=None)
    bookings = (
        Booking.objects.filter(
            user=person, status__in=Booking.ACTIVE_STATUSES, session__days__date__gte=today
        )
        .exclude(Exists(answered))
        .distinct()
        .order_by("session_id")
    )
    # Only the titles and keys are read: selecting the whole course and module pages cost
    # most of the signed-in home page's time in compiling and loading their columns.
    questions = [
        BeforeQuestion(title, "session", pk)
        for pk, title in bookings.values_list("pk", "session__course__title")
    ]
    enrolments = (
        Enrolment.objects.filter(learner=person, completed_at=None, module__isnull=False)
        .exclude(participation__confidence_before__isnull=False)
        .values_list("pk", "module__title")
    )
    for pk, title in enrolments:
        questions.append(BeforeQuestion(title, "module", pk))
    return questions


def participations_of(person):
    """Completed courses and modules, newest first, with what they need to be listed."""
    return (
        Participation.objects.filter(person=person)
        .exclude(completed_at=None)
        .select_related("course", "module")
        .order_by("-completed_at", "-pk")
    )


def feedback_to_give(person):
    """Completed courses and modules whose feedback the person has not given yet."""
    return participations_of(person).filter(feedback_answered_at=None)


@dataclass(frozen=True)
class FeedbackToGive:
    """A completed course or module awaiting the person's feedback, as the home page lists it."""

    pk: int
    subject_title: str
    completed_at: dt.datetime


def feedback_to_give_on_home(person) -> list[FeedbackToGive]:
    """`feedback_to_give`, reading only what the home page shows (1 query)."""
    rows = feedback_to_give(person).values_list(
        "pk", "completed_at", "course__title", "module__title"
    )
    return [
        FeedbackToGive(pk, course_title if course_title is not None else module_title or "", at)
        for pk, at, course_title, module_title in rows
    ]
