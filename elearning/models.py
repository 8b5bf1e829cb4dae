"""E-learning pages (module index, module, lesson, assessment, briefing) and progress records.

Progress belongs to the logical module, lesson or assessment: Wagtail's `translation_key`, shared
by every translation of a page. Each record also keeps a foreign key to the page the learner
used, for convenience; it may point to any one translation.
"""

from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from accounts.audiences import MODULE_AUDIENCES, Audience, choices_of
from home.blocks import DocumentLinkBlock
from home.formats import format_time

from .blocks import AssessmentQuestionsBlock, ContentBlock, LearningOutcomesBlock, LessonBlock


class ModuleIndexPage(Page):
    """Lists the modules a visitor may take."""

    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["elearning.ModulePage"]
    max_count_per_parent = 1
    template = "elearning/module_index_page.html"

    def serve(self, request, *args, **kwargs):
        from .views import serve_module_index

        return serve_module_index(request, self)


class ModulePage(Page):
    summary = models.TextField(help_text="One or two sentences shown in lists of modules.")
    intro = StreamField(ContentBlock(), blank=True, verbose_name="introduction")
    estimated_minutes = models.PositiveIntegerField(
        default=60, help_text="Roughly how long the module takes, in minutes."
    )
    audience = models.CharField(
        max_length=20, choices=choices_of(MODULE_AUDIENCES), default=Audience.EVERYONE
    )
    pass_mark = models.PositiveSmallIntegerField(
        "assessment pass mark (percent)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    issues_certificate = models.BooleanField(
        "issue a certificate on completion",
        default=True,
    )
    cpd_minutes = models.PositiveIntegerField(
        "CPD minutes credited", default=0, help_text="Continuing professional development time."
    )
    learning_outcomes = StreamField(LearningOutcomesBlock(), blank=True)
    lessons_in_order = models.BooleanField(
        "lessons must be taken in order",
        default=False,
        help_text="Learners cannot open a lesson before completing the ones above it.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("lessons_in_order"),
                FieldPanel("pass_mark"),
                FieldPanel("issues_certificate"),
                FieldPanel("cpd_minutes"),
            ],
            heading="Taking the module",
        ),
    ]
    parent_page_types = ["elearning.ModuleIndexPage"]
    subpage_types = ["elearning.LessonPage", "elearning.AssessmentPage"]
    template = "elearning/module_page.html"

    @cached_property
    def lessons(self) -> list["LessonPage"]:
        """The live lessons, in page-tree order."""
        return list(LessonPage.objects.child_of(self).live().order_by("path"))

    @cached_property
    def assessment(self) -> "AssessmentPage | None":
        return AssessmentPage.objects.child_of(self).live().order_by("path").first()

    def serve(self, request, *args, **kwargs):
        from .views import serve_module

        return serve_module(request, self)


class LessonPage(Page):
    summary = models.TextField(blank=True, help_text="Shown in the module's list of lessons.")
    body = StreamField(LessonBlock())

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["elearning.ModulePage"]
    subpage_types: list[str] = []
    template = "elearning/lesson_page.html"

    def serve(self, request, *args, **kwargs):
        from .views import serve_lesson

        return serve_lesson(request, self)


class AssessmentPage(Page):
    """The end-of-module test: questions are drawn from the pool for each attempt."""

    introduction = models.TextField(blank=True)
    questions = StreamField(AssessmentQuestionsBlock(), verbose_name="question pool")
    questions_per_attempt = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1)],
        help_text="How many questions to draw from the pool for each attempt.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("questions_per_attempt"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["elearning.ModulePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "elearning/assessment_page.html"

    def serve(self, request, *args, **kwargs):
        from .views import serve_assessment

        return serve_assessment(request, self)


class BriefingPage(Page):
    """The half-day briefing's content, with its slides and handouts to download."""

    summary = models.TextField(blank=True)
    body = StreamField(ContentBlock(), blank=True)
    handouts = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name="slides and handouts",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The course whose next bookable sessions are listed on this page.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("handouts"),
        FieldPanel("course"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []
    template = "elearning/briefing_page.html"


class Enrolment(models.Model):
    """A learner taking a module: started on their first visit, completed once."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="elearning_enrolments"
    )
    module_key = models.UUIDField(help_text="The module's translation key.")
    module = models.ForeignKey(
        ModulePage, null=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    started_at = models.DateTimeField(default=timezone.now)
    last_lesson = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    assessment_passed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the learner first passed the module's assessment (kept with the best "
        "score, so reading progress needs no look at the attempts).",
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_in = models.CharField(
        "completed in",
        max_length=15,
        blank=True,
        help_text="The language the learner was reading the module in when they completed it.",
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module_key"], name="one_enrolment_per_module"
            )
        ]
        # The completions report pages through enrolments newest first.
        indexes = [models.Index(fields=["-started_at", "id"], name="enrolment_newest_first")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.module}"

    @property
    def completed_in_name(self) -> str:
        """The language it was completed in, named in itself ("Cymraeg"), or ""."""
        return dict(settings.LANGUAGES).get(self.completed_in, self.completed_in)


class LessonCompletion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    module_key = models.UUIDField()
    lesson_key = models.UUIDField()
    lesson = models.ForeignKey(LessonPage, null=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key"], name="one_completion_per_lesson"
            )
        ]
        indexes = [models.Index(fields=["learner", "module_key"])]

    def __str__(self) -> str:
        return f"{self.learner} completed {self.lesson}"


class ExerciseAnswer(models.Model):
    """What a learner wrote or chose in one exercise block; private to them."""

    class Kind(models.TextChoices):
        KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")
        REFLECTION = "reflection", _("Reflection")
        SCALING_QUESTION = "scaling_question", _("Scaling question")
        THREE_COLUMNS = "three_columns", _("Three columns exercise")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exercise_answers"
    )
    lesson_key = models.UUIDField()
    lesson = models.ForeignKey(LessonPage, null=True, on_delete=models.SET_NULL, related_name="+")
    block_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField(help_text="The question as the learner saw it.")
    answer = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key", "block_id"], name="one_answer_per_exercise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.learner}"


class AssessmentAttempt(models.Model):
    """One go at the assessment, with the questions drawn for it in the order shown.

    `questions` is a snapshot, so editing the pool never changes an attempt:
    [{"id", "text", "multiple", "options": [{"key", "text"}], "correct": [key, ...]}].
    `answers` maps a question id to the chosen option keys.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_attempts"
    )
    module_key = models.UUIDField()
    assessment_key = models.UUIDField()
    assessment = models.ForeignKey(
        AssessmentPage, null=True, on_delete=models.SET_NULL, related_name="attempts"
    )
    questions = models.JSONField()
    answers = models.JSONField(default=dict, blank=True)
    pass_mark = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percent.")
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assessment_key"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_attempt_per_assessment",
            )
        ]
        indexes = [models.Index(fields=["learner", "module_key"])]

    def __str__(self) -> str:
        started = timezone.localtime(self.started_at)
        on = date_format(started, "j F Y")
        return f"Attempt by {self.learner} on {on} at {format_time(started)}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def results(self) -> list[tuple[dict, bool]]:
        """(question, answered right) for each question, in the order shown. The correct
        options are never shown to the learner, only whether they got the question right."""
        return [
            (question, sorted(self.answers.get(question["id"], [])) == sorted(question["correct"]))
            for question in self.questions
        ]
