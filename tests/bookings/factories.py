"""Sessions and bookings for tests. Sessions are created directly (not through services) so a
test can set up any state, including past days."""

import datetime as dt

import factory
from django.utils import timezone

from bookings.models import Booking, Session, SessionDay, Venue
from tests.courses.factories import make_course
from tests.factories import UserFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Training room {n}")
    address = "Civic Centre\nHigh Street"

    class Params:
        online = factory.Trait(
            is_online=True, address="", joining_link="https://meet.example/abc-defg"
        )


def make_session(
    course=None,
    *,
    days: int | list[dt.date] = 1,
    starts_in_days: int = 14,
    capacity: int = 10,
    start_time: dt.time = dt.time(9, 30),
    end_time: dt.time = dt.time(16, 30),
    trainers=(),
    **fields,
) -> Session:
    course = course or make_course()
    fields.setdefault("venue", fields.get("venue") or VenueFactory())
    session = Session.objects.create(course=course, capacity=capacity, **fields)
    if isinstance(days, int):
        first = timezone.localdate() + dt.timedelta(days=starts_in_days)
        dates = [first + dt.timedelta(days=offset) for offset in range(days)]
    else:
        dates = days
    for date in dates:
        SessionDay.objects.create(
            session=session, date=date, start_time=start_time, end_time=end_time
        )
    session.trainers.set(trainers)
    return session


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking by default. Traits: waitlisted, cancelled, completed."""

    class Meta:
        model = Booking

    session = factory.LazyFunction(make_session)
    user = factory.SubFactory(UserFactory)
    status = Booking.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        waitlisted = factory.Trait(
            status=Booking.Status.WAITLISTED,
            confirmed_at=None,
            waitlisted_at=factory.LazyFunction(timezone.now),
        )
        cancelled = factory.Trait(
            status=Booking.Status.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now)
        )
        completed = factory.Trait(completed_at=factory.LazyFunction(timezone.now))


def fill(session: Session, count: int | None = None) -> list[Booking]:
    """Give `count` people (default: every place) a confirmed place."""
    count = session.capacity if count is None else count
    return [BookingFactory(session=session) for _ in range(count)]
