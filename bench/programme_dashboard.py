"""The programme dashboard with 500 enrolments and 20,000 attendance records, on PostgreSQL:
server time and queries, as a ratio to the plain sessions list measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/programmes_bench \\
        .venv/bin/python bench/programme_dashboard.py [--rounds 9]

Creates a throwaway test database (test_<name>) with the test settings, fills it in bulk (500
people each enrolled on the Practice Lead programme, with 35 bookings and 40 days of attendance
each, over 80 completed sessions), then requests the dashboard and the admin's sessions list
in turns, in-process through Django's test client (the server's own time: middleware, views,
queries and templates, no network), and prints the medians: wall time, this process's CPU
time (which other work on a shared machine disturbs less than wall time), the request's
queries, and the queries the dashboard makes itself (the enrolments and their progress; the
rest are the Wagtail admin's own for any page: the user, permissions, the menu, which the
sessions list pays too). Not a test: `make bench-programmes` runs it. Targets (issue 10):
under 300 ms and under 10 queries.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/programmes_bench")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE = 500
# Per person: one two-day course (2 days), one five-day course (5 days), 20 Practice Lead
# sessions and 13 Network meetings (a day each): 35 bookings, 40 attendance records.
SESSIONS = {"two_day": (10, 2), "five_day": (10, 5), "practice_lead": (40, 1), "network": (20, 1)}
PER_PERSON = {"two_day": 1, "five_day": 1, "practice_lead": 20, "network": 13}


def build() -> tuple:
    """The data set, in bulk. Returns (administrator, attendance count)."""
    from accounts.models import User
    from bookings.models import Attendance, Booking, Session, SessionDay
    from courses.choices import CourseType
    from programmes.models import ProgrammeEnrolment
    from tests.bookings.factories import VenueFactory
    from tests.factories import OrganisationFactory, UserFactory
    from tests.programmes.factories import Kind, course_of, make_programme

    courses = {
        "two_day": course_of(CourseType.TWO_DAY, title="Two-day training"),
        "five_day": course_of(CourseType.FIVE_DAY, title="Five-day training"),
        "practice_lead": course_of(title="Practice Lead session"),
        "network": course_of(CourseType.PRACTICE_LEAD_NETWORK, title="Network meeting"),
    }
    programme = make_programme(
        [
            {
                "kind": Kind.COMPLETE_COURSE,
                "course": courses["two_day"],
                "earlier_records_count": True,
            },
            {"kind": Kind.COMPLETE_COURSE, "course": courses["five_day"], "within_months": 6},
            {"kind": Kind.ATTEND_SESSIONS, "course": courses["practice_lead"], "count_required": 8},
            {
                "kind": Kind.ATTEND_REGULARLY,
                "course": courses["network"],
                "period_months": 2,
                "missed_periods_allowed": 1,
            },
        ],
        name="Practice Lead programme",
    )
    today = dt.date.today()
    start = today - dt.timedelta(days=300)
    venue = VenueFactory()
    sessions = {}
    for key, (count, days) in SESSIONS.items():
        made = Session.objects.bulk_create(
            Session(
                course=courses[key], venue=venue, capacity=PEOPLE, status=Session.Status.COMPLETED
            )
            for _ in range(count)
        )
        step = 290 // count
        SessionDay.objects.bulk_create(
            SessionDay(session=session, date=start + dt.timedelta(days=n * step + day))
            for n, session in enumerate(made)
            for day in range(days)
        )
        sessions[key] = made
    days = {}
    for day in SessionDay.objects.all():
        days.setdefault(day.session_id, []).append(day)

    organisations = [OrganisationFactory(name=f"Service {n}") for n in range(8)]
    people = User.objects.bulk_create(
        User(
            email=f"lead{n}@example-borough.gov.uk",
            full_name=f"Lead {n:03d}",
            organisation=organisations[n % len(organisations)],
        )
        for n in range(PEOPLE)
    )
    ProgrammeEnrolment.objects.bulk_create(
        ProgrammeEnrolment(
            person=person,
            programme=programme,
            intake=f"Intake {n % 4}",
            start_date=start + dt.timedelta(days=n % 60),
            due_date=programme.due_date_for(start + dt.timedelta(days=n % 60)),
        )
        for n, person in enumerate(people)
    )
    bookings = []
    for n, person in enumerate(people):
        for key, count in PER_PERSON.items():
            chosen = sessions[key][n % 3 : n % 3 + count] or sessions[key][:count]
            for session in chosen:
                absent = (n + session.pk) % 11 == 0
                bookings.append(
                    Booking(
                        session=session,
                        user=person,
                        status=Booking.Status.CONFIRMED,
                        outcome=Booking.Outcome.NOT_COMPLETED
                        if absent
                        else Booking.Outcome.COMPLETED,
                    )
                )
    bookings = Booking.objects.bulk_create(bookings, batch_size=2000)
    attendance = [
        Attendance(
            booking=booking,
            day=day,
            status=Attendance.Status.ABSENT
            if booking.outcome == Booking.Outcome.NOT_COMPLETED and number == 0
            else Attendance.Status.PRESENT,
            source=Attendance.Source.REGISTER,
        )
        for booking in bookings
        for number, day in enumerate(days[booking.session_id])
    ]
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    administrator = UserFactory(staff=True, training_admin=True)
    return administrator, len(attendance), len(bookings)


def count_own_queries(counted: list[int]):
    """Wrap the dashboard's own work (reading the enrolments and working out their progress)
    to record how many queries it makes, apart from the admin's per-page ones."""
    from programmes.admin_views import DashboardView

    build = DashboardView.build

    def counting_build(view):
        with CaptureQueriesContext(connection) as queries:
            result = build(view)
        counted.append(len(queries.captured_queries))
        return result

    DashboardView.build = counting_build


def timed(client, url: str) -> tuple[float, float, int]:
    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, cpu, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    rounds = parser.parse_args().rounds

    setup_test_environment()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: this measures PostgreSQL.")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from django.urls import reverse

        administrator, attendance, bookings = build()
        print(f"{PEOPLE} enrolments, {bookings} bookings, {attendance} attendance records")
        client = Client()
        client.force_login(administrator)
        pages = {
            "dashboard": reverse("programmes_admin:dashboard"),
            "dashboard, overdue only": reverse("programmes_admin:dashboard") + "?overdue=on",
            "dashboard CSV export": reverse("programmes_admin:dashboard") + "?export=csv",
            "sessions list": reverse("bookings_session:index"),
        }
        own_queries: list[int] = []
        count_own_queries(own_queries)
        for url in pages.values():  # warm up: caches, compiled templates
            timed(client, url)
        times = {name: [] for name in pages}
        cpu = {name: [] for name in pages}
        queries, own = {}, {}
        for _ in range(rounds):
            for name, url in pages.items():
                own_queries.clear()
                elapsed, used, count = timed(client, url)
                times[name].append(elapsed)
                cpu[name].append(used)
                queries[name] = count
                own[name] = f"{own_queries[0]:3d}" if own_queries else "  -"
        reference = statistics.median(times["sessions list"])
        print(f"{'page':<26} {'wall':>8} {'CPU':>8} {'queries':>8} {'own':>4}  ratio")
        for name in pages:
            median = statistics.median(times[name])
            print(
                f"{name:<26} {median * 1000:5.0f} ms "
                f"{statistics.median(cpu[name]) * 1000:5.0f} ms {queries[name]:8d} {own[name]:>4}"
                f"  {median / reference:5.2f} x the sessions list"
            )
        dashboard = statistics.median(times["dashboard"]) * 1000
        own_count = int(own["dashboard"])
        print(
            f"(medians of {rounds} interleaved rounds; 'own': queries the dashboard makes "
            "itself, the rest are the Wagtail admin's for any page)"
        )
        print(
            f"target under 300 ms: {'met' if dashboard < 300 else 'NOT met'} ({dashboard:.0f} ms); "
            f"under 10 queries of its own: {'met' if own_count < 10 else 'NOT met'} "
            f"({own_count}; {queries['dashboard']} with the admin's)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
