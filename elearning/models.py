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
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from accounts.audiences import MODULE_AUDIENCES, Audience, choices_of
from home.blocks import DocumentLinkBlock
from home.formats import format_time
from home.localized import InActiveLanguage

from .blocks import AssessmentQuestionsBlock, ContentBlock, LearningOutcomesBlock, LessonBlock


class ModuleIndexPage(Page):
    """Lists the modules a visitor may take."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["elearning.ModulePage"]
    max_count_per_parent = 1
    template = "elearning/module_index_page.html"

    class Meta:
        verbose_name = _("module index page")
        verbose_name_plural = _("module index pages")

    def serve(self, request, *args, **kwargs):
        from .views import serve_module_index

        return serve_module_index(request, self)


class ModulePage(Page):
    # The module as people read it where another page names it (a programme's requirement):
    # its published translation in the active language, else itself. Lists prefetch it.
    in_reader_language = InActiveLanguage(only_live=True)

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in lists of modules.")
    )
    intro = StreamField(ContentBlock(), blank=True, verbose_name=_("introduction"))
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"),
        default=60,
        help_text=_("Roughly how long the module takes, in minutes."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=choices_of(MODULE_AUDIENCES),
        default=Audience.EVERYONE,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("assessment pass mark (percent)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    issues_certificate = models.BooleanField(
        _("issue a certificate on completion"),
        default=True,
    )
    cpd_minutes = models.PositiveIntegerField(
        _("CPD minutes credited"),
        default=0,
        help_text=_("Continuing professional development time."),
    )
    learning_outcomes = StreamField(
        LearningOutcomesBlock(), blank=True, verbose_name=_("learning outcomes")
    )
    lessons_in_order = models.BooleanField(
        _("lessons must be taken in order"),
        default=False,
        help_text=_("Learners cannot open a lesson before completing the ones above it."),
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
            heading=_("Taking the module"),
        ),
    ]
    parent_page_types = ["elearning.ModuleIndexPage"]
    subpage_types = ["elearning.LessonPage", "elearning.AssessmentPage"]
    template = "elearning/module_page.html"

    class Meta:
        verbose_name = _("module page")
        verbose_name_plural = _("module pages")

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
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown in the module's list of lessons.")
    )
    body = StreamField(LessonBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["elearning.ModulePage"]
    subpage_types: list[str] = []
    template = "elearning/lesson_page.html"

    class Meta:
        verbose_name = _("lesson page")
        verbose_name_plural = _("lesson pages")

    def serve(self, request, *args, **kwargs):
        from .views import serve_lesson

        return serve_lesson(request, self)


class AssessmentPage(Page):
    """The end-of-module test: questions are drawn from the pool for each attempt."""

    introduction = models.TextField(_("introduction"), blank=True)
    questions = StreamField(AssessmentQuestionsBlock(), verbose_name=_("question pool"))
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("How many questions to draw from the pool for each attempt."),
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

    class Meta:
        verbose_name = _("assessment page")
        verbose_name_plural = _("assessment pages")

    def serve(self, request, *args, **kwargs):
        from .views import serve_assessment

        return serve_assessment(request, self)


class BriefingPage(Page):
    """The half-day briefing's content, with its slides and handouts to download."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))
    handouts = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name=_("slides and handouts"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("course"),
        help_text=_("The course whose next bookable sessions are listed on this page."),
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

    class Meta:
        verbose_name = _("briefing page")
        verbose_name_plural = _("briefing pages")


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
        help_text=_(
            "When the learner first passed the module's assessment (kept with the best "
            "score, so reading progress needs no look at the attempts)."
        ),
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_in = models.CharField(
        _("completed in"),
        max_length=15,
        blank=True,
        help_text=_("The language the learner was reading the module in when they completed it."),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
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
        return gettext("%(learner)s completed %(lesson)s") % {
            "learner": self.learner,
            "lesson": self.lesson,
        }


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
    prompt = models.TextField(help_text=_("The question as the learner saw it."))
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
        return gettext("%(kind)s by %(learner)s") % {
            "kind": self.get_kind_display(),
            "learner": self.learner,
        }


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
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Percent."))
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
        return gettext("Attempt by %(learner)s on %(date)s at %(time)s") % {
            "learner": self.learner,
            "date": on,
            "time": format_time(started),
        }

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
