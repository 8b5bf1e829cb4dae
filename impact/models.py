"""Feedback after training, confidence before / after / three months on, and the practice
indicators the scorecard sets beside the roll-out.

A `Participation` is one person taking one session (through their booking) or one e-learning
module (through their enrolment). It holds their three confidence answers side by side, so
pairing them is reading one row, and the state of their feedback request. Feedback answers
(`FeedbackResponse`) are stored apart from it: an anonymous response carries no link back to the
person, yet the participation records that the request was answered, so it counts once.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from accounts.languages import in_active_language

CONFIDENCE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]
RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Topic(models.TextChoices):
    """What a rating question is about, so ratings can be averaged across forms."""

    CONTENT = "content", _("Content")
    TRAINER = "trainer", _("Trainer")
    VENUE = "venue", _("Venue")
    PACE = "pace", _("Pace")
    OVERALL = "overall", _("Overall")


class FeedbackForm(ClusterableModel):
    """The questions asked after a course or module, configured in the admin.

    A form with neither a course nor a module is the default, used for whatever has no form of
    its own."""

    title = models.CharField(_("title"), max_length=150)
    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_form",
        verbose_name=_("course"),
    )
    module = models.OneToOneField(
        "elearning.ModulePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_form",
        verbose_name=_("e-learning module"),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    allow_anonymous = models.BooleanField(
        _("people may answer anonymously"),
        default=True,
        help_text=_(
            "Anonymous answers keep no link to the person; their confidence answer stays "
            "with their name so before and after can be compared."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("course"),
        FieldPanel("module"),
        FieldPanel("introduction"),
        FieldPanel("allow_anonymous"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("feedback form")
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(module__isnull=True),
                name="feedback_form_course_or_module",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.course_id and self.module_id:
            raise ValidationError({"module": _("Choose a course or a module, not both.")})
        if not self.course_id and not self.module_id:
            others = FeedbackForm.objects.filter(course=None, module=None).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    _("There is already a default form: choose a course or a module.")
                )


class FeedbackQuestion(Orderable):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 (poor) to 5 (very good)")
        TEXT = "text", _("Free text")

    form = ParentalKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    topic = models.CharField(
        _("topic"),
        max_length=10,
        choices=Topic.choices,
        blank=True,
        help_text=_("Rating questions only: what the scorecard averages it under."),
    )
    text = models.CharField(_("question"), max_length=255)
    required = models.BooleanField(_("required"), default=False)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("topic"), FieldPanel("required")]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.RATING and not self.topic:
            raise ValidationError({"topic": _("Choose what this rating is about.")})


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Participation(models.Model):
    """One person taking one session or one module: confidence before, after and three months
    on, and whether their feedback was asked for, reminded and given."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person's organisation when they took part."),
    )
    booking = models.OneToOneField(
        "bookings.Booking",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participation",
    )
    enrolment = models.OneToOneField(
        "elearning.Enrolment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participation",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        "bookings.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    module = models.ForeignKey(
        "elearning.ModulePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    confidence_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    before_at = models.DateTimeField(null=True, blank=True)
    confidence_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    after_at = models.DateTimeField(null=True, blank=True)
    confidence_follow_up = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    follow_up_at = models.DateTimeField(null=True, blank=True)
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_answered_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_nonce = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["-completed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booking__isnull=False, enrolment__isnull=True)
                | Q(booking__isnull=True, enrolment__isnull=False),
                name="participation_booking_or_enrolment",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 0, f"{name}__lte": 10}),
                    name=f"participation_{name}_0_to_10",
                )
                for name in ("confidence_before", "confidence_after", "confidence_follow_up")
            ],
        ]
        indexes = [models.Index(fields=["completed_at"], name="participation_completed")]

    def __str__(self) -> str:
        return f"{self.person} – {self.course or self.module}"

    @property
    def subject_title(self) -> str:
        subject = self.course or self.module
        return subject.title if subject else ""

    def subject_title_in_active_language(self) -> str:
        """The course or module's title as its translation in the active language says it."""
        subject = self.course or self.module
        return in_active_language(subject).title if subject else ""


class FeedbackResponse(models.Model):
    """One person's answers to a feedback form. Anonymous: `person` and `participation` are
    empty and only the day is kept, so the response cannot be traced back."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.PROTECT, related_name="responses")
    participation = models.OneToOneField(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_response",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_anonymous = models.BooleanField(default=False)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        "bookings.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    module = models.ForeignKey(
        "elearning.ModulePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | Q(person__isnull=True, participation__isnull=True),
                name="feedback_anonymous_has_no_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form} ({self.submitted_on})"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        FeedbackQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    question_text = models.CharField(max_length=255, help_text=_("The question as asked."))
    topic = models.CharField(max_length=10, choices=Topic.choices, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING_VALIDATORS)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.question_text


class IndicatorMonth(models.Model):
    """One month of the council's practice indicators, copied from its case management
    system. Every figure is optional: a month may be entered before all figures are known."""

    month = models.DateField(
        _("month"), unique=True, help_text=_("Any day in the month: it is kept as the 1st.")
    )
    re_referrals = models.DecimalField(
        _("re-referrals within 12 months (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    child_protection_plans = models.PositiveIntegerField(
        _("children on child protection plans"), null=True, blank=True
    )
    repeat_plans = models.DecimalField(
        _("repeat child protection plans (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    children_in_need = models.PositiveIntegerField(_("children in need"), null=True, blank=True)
    looked_after = models.PositiveIntegerField(_("looked-after children"), null=True, blank=True)
    kinship_share = models.DecimalField(
        _("kinship-care share of looked-after children (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    assessment_days = models.DecimalField(
        _("average length of assessment (days)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    staff_turnover = models.DecimalField(
        _("staff turnover (%)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    agency_staff_rate = models.DecimalField(
        _("agency staff rate (%)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    audit_score = models.DecimalField(
        _("casework audits good or better (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    family_survey_score = models.DecimalField(
        _("family survey score (0 to 10)"), max_digits=4, decimal_places=1, null=True, blank=True
    )

    class Meta:
        ordering = ["month"]
        verbose_name = _("practice indicators for a month")
        verbose_name_plural = _("practice indicators")

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


INDICATOR_FIELDS = [
    "re_referrals",
    "child_protection_plans",
    "repeat_plans",
    "children_in_need",
    "looked_after",
    "kinship_share",
    "assessment_days",
    "staff_turnover",
    "agency_staff_rate",
    "audit_score",
    "family_survey_score",
]


class Milestone(models.Model):
    """A roll-out event marked on the indicators' time axis: a training wave, a go-live."""

    class Kind(models.TextChoices):
        TRAINING_WAVE = "training_wave", _("Training wave")
        GO_LIVE = "go_live", _("Go-live")
        OTHER = "other", _("Other")

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["date"]
        verbose_name = _("roll-out milestone")

    def __str__(self) -> str:
        return self.title
