"""Programmes listen to the apps below them: a completed session, a completed module or a
session delivered may finish someone's programme; and a course may be only for people on a
programme (bookings asks through `eligibility_requested`)."""

from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext

from bookings.models import Session

from . import services
from .models import Programme, ProgrammeEnrolment


def review_attendee(sender, *, booking, learner, session, **kwargs) -> None:
    """A completion recorded on a session already completed (a register corrected later).
    While a session is being completed its status changes only after every attendee's
    outcome, so those completions are reviewed on `session_completed`."""
    if session.status == Session.Status.COMPLETED:
        services.review_people([learner.pk], course_key=session.course.translation_key)


def review_session(sender, *, session, **kwargs) -> None:
    """Everyone a completed session may count for: its trainers and the people who
    completed it."""
    people = set(session.trainers.values_list("pk", flat=True)) | set(
        session.bookings.filter(completed_at__isnull=False).values_list("user_id", flat=True)
    )
    if people:
        services.review_people(people, course_key=session.course.translation_key)


def review_learner(sender, *, learner, module, **kwargs) -> None:
    services.review_people([learner.pk], module_key=module.translation_key)


def refuse_without_enrolment(sender, *, user, session, on_behalf=False, **kwargs) -> str:
    """Why `user` may not book `session`, whose course is only for people on a programme
    (bookings asks only for such courses), or "": they need an active enrolment on a
    programme with a requirement of that course. `on_behalf`: someone else asks for them."""
    course_key = session.course.translation_key
    enrolled = (
        user.is_authenticated
        and ProgrammeEnrolment.objects.filter(
            person=user,
            status=ProgrammeEnrolment.Status.ACTIVE,
            programme__requirements__course__translation_key=course_key,
        ).exists()
    )
    if enrolled:
        return ""
    programmes = list(
        Programme.in_default_locale()
        .filter(requirements__course__translation_key=course_key)
        .distinct()
        .prefetch_related("in_reader_language")
    )
    names = sorted(programme.in_reader_language.name for programme in programmes)
    if names:
        who = ngettext(
            "These sessions are for people enrolled on the %(programmes)s.",
            "These sessions are for people enrolled on one of these programmes: %(programmes)s.",
            len(names),
        ) % {"programmes": get_text_list(names, gettext("or"))}
    else:
        who = gettext("These sessions are for people enrolled on a programme.")
    if on_behalf:
        return f"{who} " + gettext("%(person)s is not enrolled.") % {"person": user}
    return f"{who} " + gettext("Ask the training team if you think you should be.")
