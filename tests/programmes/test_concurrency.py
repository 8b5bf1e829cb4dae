"""Two completion events for the same enrolment at the same moment: real threads, each with
its own PostgreSQL connection. Only PostgreSQL lets two writers overlap:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/issue_10 pytest tests/programmes
"""

import threading
import time

import pytest
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from programmes import locks, selectors, services
from programmes.models import Exemption, ProgrammeEnrolment
from programmes.signals import programme_completed
from tests.concurrency import POSTGRES_ONLY, run_at_once
from tests.factories import UserFactory

from .factories import Kind, course_of, days_ago, enrol, make_programme

pytestmark = POSTGRES_ONLY


@pytest.fixture
def met_enrolment():
    """An active enrolment whose only requirement is exempted: the next event completes it."""
    person = UserFactory(staff=True)
    programme = make_programme(
        [{"kind": Kind.COMPLETE_COURSE, "course": course_of()}], name="Practice Lead programme"
    )
    enrolment = enrol(person, programme, start=days_ago(30))
    Exemption.objects.create(
        enrolment=enrolment,
        requirement=programme.requirements.get(),
        kind=Exemption.Kind.PRIOR_LEARNING,
        reason="Done elsewhere",
    )
    return enrolment


@pytest.fixture
def completions():
    sent = []
    lock = threading.Lock()

    def receiver(sender, *, enrolment, **kwargs):
        with lock:
            sent.append(enrolment.pk)

    programme_completed.connect(receiver, dispatch_uid="race_completions")
    yield sent
    programme_completed.disconnect(dispatch_uid="race_completions")


@pytest.fixture
def slow_progress(monkeypatch):
    """Reading progress takes a while, so the second event arrives while the first is still
    deciding."""
    real = selectors.progress_of_one

    def slowly(*args, **kwargs):
        result = real(*args, **kwargs)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(selectors, "progress_of_one", slowly)


def complete(enrolment):
    return lambda: services.complete_if_met(enrolment=enrolment)


def test_two_simultaneous_completion_events_complete_the_enrolment_once(
    met_enrolment, completions, slow_progress
):
    results, errors = run_at_once([complete(met_enrolment)] * 2)

    assert errors == []
    assert sorted(results) == [False, True]
    assert completions == [met_enrolment.pk]
    assert ProgrammeEnrolment.objects.get().status == "completed"
    assert Certificate.objects.filter(kind=Certificate.Kind.PROGRAMME).count() == 1
    assert ModelLogEntry.objects.filter(action="programmes.enrolment.completed").count() == 1


def test_without_the_lock_both_events_complete_it(
    met_enrolment, completions, slow_progress, monkeypatch
):
    """The same race with the row lock removed: both read 'active' and both complete."""
    monkeypatch.setattr(
        locks,
        "lock_enrolment",
        lambda pk: ProgrammeEnrolment.objects.select_related("person", "programme").get(pk=pk),
    )

    results, errors = run_at_once([complete(met_enrolment)] * 2)

    assert errors == []
    assert results == [True, True]
    assert completions == [met_enrolment.pk, met_enrolment.pk]
    assert ModelLogEntry.objects.filter(action="programmes.enrolment.completed").count() == 2
