import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.audiences import audiences_of
from accounts.validators import refuse_control_characters
from courses.choices import CourseType


def _months_ahead(count: int = 12) -> list[tuple[str, str]]:
    first = timezone.localdate().replace(day=1)
    months = []
    for offset in range(count):
        year, month = divmod(first.month - 1 + offset, 12)
        value = dt.date(first.year + year, month + 1, 1)
        months.append((value.strftime("%Y-%m"), date_format(value, "F Y")))
    return months


class SessionFilterForm(forms.Form):
    """The public list's filters. Signed in, the list starts with the sessions the person's
    audience may book (accounts.audiences); "All sessions" shows the rest too."""

    MINE, ALL = "mine", "all"

    show = forms.ChoiceField(
        label=_("Show"),
        choices=[(MINE, _("Sessions I can book")), (ALL, _("All sessions"))],
        required=False,
        widget=forms.RadioSelect,
    )
    course_type = forms.ChoiceField(
        label=_("Type of course"),
        choices=[("", _("All types")), *CourseType.choices],
        required=False,
    )
    month = forms.ChoiceField(label=_("Month"), required=False)
    has_places = forms.BooleanField(label=_("Only sessions with places left"), required=False)

    def __init__(self, data=None, *, user, **kwargs):
        self.user = user
        if user.is_authenticated:
            data = data.copy() if data is not None else {}
            data.setdefault("show", self.MINE)
        super().__init__(data or None, **kwargs)
        self.fields["month"].choices = [("", _("Any month")), *_months_ahead()]
        if not user.is_authenticated:
            del self.fields["show"]

    def filters(self) -> dict:
        data = self.cleaned_data
        month = None
        if data.get("month"):
            year, number = data["month"].split("-")
            month = dt.date(int(year), int(number), 1)
        return {
            "course_type": data.get("course_type", ""),
            "month": month,
            "audiences": audiences_of(self.user) if data.get("show") == self.MINE else None,
            "has_places": bool(data.get("has_places")),
            # Places held for the person's VERIFIED organisation count as places for them.
            "organisation_id": getattr(self.user, "organisation_id", None),
        }


class BookingForm(forms.Form):
    access_needs = forms.CharField(
        label=_("Access or dietary needs (optional)"),
        help_text=_(
            "For example a hearing loop, step-free access or a vegetarian lunch. "
            "Only the trainers of this session see this."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        validators=[refuse_control_characters],
    )
    line_manager_email = forms.EmailField(
        label=_("Your line manager's email address"),
        help_text=_("This course needs your line manager's approval. We will email them a link."),
        required=True,
    )

    def __init__(self, *args, needs_approval: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_approval:
            del self.fields["line_manager_email"]


class HandOverForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's email address"),
        help_text=_("They must have an account and be in the same organisation as you."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        help_text=_("The code on the trainer's screen, for example ABCD-EFGH."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
