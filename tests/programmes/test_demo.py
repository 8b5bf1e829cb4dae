"""The demo programmes: people at real stages, computed from the sessions the seed records."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from bookings.demo import demo_person
from certificates.models import Certificate
from programmes import selectors
from programmes.models import Exemption, Programme, ProgrammeEnrolment, Requirement
from programmes.progress import PeriodStatus, RequirementStatus, Standing

pytestmark = pytest.mark.django_db

PRACTICE_LEAD = "practice.lead@example-borough.gov.uk"


def counts():
    return tuple(
        model.objects.count()
        for model in (Programme, Requirement, ProgrammeEnrolment, Exemption, Certificate)
    )


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo twice, once for the whole module (it is slow), rolled back afterwards; the
    second run must change nothing."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        first = counts()
        call_command("seed_demo", stdout=io.StringIO())
        yield first, counts()
        transaction.set_rollback(True)


def progress_of(code):
    enrolment = selectors.enrolments().get(person=demo_person(code))
    return selectors.progress_of_one(enrolment)


def by_kind(progress, kind):
    return next(item for item in progress.requirements if item.requirement.kind == kind)


def test_the_demo_is_idempotent(seeded):
    first, second = seeded
    assert first == second
    # Two programmes with nine requirements, each with its Welsh translation; five enrolments.
    assert first[:3] == (4, 18, 5)


def test_the_demo_programmes_read_in_welsh(seeded):
    welsh = Programme.objects.filter(locale__language_code="cy").order_by("name")

    assert [programme.name for programme in welsh] == [
        "Llwybr hyfforddwyr mewnol",
        "Rhaglen Arweinwyr Ymarfer",
    ]
    assert "Wyth sesiwn Arweinwyr Ymarfer" in {
        requirement.title for programme in welsh for requirement in programme.requirements.all()
    }
    assert ProgrammeEnrolment.objects.filter(programme__in=welsh).count() == 0


def test_the_demo_practice_lead_is_half_way_with_one_missed_network_period(seeded):
    progress = progress_of(PRACTICE_LEAD)

    sessions = by_kind(progress, Requirement.Kind.ATTEND_SESSIONS)
    assert (sessions.status, sessions.counts_display) == (RequirementStatus.IN_PROGRESS, "4 of 8")
    network = by_kind(progress, Requirement.Kind.ATTEND_REGULARLY)
    assert [p.status for p in network.periods[:2]] == [PeriodStatus.MISSED, PeriodStatus.ATTENDED]
    assert network.status == RequirementStatus.IN_PROGRESS
    assert progress.standing == Standing.ON_TRACK
    assert progress.met_count == 2, "the two-day and five-day courses"


def test_the_demo_practice_leads_earlier_two_day_course_has_its_certificate(seeded):
    lead = demo_person(PRACTICE_LEAD)

    assert Certificate.objects.filter(
        recipient=lead, kind=Certificate.Kind.SESSION, title="Signs of Safety two-day training"
    ).exists()


def test_one_lead_completed_with_a_programme_certificate(seeded):
    progress = progress_of("s31")

    assert progress.enrolment.status == ProgrammeEnrolment.Status.COMPLETED
    certificate = Certificate.objects.get(kind=Certificate.Kind.PROGRAMME)
    assert certificate.recipient == progress.enrolment.person
    assert len(certificate.requirements) == 4


def test_one_lead_is_overdue_on_network_meetings(seeded):
    progress = progress_of("s32")

    assert progress.standing == Standing.OVERDUE
    assert by_kind(progress, Requirement.Kind.ATTEND_REGULARLY).status == RequirementStatus.OVERDUE


def test_one_lead_has_just_started(seeded):
    progress = progress_of("s33")

    assert progress.standing == Standing.ON_TRACK
    assert [item.status for item in progress.requirements] == [
        RequirementStatus.COMPLETED,
        RequirementStatus.NOT_STARTED,
        RequirementStatus.NOT_STARTED,
        RequirementStatus.NOT_STARTED,
    ]


def test_the_trainee_has_co_delivered_once(seeded):
    progress = progress_of("s34")

    delivered = by_kind(progress, Requirement.Kind.DELIVER_SESSIONS)
    assert (delivered.status, delivered.done) == (RequirementStatus.COMPLETED, 1)
    assert progress.enrolment.status == ProgrammeEnrolment.Status.ACTIVE
    assert by_kind(progress, Requirement.Kind.COMPLETE_MODULE).status == (
        RequirementStatus.NOT_STARTED
    )
