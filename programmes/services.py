"""Every change to enrolments: enrolling, pausing, resuming, withdrawing, moving the due
date, exemptions, and completing an enrolment when its last requirement is met.

Each change is written to Wagtail's audit log against the enrolment (action types are
registered in wagtail_hooks.py), which is the enrolment's history in the admin.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from accounts import roles
from accounts.languages import language_of
from accounts.models import User
from home.emails import InEmailLanguage, send_templated_email
from home.links import absolute_url

from . import locks, selectors
from .explanations import what_it_asks
from .models import Exemption, Programme, ProgrammeEnrolment, Requirement
from .permissions import user_can_administer_programmes
from .progress import long_date
from .signals import programme_completed

Status = ProgrammeEnrolment.Status


class ProgrammeError(Exception):
    """A refusal with a message fit to show the person who asked."""

    message = gettext_lazy("This cannot be done.")

    def __init__(self, message: str | None = None):
        self.message = message or str(self.message)
        super().__init__(self.message)


class NotAllowed(ProgrammeError):
    message = gettext_lazy("You do not have permission to do this.")


class AlreadyEnrolled(ProgrammeError):
    pass


class InvalidChange(ProgrammeError):
    pass


def _require_administrator(user: User) -> None:
    if not user_can_administer_programmes(user):
        raise NotAllowed()


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise InvalidChange(_("Give a reason."))
    return reason


def _save(enrolment: ProgrammeEnrolment, *fields: str) -> None:
    try:
        enrolment.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidChange(" ".join(error.messages)) from error
    enrolment.save(update_fields=list(fields) if fields else None)


# Enrolling


@dataclass(frozen=True)
class EnrolmentSummary:
    enrolled: list[ProgrammeEnrolment]
    already_enrolled: list[User]


def _already_enrolled_message(person: User, programme: Programme) -> str:
    return _("%(person)s is already on %(programme)s.") % {
        "person": person.full_name or person.email,
        "programme": programme.name,
    }


def _email_enrolled(enrolment: ProgrammeEnrolment, requirements: Sequence[Requirement]) -> None:
    person = enrolment.person
    with language_of(person):
        send_templated_email(
            to=person.email,
            template="programmes/emails/enrolled",
            context={
                "person": person,
                "enrolment": enrolment,
                # Its name and description in the person's language, when the email is written.
                "programme": InEmailLanguage(enrolment.programme),
                "coordinator": enrolment.effective_coordinator,
                "asks": [what_it_asks(requirement, enrolment) for requirement in requirements],
                "due_date": long_date(enrolment.due_date),
                "start_date": long_date(enrolment.start_date),
                "my_programme_url": absolute_url(reverse("programmes:my_programme")),
            },
            about=enrolment,
        )


def _grant_practice_lead_role(person: User) -> None:
    person.groups.add(Group.objects.get(name=roles.PRACTICE_LEAD))
    person.__dict__.pop("_role_names", None)


def _enrol_one(
    *,
    person: User,
    programme: Programme,
    start_date: dt.date,
    intake: str,
    coordinator: User | None,
    by: User,
    requirements: Sequence[Requirement],
) -> ProgrammeEnrolment:
    enrolment = ProgrammeEnrolment(
        person=person,
        programme=programme,
        intake=intake.strip(),
        start_date=start_date,
        due_date=programme.due_date_for(start_date),
        coordinator=coordinator,
        enrolled_by=by,
    )
    try:
        enrolment.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidChange(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as clash:
        # Someone enrolled them between our check and our insert.
        raise AlreadyEnrolled(_already_enrolled_message(person, programme)) from clash
    if programme.grants_practice_lead_role:
        _grant_practice_lead_role(person)
    log(
        instance=enrolment,
        action="programmes.enrolment.enrolled",
        user=by,
        data={"start_date": start_date.isoformat(), "intake": enrolment.intake},
    )
    _email_enrolled(enrolment, requirements)
    return enrolment


@transaction.atomic
def enrol_many(
    *,
    people: Iterable[User],
    programme: Programme,
    start_date: dt.date,
    by: User,
    intake: str = "",
    coordinator: User | None = None,
) -> EnrolmentSummary:
    """Enrol each person who is not already on the programme, grant the Practice Lead role
    when the programme says so, and email each of them what the programme asks. People
    already on it are left as they are and reported."""
    _require_administrator(by)
    if not Programme.in_default_locale().filter(pk=programme.pk).exists():
        raise InvalidChange(
            _("People are enrolled on the programme itself, not on one of its translations.")
        )
    people = list({person.pk: person for person in people}.values())
    live = set(
        ProgrammeEnrolment.objects.filter(
            programme=programme,
            person__in=[person.pk for person in people],
            status__in=ProgrammeEnrolment.LIVE_STATUSES,
        ).values_list("person_id", flat=True)
    )
    requirements = selectors.requirements_by_programme([programme.pk])[programme.pk]
    enrolled = [
        _enrol_one(
            person=person,
            programme=programme,
            start_date=start_date,
            intake=intake,
            coordinator=coordinator,
            by=by,
            requirements=requirements,
        )
        for person in people
        if person.pk not in live
    ]
    for enrolment in enrolled:
        complete_if_met(enrolment=enrolment)
    return EnrolmentSummary(
        enrolled=enrolled, already_enrolled=[person for person in people if person.pk in live]
    )


def enrol(
    *,
    person: User,
    programme: Programme,
    start_date: dt.date,
    by: User,
    intake: str = "",
    coordinator: User | None = None,
) -> ProgrammeEnrolment:
    """Enrol one person; AlreadyEnrolled if they are on the programme already."""
    summary = enrol_many(
        people=[person],
        programme=programme,
        start_date=start_date,
        by=by,
        intake=intake,
        coordinator=coordinator,
    )
    if not summary.enrolled:
        raise AlreadyEnrolled(_already_enrolled_message(person, programme))
    return summary.enrolled[0]


# Changing an enrolment


def _change_status(
    enrolment: ProgrammeEnrolment, *, to: str, by: User, reason: str, allowed_from: Sequence[str]
) -> ProgrammeEnrolment:
    enrolment = locks.lock_enrolment(enrolment.pk)
    if enrolment.status not in allowed_from:
        raise InvalidChange(
            _("This enrolment is %(status)s, so it cannot be changed that way.")
            % {"status": enrolment.get_status_display().lower()}
        )
    previous = enrolment.status
    enrolment.status = to
    enrolment.status_reason = reason
    _save(enrolment, "status", "status_reason")
    log(
        instance=enrolment,
        action=f"programmes.enrolment.{to}",
        user=by,
        data={"from": previous, "to": to, "reason": reason},
    )
    return enrolment


@transaction.atomic
def pause(*, enrolment: ProgrammeEnrolment, by: User, reason: str) -> ProgrammeEnrolment:
    """Stop the enrolment for now: it does not complete while paused. Its dates stay as they
    are; move the due date when it resumes if the pause should not count."""
    _require_administrator(by)
    return _change_status(
        enrolment, to=Status.PAUSED, by=by, reason=_reason(reason), allowed_from=[Status.ACTIVE]
    )


@transaction.atomic
def resume(*, enrolment: ProgrammeEnrolment, by: User) -> ProgrammeEnrolment:
    """Make a paused enrolment active again; it completes at once if everything is met."""
    _require_administrator(by)
    enrolment = _change_status(
        enrolment, to=Status.ACTIVE, by=by, reason="", allowed_from=[Status.PAUSED]
    )
    complete_if_met(enrolment=enrolment)
    return enrolment


@transaction.atomic
def withdraw(*, enrolment: ProgrammeEnrolment, by: User, reason: str) -> ProgrammeEnrolment:
    """The person leaves the programme; it never completes. The Practice Lead role, if the
    programme granted it, stays until an administrator removes it."""
    _require_administrator(by)
    return _change_status(
        enrolment,
        to=Status.WITHDRAWN,
        by=by,
        reason=_reason(reason),
        allowed_from=ProgrammeEnrolment.LIVE_STATUSES,
    )


@transaction.atomic
def change_due_date(
    *, enrolment: ProgrammeEnrolment, due_date: dt.date, reason: str, by: User
) -> ProgrammeEnrolment:
    """Move the due date (the period sessions count in), with the reason kept."""
    _require_administrator(by)
    reason = _reason(reason)
    enrolment = locks.lock_enrolment(enrolment.pk)
    if not enrolment.is_live:
        raise InvalidChange(_("Only an active or paused enrolment's due date can change."))
    if due_date < enrolment.start_date:
        raise InvalidChange(_("The due date must be on or after the start date."))
    previous = enrolment.due_date
    enrolment.due_date = due_date
    enrolment.due_date_reason = reason
    _save(enrolment, "due_date", "due_date_reason")
    log(
        instance=enrolment,
        action="programmes.enrolment.due_date",
        user=by,
        data={"from": previous.isoformat(), "to": due_date.isoformat(), "reason": reason},
    )
    complete_if_met(enrolment=enrolment)
    return enrolment


@transaction.atomic
def update_details(
    *,
    enrolment: ProgrammeEnrolment,
    intake: str,
    coordinator: User | None,
    notes: str,
    by: User,
) -> ProgrammeEnrolment:
    _require_administrator(by)
    enrolment = locks.lock_enrolment(enrolment.pk)
    enrolment.intake = intake.strip()
    enrolment.coordinator = coordinator
    enrolment.notes = notes.strip()
    _save(enrolment, "intake", "coordinator", "notes")
    log(
        instance=enrolment,
        action="programmes.enrolment.details",
        user=by,
        data={"intake": enrolment.intake, "coordinator": coordinator.pk if coordinator else None},
    )
    return enrolment


# Exemptions and prior learning


@transaction.atomic
def record_exemption(
    *,
    enrolment: ProgrammeEnrolment,
    requirement: Requirement,
    kind: str,
    reason: str,
    by: User,
    evidence_note: str = "",
    evidence_file=None,
) -> Exemption:
    """Record that one requirement is met another way; the enrolment completes if that was
    the last one."""
    _require_administrator(by)
    enrolment = locks.lock_enrolment(enrolment.pk)
    if requirement.programme_id != enrolment.programme_id:
        raise InvalidChange(_("That requirement is not part of this programme."))
    if Exemption.objects.filter(enrolment=enrolment, requirement=requirement).exists():
        raise InvalidChange(_("This requirement already has an exemption recorded."))
    exemption = Exemption(
        enrolment=enrolment,
        requirement=requirement,
        kind=kind,
        reason=_reason(reason),
        evidence_note=evidence_note.strip(),
        recorded_by=by,
    )
    if evidence_file:
        exemption.evidence_file = evidence_file
    try:
        exemption.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidChange(" ".join(error.messages)) from error
    exemption.save()
    log(
        instance=enrolment,
        action="programmes.exemption.recorded",
        user=by,
        data={
            "requirement": requirement.name,
            "kind": kind,
            "reason": exemption.reason,
            "evidence": exemption.evidence_note,
            "file": bool(exemption.evidence_file),
        },
    )
    complete_if_met(enrolment=enrolment)
    return exemption


@transaction.atomic
def remove_exemption(*, exemption: Exemption, by: User, reason: str) -> None:
    """Withdraw an exemption recorded by mistake. A completed enrolment stays completed."""
    _require_administrator(by)
    reason = _reason(reason)
    enrolment = locks.lock_enrolment(exemption.enrolment_id)
    log(
        instance=enrolment,
        action="programmes.exemption.removed",
        user=by,
        data={
            "requirement": exemption.requirement.name,
            "kind": exemption.kind,
            "reason": reason,
        },
    )
    if exemption.evidence_file:
        exemption.evidence_file.delete(save=False)
    exemption.delete()


# Completion


@transaction.atomic
def complete_if_met(*, enrolment: ProgrammeEnrolment, today: dt.date | None = None) -> bool:
    """Complete an active enrolment whose every requirement is met or exempted, and send
    `programme_completed`. Exactly once: the enrolment's row is locked while its progress is
    read, so of two completion events arriving together the second finds it completed.
    Paused and withdrawn enrolments never complete. Returns whether it completed now."""
    enrolment = locks.lock_enrolment(enrolment.pk)
    if enrolment.status != Status.ACTIVE:
        return False
    progress = selectors.progress_of_one(enrolment, today=today)
    if not progress.is_met:
        return False
    now = timezone.now()
    enrolment.status = Status.COMPLETED
    enrolment.completed_at = now
    enrolment.save(update_fields=["status", "completed_at"])
    log(
        instance=enrolment,
        action="programmes.enrolment.completed",
        user=None,
        data={"met_on": progress.met_on.isoformat() if progress.met_on else None},
    )
    programme_completed.send(
        sender=ProgrammeEnrolment, enrolment=enrolment, person=enrolment.person, completed_at=now
    )
    return True


def review_people(
    person_ids: Iterable[int], *, course_key: UUID | None = None, module_key: UUID | None = None
) -> list[ProgrammeEnrolment]:
    """Complete the active enrolments of these people that a new record (a session of the
    course, or the module) may have finished. One query when none is concerned."""
    concerned = ProgrammeEnrolment.objects.filter(
        person_id__in=list(person_ids), status=Status.ACTIVE
    )
    if course_key is not None:
        concerned = concerned.filter(programme__requirements__course__translation_key=course_key)
    if module_key is not None:
        concerned = concerned.filter(programme__requirements__module__translation_key=module_key)
    return [
        enrolment
        for enrolment in concerned.distinct().order_by("pk")
        if complete_if_met(enrolment=enrolment)
    ]
