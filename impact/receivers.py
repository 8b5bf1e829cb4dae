"""Receivers of the lower apps' completion signals (connected in apps.py)."""

from . import services


def ask_attendee_for_feedback(sender, *, booking, **kwargs) -> None:
    services.ask_attendee_for_feedback(booking=booking)


def ask_learner_for_feedback(sender, *, enrolment, completed_at, **kwargs) -> None:
    services.ask_learner_for_feedback(enrolment=enrolment, completed_at=completed_at)
