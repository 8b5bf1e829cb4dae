"""Every change to a learner's e-learning record: enrolment, lessons, exercises, assessment."""

import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext

from . import signals
from .models import (
    AssessmentAttempt,
    AssessmentPage,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    LessonPage,
    ModulePage,
)
from .permissions import user_can_track_progress
from .selectors import (
    ModuleOutline,
    ModuleProgress,
    learner_progress,
    module_of,
    module_outline,
    module_progress,
)


class ElearningError(Exception):
    """Base of the refusals below; the message is fit to show the learner."""


class NotAllowed(ElearningError):
    pass


class LessonLocked(ElearningError):
    def __init__(self, *, next_lesson: LessonPage):
        self.next_lesson = next_lesson
        super().__init__(
            gettext("Complete “%(lesson)s” before moving on to this lesson.")
            % {"lesson": next_lesson.title}
        )


class AssessmentLocked(ElearningError):
    pass


class AttemptAlreadySubmitted(ElearningError):
    def __init__(self):
        super().__init__(gettext("You have already submitted this attempt. Its result is below."))


class InvalidAnswers(ElearningError):
    pass


def _check_can_track(learner, module: ModulePage) -> None:
    if not user_can_track_progress(learner, module):
        raise NotAllowed(gettext("This module is not available to your account."))


def enrol(*, learner, module: ModulePage) -> Enrolment:
    """The learner's enrolment in the module, started now if this is their first visit.
    Only starting one writes: a learner already enrolled costs one read."""
    _check_can_track(learner, module)
    enrolment = Enrolment.objects.filter(learner=learner, module_key=module.translation_key).first()
    if enrolment is not None:
        return enrolment
    enrolment = Enrolment(learner=learner, module_key=module.translation_key, module=module)
    enrolment.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a second tab enrolled at the same moment
        enrolment = Enrolment.objects.get(learner=learner, module_key=module.translation_key)
    return enrolment


def record_lesson_visit(*, learner, lesson: LessonPage, outline: ModuleOutline) -> ModuleProgress:
    """Enrol if needed, refuse a lesson that is not open yet, and remember where they are.
    Returns the learner's progress in the module.

    A visit that changes nothing (the usual case: enrolled, and on the lesson they last
    opened) only reads: no transaction, so SQLite's write lock is never taken for it."""
    module = outline.module
    _check_can_track(learner, module)
    progress = learner_progress(learner=learner, outlines=[outline])[module.pk]
    if progress.enrolment is None:
        progress.enrolment = enrol(learner=learner, module=module)
    if not progress.lesson_is_open(lesson):
        raise LessonLocked(next_lesson=progress.first_unfinished_lesson())
    enrolment = progress.enrolment
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.save(update_fields=["last_lesson"])
    return progress


@dataclass(frozen=True)
class LessonCompleted:
    """What marking a lesson complete did."""

    newly_completed: bool  # False when the lesson was already complete (a double click)
    module_completed: bool  # this call completed the module


@transaction.atomic
def mark_lesson_complete(
    *, learner, lesson: LessonPage, outline: ModuleOutline | None = None
) -> LessonCompleted:
    """Record the lesson as complete (once), then complete the module if that was the last
    step. `outline` is the lesson's module's, when the caller already has it."""
    outline = outline or module_outline(module_of(lesson))
    module = outline.module
    enrol(learner=learner, module=module)
    progress = learner_progress(learner=learner, outlines=[outline])[module.pk]
    if not progress.lesson_is_open(lesson):
        raise LessonLocked(next_lesson=progress.first_unfinished_lesson())
    newly_completed = False
    if not progress.is_lesson_complete(lesson):
        completion = LessonCompletion(
            learner=learner,
            module_key=module.translation_key,
            lesson_key=lesson.translation_key,
            lesson=lesson,
        )
        completion.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                completion.save()
            newly_completed = True
        except IntegrityError:  # a double click already recorded it
            pass
    return LessonCompleted(
        newly_completed=newly_completed,
        module_completed=complete_module_if_done(learner=learner, module=module, outline=outline),
    )


@transaction.atomic
def complete_module_if_done(
    *, learner, module: ModulePage, outline: ModuleOutline | None = None
) -> bool:
    """Record the module as completed when every lesson is complete and the assessment (if
    any) is passed. Completion is recorded once: returns True only the time it happens, after
    sending `signals.module_completed` inside this transaction.

    Progress is read again once the enrolment is locked: two tabs completing the last two
    lessons at once must not both miss the other's lesson."""
    enrolment = Enrolment.objects.select_for_update().get(
        learner=learner, module_key=module.translation_key
    )
    if enrolment.completed_at is not None:
        return False
    outline = outline or module_outline(module)
    progress = learner_progress(learner=learner, outlines=[outline])[module.pk]
    if not outline.steps:
        return False
    if not progress.all_lessons_complete:
        return False
    if progress.has_assessment and not progress.assessment_passed:
        return False
    enrolment.completed_at = timezone.now()
    enrolment.completed_in = get_language() or settings.LANGUAGE_CODE
    enrolment.save(update_fields=["completed_at", "completed_in"])
    signals.module_completed.send(
        sender=Enrolment,
        learner=learner,
        module=module,
        enrolment=enrolment,
        completed_at=enrolment.completed_at,
    )
    return True


def _exercise_block(lesson: LessonPage, block_id: str):
    for block in lesson.body:
        if block.id == block_id and block.block_type in ExerciseAnswer.Kind.values:
            return block
    raise InvalidAnswers(gettext("That exercise is no longer part of this lesson."))


def exercise_prompt(block) -> str:
    value = block.value
    if block.block_type == "knowledge_check":
        return value["question"]
    if block.block_type == "three_columns":
        return value["title"]
    return value["prompt"]


@transaction.atomic
def save_exercise_answer(
    *, learner, lesson: LessonPage, block_id: str, answer: dict[str, Any]
) -> ExerciseAnswer:
    """Save (or replace) the learner's answer to one exercise block of the lesson.

    `answer` is the cleaned data of the block's form (see elearning.forms)."""
    module = module_of(lesson)
    _check_can_track(learner, module)
    block = _exercise_block(lesson, block_id)
    exercise, _ = ExerciseAnswer.objects.select_for_update().get_or_create(
        learner=learner,
        lesson_key=lesson.translation_key,
        block_id=block_id,
        defaults={"kind": block.block_type, "prompt": "", "answer": {}, "lesson": lesson},
    )
    exercise.kind = block.block_type
    exercise.lesson = lesson
    exercise.prompt = exercise_prompt(block)
    exercise.answer = answer
    exercise.updated_at = timezone.now()
    exercise.full_clean(validate_unique=False, validate_constraints=False)
    exercise.save()
    return exercise


def draw_questions(assessment: AssessmentPage, *, rng: random.Random) -> list[dict]:
    """A fresh draw from the pool, in shuffled order with shuffled options."""
    pool = [block for block in assessment.questions if block.block_type == "question"]
    drawn = rng.sample(pool, min(assessment.questions_per_attempt, len(pool)))
    questions = []
    for block in drawn:
        options = [
            {"key": str(index), "text": option["text"], "correct": bool(option["correct"])}
            for index, option in enumerate(block.value["options"])
        ]
        rng.shuffle(options)
        correct = [option["key"] for option in options if option["correct"]]
        questions.append(
            {
                "id": block.id,
                "text": block.value["question"],
                "multiple": len(correct) > 1,
                "options": [{"key": o["key"], "text": o["text"]} for o in options],
                "correct": correct,
            }
        )
    return questions


@transaction.atomic
def start_attempt(
    *, learner, assessment: AssessmentPage, rng: random.Random | None = None
) -> AssessmentAttempt:
    """The learner's attempt in progress, or a new one with freshly drawn questions."""
    module = module_of(assessment)
    enrol(learner=learner, module=module)
    progress = module_progress(learner=learner, module=module)
    if not progress.assessment_is_open():
        raise AssessmentLocked(gettext("Complete every lesson before taking the assessment."))
    existing = (
        AssessmentAttempt.objects.select_for_update()
        .filter(learner=learner, assessment_key=assessment.translation_key, submitted_at=None)
        .first()
    )
    if existing is not None:
        return existing
    questions = draw_questions(assessment, rng=rng or random.SystemRandom())
    if not questions:
        raise AssessmentLocked(gettext("This assessment has no questions yet."))
    attempt = AssessmentAttempt(
        learner=learner,
        module_key=module.translation_key,
        assessment_key=assessment.translation_key,
        assessment=assessment,
        questions=questions,
        pass_mark=module.pass_mark,
    )
    attempt.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:  # started in another tab at the same moment
        attempt = AssessmentAttempt.objects.get(
            learner=learner, assessment_key=assessment.translation_key, submitted_at=None
        )
    return attempt


def score_answers(questions: list[dict], answers: dict[str, list[str]]) -> int:
    """Percent of questions answered exactly right (every correct option, nothing else)."""
    right = sum(
        1
        for question in questions
        if sorted(answers.get(question["id"], [])) == sorted(question["correct"])
    )
    return round(right * 100 / len(questions)) if questions else 0


def _validate_answers(questions: list[dict], answers: dict[str, list[str]]) -> dict[str, list[str]]:
    cleaned = {}
    for question in questions:
        chosen = [str(key) for key in answers.get(question["id"], [])]
        keys = {option["key"] for option in question["options"]}
        if not chosen or not set(chosen) <= keys or (len(chosen) > 1 and not question["multiple"]):
            raise InvalidAnswers(
                gettext("Answer the question “%(question)s”.") % {"question": question["text"]}
            )
        cleaned[question["id"]] = sorted(set(chosen))
    return cleaned


@dataclass(frozen=True)
class AttemptSubmitted:
    """What submitting an attempt did."""

    attempt: AssessmentAttempt  # scored
    module_completed: bool  # the pass completed the module


@transaction.atomic
def submit_attempt(
    *, attempt: AssessmentAttempt, answers: dict[str, list[str]]
) -> AttemptSubmitted:
    """Score the attempt once; a second submission (double click, stale tab) is refused.

    A pass updates the learner's best score (and, the first time, when they passed) and may
    complete the module."""
    attempt = AssessmentAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_submitted:
        raise AttemptAlreadySubmitted()
    attempt.answers = _validate_answers(attempt.questions, answers)
    attempt.score = score_answers(attempt.questions, attempt.answers)
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.submitted_at = timezone.now()
    attempt.full_clean(validate_unique=False, validate_constraints=False)
    attempt.save()
    enrolment = Enrolment.objects.select_for_update().get(
        learner=attempt.learner, module_key=attempt.module_key
    )
    changed = []
    if enrolment.best_score is None or attempt.score > enrolment.best_score:
        enrolment.best_score = attempt.score
        changed.append("best_score")
    if attempt.passed and enrolment.assessment_passed_at is None:
        enrolment.assessment_passed_at = attempt.submitted_at
        changed.append("assessment_passed_at")
    if changed:
        enrolment.save(update_fields=changed)
    module_completed = False
    if attempt.passed and attempt.assessment is not None:
        module_completed = complete_module_if_done(
            learner=attempt.learner, module=module_of(attempt.assessment)
        )
    return AttemptSubmitted(attempt=attempt, module_completed=module_completed)
