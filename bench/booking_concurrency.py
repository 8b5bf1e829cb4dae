"""Booking on PostgreSQL: correctness of a race for the last places, and throughput as a
fraction of what PostgreSQL itself does for a transaction of the same shape.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bookings_bench \\
        .venv/bin/python bench/booking_concurrency.py [--clients 50] [--places 10] [--rounds 3]
        [--processes 4] [--seconds 5]

1. The race: N threads, each with its own connection, call bookings.services.book for the same
   session once, released together. Exactly min(N, M) places must be confirmed and the rest
   hold waiting-list positions 1..N-M. `--without-lock` runs it with the session lock switched
   off (patched where it is looked up, bookings.services.locks.lock_session_row, the one
   book() takes, and lock_session), to show what it prevents.
2. Throughput, in interleaved rounds: P processes (not threads: Python's GIL would bound
   threads) each keep one persistent connection and book distinct people onto one session
   (its first places confirmed, then a growing waiting list) for S seconds; then pgbench runs
   the same transaction shape with as many clients for as long: lock the person, lock the
   session's row, read its days with the count of its places and whether the person holds a
   place at the same time elsewhere (one row per day), insert the booking, its audit entry
   and its email's outbox row, commit, then enqueue the task that sends the email. It prints
   bookings per second, pgbench's transactions per second and their ratio (medians of the
   rounds). The target is a ratio of at least 0.25.

The script creates a throwaway test database (test_<name>) with the test settings, except that
tasks go to the database as in production (django_tasks_db): a booking enqueues its email's
delivery after commit and a worker renders and sends it, off the booking's request, so the
booking processes here do not render emails either. Not a test: `make bench-bookings` runs it.
"""

import argparse
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bookings_bench")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

TARGET_RATIO = 0.25


# 1. The race


def book_at_once(session, people) -> tuple[float, list[Exception]]:
    from bookings import services

    barrier = threading.Barrier(len(people) + 1)
    errors: list[Exception] = []

    def client(person):
        try:
            barrier.wait()
            services.book(user=person, session=session)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, errors


def check(session, clients: int, places: int) -> tuple[bool, str]:
    from bookings import selectors
    from bookings.models import Booking

    bookings = list(
        Booking.objects.filter(session=session).annotate(position=selectors.waitlist_position())
    )
    confirmed = sum(b.status == Booking.Status.CONFIRMED for b in bookings)
    positions = sorted(b.position for b in bookings if b.status == Booking.Status.WAITLISTED)
    expected_confirmed = min(clients, places)
    ok = confirmed == expected_confirmed and positions == list(
        range(1, clients - expected_confirmed + 1)
    )
    summary = f"{confirmed} confirmed (capacity {places}), {len(positions)} waiting"
    if positions:
        summary += f", positions {positions[0]}..{positions[-1]}"
    return ok, summary


def race(args) -> bool:
    from tests.bookings.factories import make_session
    from tests.factories import UserFactory

    print(
        f"Race: {args.clients} clients, {args.places} places, {args.rounds} rounds, "
        f"row lock {'OFF' if args.without_lock else 'on'}"
    )
    all_ok = True
    rates = []
    for round_number in range(1, args.rounds + 1):
        session = make_session(capacity=args.places)
        people = [UserFactory() for _ in range(args.clients)]
        elapsed, errors = book_at_once(session, people)
        ok, summary = check(session, args.clients, args.places)
        ok = ok and not errors
        all_ok &= ok
        rates.append(args.clients / elapsed)
        print(
            f"  round {round_number}: {elapsed * 1000:7.1f} ms, {rates[-1]:6.1f} bookings/s; "
            f"{summary}; {len(errors)} errors; {'OK' if ok else 'WRONG'}"
        )
    print(f"  median {statistics.median(rates):.1f} bookings/s; correct: {all_ok}")
    return all_ok


# 2. Throughput against pgbench


def make_people(count: int) -> list[int]:
    from accounts.models import User

    stamp = time.monotonic_ns()
    users = User.objects.bulk_create(
        User(email=f"bench-{stamp}-{n}@partner.example", full_name=f"Bench Person {n}")
        for n in range(count)
    )
    return [user.pk for user in users]


def booking_process(session_id, user_ids, barrier, deadline_seconds, done) -> None:
    """One client: books people one after another on its own persistent connection."""
    from accounts.models import User
    from bookings import selectors, services

    connections.close_all()  # never share the parent's connection
    session = selectors.session_for_page(session_id)
    people = iter(User.objects.filter(pk__in=user_ids).order_by("pk"))
    barrier.wait()
    deadline = time.perf_counter() + deadline_seconds
    count = 0
    for person in people:
        if time.perf_counter() >= deadline:
            break
        services.book(user=person, session=session)
        count += 1
    done.put(count)
    connections.close_all()


def our_rate(processes: int, seconds: float, places: int) -> tuple[float, bool]:
    from tests.bookings.factories import make_session

    session = make_session(capacity=places)
    # More people than any process can book in the time.
    per_process = max(200, int(seconds * 400))
    people = make_people(per_process * processes)
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes + 1)
    done = context.Queue()
    workers = [
        context.Process(
            target=booking_process,
            args=(session.pk, people[n::processes], barrier, seconds, done),
        )
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    start = time.perf_counter()
    booked = sum(done.get() for _ in workers)
    elapsed = time.perf_counter() - start
    for worker in workers:
        worker.join()
    ok, _ = check(session, booked, places)
    return booked / elapsed, ok


PGBENCH_TABLES = """
DROP TABLE IF EXISTS pgbench_booking, pgbench_auditlog;
CREATE TABLE pgbench_booking (
    id bigserial PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES bookings_session (id),
    user_id bigint NOT NULL REFERENCES accounts_user (id),
    status varchar(20) NOT NULL,
    created_at timestamptz NOT NULL,
    waitlisted_at timestamptz
);
CREATE INDEX ON pgbench_booking (session_id, status);
CREATE TABLE pgbench_auditlog (
    id bigserial PRIMARY KEY,
    object_id varchar(255) NOT NULL,
    action varchar(255) NOT NULL,
    data jsonb NOT NULL,
    timestamp timestamptz NOT NULL,
    user_id bigint REFERENCES accounts_user (id)
);
"""

# The statements book() sends for a person joining the waiting list, in the same order (the
# outbox row and the task go to the project's own tables, with their indexes).
PGBENCH_SCRIPT = """
\\set uid random(:first_user, :last_user)
BEGIN;
SELECT id FROM accounts_user WHERE id IN (:uid) ORDER BY 1 FOR UPDATE;
SELECT s.* FROM bookings_session s WHERE s.id = :sid LIMIT 21 FOR UPDATE;
SELECT d.id, d.session_id, d.date, d.start_time, d.end_time, d.check_in_code,
       count(b.id) FILTER (WHERE b.status = 'confirmed'),
       count(b.id) FILTER (WHERE b.status = 'waitlisted'),
       max(b.waitlisted_at) FILTER (WHERE b.status = 'waitlisted'),
       count(b.id) FILTER (WHERE b.status IN ('awaiting_approval', 'confirmed', 'waitlisted')
                           AND b.user_id = :uid),
       EXISTS (SELECT 1 FROM bookings_sessionreservation r
               WHERE r.release_at > now() AND r.session_id = d.session_id LIMIT 1),
       EXISTS (SELECT 1 FROM bookings_sessionday o
               JOIN bookings_session os ON os.id = o.session_id
               JOIN pgbench_booking ob ON ob.session_id = os.id
               WHERE ob.user_id = :uid AND ob.status = 'confirmed' AND os.status = 'scheduled'
               AND o.date = d.date AND o.start_time < d.end_time AND o.end_time > d.start_time
               AND NOT (o.session_id = d.session_id) LIMIT 1)
  FROM bookings_sessionday d JOIN bookings_session s ON s.id = d.session_id
  LEFT JOIN pgbench_booking b ON b.session_id = s.id
  WHERE d.session_id = :sid GROUP BY d.id ORDER BY d.date, d.start_time;
INSERT INTO pgbench_booking (session_id, user_id, status, created_at, waitlisted_at)
  VALUES (:sid, :uid, 'waitlisted', now(), now()) RETURNING id;
INSERT INTO pgbench_auditlog (object_id, action, data, timestamp, user_id)
  VALUES (:uid, 'bookings.booking.waitlisted', '{"from": null, "to": "waitlisted"}', now(), :uid)
  RETURNING id;
INSERT INTO home_outboxemail (\"to\", reply_to, template, context, attachment_recipes, language,
    subject, text_body, html_body, attachments, rendered, object_id, status, attempts,
    next_attempt_at, last_error, created_at)
  VALUES ('["bench@partner.example"]', '[]', 'bookings/emails/booking_waitlisted',
    ('{"booking": {"$model": "bookings.booking", "pk": 1}, '
    || '"session": {"$model": "bookings.session", "pk": 1}, '
    || '"course": {"$model": "courses.coursepage", "pk": 5, "$in_email_language": true}, '
    || '"days": [{"$model": "bookings.sessionday", "pk": 1}], '
    || '"venue": {"$model": "bookings.venue", "pk": 1}, '
    || '"person": {"$model": "accounts.user", "pk": 1}, '
    || '"session_url": "http://testserver/training/sessions/1/", '
    || '"my_bookings_url": "http://testserver/my-learning/bookings/", "position": 11}')::jsonb,
    '[]', 'en-gb', '', '', '', '[]', false, :uid, 'pending', 0, now(), '', now())
  RETURNING id;
COMMIT;
INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, args_kwargs, priority,
    task_path, worker_ids, queue_name, backend_name, run_after, exception_class_path, traceback)
  VALUES (gen_random_uuid(), 'READY', now(), '{"args": [], "kwargs": {}}', 0,
    'home.tasks.deliver_due_emails', '[]', 'default', 'default', '9999-01-01', '', '');
"""


def pgbench_rate(clients: int, seconds: float, session_id: int, user_ids: list[int]) -> float:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": settings["HOST"] or "127.0.0.1",
        "PGPORT": str(settings["PORT"] or 5432),
        "PGUSER": settings["USER"] or "postgres",
        "PGPASSWORD": settings["PASSWORD"] or "",
        "PGDATABASE": settings["NAME"],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as script:
        script.write(PGBENCH_SCRIPT)
        script.flush()
        result = subprocess.run(  # noqa: S603 - our own fixed arguments
            [
                shutil.which("pgbench") or "pgbench",
                "--no-vacuum",
                f"--client={clients}",
                f"--jobs={min(clients, os.cpu_count() or 1)}",
                f"--time={max(1, round(seconds))}",
                f"--file={script.name}",
                f"--define=sid={session_id}",
                f"--define=first_user={min(user_ids)}",
                f"--define=last_user={max(user_ids)}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", result.stdout)
    if match is None:
        sys.exit(f"Could not read pgbench's output:\n{result.stdout}\n{result.stderr}")
    return float(match.group(1))


def throughput(args) -> bool:
    from tests.bookings.factories import make_session

    if shutil.which("pgbench") is None:
        print("Throughput: pgbench is not installed (apt-get install postgresql-client); skipped")
        return True
    with connection.cursor() as cursor:
        cursor.execute(PGBENCH_TABLES)
    reference_session = make_session(capacity=args.places)
    reference_people = make_people(5000)
    connections.close_all()
    print(
        f"Throughput: {args.processes} processes vs pgbench with {args.processes} clients, "
        f"{args.seconds:g} s each, {args.rounds} interleaved rounds"
    )
    ours, theirs, all_ok = [], [], True
    for round_number in range(1, args.rounds + 1):
        rate, ok = our_rate(args.processes, args.seconds, args.places)
        ours.append(rate)
        all_ok &= ok
        theirs.append(
            pgbench_rate(args.processes, args.seconds, reference_session.pk, reference_people)
        )
        print(
            f"  round {round_number}: book() {ours[-1]:7.1f} bookings/s "
            f"({'correct' if ok else 'WRONG'}); pgbench {theirs[-1]:7.1f} tps; "
            f"ratio {ours[-1] / theirs[-1]:.3f}"
        )
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"  median: book() {statistics.median(ours):.1f} bookings/s, pgbench "
        f"{statistics.median(theirs):.1f} tps, ratio {ratio:.3f} "
        f"(target {TARGET_RATIO}: {'met' if ratio >= TARGET_RATIO else 'NOT met'}); "
        f"correct: {all_ok}"
    )
    return all_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--places", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--without-lock", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")

    setup_test_environment()
    # As in production: a booking enqueues its email's delivery for a worker (see above).
    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Database {test_db}")

    if args.without_lock:
        from bookings.models import Session
        from bookings.services import locks

        locks.lock_session = lambda session_id: Session.objects.get(pk=session_id)
        locks.lock_session_row = locks.lock_session
        race_ok = race(args)
        throughput_ok = True
    else:
        race_ok = race(args)
        throughput_ok = throughput(args)
    connections.close_all()
    connection.creation.destroy_test_db(test_db, verbosity=0)
    sys.exit(0 if (race_ok and throughput_ok) or args.without_lock else 1)


if __name__ == "__main__":
    main()
