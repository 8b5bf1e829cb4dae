"""The programme pages take the same number of queries for 5 enrolments or 200: progress is
computed for every row in a handful of grouped queries, never per row or per requirement."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bookings.models import Booking, Session
from courses.choices import CourseType
from elearning.models import Enrolment as ModuleEnrolment
from programmes import dashboard, selectors
from programmes.models import Exemption
from tests.bookings.factories import make_session
from tests.elearning.factories import make_module
from tests.factories import UserFactory
from tests.query_counts import count_queries

from .factories import Kind, course_of, days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """One programme with a requirement of each kind, and past and upcoming sessions."""
    sessions, network = course_of(), course_of(CourseType.PRACTICE_LEAD_NETWORK)
    two_day, module = course_of(CourseType.TWO_DAY), make_module(lessons=1)
    programme = make_programme(
        [
            {"kind": Kind.COMPLETE_COURSE, "course": two_day, "earlier_records_count": True},
            {"kind": Kind.ATTEND_SESSIONS, "course": sessions, "count_required": 8},
            {"kind": Kind.ATTEND_REGULARLY, "course": network, "period_months": 2},
            {"kind": Kind.COMPLETE_MODULE, "module": module},
            {"kind": Kind.DELIVER_SESSIONS, "course": two_day},
        ]
    )
    past = {
        course.pk: [
            make_session(course, days=[days_ago(20 * n + 5)], status=Session.Status.COMPLETED)
            for n in range(4)
        ]
        for course in (sessions, network, two_day)
    }
    for course in (sessions, network, two_day):
        make_session(course, starts_in_days=10)
    return {"programme": programme, "past": past, "module": module}


def add_people(world, count, *, person=None):
    """`count` enrolments (of `person`, on new programmes, if given), each person with a
    booking on every past session, a module completion and a delivered session, and each
    enrolment with an exemption."""
    programme = world["programme"]
    for _ in range(count):
        someone = person or UserFactory(staff=True)
        if person is not None:
            programme = make_programme(
                [
                    {
                        "kind": r.kind,
                        "course": r.course,
                        "module": r.module,
                        "period_months": r.period_months,
                    }
                    for r in world["programme"].requirements.all()
                ]
            )
        enrolment = enrol(someone, programme, start=days_ago(100))
        if not someone.bookings.exists():
            give_records(world, someone)
        Exemption.objects.create(
            enrolment=enrolment,
            requirement=programme.requirements.last(),
            kind=Exemption.Kind.EXEMPTION,
            reason="Agreed",
        )


def give_records(world, someone) -> None:
    for sessions in world["past"].values():
        Booking.objects.bulk_create(
            Booking(
                session=session,
                user=someone,
                status=Booking.Status.CONFIRMED,
                outcome=Booking.Outcome.COMPLETED,
                completed_at=timezone.now(),
            )
            for session in sessions
        )
    world["past"][next(iter(world["past"]))][0].trainers.add(someone)
    ModuleEnrolment.objects.create(
        learner=someone,
        module=world["module"],
        module_key=world["module"].translation_key,
        completed_at=timezone.now(),
    )


def measure(client, url) -> int:
    client.get(url)  # the first request caches the site and its settings
    return count_queries(lambda: client.get(url))


@pytest.mark.parametrize(
    "query", [{}, {"overdue": "on", "sort": "name"}, {"export": "csv"}, {"export": "xlsx"}]
)
def test_the_dashboard_costs_the_same_for_5_or_200_enrolments(client, training_admin, world, query):
    client.force_login(training_admin)
    url = (
        reverse("programmes_admin:dashboard") + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    )
    add_people(world, 5)
    small = measure(client, url)
    add_people(world, 195)
    large = measure(client, url)

    assert small == large, (small, large)


# The dashboard's own reads, whatever the number of enrolments: the enrolments, the
# programmes' requirements, the exemptions, the sessions of the courses they name, the
# people's bookings on those, the sessions they delivered and their module completions. The
# rest of the page's queries are the Wagtail admin's, which every admin page makes.
DASHBOARD_OWN_QUERIES = 7


def test_the_dashboard_reads_everyones_progress_in_pinned_queries(world):
    def own_queries() -> int:
        return count_queries(
            lambda: dashboard.build(list(selectors.enrolments_for_dashboard()), {})
        )

    add_people(world, 5)
    small = own_queries()
    add_people(world, 195)
    large = own_queries()

    assert small == large == DASHBOARD_OWN_QUERIES, (small, large)


def test_my_programme_costs_the_same_for_1_or_5_programmes_among_5_or_200_enrolments(client, world):
    lead = UserFactory(staff=True, practice_lead=True)
    client.force_login(lead)
    url = reverse("programmes:my_programme")
    add_people(world, 1, person=lead)
    add_people(world, 4)
    small = measure(client, url)
    add_people(world, 4, person=lead)
    add_people(world, 191)
    large = measure(client, url)

    assert small == large, (small, large)


def test_one_persons_page_costs_the_same_however_many_records_they_have(
    client, training_admin, world
):
    lead = UserFactory(staff=True)
    add_people(world, 1, person=lead)
    enrolment = lead.programme_enrolments.get()
    client.force_login(training_admin)
    url = reverse("programmes_admin:enrolment", args=[enrolment.pk])

    def not_completed_sessions(count):
        for sessions in world["past"].values():
            for n in range(count):
                session = make_session(
                    sessions[0].course, days=[days_ago(30 + n)], status=Session.Status.COMPLETED
                )
                Booking.objects.create(
                    session=session, user=lead, status="confirmed", outcome="not_completed"
                )

    not_completed_sessions(1)
    small = measure(client, url)
    not_completed_sessions(10)
    large = measure(client, url)

    assert small == large, (small, large)
