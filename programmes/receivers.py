"""Programmes listen to the apps below them: a completed session, a completed module or a
session delivered may finish someone's programme; and a course may be only for people on a
programme (bookings asks through `eligibility_requested`)."""

from django.utils.translation import gettext as _

from . import services
from .models import Programme, ProgrammeEnrolment


def review_attendee(sender, *, booking, learner, session, **kwargs) -> None:
    services.review_people([learner.pk], course_key=session.course.translation_key)


def review_trainers(sender, *, session, **kwargs) -> None:
    trainer_ids = list(session.trainers.values_list("pk", flat=True))
    if trainer_ids:
        services.review_people(trainer_ids, course_key=session.course.translation_key)


def review_learner(sender, *, learner, module, **kwargs) -> None:
    services.review_people([learner.pk], module_key=module.translation_key)


def refuse_without_enrolment(sender, *, user, session, **kwargs) -> str:
    """Why `user` may not book `session` because its course is only for people on a
    programme they are not actively enrolled on, or ""."""
    course_key = session.course.translation_key
    names = list(
        Programme.objects.filter(courses_needing_enrolment__translation_key=course_key)
        .order_by("name")
        .values_list("name", flat=True)
    )
    if not names:
        return ""
    enrolled = (
        user.is_authenticated
        and ProgrammeEnrolment.objects.filter(
            person=user,
            status=ProgrammeEnrolment.Status.ACTIVE,
            programme__courses_needing_enrolment__translation_key=course_key,
        ).exists()
    )
    if enrolled:
        return ""
    return _(
        "These sessions are for people enrolled on the %(programmes)s. Ask the training "
        "team if you think you should be."
    ) % {"programmes": " or the ".join(names)}
