"""Lists take the same number of queries whatever their size."""

import pytest
from django.contrib.contenttypes.models import ContentType

from bookings.models import Booking
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory
from tests.query_counts import count_queries, without_page_cache

pytestmark = pytest.mark.django_db


def measure(client, url) -> int:
    with without_page_cache():
        client.get(url)  # the first request caches the site and its settings
        return count_queries(lambda: client.get(url))


def add_sessions(course, count, *, trainer=None):
    venue = VenueFactory()
    for n in range(count):
        session = make_session(
            course,
            venue=venue,
            days=2,
            starts_in_days=5 + n,
            capacity=3,
            trainers=[trainer] if trainer else [],
        )
        BookingFactory(session=session)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_session_list_costs_the_same_for_5_or_200_sessions(client, signed_in):
    course = make_course()
    trainer = UserFactory(staff=True, trainer=True)
    if signed_in:
        client.force_login(UserFactory())
    add_sessions(course, 5, trainer=trainer)
    small = measure(client, "/training/sessions/")
    add_sessions(course, 195, trainer=trainer)
    large = measure(client, "/training/sessions/")

    assert small == large, (small, large)


def test_a_course_page_costs_the_same_for_5_or_200_sessions(client):
    course = make_course()
    client.force_login(UserFactory())
    add_sessions(course, 5)
    small = measure(client, course.url)
    add_sessions(course, 195)
    large = measure(client, course.url)

    assert small == large, (small, large)


def test_my_bookings_costs_the_same_for_5_or_50_bookings(client, partner):
    client.force_login(partner)
    course = make_course()

    def book(count):
        for _ in range(count):
            BookingFactory(user=partner, session=make_session(course, days=2))

    book(5)
    small = measure(client, "/my-learning/bookings/")
    book(45)
    large = measure(client, "/my-learning/bookings/")

    assert small == large, (small, large)


def test_the_admin_session_list_costs_the_same_for_5_or_100_sessions(client, training_admin):
    course = make_course()
    client.force_login(training_admin)
    add_sessions(course, 5)
    small = measure(client, "/admin/training/sessions/")
    add_sessions(course, 95)
    large = measure(client, "/admin/training/sessions/")

    assert small == large, (small, large)


def test_the_admin_booking_list_costs_the_same_for_5_or_50_bookings(client, training_admin):
    client.force_login(training_admin)
    course = make_course()

    def book(count):
        for _ in range(count):
            BookingFactory(session=make_session(course, days=2))

    book(5)
    small = measure(client, "/admin/training/bookings/")
    book(45)
    large = measure(client, "/admin/training/bookings/")

    assert small == large, (small, large)


# Booking itself: the busiest write. Counted inside the test's transaction, so the two
# SAVEPOINT statements of book()'s own transaction are included (in production they are
# BEGIN and COMMIT): lock the person, lock the session's row (its course and venue are the ones
# the booking page loaded), read its days with the count of its places (and the queue, whose
# length gives a waiting place its position) and whether the person holds a place elsewhere
# at the same time in one aggregate (the clash is read again only to name it), insert
# the booking, its audit entry and its email's outbox row. The email is
# rendered and sent after commit, off the lock; the course page's and the venue's translations
# in the person's language are looked up then too (home.emails.InEmailLanguage). A course
# only for people on a programme adds one query: whether the person is on one
# (tests/programmes/test_views.py); a session with ring-fences still held adds two: its
# ring-fences, and the person's organisation and its parents (bookings.selectors.place_counts).
BOOKING_QUERIES = 8


@pytest.mark.outbox_after_commit
@pytest.mark.parametrize("waitlisted", [False, True])
def test_booking_a_place_takes_a_fixed_small_number_of_queries(waitlisted):
    from bookings import selectors, services
    from tests.bookings.factories import fill

    session = make_session(capacity=20)
    if waitlisted:
        fill(session)
    else:
        for _ in range(10):
            BookingFactory(session=session)
    person = UserFactory()
    as_the_booking_page_loads_it = selectors.session_for_page(session.pk)
    # Django keeps content types per process: a running server has this one already.
    ContentType.objects.get_for_model(Booking)

    queries = count_queries(
        lambda: services.book(user=person, session=as_the_booking_page_loads_it)
    )

    assert queries <= BOOKING_QUERIES


SESSION_LIST_RENDER_QUERIES, SESSION_LIST_REPEAT_QUERIES = 8, 2


def test_the_session_list_is_rendered_in_pinned_queries_then_kept(client):
    """Signed in: the user and their roles (the list starts with the sessions their
    audiences may book), then (when places or content changed) the count, the sessions, their
    days, their trainers, and their venues and courses in the reader's language. A repeat
    reads only the user and their roles: the list is kept."""
    client.force_login(UserFactory())
    course = make_course()
    client.get("/training/sessions/")  # the site chrome is kept from here on

    add_sessions(course, 5)
    few = count_queries(lambda: client.get("/training/sessions/"))
    repeat = count_queries(lambda: client.get("/training/sessions/"))
    add_sessions(course, 195)
    many = count_queries(lambda: client.get("/training/sessions/"))

    assert few == many <= SESSION_LIST_RENDER_QUERIES
    assert repeat <= SESSION_LIST_REPEAT_QUERIES
