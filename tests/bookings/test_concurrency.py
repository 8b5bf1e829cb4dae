"""Capacity under simultaneous requests: real threads, each with its own PostgreSQL connection.

SQLite serialises every writer for the whole database, so it cannot show the race (or its fix):
these tests run on PostgreSQL only, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bookings_helper pytest tests/bookings
"""

import re
import time

import pytest
from django.core import mail

from bookings import selectors, services
from bookings.models import Booking
from bookings.services import locks
from tests.bookings.factories import BookingFactory, fill, make_session
from tests.concurrency import POSTGRES_ONLY, run_at_once
from tests.factories import UserFactory

pytestmark = POSTGRES_ONLY

# Hold each session "lock" a little, as a slow request would, so requests overlap for sure.
SLOW_REQUEST = 0.02


@pytest.fixture
def slow_lock(monkeypatch):
    """Keep the real row locks (book() takes lock_session_row, the others lock_session), but
    make each request slow while it holds one."""
    for name in ("lock_session", "lock_session_row"):
        real_lock = getattr(locks, name)

        def lock_then_wait(session_id, real_lock=real_lock):
            session = real_lock(session_id)
            time.sleep(SLOW_REQUEST)
            return session

        monkeypatch.setattr(locks, name, lock_then_wait)


@pytest.fixture
def no_lock(monkeypatch):
    """The same slow request with the row lock switched off: what the lock protects us from."""
    from bookings.models import Session

    def read_then_wait(session_id):
        session = Session.objects.get(pk=session_id)
        time.sleep(SLOW_REQUEST)
        return session

    monkeypatch.setattr(locks, "lock_session", read_then_wait)
    monkeypatch.setattr(locks, "lock_session_row", read_then_wait)


def book_all_at_once(session, people) -> list[Exception]:
    _, errors = run_at_once(
        [lambda person=person: services.book(user=person, session=session) for person in people]
    )
    return errors


def test_fifty_people_booking_ten_places_at_once(slow_lock):
    session = make_session(capacity=10)
    people = [UserFactory() for _ in range(50)]

    errors = book_all_at_once(session, people)

    assert errors == []
    bookings = Booking.objects.filter(session=session).annotate(
        position=selectors.waitlist_position()
    )
    confirmed = [b for b in bookings if b.status == Booking.Status.CONFIRMED]
    waiting = [b for b in bookings if b.status == Booking.Status.WAITLISTED]
    assert len(confirmed) == 10
    assert len(waiting) == 40
    assert sorted(b.position for b in waiting) == list(range(1, 41))
    # First come, first served: the queue is in the order the places were refused.
    queue = sorted(waiting, key=lambda b: b.position)
    assert queue == sorted(waiting, key=lambda b: (b.waitlisted_at, b.pk))


def test_everyone_waiting_is_emailed_the_position_they_really_hold(slow_lock):
    """The number in each waiting-list email is the person's place in the final queue, and
    no two people are told the same number."""
    session = make_session(capacity=10)
    people = [UserFactory() for _ in range(50)]
    mail.outbox = []

    errors = book_all_at_once(session, people)

    assert errors == []
    final = dict(
        Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED)
        .annotate(position=selectors.waitlist_position())
        .values_list("user__email", "position")
    )
    emailed = {}
    for message in mail.outbox:
        told = re.search(r"you are number (\d+) on the waiting list", message.body)
        if told:
            emailed[message.to[0]] = int(told.group(1))
    assert len(final) == 40
    assert sorted(emailed.values()) == list(range(1, 41))
    assert emailed == final


def test_without_the_lock_the_same_harness_oversells(no_lock):
    session = make_session(capacity=10)
    people = [UserFactory() for _ in range(50)]

    book_all_at_once(session, people)

    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()
    assert confirmed > 10, "the harness could not make the race happen"


def test_one_person_double_clicking_gets_one_booking(slow_lock):
    session = make_session(capacity=10)
    person = UserFactory()

    errors = book_all_at_once(session, [person] * 5)

    assert Booking.objects.filter(session=session, user=person).count() == 1
    assert len(errors) == 4
    assert all(isinstance(error, services.AlreadyBooked) for error in errors)


def test_cancelling_and_booking_at_once_never_leaves_a_free_place_with_people_waiting(
    slow_lock, training_admin
):
    session = make_session(capacity=10)
    holders = fill(session)
    waiting = [BookingFactory(session=session, waitlisted=True) for _ in range(10)]
    newcomers = [UserFactory() for _ in range(10)]

    _, errors = run_at_once(
        [lambda b=b: services.cancel(booking=b, by=training_admin) for b in holders]
        + [lambda p=p: services.book(user=p, session=session) for p in newcomers]
    )

    assert errors == []
    statuses = dict(Booking.objects.filter(session=session).values_list("pk", "status"))
    assert [statuses[b.pk] for b in holders] == ["cancelled"] * 10
    # Every freed place went to someone already waiting, none to a newcomer...
    assert [statuses[b.pk] for b in waiting] == ["confirmed"] * 10
    newcomer_statuses = Booking.objects.filter(session=session, user__in=newcomers).values_list(
        "status", flat=True
    )
    assert sorted(newcomer_statuses) == ["waitlisted"] * 10
    # ...and at no point is there a free place while someone waits.
    confirmed = list(statuses.values()).count("confirmed")
    assert confirmed == 10
