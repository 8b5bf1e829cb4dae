"""Programmes (the Practice Lead programme, the in-house trainer pathway), their requirements,
the people enrolled on them, and the exemptions recorded against one requirement.

Progress is never stored: programmes.selectors computes it from the training records
(completed sessions and attendance in bookings, module completions in elearning, trainer
assignments). State changes go through programmes.services.
"""

import calendar
import datetime as dt
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.localized import InActiveLanguage


def default_language() -> str:
    """The content language of the source programmes."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, on the month's last day when it has no such day."""
    index_ = day.month - 1 + months
    year, month = day.year + index_ // 12, index_ % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_from(start: dt.date, months: int) -> dt.date:
    """The last day of the `months` months starting on `start`: 12 months from 14 February
    2026 ends on 13 February 2027."""
    return add_months(start, months) - dt.timedelta(days=1)


class Programme(TranslatableMixin, index.Indexed, ClusterableModel):
    """A programme people are enrolled on, with its requirements in order.

    A translation ("Translate" in the admin, wagtail-localize) carries the programme's words in
    another language, with a copy of each requirement: it is text only. Enrolments, progress,
    exemptions and reminders belong to the programme in the site's default language
    (`in_default_locale()`); pages, emails and certificates show `in_reader_language`."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the programme is for, in plain words: shown to the people on it."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who people ask about the programme; gets the monthly summary."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Each enrolment is due this many months after it starts."),
    )
    grants_practice_lead_role = models.BooleanField(
        _("enrolling makes the person a Practice Lead"), default=False
    )
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("coordinator"),
        MultiFieldPanel(
            [
                FieldPanel("duration_months"),
                FieldPanel("grants_practice_lead_role"),
            ],
            heading=_("Enrolment"),
        ),
        InlinePanel("requirements", heading=_("Requirements, in order"), label=_("Requirement")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The words people read are translated; the rest is the same programme in every language,
    # copied as it is.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("coordinator"),
        SynchronizedField("duration_months"),
        SynchronizedField("grants_practice_lead_role"),
        TranslatableField("requirements"),
    ]
    # The programme as people read it (My programme, the home page, emails, certificates): its
    # translation in the active language, else itself. Lists prefetch it:
    # prefetch_related("programme__in_reader_language").
    in_reader_language = InActiveLanguage()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="programme_name_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def in_default_locale(cls) -> models.QuerySet["Programme"]:
        """The programmes people are enrolled on: not their translations."""
        return cls.objects.filter(locale__language_code=default_language())

    def validate_unique(self, exclude=None) -> None:
        super().validate_unique(exclude=exclude)
        clash = Programme.objects.filter(name=self.name, locale_id=self.locale_id).exclude(
            pk=self.pk
        )
        if self.locale_id and clash.exists():
            raise ValidationError({"name": _("There is already a programme with this name.")})

    def due_date_for(self, start_date: dt.date) -> dt.date:
        return months_from(start_date, self.duration_months)


class Requirement(TranslatableMixin, Orderable):
    """One thing a programme asks of each person, counted from their training records.

    A programme's translation has a copy of each requirement, sharing its translation key, with
    only the short name translated; progress counts the source's requirements."""

    class Kind(models.TextChoices):
        COMPLETE_COURSE = "complete_course", _("Complete a course")
        ATTEND_SESSIONS = "attend_sessions", _("Attend a number of sessions of a course")
        ATTEND_REGULARLY = "attend_regularly", _("Attend a session of a course in every period")
        COMPLETE_MODULE = "complete_module", _("Complete an e-learning module")
        DELIVER_SESSIONS = "deliver_sessions", _("Deliver or co-deliver sessions as a trainer")

    COURSE_KINDS = (
        Kind.COMPLETE_COURSE,
        Kind.ATTEND_SESSIONS,
        Kind.ATTEND_REGULARLY,
        Kind.DELIVER_SESSIONS,
    )
    # Kinds with their own deadline and for which earlier records may count; the others count
    # only what happens within the enrolment period.
    WINDOWED_KINDS = (Kind.COMPLETE_COURSE, Kind.COMPLETE_MODULE, Kind.DELIVER_SESSIONS)

    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(
        _("short name"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Five-day course'. Leave blank to use the course or module title."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Every kind except e-learning. Sessions in any translation count."),
    )
    module = models.ForeignKey(
        "elearning.ModulePage",
        verbose_name=_("e-learning module"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    count_required = models.PositiveSmallIntegerField(
        _("how many"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Sessions to attend or deliver. Any session of the course within the period "
            "counts, so a missed one is made up at another (e.g. 7 for 'at least 7 of 8')."
        ),
    )
    period_months = models.PositiveSmallIntegerField(
        _("period in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("'Attend in every period' only: e.g. 2 for a meeting every two months."),
    )
    missed_periods_allowed = models.PositiveSmallIntegerField(
        _("periods that may be missed"),
        default=0,
        help_text=_("'Attend in every period' only."),
    )
    within_months = models.PositiveSmallIntegerField(
        _("within months of the start"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Courses, modules and delivering: must be met within this many months of the "
            "enrolment's start. Leave blank for the enrolment's due date."
        ),
    )
    earlier_records_count = models.BooleanField(
        _("records from before the enrolment count"),
        default=False,
        help_text=_(
            "Courses, modules and delivering: e.g. a two-day course completed before joining."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("course"),
        FieldPanel("module"),
        FieldPanel("count_required"),
        FieldPanel("period_months"),
        FieldPanel("missed_periods_allowed"),
        FieldPanel("within_months"),
        FieldPanel("earlier_records_count"),
    ]
    # Only the short name is words to translate: the course and module stay the ones the source
    # names (a course page not yet translated never holds up the programme's translation).
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("kind"),
        SynchronizedField("course"),
        SynchronizedField("module"),
        SynchronizedField("count_required"),
        SynchronizedField("period_months"),
        SynchronizedField("missed_periods_allowed"),
        SynchronizedField("within_months"),
        SynchronizedField("earlier_records_count"),
    ]
    # Its copy in the active language's translation of the programme, else itself.
    in_reader_language = InActiveLanguage()

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name as written in the source (the administrators' pages)."""
        if self.title:
            return self.title
        if self.kind == self.Kind.COMPLETE_MODULE:
            return self.module.title if self.module_id else ""
        return self.course.title if self.course_id else ""

    @property
    def reader_name(self) -> str:
        """The name people read, in the active language: the translated short name, else the
        course's or module's title in that language. Lists prefetch them
        (programmes.selectors.in_reader_language)."""
        return self.in_reader_language.title or self.subject_title

    @property
    def subject_title(self) -> str:
        """The title, in the active language, of the module or course the requirement counts:
        what each record shown against it is a record of."""
        if self.kind == self.Kind.COMPLETE_MODULE:
            return self.module_title
        return self.course_title

    @property
    def course_title(self) -> str:
        """The course's title in the active language (its published translation, else as
        written)."""
        return self.course.in_reader_language.title if self.course_id else ""

    @property
    def module_title(self) -> str:
        """The module's title in the active language."""
        return self.module.in_reader_language.title if self.module_id else ""

    @property
    def is_windowed(self) -> bool:
        return self.kind in self.WINDOWED_KINDS

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind in self.COURSE_KINDS and self.course_id is None:
            errors["course"] = _("Choose the course whose sessions count.")
        if self.kind == self.Kind.COMPLETE_MODULE and self.module_id is None:
            errors["module"] = _("Choose the e-learning module to complete.")
        if self.kind == self.Kind.ATTEND_REGULARLY and not self.period_months:
            errors["period_months"] = _("Enter how many months each period lasts.")
        if self.within_months and not self.is_windowed:
            errors["within_months"] = _(
                "Sessions to attend count within the whole enrolment: leave this blank."
            )
        if errors:
            raise ValidationError(errors)


class ProgrammeEnrolment(models.Model):
    """A person on a programme, from their start date to their due date."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    # An enrolment still under way: at most one per person and programme.
    LIVE_STATUSES = (Status.ACTIVE, Status.PAUSED)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="programme_enrolments",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    intake = models.CharField(
        _("intake"), max_length=100, blank=True, help_text=_("e.g. 'February 2027 intake'.")
    )
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    due_date_reason = models.TextField(
        _("why the due date was changed"),
        blank=True,
        help_text=_("Empty while the due date is the programme's duration after the start."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_enrolments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    status_reason = models.TextField(
        _("reason for the status"), blank=True, help_text=_("Why it is paused or withdrawn.")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Only administrators see these."))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__full_name", "pk"]
        verbose_name = _("programme enrolment")
        verbose_name_plural = _("programme enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                condition=Q(status__in=["active", "paused"]),
                name="programme_enrolment_one_live_per_person",
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("start_date")),
                name="programme_enrolment_due_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="programme_enrolment_completed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return gettext("%(person)s on %(programme)s") % {
            "person": self.person,
            "programme": self.programme,
        }

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES

    @property
    def effective_coordinator(self):
        """The enrolment's own coordinator, or the programme's."""
        return self.coordinator or self.programme.coordinator


def evidence_upload_path(instance, filename: str) -> str:
    """An unguessable name: evidence is only served through a view that checks who asks."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"programmes/evidence/{secrets.token_urlsafe(18)}{suffix}"


class Exemption(models.Model):
    """An administrator's decision that one requirement is met another way: an exemption, or
    prior learning (e.g. the five-day course with another authority)."""

    class Kind(models.TextChoices):
        EXEMPTION = "exemption", _("Exemption")
        PRIOR_LEARNING = "prior_learning", _("Prior learning")

    enrolment = models.ForeignKey(
        ProgrammeEnrolment, on_delete=models.CASCADE, related_name="exemptions"
    )
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="exemptions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    evidence_note = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("e.g. 'Five-day course with another authority, March 2025'."),
    )
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_upload_path, blank=True, max_length=200
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "requirement"], name="exemption_one_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s: %(requirement)s for %(person)s") % {
            "kind": self.get_kind_display(),
            "requirement": self.requirement,
            "person": self.enrolment.person,
        }


class RequirementAlert(models.Model):
    """That a person was emailed when one requirement became at risk or overdue: the
    reminders command sends each once."""

    class State(models.TextChoices):
        AT_RISK = "at_risk", _("At risk")
        OVERDUE = "overdue", _("Overdue")

    enrolment = models.ForeignKey(
        ProgrammeEnrolment, on_delete=models.CASCADE, related_name="alerts"
    )
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "requirement", "state"], name="requirement_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.requirement} ({self.enrolment.person})"


class CoordinatorSummary(models.Model):
    """That a coordinator was sent their monthly summary for `month` (its first day)."""

    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = _("coordinator summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator", "month"], name="coordinator_summary_once_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.coordinator}, {date_format(self.month, 'F Y')}"
