"""The emails impact sends: the feedback request, its reminder, the three-month follow-up."""

from django.urls import reverse

from accounts.languages import language_of
from home.emails import send_templated_email
from home.links import absolute_url

from .models import Participation


def _send(participation: Participation, name: str, **extra) -> None:
    """In the person's own language, so the links (reverse) carry its prefix too."""
    with language_of(participation.person):
        send_templated_email(
            to=participation.person.email,
            template=f"impact/emails/{name}",
            context={
                "person": participation.person,
                "title": participation.subject_title_in_active_language(),
                "feedback_url": absolute_url(
                    reverse("impact:give_feedback", args=[participation.pk])
                ),
                **extra,
            },
        )


def feedback_requested(participation: Participation) -> None:
    _send(participation, "feedback_requested")


def feedback_reminder(participation: Participation) -> None:
    _send(participation, "feedback_reminder")


def follow_up(participation: Participation, *, token: str, valid_days: int) -> None:
    _send(
        participation,
        "follow_up",
        follow_up_url=absolute_url(reverse("impact:follow_up", args=[token])),
        valid_days=valid_days,
    )
