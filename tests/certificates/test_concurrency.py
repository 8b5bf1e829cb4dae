"""Two completion events for the same booking at the same moment: real threads, each with its
own PostgreSQL connection. Only PostgreSQL lets two writers overlap (SQLite serialises them):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/certificates_helper pytest tests/certificates
"""

import threading

from django.db import IntegrityError

from certificates import selectors, services
from certificates.models import Certificate
from tests.concurrency import POSTGRES_ONLY, run_at_once

from .factories import complete_booking, make_completed_session

pytestmark = POSTGRES_ONLY


def both_find_nothing(monkeypatch) -> None:
    """Make the two threads each look for an existing certificate before either inserts one,
    so they race for the insert every time."""
    barrier = threading.Barrier(2, timeout=10)
    first_look = threading.local()
    real_lookup = selectors.active_certificate

    def look_then_wait(**kwargs):
        found = real_lookup(**kwargs)
        if not getattr(first_look, "done", False):
            first_look.done = True
            barrier.wait()
        return found

    monkeypatch.setattr(selectors, "active_certificate", look_then_wait)


def completed_booking(learner):
    session, [booking] = make_completed_session(learners=[learner])
    Certificate.objects.all().delete()
    complete_booking(booking)  # issues one; start the race from none
    Certificate.objects.all().delete()
    return booking


def test_simultaneous_completion_events_issue_one_certificate(learner, monkeypatch):
    booking = completed_booking(learner)
    both_find_nothing(monkeypatch)

    results, errors = run_at_once(
        [lambda: services.issue_certificate(recipient=learner, subject=booking)] * 2
    )

    assert errors == []
    assert Certificate.objects.count() == 1
    assert {certificate.pk for certificate in results} == {Certificate.objects.get().pk}


def test_without_the_recovery_the_constraint_refuses_the_second_insert(learner, monkeypatch):
    """The same race with issue's IntegrityError recovery bypassed: the partial unique
    constraint is what stops the second certificate."""
    booking = completed_booking(learner)
    completion = services.subjects.describe(booking)
    both_find_nothing(monkeypatch)

    def insert_blindly():
        selectors.active_certificate(recipient=learner, subject=booking)
        return services._create(recipient=learner, subject=booking, completion=completion, by=None)

    results, errors = run_at_once([insert_blindly] * 2)

    assert len(results) == 1
    assert [type(error) for error in errors] == [IntegrityError]
    assert Certificate.objects.count() == 1
