"""Enrolling, the enrolment's life (pause, resume, withdraw, due date, exemptions) and
completion: automatic, exactly once, and the programme certificate."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from accounts.permissions import user_is_practice_lead
from certificates.models import Certificate
from courses.choices import CourseType
from elearning import services as elearning_services
from programmes import services
from programmes.models import Exemption, ProgrammeEnrolment
from programmes.signals import programme_completed
from tests.elearning.factories import make_module
from tests.factories import UserFactory

from .factories import (
    ABSENT,
    PRESENT,
    Kind,
    attend,
    course_of,
    days_ago,
    enrol,
    make_programme,
    run_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sessions():
    """A programme of two sessions of a course, and the course."""
    course = course_of(title="Practice Lead training session")
    programme = make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": course, "count_required": 2}],
        name="Practice Lead programme",
    )
    return programme, course


@pytest.fixture
def completions():
    """Every programme_completed sent during the test."""
    sent = []

    def receiver(sender, *, enrolment, person, completed_at, **kwargs):
        sent.append(enrolment.pk)

    programme_completed.connect(receiver, dispatch_uid="test_completions")
    yield sent
    programme_completed.disconnect(dispatch_uid="test_completions")


@pytest.fixture
def lead():
    return UserFactory(staff=True, full_name="Lee Lead")


def test_completing_the_last_session_completes_the_enrolment_once_with_a_certificate(
    lead, two_sessions, completions
):
    programme, course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(100))
    attend(course, lead, on=days_ago(50))
    assert completions == []

    attend(course, lead, on=days_ago(20))

    enrolment.refresh_from_db()
    assert enrolment.status == ProgrammeEnrolment.Status.COMPLETED
    assert completions == [enrolment.pk]
    certificate = Certificate.objects.get(kind=Certificate.Kind.PROGRAMME)
    assert certificate.recipient == lead
    assert certificate.title == "Practice Lead programme"
    assert certificate.completed_on == days_ago(20)
    assert certificate.requirements == ["Practice Lead training session: 2 attended"]

    attend(course, lead, on=days_ago(10))
    assert services.complete_if_met(enrolment=enrolment) is False
    assert completions == [enrolment.pk], "never twice"
    assert Certificate.objects.filter(kind=Certificate.Kind.PROGRAMME).count() == 1


def test_a_day_marked_absent_does_not_complete_it(lead, two_sessions, completions):
    programme, course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(100))
    attend(course, lead, on=days_ago(50))

    run_session(course, [days_ago(20), days_ago(19)], marks={lead: [PRESENT, ABSENT]})

    enrolment.refresh_from_db()
    assert enrolment.status == ProgrammeEnrolment.Status.ACTIVE
    assert completions == []


@pytest.mark.parametrize("status", ["paused", "withdrawn"])
def test_paused_and_withdrawn_enrolments_do_not_complete(lead, two_sessions, completions, status):
    programme, course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(100), status=status)

    attend(course, lead, on=days_ago(50))
    attend(course, lead, on=days_ago(20))

    enrolment.refresh_from_db()
    assert enrolment.status == status
    assert completions == []


def test_resuming_an_enrolment_whose_requirements_are_met_completes_it(
    lead, two_sessions, completions, training_admin
):
    programme, course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(100), status="paused")
    attend(course, lead, on=days_ago(50))
    attend(course, lead, on=days_ago(20))

    services.resume(enrolment=enrolment, by=training_admin)

    enrolment.refresh_from_db()
    assert enrolment.status == ProgrammeEnrolment.Status.COMPLETED
    assert completions == [enrolment.pk]


def test_the_last_requirement_exempted_completes_the_enrolment(
    lead, two_sessions, completions, training_admin
):
    programme, _course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(100))

    services.record_exemption(
        enrolment=enrolment,
        requirement=programme.requirements.get(),
        kind=Exemption.Kind.PRIOR_LEARNING,
        reason="Sessions with another authority",
        by=training_admin,
    )

    enrolment.refresh_from_db()
    assert enrolment.status == ProgrammeEnrolment.Status.COMPLETED
    certificate = Certificate.objects.get(kind=Certificate.Kind.PROGRAMME)
    assert certificate.requirements == ["Practice Lead training session: prior learning"]


def test_a_completed_module_completes_a_programme_waiting_for_it(lead, completions):
    module = make_module(lessons=1, assessment=False)
    programme = make_programme([{"kind": Kind.COMPLETE_MODULE, "module": module}])
    enrolment = enrol(lead, programme, start=days_ago(5))

    elearning_services.enrol(learner=lead, module=module)
    elearning_services.mark_lesson_complete(learner=lead, lesson=module.lessons[0])

    assert completions == [enrolment.pk]


def test_completing_a_session_completes_the_programme_of_a_trainer_who_delivered_it(
    completions,
):
    trainee = UserFactory(staff=True, trainer=True)
    two_day = course_of(CourseType.TWO_DAY)
    programme = make_programme([{"kind": Kind.DELIVER_SESSIONS, "course": two_day}])
    enrolment = enrol(trainee, programme, start=days_ago(60))

    run_session(two_day, [days_ago(10)], trainers=[trainee], marks={UserFactory(): PRESENT})

    assert completions == [enrolment.pk]


def test_someone_not_on_a_programme_completing_a_session_costs_one_query(
    django_assert_num_queries, two_sessions
):
    _programme, course = two_sessions
    person = UserFactory(staff=True)

    with django_assert_num_queries(1):
        services.review_people([person.pk], course_key=course.translation_key)


# Enrolling


def test_enrol_grants_the_practice_lead_role_when_the_programme_says_so(training_admin, lead):
    programme = make_programme(grants_practice_lead_role=True)

    enrolment = services.enrol(
        person=lead, programme=programme, start_date=dt.date(2026, 2, 14), by=training_admin
    )

    assert enrolment.due_date == dt.date(2027, 2, 13)
    assert enrolment.enrolled_by == training_admin
    lead.refresh_from_db()
    assert user_is_practice_lead(lead)
    assert len(mail.outbox) == 1


def test_a_person_has_one_live_enrolment_per_programme(training_admin, lead):
    programme = make_programme()
    services.enrol(person=lead, programme=programme, start_date=days_ago(3), by=training_admin)

    with pytest.raises(services.AlreadyEnrolled):
        services.enrol(person=lead, programme=programme, start_date=days_ago(1), by=training_admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        enrol(lead, programme, start=days_ago(1))

    ProgrammeEnrolment.objects.update(status="withdrawn")
    again = services.enrol(
        person=lead, programme=programme, start_date=days_ago(1), by=training_admin
    )
    assert again.status == "active"


def test_only_training_administrators_enrol(trainer, lead):
    with pytest.raises(services.NotAllowed):
        services.enrol(person=lead, programme=make_programme(), start_date=days_ago(1), by=trainer)
    assert not ProgrammeEnrolment.objects.exists()


# Changes


def test_withdrawing_needs_a_reason_and_is_logged(training_admin, lead):
    enrolment = enrol(lead, make_programme(), start=days_ago(10))

    with pytest.raises(services.InvalidChange):
        services.withdraw(enrolment=enrolment, by=training_admin, reason="  ")
    services.withdraw(enrolment=enrolment, by=training_admin, reason="Left the council")

    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.status_reason) == ("withdrawn", "Left the council")
    entry = ModelLogEntry.objects.for_instance(enrolment).get()
    assert entry.action == "programmes.enrolment.withdrawn"
    assert entry.user == training_admin
    with pytest.raises(services.InvalidChange):
        services.pause(enrolment=enrolment, by=training_admin, reason="Too late")


def test_moving_the_due_date_keeps_the_reason_and_changes_what_counts(
    training_admin, lead, two_sessions
):
    programme, course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(400))
    attend(course, lead, on=days_ago(30))
    attend(course, lead, on=days_ago(20))
    enrolment.refresh_from_db()
    assert enrolment.status == "active", "both sessions were after the due date"

    services.change_due_date(
        enrolment=enrolment,
        due_date=days_ago(0),
        reason="Three months of leave",
        by=training_admin,
    )

    enrolment.refresh_from_db()
    assert enrolment.due_date_reason == "Three months of leave"
    assert enrolment.status == "completed"


def test_an_exemption_is_for_a_requirement_of_the_enrolments_programme(training_admin, lead):
    enrolment = enrol(lead, make_programme(), start=days_ago(10))
    other = make_programme([{"kind": Kind.COMPLETE_COURSE, "course": course_of()}])

    with pytest.raises(services.InvalidChange):
        services.record_exemption(
            enrolment=enrolment,
            requirement=other.requirements.get(),
            kind=Exemption.Kind.EXEMPTION,
            reason="Why not",
            by=training_admin,
        )
    assert not Exemption.objects.exists()


def test_removing_an_exemption_is_logged_and_needs_a_reason(training_admin, lead, two_sessions):
    programme, _course = two_sessions
    enrolment = enrol(lead, programme, start=days_ago(10), status="paused")  # cannot complete
    exemption = services.record_exemption(
        enrolment=enrolment,
        requirement=programme.requirements.get(),
        kind=Exemption.Kind.EXEMPTION,
        reason="Agreed by the board",
        by=training_admin,
    )

    with pytest.raises(services.InvalidChange):
        services.remove_exemption(exemption=exemption, by=training_admin, reason="")
    services.remove_exemption(exemption=exemption, by=training_admin, reason="Recorded in error")

    assert not Exemption.objects.exists()
    actions = list(
        ModelLogEntry.objects.for_instance(enrolment)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["programmes.exemption.recorded", "programmes.exemption.removed"]
