import datetime as dt

import pytest
from django.utils import timezone

from bookings import selectors
from bookings.models import Booking, Session
from tests.bookings.factories import BookingFactory, fill, make_session
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def test_completed_course_ids_counts_only_completed_bookings(learner):
    done = make_course()
    attended = make_course()
    BookingFactory(user=learner, session=make_session(done, starts_in_days=-20), completed=True)
    BookingFactory(user=learner, session=make_session(attended, starts_in_days=-10))

    assert selectors.completed_course_ids(learner) == {done.pk}


def test_places_left_and_counts_are_annotated():
    session = make_session(capacity=3)
    fill(session, 2)
    BookingFactory(session=session, cancelled=True)
    BookingFactory(session=session, waitlisted=True)

    annotated = selectors.sessions_with_places_left().get(pk=session.pk)

    assert (annotated.confirmed_count, annotated.waitlist_count, annotated.places_left) == (
        2,
        1,
        1,
    )


def test_places_left_never_goes_below_zero():
    session = make_session(capacity=2)
    fill(session, 2)
    Session.objects.filter(pk=session.pk).update(capacity=1)  # as if changed behind our back

    assert selectors.sessions_with_places_left().get(pk=session.pk).places_left == 0


def test_upcoming_sessions_leave_out_past_cancelled_and_unpublished():
    upcoming = make_session()
    make_session(starts_in_days=-1)
    make_session(status=Session.Status.CANCELLED)
    make_session(make_course(live=False))

    assert list(selectors.upcoming_sessions()) == [upcoming]


def test_the_waiting_list_is_first_come_first_served():
    session = make_session(capacity=1)
    fill(session)
    now = timezone.now()
    later = BookingFactory(session=session, waitlisted=True, waitlisted_at=now)
    earlier = BookingFactory(
        session=session, waitlisted=True, waitlisted_at=now - dt.timedelta(minutes=5)
    )

    positions = dict(
        Booking.objects.filter(status="waitlisted")
        .annotate(position=selectors.waitlist_position())
        .values_list("pk", "position")
    )

    assert list(selectors.waiting_list(session)) == [earlier, later]
    assert positions == {earlier.pk: 1, later.pk: 2}
