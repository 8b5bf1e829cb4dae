"""What a learner still has to answer, read in a few queries whatever their history."""

from dataclasses import dataclass

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
    """Upcoming places and unfinished modules with no confidence answer yet (3 queries)."""
    today = timezone.localdate()
    answered_bookings = set(
        Participation.objects.filter(person=person, booking__isnull=False)
        .exclude(confidence_before=None)
        .values_list("booking_id", flat=True)
    )
    questions = []
    bookings = (
        Booking.objects.filter(
            user=person, status__in=Booking.ACTIVE_STATUSES, session__days__date__gte=today
        )
        .select_related("session__course")
        .distinct()
        .order_by("session_id")
    )
    for booking in bookings:
        if booking.pk not in answered_bookings:
            questions.append(BeforeQuestion(booking.session.course.title, "session", booking.pk))
    enrolments = (
        Enrolment.objects.filter(learner=person, completed_at=None, module__isnull=False)
        .exclude(participation__confidence_before__isnull=False)
        .select_related("module")
    )
    for enrolment in enrolments:
        questions.append(BeforeQuestion(enrolment.module.title, "module", enrolment.pk))
    return questions


def participations_of(person):
    """Completed courses and modules, newest first, with what they need to be listed."""
    return (
        Participation.objects.filter(person=person)
        .exclude(completed_at=None)
        .select_related("course", "module")
        .order_by("-completed_at", "-pk")
    )
