"""The forms of the programme admin pages (programmes.admin_views)."""

import datetime as dt
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import User
from bookings.models import Session

from .models import Exemption, Programme, ProgrammeEnrolment

MAX_EMAILS = 500
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".odt", ".txt")


def date_input(**kwargs) -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


def coordinators():
    """Who may coordinate an enrolment: training administrators."""
    return (
        User.objects.filter(
            Q(groups__name=roles.TRAINING_ADMINISTRATOR) | Q(is_superuser=True), is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


class DashboardFilterForm(forms.Form):
    """The dashboard's filters. Its choices come from the enrolments already loaded, so the
    form costs no query of its own."""

    SORTS = [
        ("standing", _("Most urgent first")),
        ("name", _("Name")),
        ("programme", _("Programme")),
        ("start", _("Start date")),
        ("due", _("Due date")),
        ("progress", _("Least progress first")),
        ("-progress", _("Most progress first")),
    ]

    q = forms.CharField(label=_("Name or email"), required=False, max_length=100)
    programme = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    intake = forms.ChoiceField(required=False)
    organisation = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *ProgrammeEnrolment.Status.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    at_risk = forms.BooleanField(
        label=_("At risk only"),
        required=False,
        help_text=_("Cannot finish in time at the current rate."),
    )
    sort = forms.ChoiceField(choices=SORTS, required=False)

    def __init__(self, *args, enrolments: Sequence[ProgrammeEnrolment], **kwargs):
        super().__init__(*args, **kwargs)
        programmes = {e.programme_id: e.programme.name for e in enrolments}
        organisations = {
            e.person.organisation_id: e.person.organisation.name
            for e in enrolments
            if e.person.organisation_id
        }
        intakes = sorted({e.intake for e in enrolments if e.intake})
        self.fields["programme"].choices = [("", _("All programmes"))] + sorted(
            programmes.items(), key=lambda item: item[1]
        )
        self.fields["organisation"].choices = [("", _("All organisations"))] + sorted(
            organisations.items(), key=lambda item: item[1]
        )
        self.fields["intake"].choices = [("", _("All intakes"))] + [(i, i) for i in intakes]


class EnrolForm(forms.Form):
    """One person or many: by email address, and/or everyone who completed a session."""

    programme = forms.ModelChoiceField(queryset=Programme.objects.none())
    start_date = date_input(label=_("Start date"))
    intake = forms.CharField(
        label=_("Intake"),
        required=False,
        max_length=100,
        help_text=_("e.g. 'February 2027 intake'."),
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The programme's coordinator"),
    )
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or more, one per line or separated by commas."),
    )
    completed_session = forms.ModelChoiceField(
        label=_("Everyone who completed this session"),
        queryset=Session.objects.none(),
        required=False,
        help_text=_("e.g. a five-day course: everyone whose attendance completed it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.in_default_locale().order_by("name")
        self.fields["coordinator"].queryset = coordinators()
        self.fields["completed_session"].queryset = (
            Session.objects.filter(status=Session.Status.COMPLETED)
            .select_related("course")
            .annotate(first_date=Min("days__date"), last_date=Max("days__date"))
            .order_by("-last_date", "-pk")
        )
        self.fields["completed_session"].label_from_instance = self.session_label
        self.fields["start_date"].initial = timezone.localdate()
        self.people: list[User] = []

    @staticmethod
    def session_label(session: Session) -> str:
        return f"{session.course.title}, {date_format(session.first_date, 'j F Y')}"

    def clean_emails(self) -> list[str]:
        text = self.cleaned_data["emails"]
        emails = [part.strip().lower() for part in text.replace(",", "\n").split() if part]
        if len(emails) > MAX_EMAILS:
            raise ValidationError(_("Enter at most %(n)s addresses at once.") % {"n": MAX_EMAILS})
        for email in emails:
            forms.EmailField().clean(email)
        found = {
            user.email.lower(): user
            for user in User.objects.filter(email__in=emails, is_active=True)
        }
        unknown = [email for email in emails if email not in found]
        if unknown:
            raise ValidationError(
                _("Nobody has an account with %(emails)s.") % {"emails": ", ".join(unknown)}
            )
        return [found[email] for email in emails]

    def clean(self):
        cleaned_data = super().clean()
        people = list(cleaned_data.get("emails") or [])
        session = cleaned_data.get("completed_session")
        if session is not None:
            people += [
                booking.user
                for booking in session.bookings.filter(completed_at__isnull=False)
                .select_related("user")
                .order_by("user__full_name")
            ]
        if not self.errors and not people:
            raise ValidationError(
                _("Enter an email address, or choose a session whose people to enrol.")
            )
        self.people = people
        return cleaned_data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DueDateForm(forms.Form):
    due_date = date_input(label=_("New due date"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the enrolment, e.g. 'Paused for three months of leave'."),
    )

    def __init__(self, *args, enrolment: ProgrammeEnrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment

    def clean_due_date(self) -> dt.date:
        due_date = self.cleaned_data["due_date"]
        if due_date < self.enrolment.start_date:
            raise ValidationError(_("The due date must be on or after the start date."))
        return due_date


class DetailsForm(forms.Form):
    intake = forms.CharField(label=_("Intake"), required=False, max_length=100)
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The programme's coordinator"),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only administrators see these."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()


class ExemptionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"), choices=Exemption.Kind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the person, e.g. 'Completed with another authority'."),
    )
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. 'Five-day course with another authority, March 2025'."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("Optional: a PDF, image or document of up to 10 MB."),
    )

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(EVIDENCE_EXTENSIONS):
            raise ValidationError(
                _("Upload a file of one of these kinds: %(kinds)s.")
                % {"kinds": ", ".join(EVIDENCE_EXTENSIONS)}
            )
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError(_("The file must be 10 MB or smaller."))
        return upload
