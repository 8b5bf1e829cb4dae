"""What a certificate can be for, and what it records about each kind of completed thing.

A subject is the record of one person's completion: an e-learning `Enrolment`, a `Booking` on a
training session, or a `ProgrammeEnrolment`. Each kind of subject has a describer here that
reads what the certificate snapshots, keyed in `DESCRIBERS` by the model's
`app_label.modelname`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone, translation

from accounts.languages import in_active_language
from programmes import selectors as programme_selectors
from programmes.explanations import achievement

from .models import Certificate, bilingual_languages


@dataclass(frozen=True)
class Completion:
    """What a certificate records about a subject, read at issue time, in the language that is
    active (the recipient's: certificates.services.issue_certificate)."""

    kind: str
    learner_id: int
    title: str
    completed_at: dt.datetime | None
    completed_on: dt.date | None = None
    days: list[dt.date] = field(default_factory=list)
    cpd_hours: Decimal | None = None
    trainer_names: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    # The title and requirements in each language of a bilingual certificate, by language code
    # (Certificate.wording).
    wording: dict[str, dict] = field(default_factory=dict)


def describe_enrolment(enrolment) -> Completion:
    module = enrolment.module
    minutes = module.cpd_minutes if module else 0
    return Completion(
        kind=Certificate.Kind.MODULE,
        learner_id=enrolment.learner_id,
        title=in_active_language(module).title if module else "",
        completed_at=enrolment.completed_at,
        cpd_hours=(Decimal(minutes) / 60).quantize(Decimal("0.1")) if minutes else None,
    )


def describe_booking(booking) -> Completion:
    """A session's certificate: the course title, the session's days, the course's CPD hours
    and the trainers' names. The completion date is the session's last day."""
    session = booking.session
    days = [day.date for day in session.ordered_days]
    return Completion(
        kind=Certificate.Kind.SESSION,
        learner_id=booking.user_id,
        title=in_active_language(session.course).title,
        completed_at=booking.completed_at,
        completed_on=days[-1] if days else None,
        days=days,
        cpd_hours=session.course.cpd_hours,
        trainer_names=sorted(trainer.full_name for trainer in session.trainers.all()),
    )


def describe_programme_enrolment(enrolment) -> Completion:
    """A programme's certificate: the programme's name, each requirement and how it was met,
    and the day the last one was met, in the active language's wording of the programme."""
    progress = programme_selectors.progress_of_one(enrolment)
    programme_selectors.in_reader_language([progress])
    return Completion(
        kind=Certificate.Kind.PROGRAMME,
        learner_id=enrolment.person_id,
        title=enrolment.programme.in_reader_language.name,
        completed_at=enrolment.completed_at,
        completed_on=progress.met_on,
        requirements=[achievement(item) for item in progress.requirements],
    )


DESCRIBERS: dict[str, Callable[[object], Completion]] = {
    "elearning.enrolment": describe_enrolment,
    "bookings.booking": describe_booking,
    "programmes.programmeenrolment": describe_programme_enrolment,
}


def describe(subject) -> Completion | None:
    """The completion a certificate for `subject` records, or None for a thing certificates
    are not issued for."""
    describer = DESCRIBERS.get(subject._meta.label_lower)
    if describer is None:
        return None
    completion = describer(subject)
    if completion.completed_at is not None and completion.completed_on is None:
        completion = replace(completion, completed_on=timezone.localdate(completion.completed_at))
    return replace(completion, wording=_wording(describer, subject, completion))


def _wording(describer, subject, completion: Completion) -> dict[str, dict]:
    """The title and requirements as they read in each language of a bilingual certificate,
    so the setting can be turned on later for certificates already issued."""
    wording = {}
    for language in bilingual_languages():
        described = completion
        if language != translation.get_language():
            with translation.override(language):
                described = describer(subject)
        wording[language] = {"title": described.title, "requirements": described.requirements}
    return wording
