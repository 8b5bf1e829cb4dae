import io

import pytest
from wagtail.documents.models import Document
from wagtail.models import Locale

from accounts import demo as accounts_demo
from elearning import demo, services
from elearning.blocks import EXERCISE_BLOCK_TYPES
from elearning.models import AssessmentPage, BriefingPage, LessonPage, ModuleIndexPage, ModulePage
from home import demo as home_demo

pytestmark = pytest.mark.django_db


def seed():
    accounts_demo.seed(stdout=io.StringIO())
    home_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())


def test_the_demo_module_is_complete_and_idempotent():
    seed()
    first = (
        LessonPage.objects.count(),
        AssessmentPage.objects.count(),
        BriefingPage.objects.count(),
        Document.objects.count(),
    )

    seed()

    assert (
        LessonPage.objects.count(),
        AssessmentPage.objects.count(),
        BriefingPage.objects.count(),
        Document.objects.count(),
    ) == first
    # The English originals (the demo also translates them into Welsh: issue 13).
    index = ModuleIndexPage.objects.get(locale=Locale.get_default())
    module = ModulePage.objects.get(locale=Locale.get_default())
    assert index.show_in_menus and BriefingPage.objects.get().show_in_menus
    assert len(module.lessons) >= 6
    kinds = {block.block_type for lesson in module.lessons for block in lesson.body}
    assert kinds >= EXERCISE_BLOCK_TYPES
    assert len(module.assessment.questions) >= 15
    assert module.issues_certificate and module.cpd_minutes


def test_the_demo_module_can_be_completed_by_the_demo_learner():
    from accounts.models import User

    seed()
    learner = User.objects.get(email="learner@example-borough.gov.uk")
    module = ModulePage.objects.get(locale=Locale.get_default())
    # Issuing the certificate is the certificates app's part, tested there.
    ModulePage.objects.filter(pk=module.pk).update(issues_certificate=False)
    for lesson in module.lessons:
        services.mark_lesson_complete(learner=learner, lesson=lesson)
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    answers = {question["id"]: question["correct"] for question in attempt.questions}

    services.submit_attempt(attempt=attempt, answers=answers)

    assert learner.elearning_enrolments.get().completed_at is not None
