"""The cohort pages take the same number of queries whatever the size of the cohort."""

import pytest
from django.urls import reverse

from bookings.models import Attendance
from tests.bookings.cohorts import running_session, today_of
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


def measure(client, url) -> int:
    client.get(url)  # the first request caches the site and its settings
    return count_queries(lambda: client.get(url))


def grow(session, count):
    """`count` more people with a place, each marked on today's register, some walk-ins,
    some waiting, some cancelled."""
    day = today_of(session)
    session.capacity += count
    session.save(update_fields=["capacity"])
    for n in range(count):
        booking = BookingFactory(
            session=session,
            user=UserFactory(team="Fostering"),
            access_needs="Hearing loop",
            is_walk_in=n % 5 == 0,
        )
        Attendance.objects.create(booking=booking, day=day, status="present", source="register")
    BookingFactory(session=session, waitlisted=True)
    BookingFactory(session=session, cancelled=True)


@pytest.mark.parametrize("which", ["cohort", "register"])
def test_cohort_pages_cost_the_same_for_5_or_60_attendees(client, trainer, which):
    session, _ = running_session(trainers=[trainer], people=0)
    if which == "cohort":
        url = reverse("bookings_cohorts:cohort", args=[session.pk])
    else:
        url = reverse("bookings_cohorts:register", args=[session.pk, today_of(session).pk])
    client.force_login(trainer)
    grow(session, 5)
    small = measure(client, url)
    grow(session, 55)
    large = measure(client, url)

    assert small == large, (small, large)


def add_sessions(count, *, trainer):
    course, venue = make_course(), VenueFactory()
    for n in range(count):
        session = make_session(
            course, venue=venue, days=2, starts_in_days=n - count // 2, trainers=[trainer]
        )
        BookingFactory(session=session)
        BookingFactory(session=session, waitlisted=True)


@pytest.mark.parametrize("who", ["trainer", "training_admin"])
def test_my_sessions_costs_the_same_for_5_or_200_sessions(client, who, trainer, training_admin):
    client.force_login({"trainer": trainer, "training_admin": training_admin}[who])
    url = reverse("bookings_cohorts:my_sessions")
    add_sessions(5, trainer=trainer)
    small = measure(client, url)
    add_sessions(195, trainer=trainer)
    large = measure(client, url)

    assert small == large, (small, large)
