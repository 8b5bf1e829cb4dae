"""Two submissions of the same attempt at the same moment (a double click, two tabs) score it
once: submit_attempt locks the attempt row. Real threads and connections, PostgreSQL only."""

from elearning import services
from elearning.models import AssessmentAttempt, Enrolment
from tests.concurrency import POSTGRES_ONLY, run_at_once
from tests.factories import UserFactory

from .factories import answers_for, make_module

pytestmark = POSTGRES_ONLY


def test_simultaneous_submissions_score_the_attempt_once():
    # Not the `learner` fixture: it asks for `db`, which would drop the serialized rollback.
    learner = UserFactory(staff=True)
    module = make_module(lessons=0, pool=4, per_attempt=4)
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)

    def submit(right):
        try:
            services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=right))
        except services.AttemptAlreadySubmitted:
            return "refused"
        return "scored"

    outcomes, errors = run_at_once([lambda right=right: submit(right) for right in (1, 4)])

    attempt.refresh_from_db()
    assert errors == []
    assert sorted(outcomes) == ["refused", "scored"]
    assert AssessmentAttempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert Enrolment.objects.get(learner=learner).best_score == attempt.score
