"""N people booking M places at the same moment, on PostgreSQL: throughput and correctness.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bookings_bench \\
        .venv/bin/python bench/booking_concurrency.py [--clients 50] [--places 10] [--rounds 3]

Each client is a thread with its own database connection calling bookings.services.book for
the same session once, all released together. The script creates a throwaway test database
(test_<name>) with the test settings (emails rendered and kept in memory), prints bookings per
second and checks that exactly min(N, M) places are confirmed and the rest hold waiting list
positions 1..N-M. `--without-lock` runs the same harness with the row lock switched off, to
show what it prevents. Not a test: `make bench-bookings` runs it.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bookings_bench")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--places", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--without-lock", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")

    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)

    from bookings.models import Session
    from bookings.services import locks
    from tests.bookings.factories import make_session
    from tests.factories import UserFactory

    if args.without_lock:
        locks.lock_session = lambda session_id: Session.objects.get(pk=session_id)

    print(
        f"{args.clients} clients, {args.places} places, {args.rounds} rounds, "
        f"row lock {'OFF' if args.without_lock else 'on'}, database {test_db}"
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
        rate = args.clients / elapsed
        rates.append(rate)
        print(
            f"  round {round_number}: {elapsed * 1000:7.1f} ms, {rate:6.1f} bookings/s; "
            f"{summary}; {len(errors)} errors; {'OK' if ok else 'WRONG'}"
        )
    print(f"median {sorted(rates)[len(rates) // 2]:.1f} bookings/s; correct: {all_ok}")
    connection.creation.destroy_test_db(test_db, verbosity=0)
    sys.exit(0 if all_ok or args.without_lock else 1)


if __name__ == "__main__":
    main()
