"""Venues, sessions (the dates a course runs), bookings and registered interest.

State changes go through bookings.services; counts across relations (places left, waiting list
positions) come from bookings.selectors.
"""

import datetime as dt
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.search import index

from accounts.audiences import Audience
from accounts.languages import in_active_language
from accounts.validators import refuse_control_characters
from home.formats import format_time


class Venue(index.Indexed, models.Model):
    """Where sessions happen: a room with an address, or an online meeting."""

    name = models.CharField(max_length=150)
    is_online = models.BooleanField(
        "online", default=False, help_text="Held online: the joining link replaces an address."
    )
    address = models.TextField(blank=True)
    accessibility_information = models.TextField(
        blank=True,
        help_text="Step-free access, hearing loop, parking, nearest accessible toilet...",
    )
    room_capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people the room holds, if it matters."
    )
    joining_link = models.URLField(
        blank=True, help_text="Online meetings only. Shown only to people with a confirmed place."
    )
    joining_instructions = models.TextField(
        blank=True,
        help_text="Shown only to people with a confirmed place. Each new session here starts "
        "with these, to change for its own times.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("is_online"),
        FieldPanel("address"),
        FieldPanel("accessibility_information"),
        FieldPanel("room_capacity"),
        FieldPanel("joining_link"),
        FieldPanel("joining_instructions"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.is_online and not self.joining_link:
            raise ValidationError({"joining_link": "Enter the joining link for an online venue."})
        if not self.is_online and not self.address.strip():
            raise ValidationError({"address": "Enter the address, or tick 'online'."})


class Session(ClusterableModel):
    """One run of a course: its days, venue, trainers and places."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="sessions"
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="sessions")
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sessions_as_trainer",
        limit_choices_to={"groups__name": "Trainer"},
    )
    capacity = models.PositiveIntegerField(
        validators=[MinValueValidator(1)], help_text="The most people who can have a place."
    )
    audience = models.CharField(
        "audience override",
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text="Leave blank to use the course's audience.",
    )
    reserved_for_organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="reserved_sessions",
        help_text="Only people from these teams or organisations can book. Leave empty for all.",
    )
    reserved_for_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown to visitors, e.g. 'Reserved for the Child Protection teams'.",
    )
    booking_opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave blank to open booking straight away."
    )
    booking_closes_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Leave blank to close booking 48 hours before the first day starts.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SCHEDULED, editable=False
    )
    joining_instructions = models.TextField(
        blank=True,
        help_text="Shown only to people with a confirmed place, e.g. when to arrive and who "
        "meets them. Left blank, a new session takes the venue's.",
    )
    internal_notes = models.TextField(blank=True, help_text="Only administrators see these.")
    language = models.CharField(
        "delivered in",
        max_length=15,
        default=settings.LANGUAGE_CODE,
        help_text="The language the session is delivered in. One session serves people reading "
        "the site in any language; this is what the Welsh-language training report counts.",
    )
    cancellation_reason = models.TextField(blank=True, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    interest_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("course"),
        InlinePanel("days", heading="Days", label="Day", min_num=1),
        FieldPanel("venue"),
        FieldPanel("language", widget=forms.Select(choices=settings.LANGUAGES)),
        FieldPanel("joining_instructions"),
        FieldPanel("trainers"),
        FieldPanel("capacity"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("reserved_for_organisations"),
                FieldPanel("reserved_for_description"),
            ],
            heading="Who can book",
        ),
        InlinePanel(
            "reservations",
            heading="Places held for organisations",
            label="Places held",
            help_text="Places only members of an organisation (or its teams and sites) can "
            "take until the release time; then unused ones return to everyone.",
        ),
        MultiFieldPanel(
            [FieldPanel("booking_opens_at"), FieldPanel("booking_closes_at")],
            heading="Booking window",
        ),
        FieldPanel("internal_notes"),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive")
        ]


    @cached_property
    def course_shown(self):
        """The course page people read about this session: its live translation in the active
        language, else the course itself (one session, shown in either language). Lists set
        it for all their sessions in one query (selectors.with_courses_in_active_language)."""
        return in_active_language(self.course)

    def __str__(self) -> str:
        first = self.first_day
        return (
            f"{self.course.title}, {date_format(first.date, 'j F Y')}"
            if first
            else self.course.title
        )

    @property
    def language_name(self) -> str:
        """The language it is delivered in, named in itself ("Cymraeg")."""
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def ordered_days(self) -> list["SessionDay"]:
        """The days in date order; uses prefetched days when the selector provided them."""
        return sorted(self.days.all(), key=lambda day: (day.date, day.start_time))

    @property
    def first_day(self) -> "SessionDay | None":
        days = self.ordered_days
        return days[0] if days else None

    @property
    def starts_at(self) -> dt.datetime | None:
        first = self.first_day
        return first.starts_at if first else None

    @property
    def effective_audience(self) -> str:
        return self.audience or self.course.audience

    def get_effective_audience_display(self) -> str:
        return Audience(self.effective_audience).label

    @property
    def closes_at(self) -> dt.datetime | None:
        """When booking (and learner cancellation) closes: 48 hours before the first day
        unless an administrator set another time."""
        if self.booking_closes_at:
            return self.booking_closes_at
        starts_at = self.starts_at
        return starts_at - dt.timedelta(hours=48) if starts_at else None

    def is_open_for_booking(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        closes_at = self.closes_at
        return (
            self.status == self.Status.SCHEDULED
            and (self.booking_opens_at is None or self.booking_opens_at <= now)
            and closes_at is not None
            and now < closes_at
        )

    def has_started(self, now: dt.datetime | None = None) -> bool:
        starts_at = self.starts_at
        return starts_at is not None and (now or timezone.now()) >= starts_at


class SessionReservation(models.Model):
    """A ring-fence: `places` of a session held for the verified members of an organisation
    (and its children) until `release_at`, when the unused ones return to everyone. The rule
    is in bookings.ring_fences; book() enforces it under the session lock."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="reservations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="session_reservations"
    )
    places = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    release_at = models.DateTimeField(
        "held until", help_text="Unused places return to everyone at this time."
    )
    released_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the waiting list was offered the unused places (see "
        "release_ring_fenced_places).",
    )

    panels = [FieldPanel("organisation"), FieldPanel("places"), FieldPanel("release_at")]

    class Meta:
        ordering = ["release_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1), name="session_reservation_places_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.places} places for {self.organisation}"


CHECK_IN_CODE_LENGTH = 8
# No 0/O, 1/I/L: read aloud or copied from a screen, the code must not be misread.
CHECK_IN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_check_in_code() -> str:
    """A random code per session day: 31**8 (about 8.5e11) possibilities."""
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


class SessionDay(models.Model):
    """One day of a session. Days need not be consecutive."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    start_time = models.TimeField(default=dt.time(9, 30))
    end_time = models.TimeField(default=dt.time(16, 30))
    check_in_code = models.CharField(
        max_length=CHECK_IN_CODE_LENGTH,
        default=new_check_in_code,
        editable=False,
        help_text="The secret an attendee enters (or scans) to check in on this day.",
    )

    panels = [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="session_day_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        start, end = format_time(self.start_time), format_time(self.end_time)
        return f"{date_format(self.date, 'j F Y')}, {start} to {end}"

    @property
    def check_in_code_display(self) -> str:
        """The code as the register shows it, in two halves: ABCD-EFGH."""
        half = len(self.check_in_code) // 2
        return f"{self.check_in_code[:half]}-{self.check_in_code[half:]}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))


def new_approval_nonce() -> str:
    return secrets.token_urlsafe(16)


class Booking(models.Model):
    """A person's place (or place in the queue) on a session.

    Only CONFIRMED holds a place. WAITLISTED queue by `waitlisted_at` then id. When the
    session is completed (bookings.services.complete_session) each confirmed booking gets an
    `outcome`, and `completed_at` if the person was present on every day.
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"
        DECLINED = "declined", "Declined by manager"

    class Outcome(models.TextChoices):
        COMPLETED = "completed", "Completed"
        NOT_COMPLETED = "not_completed", "Not completed"
        NO_SHOW = "no_show", "Did not attend"

    ACTIVE_STATUSES = (Status.AWAITING_APPROVAL, Status.CONFIRMED, Status.WAITLISTED)

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    access_needs = models.TextField(
        "access or dietary needs",
        blank=True,
        help_text="Shared only with the trainers of this session.",
        validators=[refuse_control_characters],
    )
    line_manager_email = models.EmailField(blank=True)
    approval_nonce = models.CharField(max_length=40, blank=True, editable=False)
    reservation = models.ForeignKey(
        SessionReservation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        editable=False,
        help_text="The ring-fence whose place this booking holds, if it took a held place.",
    )
    substitute_for = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_by",
        help_text="The booking whose place this person took over.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the person completes the session (attendance recorded).",
    )
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        editable=False,
        help_text="Recorded when the session is completed.",
    )
    days_missed = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="Days the person was not marked present, when the session was completed.",
    )
    is_walk_in = models.BooleanField(
        "walk-in",
        default=False,
        editable=False,
        help_text="Added on the day by a trainer, outside the capacity rule.",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    calendar_sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: raised each time we send a changed invite."
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=["awaiting_approval", "confirmed", "waitlisted"]),
                name="booking_one_active_per_person_and_session",
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="booking_waitlisted_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            # The admin's list of bookings, in this (the default) order, pages through it.
            models.Index(fields=["created_at", "id"], name="booking_created_order"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class Attendance(models.Model):
    """Whether a person with a place was there on one day of the session: the register.

    Marked by a trainer on the register or by the person checking in with the day's code.
    Only PRESENT counts towards completing the session: someone late or leaving early has
    missed part of the day."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        ABSENT = "absent", "Absent"
        LATE_OR_LEFT_EARLY = "late_or_left_early", "Late or left early"

    class Source(models.TextChoices):
        REGISTER = "register", "Register"
        CHECK_IN = "check_in", "Self check-in"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person checked in themselves, if they did."
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised at each change, so a register saved from an older page cannot undo "
        "a newer mark.",
    )

    class Meta:
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["booking", "day"], name="attendance_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.booking.user} on {self.day.date}: {self.get_status_display()}"


class CohortMessage(models.Model):
    """An email a trainer sent to everyone on a session, kept on the session's record."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(max_length=150)
    body = models.TextField()
    included_waiting_list = models.BooleanField(default=False)
    recipients_count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class CourseInterest(models.Model):
    """Someone who wants a place on a course that has no session with places."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="interest"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_interest"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person's organisation when they registered interest.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When we emailed them that a session opened."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "registration of interest"
        verbose_name_plural = "registrations of interest"
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=Q(notified_at__isnull=True),
                name="course_interest_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} interested in {self.course}"


@register_setting(icon="doc-full")
class ChargeSettings(BaseGenericSetting):
    """The site-wide charges for places wasted; a course may set its own."""

    late_cancellation_charge = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="For a place cancelled inside the notice period. 0 charges nothing.",
    )
    no_show_charge = models.DecimalField(
        "charge for not attending",
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="0 charges nothing.",
    )
    notice_working_days = models.PositiveSmallIntegerField(
        "notice period in working days",
        default=3,
        help_text="Working days in England and Wales (weekdays that are not bank holidays).",
    )
    waiver_contact = models.EmailField(
        blank=True, help_text="Where people write to ask for a charge to be waived."
    )

    class Meta:
        verbose_name = "charges for places wasted"


class Charge(models.Model):
    """A line in the ledger of charges for places wasted, to the person's verified
    organisation: a late cancellation or not attending. Created only by
    bookings.services.charges, at most once per booking (a constraint). Waived with a reason,
    or invoiced; an invoiced charge never changes again, it can only be credited (a CREDIT
    line of the opposite amount)."""

    class Kind(models.TextChoices):
        LATE_CANCELLATION = "late_cancellation", "Late cancellation"
        NO_SHOW = "no_show", "Did not attend"
        CREDIT = "credit", "Credit"

    class Status(models.TextChoices):
        RAISED = "raised", "To invoice"
        WAIVED = "waived", "Waived"
        INVOICED = "invoiced", "Invoiced"

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="charges")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        help_text="The person's verified organisation when the charge was raised.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RAISED)
    reason = models.CharField(max_length=300, help_text="Why it was raised, in plain words.")
    raised_at = models.DateTimeField(default=timezone.now)
    waiver_reason = models.TextField(blank=True)
    waived_at = models.DateTimeField(null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invoice_reference = models.CharField(max_length=100, blank=True)
    invoiced_at = models.DateTimeField(null=True, blank=True)
    credits = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credited_by",
        help_text="The invoiced charge this credit cancels.",
    )

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=~Q(kind="credit"),
                name="charge_once_per_booking",
            ),
            models.CheckConstraint(
                condition=Q(kind="credit", credits__isnull=False)
                | (~Q(kind="credit") & Q(credits__isnull=True)),
                name="charge_credit_names_its_charge",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.booking}"
