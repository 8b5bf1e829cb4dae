"""Two submissions of the same attempt at the same moment (a double click, two tabs) score it
once: submit_attempt locks the attempt row. Real threads and connections, PostgreSQL only."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from elearning import services
from elearning.models import AssessmentAttempt, Enrolment
from tests.factories import UserFactory

from .factories import answers_for, make_module

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks need PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_simultaneous_submissions_score_the_attempt_once():
    # Not the `learner` fixture: it asks for `db`, which would drop the serialized rollback.
    learner = UserFactory(staff=True)
    module = make_module(lessons=0, pool=4, per_attempt=4)
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(right):
        try:
            barrier.wait()
            services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=right))
            outcomes.append("scored")
        except services.AttemptAlreadySubmitted:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(right,)) for right in (1, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    attempt.refresh_from_db()
    assert sorted(outcomes) == ["refused", "scored"]
    assert AssessmentAttempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert Enrolment.objects.get(learner=learner).best_score == attempt.score
