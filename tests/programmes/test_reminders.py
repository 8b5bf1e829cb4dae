"""send_programme_reminders: safe to run repeatedly."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from programmes.models import CoordinatorSummary, ProgrammeEnrolment, RequirementAlert
from programmes.reminders import send_reminders
from tests.factories import UserFactory

from .factories import Kind, attend, course_of, days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(training_admin):
    return make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": course_of(), "count_required": 4}],
        name="Practice Lead programme",
        coordinator=training_admin,
    )


def emails_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def test_a_person_is_emailed_once_when_a_requirement_becomes_at_risk_then_once_when_overdue(
    programme, training_admin
):
    lead = UserFactory(staff=True)
    enrolment = enrol(lead, programme, start=days_ago(250))

    send_reminders()
    send_reminders()

    [at_risk] = emails_to(lead)
    assert "at risk of not being done in time" in at_risk.body
    assert "You have attended 0 of the 4 sessions" in at_risk.body

    send_reminders(today=enrolment.due_date + dt.timedelta(days=1))
    send_reminders(today=enrolment.due_date + dt.timedelta(days=2))

    messages = emails_to(lead)
    assert len(messages) == 2
    assert "overdue" in messages[1].body
    assert set(RequirementAlert.objects.values_list("state", flat=True)) == {
        "at_risk",
        "overdue",
    }


def test_nobody_on_track_paused_or_withdrawn_is_alerted(programme):
    on_track = UserFactory(staff=True)
    enrol(on_track, programme, start=days_ago(10))
    for status in ("paused", "withdrawn"):
        enrol(UserFactory(staff=True), programme, start=days_ago(500), status=status)

    summary = send_reminders()

    assert summary.alerts == 0
    assert not RequirementAlert.objects.exists()


def test_the_coordinator_gets_one_summary_a_month_listing_who_needs_attention(
    programme, training_admin
):
    enrol(UserFactory(staff=True, full_name="Oscar Overdue"), programme, start=days_ago(500))
    enrol(UserFactory(staff=True, full_name="Olive Ontrack"), programme, start=days_ago(10))

    call_command("send_programme_reminders", stdout=io.StringIO())
    call_command("send_programme_reminders", stdout=io.StringIO())

    [summary] = emails_to(training_admin)
    assert "Oscar Overdue (Practice Lead programme): Overdue" in summary.body
    assert "Olive Ontrack" not in summary.body
    assert "On track: 1" in summary.body
    assert CoordinatorSummary.objects.count() == 1


def test_the_sweep_completes_an_enrolment_whose_completion_was_missed(programme):
    lead = UserFactory(staff=True)
    enrolment = enrol(lead, programme, start=days_ago(200), status="paused")
    course = programme.requirements.get().course
    for n in range(4):
        attend(course, lead, on=days_ago(150 - 10 * n))
    ProgrammeEnrolment.objects.filter(pk=enrolment.pk).update(status="active")

    summary = send_reminders()

    enrolment.refresh_from_db()
    assert (summary.completed, enrolment.status) == (1, "completed")
    assert send_reminders().completed == 0
