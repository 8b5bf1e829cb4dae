"""Held places under simultaneous requests, on PostgreSQL: 100 people from mixed
organisations for 20 places with 4 held for schools. 25 threads (each its own connection,
well under PostgreSQL's 100) book 4 people each, all starting at once."""

import datetime as dt
import time

from django.utils import timezone

from accounts.models import Organisation
from bookings import services
from bookings.models import Booking, SessionReservation
from bookings.services import locks
from tests.bookings.factories import make_session
from tests.concurrency import POSTGRES_ONLY, run_at_once
from tests.factories import OrganisationFactory, UserFactory

pytestmark = POSTGRES_ONLY

THREADS, PEOPLE, CAPACITY, HELD = 25, 100, 20, 4
SLOW_REQUEST = 0.01


def slow(monkeypatch, *, lock: bool) -> None:
    """Hold each request a little under the lock (or, with lock=False, without it)."""
    for name in ("lock_session", "lock_session_row"):
        real_lock = getattr(locks, name)

        def lock_then_wait(session_id, real_lock=real_lock):
            from bookings.models import Session

            session = real_lock(session_id) if lock else Session.objects.get(pk=session_id)
            time.sleep(SLOW_REQUEST)
            return session

        monkeypatch.setattr(locks, name, lock_then_wait)


def race(session, people) -> list[Exception]:
    batches = [people[n::THREADS] for n in range(THREADS)]

    def book_batch(batch):
        for person in batch:
            services.book(user=person, session=session)

    _, errors = run_at_once([lambda batch=batch: book_batch(batch) for batch in batches])
    return errors


def setup_race():
    schools = OrganisationFactory(name="Schools", kind=Organisation.Kind.SCHOOL)
    school = OrganisationFactory(name="Hillside School", parent=schools)
    session = make_session(capacity=CAPACITY)
    fence = SessionReservation.objects.create(
        session=session,
        organisation=schools,
        places=HELD,
        release_at=timezone.now() + dt.timedelta(days=3),
    )
    members = {UserFactory(organisation=school).pk for _ in range(PEOPLE // 10)}
    others = [UserFactory() for _ in range(PEOPLE - len(members))]
    people = sorted(
        [*others, *UserFactory._meta.model.objects.filter(pk__in=members)], key=lambda p: p.pk
    )
    return session, fence, members, people


def test_never_more_than_the_open_places_to_others_and_the_release_fills_from_the_queue(
    monkeypatch,
):
    slow(monkeypatch, lock=True)
    session, fence, members, people = setup_race()

    errors = race(session, people)

    assert errors == []
    confirmed = list(Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED))
    to_others = [b for b in confirmed if b.user_id not in members]
    assert len(confirmed) == CAPACITY
    assert len(to_others) <= CAPACITY - HELD
    assert sum(1 for b in confirmed if b.reservation_id == fence.pk) == HELD

    # Release early: nothing changes for held places already taken, and re-running is safe.
    later = fence.release_at + dt.timedelta(minutes=1)
    assert services.release_held_places(now=later) == 0
    assert Booking.objects.filter(session=session, status="confirmed").count() == CAPACITY


def test_the_release_fills_unused_held_places_from_the_front_of_the_queue(monkeypatch):
    slow(monkeypatch, lock=True)
    session, fence, members, people = setup_race()
    outsiders = [p for p in people if p.pk not in members]

    errors = race(session, outsiders)

    assert errors == []
    assert Booking.objects.filter(session=session, status="confirmed").count() == CAPACITY - HELD
    queue = list(
        Booking.objects.filter(session=session, status="waitlisted").order_by("waitlisted_at", "pk")
    )
    services.release_held_places(now=fence.release_at)
    promoted = Booking.objects.filter(pk__in=[b.pk for b in queue[:HELD]], status="confirmed")
    assert promoted.count() == HELD
    assert Booking.objects.filter(session=session, status="confirmed").count() == CAPACITY


def test_without_the_lock_others_take_held_places_or_the_session_oversells(monkeypatch):
    """What the lock prevents: the same race with the row lock switched off."""
    slow(monkeypatch, lock=False)
    session, _fence, members, people = setup_race()

    race(session, people)

    confirmed = list(Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED))
    to_others = [b for b in confirmed if b.user_id not in members]
    assert len(confirmed) > CAPACITY or len(to_others) > CAPACITY - HELD
