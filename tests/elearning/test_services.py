import random
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from accounts.audiences import Audience
from elearning import services, signals
from elearning.models import AssessmentAttempt, Enrolment, LessonCompletion, LessonPage
from elearning.selectors import completed_enrolment, module_outline, module_progress
from tests.factories import UserFactory

from .factories import answers_for, make_module, reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions():
    """Every module_completed signal sent during the test."""
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    signals.module_completed.connect(receiver, weak=False)
    yield received
    signals.module_completed.disconnect(receiver)


def complete_all_lessons(learner, module):
    for lesson in module.lessons:
        services.mark_lesson_complete(learner=learner, lesson=lesson)


def pass_assessment(learner, module):
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    return services.submit_attempt(
        attempt=attempt, answers=answers_for(attempt, right=len(attempt.questions))
    )


def test_module_completes_only_with_every_lesson_and_a_passed_assessment(learner, completions):
    module = make_module(lessons=2)

    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    pass_assessment(learner, module)
    assert completions == [], "one lesson is still missing"

    services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])

    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_at is not None
    assert len(completions) == 1
    event = completions[0]
    assert event["learner"] == learner
    assert event["module"].pk == module.pk
    assert event["enrolment"] == enrolment
    assert event["completed_at"] == enrolment.completed_at


def test_lessons_alone_do_not_complete_a_module_with_an_assessment(learner, completions):
    module = make_module(lessons=2)

    complete_all_lessons(learner, module)

    assert Enrolment.objects.get(learner=learner).completed_at is None
    assert completions == []


def test_a_failed_assessment_does_not_complete_the_module(learner, completions):
    module = make_module(lessons=1)
    complete_all_lessons(learner, module)

    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=1))

    assert completions == []
    assert module_progress(learner=learner, module=module).percent == 50


def test_completion_is_recorded_and_announced_exactly_once(learner, completions):
    module = make_module(lessons=1)
    complete_all_lessons(learner, module)
    pass_assessment(learner, module)
    first_completed_at = Enrolment.objects.get(learner=learner).completed_at

    pass_assessment(learner, module)  # practising again afterwards
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    assert len(completions) == 1
    assert Enrolment.objects.get(learner=learner).completed_at == first_completed_at


def test_a_module_without_assessment_completes_with_its_lessons(learner, completions):
    module = make_module(lessons=2, assessment=False)

    complete_all_lessons(learner, module)

    assert len(completions) == 1


def test_completion_rolls_back_with_a_failing_receiver(learner):
    module = make_module(lessons=1, assessment=False)

    def failing_receiver(sender, **kwargs):
        raise RuntimeError("certificate could not be issued")

    signals.module_completed.connect(failing_receiver, weak=False)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    finally:
        signals.module_completed.disconnect(failing_receiver)

    assert not Enrolment.objects.filter(learner=learner, completed_at__isnull=False).exists()


def test_adding_a_lesson_later_is_needed_by_learners_in_progress_only(learner, completions):
    module = make_module(lessons=1, assessment=False)
    finished = UserFactory(staff=True)
    complete_all_lessons(finished, module)
    services.enrol(learner=learner, module=module)

    module.add_child(instance=LessonPage(title="New lesson", slug="new", body=[]))
    module = type(module).objects.get(pk=module.pk)
    complete_all_lessons(learner, module)  # only the new lesson is still to do for the learner

    assert module_progress(learner=finished, module=module).percent == 100
    assert module_progress(learner=finished, module=module).is_completed
    assert len(completions) == 2
    assert module_progress(learner=learner, module=module).is_completed


def test_a_learner_in_progress_needs_the_lesson_added_later(learner):
    module = make_module(lessons=2, assessment=False)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    module.add_child(instance=LessonPage(title="New lesson", slug="new", body=[]))
    module = type(module).objects.get(pk=module.pk)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])

    progress = module_progress(learner=learner, module=module)

    assert not progress.is_completed
    assert progress.percent == 66


def test_progress_belongs_to_the_translation_key_not_the_page(learner):
    from wagtail.models import Locale

    module = make_module(lessons=2, assessment=False)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    welsh = Locale.objects.get(language_code="cy")  # made by home.0002_locales
    welsh_module = module.copy_for_translation(welsh, copy_parents=True, alias=False)
    welsh_module.save_revision().publish()
    for lesson in module.lessons:
        lesson.copy_for_translation(welsh).save_revision().publish()
    welsh_module = type(module).objects.get(pk=welsh_module.pk)

    progress = module_progress(learner=learner, module=welsh_module)
    assert [lsn.locale_id for lsn in progress.lessons] == [welsh.pk, welsh.pk]
    assert progress.percent == 50
    services.mark_lesson_complete(learner=learner, lesson=welsh_module.lessons[1])
    assert module_progress(learner=learner, module=module).is_completed
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_progress_percent_counts_lessons_and_the_assessment(learner):
    module = make_module(lessons=3)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    assert module_progress(learner=learner, module=module).percent == 25


def test_lessons_in_order_refuse_a_later_lesson(learner):
    module = make_module(lessons=3, lessons_in_order=True)

    with pytest.raises(services.LessonLocked) as locked:
        services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])

    assert locked.value.next_lesson.pk == module.lessons[0].pk
    assert not LessonCompletion.objects.exists()
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])
    assert LessonCompletion.objects.count() == 2


def test_lessons_in_order_keep_the_assessment_closed_until_the_lessons_are_done(learner):
    module = make_module(lessons=1, lessons_in_order=True)

    with pytest.raises(services.AssessmentLocked):
        services.start_attempt(learner=learner, assessment=module.assessment)


def test_staff_only_modules_refuse_partners(partner):
    module = make_module(audience=Audience.STAFF)

    with pytest.raises(services.NotAllowed):
        services.mark_lesson_complete(learner=partner, lesson=module.lessons[0])
    with pytest.raises(services.NotAllowed):
        services.start_attempt(learner=partner, assessment=module.assessment)


def test_partner_only_modules_refuse_staff(learner):
    module = make_module(audience=Audience.PARTNERS)

    with pytest.raises(services.NotAllowed):
        services.enrol(learner=learner, module=module)


def test_an_attempt_draws_and_shuffles_questions_and_options(learner):
    module = make_module(lessons=1, pool=10, per_attempt=6)

    attempt = services.start_attempt(
        learner=learner, assessment=module.assessment, rng=random.Random(3)
    )

    pool_order = [block.id for block in module.assessment.questions]
    drawn = [question["id"] for question in attempt.questions]
    assert len(drawn) == 6 and len(set(drawn)) == 6
    assert set(drawn) <= set(pool_order)
    assert drawn != [qid for qid in pool_order if qid in drawn], "question order is shuffled"
    option_orders = [[o["key"] for o in q["options"]] for q in attempt.questions]
    assert any(order != sorted(order) for order in option_orders), "option order is shuffled"


def test_scoring_follows_the_options_not_their_shuffled_positions(learner):
    module = make_module(lessons=1, pool=4, per_attempt=4, pass_mark=75)

    attempt = services.start_attempt(
        learner=learner, assessment=module.assessment, rng=random.Random(7)
    )
    attempt = services.submit_attempt(
        attempt=attempt, answers=answers_for(attempt, right=3)
    ).attempt

    assert attempt.score == 75
    assert attempt.passed is True
    assert [right for _, right in attempt.results] == [True, True, True, False]
    assert Enrolment.objects.get(learner=learner).best_score == 75


def test_below_the_pass_mark_fails(learner):
    module = make_module(lessons=1, pool=4, per_attempt=4, pass_mark=75)

    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    attempt = services.submit_attempt(
        attempt=attempt, answers=answers_for(attempt, right=2)
    ).attempt

    assert (attempt.score, attempt.passed) == (50, False)


def test_choose_all_questions_need_every_correct_option(learner):
    module = make_module(lessons=1, pool=1, per_attempt=1)
    assessment = module.assessment
    assessment.questions = [
        {
            "type": "question",
            "value": {
                "question": "Which are tools?",
                "options": [
                    {"text": "Three houses", "correct": True},
                    {"text": "Safety circle", "correct": True},
                    {"text": "Risk matrix", "correct": False},
                ],
            },
        }
    ]
    assessment.save_revision().publish()
    assessment.refresh_from_db()
    attempt = services.start_attempt(learner=learner, assessment=assessment)
    question = attempt.questions[0]
    keys = {option["text"]: option["key"] for option in question["options"]}
    assert question["multiple"] is True

    attempt = services.submit_attempt(
        attempt=attempt, answers={question["id"]: [keys["Three houses"]]}
    ).attempt

    assert attempt.score == 0


def test_an_attempt_in_progress_is_resumed_not_redrawn(learner):
    module = make_module(lessons=1, pool=10, per_attempt=3)

    first = services.start_attempt(learner=learner, assessment=module.assessment)
    again = services.start_attempt(learner=learner, assessment=module.assessment)

    assert again.pk == first.pk
    assert again.questions == first.questions


def test_a_submitted_attempt_cannot_be_submitted_again(learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=1))

    with pytest.raises(services.AttemptAlreadySubmitted):
        services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=4))

    attempt.refresh_from_db()
    assert attempt.score == 25
    assert AssessmentAttempt.objects.count() == 1


def test_unanswered_or_unknown_options_are_refused(learner):
    module = make_module(lessons=1, pool=2, per_attempt=2)
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    answers = answers_for(attempt, right=2)
    first_id = attempt.questions[0]["id"]

    with pytest.raises(services.InvalidAnswers):
        services.submit_attempt(attempt=attempt, answers={**answers, first_id: []})
    with pytest.raises(services.InvalidAnswers):
        services.submit_attempt(attempt=attempt, answers={**answers, first_id: ["99"]})

    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_exercise_answers_are_saved_against_the_block_and_replaced(learner):
    block = reflection()
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]

    services.save_exercise_answer(
        learner=learner, lesson=lesson, block_id=block["id"], answer={"text": "First"}
    )
    saved = services.save_exercise_answer(
        learner=learner, lesson=lesson, block_id=block["id"], answer={"text": "Second"}
    )

    assert saved.answer == {"text": "Second"}
    assert saved.prompt == "What did you notice?"
    assert saved.lesson_key == lesson.translation_key
    assert type(saved).objects.count() == 1


def test_answers_to_blocks_that_are_not_exercises_are_refused(learner):
    module = make_module(lessons=1)
    lesson = module.lessons[0]

    with pytest.raises(services.InvalidAnswers):
        services.save_exercise_answer(
            learner=learner, lesson=lesson, block_id=lesson.body[0].id, answer={"text": "x"}
        )


def test_marking_a_lesson_complete_says_what_happened(learner, completions):
    module = make_module(lessons=2, assessment=False)

    first = services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    again = services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    last = services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])
    after = services.mark_lesson_complete(learner=learner, lesson=module.lessons[1])

    assert first == services.LessonCompleted(newly_completed=True, module_completed=False)
    assert again == services.LessonCompleted(newly_completed=False, module_completed=False)
    assert last == services.LessonCompleted(newly_completed=True, module_completed=True)
    assert after == services.LessonCompleted(newly_completed=False, module_completed=False)
    assert len(completions) == 1


def test_submitting_an_attempt_says_whether_it_completed_the_module(learner):
    module = make_module(lessons=1, pool=4, per_attempt=4, pass_mark=75)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    failed = pass_or_fail(learner, module, right=1)
    passed = pass_or_fail(learner, module, right=4)
    passed_again = pass_or_fail(learner, module, right=4)

    assert (failed.attempt.passed, failed.module_completed) == (False, False)
    assert (passed.attempt.passed, passed.module_completed) == (True, True)
    assert (passed_again.attempt.passed, passed_again.module_completed) == (True, False)


def pass_or_fail(learner, module, *, right: int) -> services.AttemptSubmitted:
    attempt = services.start_attempt(learner=learner, assessment=module.assessment)
    return services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=right))


def test_completed_enrolment_is_the_one_answer_to_has_this_person_completed(learner, partner):
    module = make_module(lessons=1, assessment=False)
    assert completed_enrolment(learner=learner, module=module) is None

    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    enrolment = completed_enrolment(learner=learner, module=module)
    assert enrolment == Enrolment.objects.get(learner=learner, completed_at__isnull=False)
    assert completed_enrolment(learner=partner, module=module) is None
    assert completed_enrolment(learner=AnonymousUser(), module=module) is None


def test_the_outline_holds_the_live_lessons_in_order_and_the_live_assessment():
    module = make_module(lessons=3)
    module.lessons[1].unpublish()

    outline = module_outline(module)

    assert [lesson.title for lesson in outline.lessons] == ["Lesson 1", "Lesson 3"]
    assert outline.assessment.pk == module.assessment.pk
    assert outline.steps == 3
    module.assessment.unpublish()
    assert module_outline(module).assessment is None


def test_the_enrolment_keeps_when_the_assessment_was_first_passed(learner):
    module = make_module(lessons=1, pool=4, per_attempt=4, pass_mark=75)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    failed = pass_or_fail(learner, module, right=1)
    after_failing = Enrolment.objects.get(learner=learner).assessment_passed_at
    passed = pass_or_fail(learner, module, right=4)
    pass_or_fail(learner, module, right=4)

    assert failed.attempt.passed is False and after_failing is None
    assert Enrolment.objects.get(learner=learner).assessment_passed_at == (
        passed.attempt.submitted_at
    )


def test_enrolments_made_before_the_field_get_their_first_pass(learner):
    migration = import_module("elearning.migrations.0005_enrolment_assessment_passed_at")
    module = make_module(lessons=1, pool=4, per_attempt=4, pass_mark=75)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    first = pass_or_fail(learner, module, right=4).attempt
    pass_or_fail(learner, module, right=4)
    Enrolment.objects.update(assessment_passed_at=None)

    migration.record_first_passes(apps, schema_editor=None)

    assert Enrolment.objects.get(learner=learner).assessment_passed_at == first.submitted_at
