"""My programme: the signed-in person's own programmes, in My learning; and the evidence files
recorded with their exemptions."""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from bookings.models import Booking, Session

from . import selectors
from .explanations import explain, what_it_asks, would_count
from .models import Exemption, ProgrammeEnrolment
from .permissions import user_can_download_evidence
from .progress import EnrolmentProgress, RequirementProgress


@dataclass
class CountingSession:
    """An upcoming session that would count, and what this person can do about it."""

    session: Session
    booking: Booking | None
    open_for_booking: bool


@dataclass
class Task:
    progress: RequirementProgress
    asks: str
    explanation: str
    sessions: list[CountingSession] = field(default_factory=list)


@dataclass
class ProgrammeCard:
    progress: EnrolmentProgress
    tasks: list[Task]

    @property
    def enrolment(self) -> ProgrammeEnrolment:
        return self.progress.enrolment


def tasks_for(
    progress: EnrolmentProgress,
    *,
    upcoming: dict,
    bookings: dict[int, Booking],
    now=None,
) -> list[Task]:
    """Each requirement with its explanation and the upcoming sessions that would count."""
    now = now or timezone.now()
    enrolment = progress.enrolment
    coordinator = enrolment.effective_coordinator
    tasks = []
    for item in progress.requirements:
        course = item.requirement.course
        sessions = []
        if course is not None and not item.is_met and enrolment.is_live:
            sessions = would_count(item, upcoming.get(course.translation_key, []))
        tasks.append(
            Task(
                progress=item,
                asks=what_it_asks(item.requirement, enrolment),
                explanation=explain(
                    item,
                    upcoming=sessions,
                    booked=set(bookings) & {session.pk for session in sessions},
                    coordinator_name=coordinator.full_name if coordinator else "",
                ),
                sessions=[
                    CountingSession(
                        session=session,
                        booking=bookings.get(session.pk),
                        open_for_booking=session.is_open_for_booking(now),
                    )
                    for session in sessions
                ],
            )
        )
    return tasks


def shown_enrolments(person) -> list[ProgrammeEnrolment]:
    """The person's programmes (all but those they withdrew from), live ones first."""
    return list(
        selectors.enrolments()
        .filter(person=person)
        .exclude(status=ProgrammeEnrolment.Status.WITHDRAWN)
        .annotate(
            finished=Case(
                When(status=ProgrammeEnrolment.Status.COMPLETED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("finished", "-start_date", "pk")
    )


def programme_cards(
    person, enrolments: list[ProgrammeEnrolment], *, with_absences: bool = False
) -> list[ProgrammeCard]:
    """Each of the person's `enrolments` with its tasks, with the programmes' words in the
    active language, in a fixed number of queries."""
    progress = selectors.progress_of(enrolments, with_absences=with_absences)
    selectors.in_reader_language(progress)
    upcoming = selectors.upcoming_sessions_for(progress)
    bookings = selectors.active_bookings_on(
        person, [session for sessions in upcoming.values() for session in sessions]
    )
    return [
        ProgrammeCard(progress=item, tasks=tasks_for(item, upcoming=upcoming, bookings=bookings))
        for item in progress
    ]


@login_required
@require_GET
def my_programme(request):
    """The signed-in person's own programmes; nobody else's can be reached here."""
    return TemplateResponse(
        request,
        "programmes/my_programme.html",
        {"cards": programme_cards(request.user, shown_enrolments(request.user))},
    )


@login_required
@require_GET
def evidence_file(request, pk: int):
    """The file recorded with an exemption, for the person it concerns and administrators."""
    exemption = get_object_or_404(Exemption.objects.select_related("enrolment"), pk=pk)
    if not exemption.evidence_file or not user_can_download_evidence(request.user, exemption):
        raise Http404("No evidence file here.")
    response = FileResponse(
        exemption.evidence_file.open("rb"),
        as_attachment=True,
        filename=f"evidence-{exemption.pk}{PurePath(exemption.evidence_file.name).suffix}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
