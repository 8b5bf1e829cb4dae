"""The forms of the trainers' and administrators' cohort pages (bookings.cohort_views)."""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.forms import active_organisations
from accounts.models import Organisation, User
from accounts.validators import refuse_control_characters
from courses.models import CoursePage
from home.forms import PageChoiceField

from . import selectors
from .models import Attendance, Booking, Session

# "<version>:<status>" of a register row as the page showed it; "0:" when it was unmarked.
SEEN_MARK = r"^\d{1,9}:[a-z_]{0,20}$"


class MySessionsFilterForm(forms.Form):
    course = PageChoiceField(
        queryset=CoursePage.objects.none(), required=False, empty_label=_("All courses")
    )
    trainer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label=_("All trainers")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *Session.Status.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        trainers = Group.objects.filter(name=roles.TRAINER)
        self.fields["trainer"].queryset = User.objects.filter(groups__in=trainers).order_by(
            "full_name"
        )

    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end of the range must be on or after its start."))
        return cleaned_data


class AddPersonForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to add"))
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Recorded in the booking's history, e.g. 'Invited by the project board'."),
        max_length=500,
    )
    access_needs = forms.CharField(
        label=_("Access or dietary needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[refuse_control_characters],
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(_("Nobody has an account with that email address."))
        self.person = person
        return email


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=1000)


class WalkInForm(forms.Form):
    """Someone who turned up: found by email address if they have an account, otherwise
    recorded by name (with an address, an account is opened; without, on paper only).
    A walk-in needs no reason: turning up on the day is the reason."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_("Not needed for someone who already has an account."),
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        help_text=_(
            "If they have an account, it is used. If not, one is opened and they are emailed "
            "a link to set a password. Leave blank to record them on paper only: they are on "
            "the register and sign-in sheet, and get their certificate once an address is "
            "added."
        ),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not known"),
        help_text=_(
            "What they tell you is a request: it counts once their email address or the "
            "organisation's contact confirms it. Ignored for someone who already has an account."
        ),
    )
    access_needs = forms.CharField(
        label=_("Access or dietary needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if email is None:  # an invalid address: its own error says what to do
            return cleaned_data
        has_account = bool(email) and User.objects.filter(email__iexact=email).exists()
        if not has_account and not cleaned_data.get("full_name", "").strip():
            self.add_error("full_name", _("Enter the person's full name"))
        return cleaned_data


class WalkInAddressForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "If this address already has an account, the paper record joins it. Otherwise an "
            "account is opened and they are emailed a link to set a password."
        ),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    include_waiting_list = forms.BooleanField(
        label=_("Also send to the people on the waiting list"), required=False
    )


class RegisterForm(forms.Form):
    """One optional choice per person with a place; a person left blank stays unmarked.

    Each row also carries, hidden, the mark and its version as the page showed them, so only
    the rows the trainer changed are saved, and a row someone else changed meanwhile is
    reported instead of overwritten (see services.save_register)."""

    def __init__(self, *args, bookings: list[Booking], **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            self.fields[f"status_{booking.pk}"] = forms.ChoiceField(
                label=booking.user.full_name,
                choices=Attendance.Status.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=booking.attendance_status,
            )
            self.fields[f"seen_{booking.pk}"] = forms.RegexField(
                regex=SEEN_MARK,
                required=False,
                widget=forms.HiddenInput,
                initial=f"{booking.attendance_version or 0}:{booking.attendance_status or ''}",
            )

    def _seen(self, booking: Booking) -> tuple[int, str]:
        version, _, status = (self.cleaned_data.get(f"seen_{booking.pk}") or "0:").partition(":")
        return int(version), status

    def _changed(self) -> list[Booking]:
        return [
            booking
            for booking in self.bookings
            if self.cleaned_data.get(f"status_{booking.pk}")
            and self.cleaned_data[f"status_{booking.pk}"] != self._seen(booking)[1]
        ]

    def marks(self) -> dict[int, str]:
        """The marks the trainer changed from what the page showed."""
        return {
            booking.pk: self.cleaned_data[f"status_{booking.pk}"] for booking in self._changed()
        }

    def seen_versions(self, *, changed_only: bool = True) -> dict[int, int]:
        """The version each row had when the page was loaded: of the rows changed, or of all
        (for "mark all present", which changes every row)."""
        rows = self._changed() if changed_only else self.bookings
        return {booking.pk: self._seen(booking)[0] for booking in rows}


class MoveBookingForm(forms.Form):
    to_session = forms.ModelChoiceField(queryset=Session.objects.none(), label=_("Move to"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = (
            selectors.upcoming_sessions()
            .filter(course__translation_key=booking.session.course.translation_key)
            .exclude(pk=booking.session_id)
        )
