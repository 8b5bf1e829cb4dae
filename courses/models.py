"""The training catalogue: one CoursePage per course on offer, under a CourseIndexPage.

Sessions (the dates a course runs) and bookings live in the bookings app; a CoursePage only
describes the course and who may book it.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from accounts.audiences import Audience
from home.blocks import BaseContentBlock
from home.localized import InActiveLanguage

from .choices import CourseType
from .forms import CourseFilterForm


class CourseIndexPage(Page):
    """The catalogue: every course, filterable by type and audience."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course index page")
        verbose_name_plural = _("course index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = CourseFilterForm(request.GET or None)
        courses = CoursePage.objects.child_of(self).live().public().order_by("path")
        if form.is_valid():
            if form.cleaned_data["course_type"]:
                courses = courses.filter(course_type=form.cleaned_data["course_type"])
            if form.cleaned_data["audience"]:
                courses = courses.filter(audience=form.cleaned_data["audience"])
        context["filter_form"] = form
        context["courses"] = courses
        return context


class CoursePage(Page):
    """One course in the catalogue, e.g. the two-day Signs of Safety training."""

    # The course as people read it wherever it is shown beside a session (one session, shown
    # in either language): its published translation in the active language, else itself.
    # Lists prefetch it: prefetch_related("course__in_reader_language").
    in_reader_language = InActiveLanguage(only_live=True)

    course_type = models.CharField(_("course type"), max_length=30, choices=CourseType.choices)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in lists of courses.")
    )
    description = StreamField(
        BaseContentBlock(), blank=True, use_json_field=True, verbose_name=_("description")
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line: 'By the end you will be able to ...'."),
    )
    duration = models.CharField(
        _("duration"),
        max_length=100,
        blank=True,
        help_text=_("For example 'Half a day' or 'Two days'."),
    )
    default_capacity = models.PositiveIntegerField(
        _("default capacity"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("The number of places a new session of this course starts with."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    prerequisite_module = models.ForeignKey(
        "elearning.ModulePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-learning module to complete first"),
    )
    requires_manager_approval = models.BooleanField(
        _("needs line-manager approval"),
        default=False,
        help_text=_(
            "Learners name their line manager, who approves the booking before a place is taken."
        ),
    )
    needs_programme_enrolment = models.BooleanField(
        _("only for people on a programme"),
        default=False,
        help_text=_(
            "Booking needs an active enrolment on a programme with a requirement of this "
            "course (Practice Lead sessions are for enrolled Practice Leads)."
        ),
    )
    late_cancellation_charge = models.DecimalField(
        _("late cancellation charge"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Charged to the person's organisation for a place cancelled inside the "
            "notice period, e.g. 50.00. Leave blank for the site-wide default."
        ),
    )
    no_show_charge = models.DecimalField(
        _("charge for not attending"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave blank for the site-wide default."),
    )
    charge_notice_working_days = models.PositiveSmallIntegerField(
        _("notice period in working days"),
        null=True,
        blank=True,
        help_text=_(
            "A cancellation with fewer working days' notice than this is charged. "
            "Leave blank for the site-wide default."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("course_type"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("duration"),
                FieldPanel("cpd_hours"),
                FieldPanel("default_capacity"),
            ],
            heading=_("Length and size"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("requires_manager_approval"),
                FieldPanel("needs_programme_enrolment"),
                InlinePanel(
                    "prerequisites", heading=_("Courses to complete first"), label=_("Course")
                ),
                FieldPanel("prerequisite_module"),
            ],
            heading=_("Who can book"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("late_cancellation_charge"),
                FieldPanel("no_show_charge"),
                FieldPanel("charge_notice_working_days"),
            ],
            heading=_("Charges for places wasted"),
        ),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []

    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course page")
        verbose_name_plural = _("course pages")

    @property
    def learning_outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["prerequisite_courses"] = [
            p.required_course for p in self.prerequisites.select_related("required_course")
        ]
        return context


class CoursePrerequisite(Orderable):
    """A course that must be completed before booking another (five-day needs two-day)."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    required_course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,
        related_name="required_by",
        verbose_name=_("course to complete first"),
    )

    panels = [FieldPanel("required_course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course to complete first")
        verbose_name_plural = _("courses to complete first")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "required_course"], name="course_prerequisite_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.required_course)
