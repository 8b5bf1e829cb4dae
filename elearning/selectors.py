"""Reads of learners' progress, for one learner or many, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import (
    AssessmentAttempt,
    AssessmentPage,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    LessonPage,
    ModulePage,
)


class LessonStatus:
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


def module_of(page) -> ModulePage:
    """The module a lesson or assessment belongs to (one query)."""
    return ModulePage.objects.parent_of(page).get()


@dataclass(frozen=True)
class ModuleOutline:
    """A module's live lessons, in page-tree order, and its live assessment: the steps a
    learner works through. The same for everyone, so views keep it between requests
    (elearning.views.outline_of)."""

    module: ModulePage
    lessons: tuple[LessonPage, ...]
    assessment: AssessmentPage | None

    @property
    def steps(self) -> int:
        return len(self.lessons) + (1 if self.assessment else 0)


@dataclass
class ModuleProgress:
    """Where one learner is in one module (an anonymous visitor has no enrolment)."""

    outline: ModuleOutline
    enrolment: Enrolment | None = None
    completed_lesson_keys: set[UUID] = field(default_factory=set)

    @property
    def module(self) -> ModulePage:
        return self.outline.module

    @property
    def lessons(self) -> tuple[LessonPage, ...]:
        return self.outline.lessons

    @property
    def assessment(self) -> AssessmentPage | None:
        return self.outline.assessment

    @property
    def has_assessment(self) -> bool:
        return self.outline.assessment is not None

    @property
    def best_score(self) -> int | None:
        return self.enrolment.best_score if self.enrolment else None

    @property
    def assessment_passed(self) -> bool:
        return self.enrolment is not None and self.enrolment.assessment_passed_at is not None

    @property
    def completed_at(self) -> datetime | None:
        return self.enrolment.completed_at if self.enrolment else None

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def steps(self) -> int:
        return self.outline.steps

    @property
    def steps_done(self) -> int:
        lessons_done = sum(1 for lesson in self.lessons if self.is_lesson_complete(lesson))
        return lessons_done + (1 if self.has_assessment and self.assessment_passed else 0)

    @property
    def percent(self) -> int:
        """Percent complete. A completed module stays at 100 even if lessons are added later."""
        if self.is_completed:
            return 100
        if not self.steps:
            return 0
        return self.steps_done * 100 // self.steps

    @property
    def all_lessons_complete(self) -> bool:
        return all(self.is_lesson_complete(lesson) for lesson in self.lessons)

    def is_lesson_complete(self, lesson: LessonPage) -> bool:
        return lesson.translation_key in self.completed_lesson_keys

    def lesson_status(self, lesson: LessonPage) -> str:
        if self.is_lesson_complete(lesson):
            return LessonStatus.COMPLETED
        if self.enrolment and self.enrolment.last_lesson_id == lesson.pk:
            return LessonStatus.IN_PROGRESS
        return LessonStatus.NOT_STARTED

    def first_unfinished_lesson(self) -> LessonPage | None:
        return next((lsn for lsn in self.lessons if not self.is_lesson_complete(lsn)), None)

    def lesson_is_open(self, lesson: LessonPage) -> bool:
        """With "in order" set, a lesson opens once every lesson above it is complete.

        Visitors who are not tracked (signed out) may read every lesson."""
        if not self.module.lessons_in_order or self.enrolment is None or self.is_completed:
            return True
        first_unfinished = self.first_unfinished_lesson()
        if first_unfinished is None:
            return True
        return lesson.path <= first_unfinished.path

    def assessment_is_open(self) -> bool:
        return self.is_completed or not self.module.lessons_in_order or self.all_lessons_complete

    def step_is_open(self, step: LessonPage | AssessmentPage) -> bool:
        """Whether the learner may open a lesson or the assessment now: the one rule behind
        the lesson and assessment views' refusals and the "Next" link that leads to them."""
        if isinstance(step, AssessmentPage):
            return self.assessment_is_open()
        return self.lesson_is_open(step)

    def rows(self) -> list[tuple[int, LessonPage, str, bool]]:
        """(position, lesson, status, whether it is open) for a task list."""
        return [
            (position, lesson, self.lesson_status(lesson), self.lesson_is_open(lesson))
            for position, lesson in enumerate(self.lessons, start=1)
        ]


def _children_by_module(model, modules: list[ModulePage]) -> dict[int, list]:
    """Every module's live children of one page type, in page-tree order: one query."""
    result: dict[int, list] = {module.pk: [] for module in modules}
    if not modules:
        return result
    children = Q()
    for module in modules:
        children |= Q(path__startswith=module.path, depth=module.depth + 1)
    parent_by_path = {module.path: module.pk for module in modules}
    step = len(modules[0].path) // modules[0].depth
    for child in model.objects.live().filter(children).order_by("path"):
        result[parent_by_path[child.path[:-step]]].append(child)
    return result


def lessons_by_module(modules: list[ModulePage]) -> dict[int, list[LessonPage]]:
    """Every module's live lessons in page-tree order: one query for any number of modules."""
    return _children_by_module(LessonPage, modules)


def modules_with_assessments(modules: list[ModulePage]) -> set[int]:
    """The pks of the modules that have a live assessment: one query."""
    return {pk for pk, found in _children_by_module(AssessmentPage, modules).items() if found}


def outlines_for_modules(modules: list[ModulePage]) -> dict[int, ModuleOutline]:
    """Each module's outline, keyed by module pk: two queries for any number of modules."""
    lessons = lessons_by_module(modules)
    assessments = _children_by_module(AssessmentPage, modules)
    return {
        module.pk: ModuleOutline(
            module=module,
            lessons=tuple(lessons[module.pk]),
            assessment=next(iter(assessments[module.pk]), None),
        )
        for module in modules
    }


def module_outline(module: ModulePage) -> ModuleOutline:
    return outlines_for_modules([module])[module.pk]


def learner_progress(
    *, learner, outlines: list[ModuleOutline], enrolments: list[Enrolment] | None = None
) -> dict[int, ModuleProgress]:
    """One learner's progress in each module, keyed by module pk: two queries (one when the
    learner's `enrolments` are passed in), none for a visitor who is not signed in."""
    progress = {outline.module.pk: ModuleProgress(outline=outline) for outline in outlines}
    if not learner.is_authenticated or not outlines:
        return progress
    by_key = {outline.module.translation_key: progress[outline.module.pk] for outline in outlines}
    if enrolments is None:
        # No order: ordering costs more to compile than these few rows cost to read.
        enrolments = Enrolment.objects.filter(learner=learner, module_key__in=list(by_key))
        enrolments = enrolments.order_by()
    for enrolment in enrolments:
        if enrolment.module_key in by_key:
            by_key[enrolment.module_key].enrolment = enrolment
    completions = LessonCompletion.objects.filter(learner=learner, module_key__in=list(by_key))
    for module_key, lesson_key in completions.values_list("module_key", "lesson_key"):
        by_key[module_key].completed_lesson_keys.add(lesson_key)
    return progress


def progress_for_modules(*, learner, modules: list[ModulePage]) -> dict[int, ModuleProgress]:
    """Each module's progress for one learner, keyed by module pk, in four queries."""
    outlines = outlines_for_modules(modules)
    return learner_progress(learner=learner, outlines=[outlines[m.pk] for m in modules])


def module_progress(*, learner, module: ModulePage) -> ModuleProgress:
    return progress_for_modules(learner=learner, modules=[module])[module.pk]


def completed_enrolment(*, learner, module: ModulePage) -> Enrolment | None:
    """The learner's enrolment in the module if they completed it (in any of its
    translations), else None: the one answer to "has this person completed this module"."""
    if not learner.is_authenticated:
        return None
    return (
        Enrolment.objects.select_related("module")
        .filter(learner=learner, module_key=module.translation_key, completed_at__isnull=False)
        .first()
    )


def enrolments_of(learner) -> QuerySet[Enrolment]:
    """The learner's own enrolments, newest first, with their module page (not its
    introduction, which lists of enrolments never show)."""
    return (
        Enrolment.objects.filter(learner=learner, module__isnull=False)
        .select_related("module")
        .defer("module__intro")
    )


def written_answers_of(learner) -> QuerySet[ExerciseAnswer]:
    """The reflections, scaling choices and three columns the learner wrote (not quiz picks),
    with their lesson's title and address: not its body, which would be read and decoded for
    every answer (a 1,500-word lesson is about 11 KB of JSON)."""
    return (
        ExerciseAnswer.objects.filter(learner=learner)
        .exclude(kind=ExerciseAnswer.Kind.KNOWLEDGE_CHECK)
        .select_related("lesson")
        .defer("lesson__body")
        .order_by("lesson__path", "-updated_at")
    )


def answers_for_lesson(*, learner, lesson: LessonPage) -> dict[str, ExerciseAnswer]:
    if not learner.is_authenticated:
        return {}
    answers = ExerciseAnswer.objects.filter(learner=learner, lesson_key=lesson.translation_key)
    return {answer.block_id: answer for answer in answers.order_by()}


def open_attempt(*, learner, assessment: AssessmentPage) -> AssessmentAttempt | None:
    return AssessmentAttempt.objects.filter(
        learner=learner, assessment_key=assessment.translation_key, submitted_at__isnull=True
    ).first()


def enrolments_for_report() -> QuerySet[Enrolment]:
    """Every enrolment with its learner, organisation and module, newest first (the order the
    enrolment_newest_first index keeps). Progress figures are worked out for the rows shown
    only: `report_progress`."""
    return Enrolment.objects.select_related("learner__organisation", "module").order_by(
        "-started_at", "pk"
    )


@dataclass(frozen=True)
class ReportProgress:
    lessons_done: int = 0  # completions of the module's live lessons
    assessment_passed: bool = False


def report_progress(enrolments: list[Enrolment]) -> dict[int, ReportProgress]:
    """Each enrolment's progress figures, keyed by enrolment pk: one query, about only these
    learners and modules, however many enrolments the report holds."""
    learners = {enrolment.learner_id for enrolment in enrolments}
    module_keys = {enrolment.module_key for enrolment in enrolments}
    if not enrolments:
        return {}
    done = (
        LessonCompletion.objects.filter(
            learner_id__in=learners,
            module_key__in=module_keys,
            lesson_key__in=LessonPage.objects.live().values("translation_key"),
        )
        .values_list("learner_id", "module_key")
        .annotate(count=Count("pk"))
        .order_by()
    )
    lessons_done = {(learner, key): count for learner, key, count in done}
    return {
        enrolment.pk: ReportProgress(
            lessons_done=lessons_done.get((enrolment.learner_id, enrolment.module_key), 0),
            assessment_passed=enrolment.assessment_passed_at is not None,
        )
        for enrolment in enrolments
    }


def step_totals_by_module_key() -> dict[UUID, tuple[int, bool]]:
    """(live lessons, has a live assessment) per module translation key, in three queries."""
    modules = list(ModulePage.objects.live().only("pk", "path", "depth", "translation_key"))
    lessons = lessons_by_module(modules)
    assessed = modules_with_assessments(modules)
    totals: dict[UUID, tuple[int, bool]] = defaultdict(lambda: (0, False))
    for module in modules:
        count, has_assessment = totals[module.translation_key]
        totals[module.translation_key] = (
            max(count, len(lessons[module.pk])),
            has_assessment or module.pk in assessed,
        )
    return dict(totals)


def report_percent(
    enrolment: Enrolment, progress: ReportProgress, totals: dict[UUID, tuple[int, bool]]
) -> int:
    """The report's percent complete, the same rule as ModuleProgress.percent."""
    if enrolment.completed_at:
        return 100
    lessons, has_assessment = totals.get(enrolment.module_key, (0, False))
    steps = lessons + (1 if has_assessment else 0)
    if not steps:
        return 0
    done = progress.lessons_done + (1 if has_assessment and progress.assessment_passed else 0)
    return min(done, steps) * 100 // steps


def module_figures() -> QuerySet[ModulePage]:
    """Each module (one row per logical module, in its original language) with enrolled,
    in_progress, completed and average_best_score."""

    def enrolment_aggregate(aggregate, **filters):
        return Subquery(
            Enrolment.objects.filter(module_key=OuterRef("translation_key"), **filters)
            .order_by()
            .values("module_key")
            .annotate(value=aggregate)
            .values("value")[:1]
        )

    return (
        ModulePage.objects.filter(alias_of__isnull=True)
        .filter(
            ~Exists(
                ModulePage.objects.filter(
                    translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
                )
            )
        )
        .annotate(
            enrolled=Coalesce(enrolment_aggregate(Count("pk")), 0, output_field=IntegerField()),
            completed=Coalesce(
                enrolment_aggregate(Count("pk"), completed_at__isnull=False),
                0,
                output_field=IntegerField(),
            ),
            average_best_score=enrolment_aggregate(Avg("best_score"), best_score__isnull=False),
        )
        .order_by("path")
    )


def module_to_continue(learner) -> Enrolment | None:
    """The live module the learner started most recently and has not completed, with the
    lesson they last opened: one query. Only what the home page reads (titles, and the URL
    path and liveness `get_url` needs) is loaded: whole pages, the lesson's body with them,
    made this the costliest query of the signed-in home page."""
    return (
        Enrolment.objects.filter(learner=learner, completed_at__isnull=True, module__live=True)
        .select_related("module", "last_lesson")
        .only(
            "module",
            "last_lesson",
            "module__title",
            "module__url_path",
            "last_lesson__title",
            "last_lesson__url_path",
            "last_lesson__live",
        )
        .order_by("-started_at", "-pk")
        .first()
    )
