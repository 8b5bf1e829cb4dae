"""A session's feedback as its trainers see it: nothing until 5 people have answered, then
averages, confidence and the written answers not given anonymously (never with names)."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from bookings.models import Session

from .models import FeedbackAnswer, FeedbackResponse, Participation, Topic
from .permissions import SMALLEST_SUMMARY


@dataclass
class SessionSummary:
    responses: int
    shown: bool
    ratings: list[tuple[str, float]] = field(default_factory=list)
    confidence: dict = field(default_factory=dict)
    written: list[dict] = field(default_factory=list)


def for_session(session: Session) -> SessionSummary:
    responses = FeedbackResponse.objects.filter(session=session).count()
    if responses < SMALLEST_SUMMARY:
        return SessionSummary(responses=responses, shown=False)
    labels = dict(Topic.choices)
    ratings = (
        FeedbackAnswer.objects.filter(response__session=session)
        .exclude(rating=None)
        .values("topic")
        .annotate(average=Avg("rating"))
        .order_by("topic")
    )
    confidence = Participation.objects.filter(session=session).aggregate(
        before=Avg("confidence_before"),
        after=Avg("confidence_after"),
        n_before=Count("pk", filter=Q(confidence_before__isnull=False)),
        n_after=Count("pk", filter=Q(confidence_after__isnull=False)),
    )
    written = (
        FeedbackAnswer.objects.filter(response__session=session, response__is_anonymous=False)
        .exclude(text="")
        .values("question_text", "text")
        .order_by("question_text", "pk")
    )
    return SessionSummary(
        responses=responses,
        shown=True,
        ratings=[(labels.get(r["topic"], r["topic"]), round(r["average"], 1)) for r in ratings],
        confidence=confidence,
        written=list(written),
    )


def sessions_with_response_counts(*, trainer=None, limit: int = 200):
    """Completed sessions, newest first, each with its number of responses (one query, plus
    one for their days)."""
    sessions = Session.objects.filter(status=Session.Status.COMPLETED)
    if trainer is not None:
        sessions = sessions.filter(trainers=trainer)
    return list(
        sessions.select_related("course")
        .prefetch_related("days")
        .annotate(responses=Count("feedback_responses", distinct=True))
        .order_by("-completed_at", "-pk")[:limit]
    )
