"""Reminders, run by `manage.py send_programme_reminders` (cron, hourly or daily): each person
is emailed once when a requirement becomes at risk or overdue, and each coordinator once a
month with a summary. What was sent is recorded (RequirementAlert, CoordinatorSummary) in the
same transaction as the email task, so running it again, late or twice at once sends nothing
twice.

It also completes any active enrolment whose requirements are all met but whose completion
event was missed (two records finishing it in two transactions at the same moment, each
unable to see the other's)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.languages import language_of
from home.emails import InEmailLanguage, send_templated_email
from home.links import absolute_url

from . import selectors, services
from .explanations import explain, status_label
from .models import CoordinatorSummary, ProgrammeEnrolment, RequirementAlert
from .progress import EnrolmentProgress, RequirementProgress, RequirementStatus, Standing


@dataclass(frozen=True)
class ReminderSummary:
    completed: int
    alerts: int
    summaries: int


def alert_state(item: RequirementProgress) -> str:
    """The state a person is alerted about, or ""."""
    if item.status == RequirementStatus.OVERDUE:
        return RequirementAlert.State.OVERDUE
    if item.at_risk:
        return RequirementAlert.State.AT_RISK
    return ""


@transaction.atomic
def _alert(progress: EnrolmentProgress) -> int:
    """Email the person about the requirements newly at risk or overdue, in one email."""
    enrolment = progress.enrolment
    news = []
    for item in progress.requirements:
        state = alert_state(item)
        if state:
            _alert_record, created = RequirementAlert.objects.get_or_create(
                enrolment=enrolment, requirement=item.requirement, state=state
            )
            if created:
                news.append((item, state))
    if not news:
        return 0
    with language_of(enrolment.person):
        coordinator = enrolment.effective_coordinator
        send_templated_email(
            to=enrolment.person.email,
            template="programmes/emails/requirement_alert",
            context={
                "person": enrolment.person,
                "enrolment": enrolment,
                # The programme's and requirements' words in the person's language, read when
                # the email is written.
                "programme": InEmailLanguage(enrolment.programme),
                "coordinator": coordinator,
                "items": [
                    {
                        "requirement": item.requirement,
                        "overdue": state == RequirementAlert.State.OVERDUE,
                        "explanation": explain(
                            item, coordinator_name=coordinator.full_name if coordinator else ""
                        ),
                    }
                    for item, state in news
                ],
                "my_programme_url": absolute_url(reverse("programmes:my_programme")),
            },
        )
    return len(news)


@transaction.atomic
def _summarise(coordinator, rows: list[EnrolmentProgress], month: dt.date) -> int:
    _record, created = CoordinatorSummary.objects.get_or_create(
        coordinator=coordinator, month=month
    )
    if not created:
        return 0
    with language_of(coordinator):
        selectors.in_reader_language(rows)
        counts = defaultdict(int)
        for row in rows:
            counts[row.standing] += 1
        needing_attention = [
            {
                "name": row.enrolment.person.full_name,
                "programme": row.enrolment.programme.in_reader_language.name,
                "standing": row.get_standing_display(),
                "requirements": [
                    f"{item.requirement.reader_name}: {status_label(item)}"
                    for item in row.requirements
                    if item.status == RequirementStatus.OVERDUE or item.at_risk
                ],
                "url": absolute_url(reverse("programmes_admin:enrolment", args=[row.enrolment.pk])),
            }
            for row in rows
            if row.standing in (Standing.OVERDUE, Standing.AT_RISK)
        ]
        send_templated_email(
            to=coordinator.email,
            template="programmes/emails/coordinator_summary",
            context={
                "coordinator": coordinator,
                "month": month,
                "counts": [
                    (Standing(standing).label, counts[standing])
                    for standing in (
                        Standing.ON_TRACK,
                        Standing.AT_RISK,
                        Standing.OVERDUE,
                        Standing.PAUSED,
                    )
                ],
                "total": len(rows),
                "needing_attention": needing_attention,
                "dashboard_url": absolute_url(reverse("programmes_admin:dashboard")),
            },
        )
    return 1


def send_reminders(*, today: dt.date | None = None) -> ReminderSummary:
    today = today or timezone.localdate()
    live = list(selectors.enrolments().filter(status__in=ProgrammeEnrolment.LIVE_STATUSES))
    progress = selectors.progress_of(live, today=today)
    completed = alerts = 0
    by_coordinator: dict[int, list[EnrolmentProgress]] = defaultdict(list)
    coordinators = {}
    for row in progress:
        enrolment = row.enrolment
        if enrolment.status == ProgrammeEnrolment.Status.ACTIVE and row.is_met:
            completed += services.complete_if_met(enrolment=enrolment, today=today)
            continue
        if enrolment.status == ProgrammeEnrolment.Status.ACTIVE:
            alerts += _alert(row)
        coordinator = enrolment.effective_coordinator
        if coordinator is not None:
            coordinators[coordinator.pk] = coordinator
            by_coordinator[coordinator.pk].append(row)
    month = today.replace(day=1)
    summaries = sum(
        _summarise(coordinators[pk], rows, month) for pk, rows in by_coordinator.items()
    )
    return ReminderSummary(completed=completed, alerts=alerts, summaries=summaries)
