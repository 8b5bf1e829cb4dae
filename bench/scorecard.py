"""The scorecard with 5,000 people, 20,000 bookings, 50,000 e-learning completions and 10,000
feedback answers, on PostgreSQL: server time and queries, as a ratio to the admin's sessions
list measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorecard_bench \\
        .venv/bin/python bench/scorecard.py [--rounds 9]

Creates a throwaway test database (test_<name>) with the test settings, fills it in bulk (400
completed sessions over the last year, 50 bookings each, 16,000 of them completed with
confidence answers, 10 modules each completed by every person, 1,700 feedback responses of six
answers, twelve months of indicators), then requests the scorecard (whole, filtered to one
organisation, and its full CSV export) and the sessions list in turns, in-process through
Django's test client (the server's own time: middleware, views, queries and templates, no
network), and prints the medians. Not a test: `make bench-scorecard` runs it. Target: the
scorecard under 500 ms.
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
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scorecard_bench")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE = 5_000
SESSIONS = 400
BOOKINGS_PER_SESSION = 50
MODULES = 10
RESPONSES = 1_700  # six answers each: 10,200 answers


def build():
    """The data set, in bulk. Returns (administrator, an organisation, counts)."""
    from django.utils import timezone

    from accounts.models import Organisation, User
    from bookings.models import Booking, Session, SessionDay
    from elearning.models import Enrolment
    from impact.models import (
        FeedbackAnswer,
        FeedbackForm,
        FeedbackResponse,
        IndicatorMonth,
        Milestone,
        Participation,
    )
    from tests.bookings.factories import VenueFactory
    from tests.courses.factories import make_course
    from tests.elearning.factories import make_module
    from tests.factories import OrganisationFactory, UserFactory

    now = timezone.now()
    courses = [make_course(title=f"Course {n}") for n in range(6)]
    modules = [make_module(lessons=1, assessment=False) for _ in range(MODULES)]
    kinds = list(Organisation.Kind.values)
    organisations = [
        OrganisationFactory(name=f"Agency {n}", kind=kinds[n % len(kinds)]) for n in range(40)
    ]
    trainers = [UserFactory(staff=True, trainer=True) for _ in range(12)]
    people = User.objects.bulk_create(
        User(
            email=f"person{n}@example-borough.gov.uk",
            full_name=f"Person {n:04d}",
            organisation=organisations[n % len(organisations)],
        )
        for n in range(PEOPLE)
    )
    venue = VenueFactory()
    sessions = Session.objects.bulk_create(
        Session(
            course=courses[n % len(courses)],
            venue=venue,
            capacity=60,
            status=Session.Status.COMPLETED,
            completed_at=now - dt.timedelta(days=360 - n * 360 // SESSIONS),
        )
        for n in range(SESSIONS)
    )
    SessionDay.objects.bulk_create(
        SessionDay(session=s, date=timezone.localdate(s.completed_at)) for s in sessions
    )
    Trainers = Session.trainers.through
    Trainers.objects.bulk_create(
        Trainers(session_id=s.pk, user_id=trainers[n % len(trainers)].pk)
        for n, s in enumerate(sessions)
    )
    bookings = []
    for n, session in enumerate(sessions):
        for k in range(BOOKINGS_PER_SESSION):
            person = people[(n * BOOKINGS_PER_SESSION + k) % PEOPLE]
            outcome = (
                (Booking.Outcome.NO_SHOW if k % 10 == 9 else Booking.Outcome.COMPLETED)
                if k < 40
                else ""
            )
            bookings.append(
                Booking(
                    session=session,
                    user=person,
                    status=Booking.Status.CONFIRMED if k < 40 else Booking.Status.CANCELLED,
                    outcome=outcome,
                    completed_at=session.completed_at if outcome == "completed" else None,
                    cancelled_at=session.completed_at - dt.timedelta(days=k % 8)
                    if k >= 40
                    else None,
                    waitlisted_at=session.completed_at - dt.timedelta(days=20) if k >= 45 else None,
                )
            )
    bookings = Booking.objects.bulk_create(bookings, batch_size=5000)
    completed = [b for b in bookings if b.completed_at]
    organisation_of = {person.pk: person.organisation_id for person in people}
    participations = Participation.objects.bulk_create(
        (
            Participation(
                person_id=b.user_id,
                organisation_id=organisation_of[b.user_id],
                booking=b,
                course_id=b.session.course_id,
                session_id=b.session_id,
                completed_at=b.completed_at,
                confidence_before=3 + n % 4 if n % 5 else None,
                confidence_after=6 + n % 4,
                confidence_follow_up=6 + n % 3 if n % 3 == 0 else None,
            )
            for n, b in enumerate(completed)
        ),
        batch_size=5000,
    )
    Enrolment.objects.bulk_create(
        (
            Enrolment(
                learner=person,
                module_key=module.translation_key,
                module=module,
                completed_at=now - dt.timedelta(days=(n * 7 + m) % 360),
            )
            for n, person in enumerate(people)
            for m, module in enumerate(modules)
        ),
        batch_size=5000,
    )
    form = FeedbackForm.objects.get(course=None, module=None)
    questions = list(form.questions.all())
    responses = FeedbackResponse.objects.bulk_create(
        FeedbackResponse(
            form=form,
            course_id=p.course_id,
            session_id=p.session_id,
            organisation_id=p.organisation_id,
            is_anonymous=True,
            submitted_on=timezone.localdate(p.completed_at),
        )
        for p in participations[:RESPONSES]
    )
    FeedbackAnswer.objects.bulk_create(
        (
            FeedbackAnswer(
                response=r,
                question=q,
                question_text=q.text,
                topic=q.topic,
                rating=1 + (n + i) % 5 if q.kind == "rating" else None,
                text="" if q.kind == "rating" else f"Comment {n}",
            )
            for n, r in enumerate(responses)
            for i, q in enumerate(questions)
        ),
        batch_size=5000,
    )
    today = timezone.localdate()
    for n in range(12):
        month = (today.replace(day=1) - dt.timedelta(days=31 * n)).replace(day=1)
        IndicatorMonth.objects.create(month=month, re_referrals=20 + n, looked_after=300 - n)
        Milestone.objects.create(date=month, title=f"Milestone {n}")
    administrator = UserFactory(staff=True, training_admin=True)
    return (
        administrator,
        organisations[0],
        {
            "people": PEOPLE,
            "bookings": len(bookings),
            "completions": len(completed) + PEOPLE * MODULES,
            "feedback answers": len(responses) * len(questions),
        },
    )


def timed(client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries.captured_queries)


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

        administrator, organisation, counts = build()
        # A live database has planner statistics; freshly bulk-loaded tables have none until
        # autovacuum gets to them, and the planner then guesses join orders badly.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(", ".join(f"{value:,} {name}" for name, value in counts.items()))
        client = Client()
        client.force_login(administrator)
        scorecard = reverse("impact_admin:scorecard")
        pages = {
            "scorecard": scorecard,
            "scorecard, one organisation": f"{scorecard}?organisation={organisation.pk}",
            "scorecard CSV export": f"{scorecard}?export=csv",
            "sessions list": reverse("bookings_session:index"),
        }
        for url in pages.values():  # warm up: caches, compiled templates
            timed(client, url)
        times = {name: [] for name in pages}
        queries = {}
        for _ in range(rounds):
            for name, url in pages.items():
                elapsed, count = timed(client, url)
                times[name].append(elapsed)
                queries[name] = count
        reference = statistics.median(times["sessions list"])
        for name in pages:
            median = statistics.median(times[name])
            print(
                f"{name:<28} median {median * 1000:6.0f} ms  {queries[name]:3d} queries  "
                f"{median / reference:5.2f} x the sessions list"
            )
        print(f"(medians of {rounds} interleaved rounds; target: the scorecard under 500 ms)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
