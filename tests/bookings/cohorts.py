"""Sessions that are running or have run, for the cohort tests."""

import datetime as dt

from django.utils import timezone

from bookings.models import Attendance, SessionDay
from tests.bookings.factories import BookingFactory, make_session


def past_session(*, trainers=(), people: int = 3, days: int = 2, **fields):
    """A session whose days were last week (the last one three days ago), with `people`
    confirmed bookings."""
    today = timezone.localdate()
    dates = [today - dt.timedelta(days=3 + 2 * n) for n in reversed(range(days))]
    session = make_session(days=dates, trainers=trainers, capacity=max(people, 1), **fields)
    bookings = [BookingFactory(session=session) for _ in range(people)]
    return session, bookings


def running_session(*, trainers=(), people: int = 3, **fields):
    """A two-day session: yesterday and today, its days lasting from midnight to 23:59, so
    it is still running whatever the time of day the test runs at (with the factory's
    9:30am to 4:30pm, tests run after 4:30pm found its last day over)."""
    today = timezone.localdate()
    fields.setdefault("start_time", dt.time(0, 0))
    fields.setdefault("end_time", dt.time(23, 59))
    session = make_session(
        days=[today - dt.timedelta(days=1), today],
        trainers=trainers,
        capacity=max(people, 1),
        **fields,
    )
    bookings = [BookingFactory(session=session) for _ in range(people)]
    return session, bookings


def today_of(session) -> SessionDay:
    return next(day for day in session.ordered_days if day.date == timezone.localdate())


def mark_everyone(session, status=Attendance.Status.PRESENT, *, by=None):
    """Write the register directly (no service), for tests about what happens next."""
    for booking in session.bookings.filter(status="confirmed"):
        for day in session.days.all():
            Attendance.objects.update_or_create(
                booking=booking,
                day=day,
                defaults={"status": status, "source": Attendance.Source.REGISTER, "marked_by": by},
            )


def register_form_data(page) -> dict[str, str]:
    """What a browser would post back from a register page as loaded: every person's mark
    (where there is one) and the hidden record of what the page showed."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value:
            data[name] = value
    return data
