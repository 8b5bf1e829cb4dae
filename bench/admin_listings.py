"""Admin listings stay flat as tables grow: the bookings list and the e-learning completions report
at one size and at ten times that size.

    .venv/bin/python bench/admin_listings.py [--database sqlite|postgres] [--bookings 20000]
        [--enrolments 7200] [--rounds 5] [--requests 5]

Seeds two databases under var/bench-admin (SQLite files, or `bench_admin_small` and
`bench_admin_large` on BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/): one
with the given numbers of bookings and e-learning enrolments (with lessons done and passed
assessments), one with ten times as many. Then, in interleaved rounds, a fresh process per
database and round signs a training administrator in and times the first page of each listing
(in its default order) with Django's test client: the server's time per page, warm. Prints the
medians, the growth from the small database to the large one (target: under 1.5 times) and the
queries each page makes. Not a test: `make bench-admin-listings` runs it.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-admin"
LISTINGS = {
    "bookings list": "/admin/training/bookings/",
    "completions report": "/admin/reports/elearning-completions/",
}
SCALE = 10
TARGET_GROWTH = 1.5
BATCH = 2000


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def seed(bookings: int, enrolments: int) -> None:
    """Courses, sessions of 20 places and their bookings; three modules and their learners'
    enrolments, lessons done and passes: bulk inserts, so ten times the data stays quick."""
    setup_django()
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from accounts.models import User
    from bookings.models import Booking, Session, SessionDay
    from elearning.models import AssessmentAttempt, Enrolment, LessonCompletion
    from tests.bookings.factories import VenueFactory
    from tests.courses.factories import make_course
    from tests.elearning.factories import make_module
    from tests.factories import UserFactory

    UserFactory(email="admin@bench.example", staff=True, training_admin=True)
    people = max(20, enrolments // 3)
    unusable = make_password(None)
    User.objects.bulk_create(
        (
            User(email=f"learner{n}@bench.example", full_name=f"Learner {n}", password=unusable)
            for n in range(people)
        ),
        batch_size=BATCH,
    )
    learners = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    learners = [learner for learner in learners if learner.email != "admin@bench.example"]

    courses, venue = [make_course(title=f"Course {n}") for n in range(3)], VenueFactory()
    per_session = 20
    sessions = Session.objects.bulk_create(
        (
            Session(course=courses[n % 3], venue=venue, capacity=per_session)
            for n in range(bookings // per_session)
        ),
        batch_size=BATCH,
    )
    today = timezone.localdate()
    SessionDay.objects.bulk_create(
        (
            SessionDay(
                session=session,
                date=today + dt.timedelta(days=n % 300),
                start_time=dt.time(9, 30),
                end_time=dt.time(16, 30),
            )
            for n, session in enumerate(sessions)
        ),
        batch_size=BATCH,
    )
    start = timezone.now() - dt.timedelta(days=365)
    Booking.objects.bulk_create(
        (
            Booking(
                session=session,
                user=learners[(n * per_session + place) % len(learners)],
                status=Booking.Status.CONFIRMED,
                created_at=start + dt.timedelta(seconds=n * per_session + place),
            )
            for n, session in enumerate(sessions)
            for place in range(per_session)
        ),
        batch_size=BATCH,
    )

    modules = [make_module(title=f"Module {n}", lessons=3) for n in range(3)]
    rows = [
        Enrolment(
            learner=learners[n // 3],
            module_key=modules[n % 3].translation_key,
            module=modules[n % 3],
            started_at=start + dt.timedelta(seconds=n),
            assessment_passed_at=start + dt.timedelta(seconds=n) if n % 4 == 3 else None,
        )
        for n in range(enrolments)
    ]
    Enrolment.objects.bulk_create(rows, batch_size=BATCH)
    LessonCompletion.objects.bulk_create(
        (
            LessonCompletion(
                learner=row.learner,
                module_key=row.module_key,
                lesson_key=lesson.translation_key,
                lesson=lesson,
            )
            for n, row in enumerate(rows)
            for lesson in modules[n % 3].lessons[: n % 4]
        ),
        batch_size=BATCH,
    )
    AssessmentAttempt.objects.bulk_create(
        (
            AssessmentAttempt(
                learner=row.learner,
                module_key=row.module_key,
                assessment_key=modules[n % 3].assessment.translation_key,
                assessment=modules[n % 3].assessment,
                questions=[],
                pass_mark=75,
                submitted_at=row.started_at,
                score=100,
                passed=True,
            )
            for n, row in enumerate(rows)
            if n % 4 == 3
        ),
        batch_size=BATCH,
    )


def measure(requests: int) -> None:
    """Each listing's server time per page (warm), in ms, and its queries: JSON on stdout."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="admin@bench.example"))
    result = {}
    for name, url in LISTINGS.items():
        if client.get(url).status_code != 200:
            sys.exit(f"{name}: {url} did not answer 200")
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        queries = len(context.captured_queries)  # the next request clears the log
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        result[name] = {"ms": statistics.median(times), "queries": queries}
    print(json.dumps(result))


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'{name}.sqlite3'}"
    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
    with psycopg.connect(base + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return base + name


def child(url: str, *arguments: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url}
    result = subprocess.run(  # noqa: S603 - this script, with our own interpreter
        [sys.executable, str(Path(__file__).resolve()), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--bookings", type=int, default=20_000)
    parser.add_argument("--enrolments", type=int, default=7_200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    sizes = {
        "small": (args.bookings, args.enrolments),
        "large": (args.bookings * SCALE, args.enrolments * SCALE),
    }
    urls = {}
    for size, (bookings, enrolments) in sizes.items():
        print(f"seeding the {size} database: {bookings} bookings, {enrolments} enrolments ...")
        urls[size] = database_url(args.database, f"bench_admin_{size}")
        child(urls[size], "seed", str(bookings), str(enrolments))

    found: dict[str, dict[str, list]] = {size: {} for size in sizes}
    for number in range(args.rounds):
        order = list(sizes) if number % 2 == 0 else list(reversed(sizes))
        for size in order:
            measured = json.loads(child(urls[size], "measure", str(args.requests)))
            for name, figures in measured.items():
                found[size].setdefault(name, []).append(figures)
        print(f"  round {number + 1} of {args.rounds} done")

    print(f"\ndatabase: {args.database}; first page of each listing, median ms per page")
    print(f"{'listing':<22}{'small ms':>10}{'large ms':>10}{'growth':>8}{'queries':>10}")
    for name in LISTINGS:
        small = statistics.median(f["ms"] for f in found["small"][name])
        large = statistics.median(f["ms"] for f in found["large"][name])
        queries = f"{found['small'][name][0]['queries']}/{found['large'][name][0]['queries']}"
        growth = large / small
        verdict = "met" if growth < TARGET_GROWTH else "NOT met"
        print(
            f"{name:<22}{small:>10.1f}{large:>10.1f}{growth:>8.2f}{queries:>10}"
            f"   {verdict}: grows < {TARGET_GROWTH}x at {SCALE}x the data"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["seed"]:
        sys.path.pop(0)  # bench/ holds modules named like our apps
        seed(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["measure"]:
        sys.path.pop(0)
        measure(int(sys.argv[2]))
    else:
        main()
