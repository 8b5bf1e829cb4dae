import datetime as dt

from django import forms
from django.utils import timezone

from accounts.audiences import audiences_of
from courses.choices import CourseType


def _months_ahead(count: int = 12) -> list[tuple[str, str]]:
    first = timezone.localdate().replace(day=1)
    months = []
    for offset in range(count):
        year, month = divmod(first.month - 1 + offset, 12)
        value = dt.date(first.year + year, month + 1, 1)
        months.append((value.strftime("%Y-%m"), value.strftime("%B %Y")))
    return months


class SessionFilterForm(forms.Form):
    """The public list's filters. Signed in, the list starts with the sessions the person's
    audience may book (accounts.audiences); "All sessions" shows the rest too."""

    MINE, ALL = "mine", "all"

    show = forms.ChoiceField(
        label="Show",
        choices=[(MINE, "Sessions I can book"), (ALL, "All sessions")],
        required=False,
        widget=forms.RadioSelect,
    )
    course_type = forms.ChoiceField(
        label="Type of course", choices=[("", "All types"), *CourseType.choices], required=False
    )
    month = forms.ChoiceField(label="Month", required=False)
    has_places = forms.BooleanField(label="Only sessions with places left", required=False)

    def __init__(self, data=None, *, user, **kwargs):
        self.user = user
        if user.is_authenticated:
            data = data.copy() if data is not None else {}
            data.setdefault("show", self.MINE)
        super().__init__(data or None, **kwargs)
        self.fields["month"].choices = [("", "Any month"), *_months_ahead()]
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
        label="Access or dietary needs (optional)",
        help_text="For example a hearing loop, step-free access or a vegetarian lunch. "
        "Only the trainers of this session see this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    line_manager_email = forms.EmailField(
        label="Your line manager's email address",
        help_text="This course needs your line manager's approval. We will email them a link.",
        required=True,
    )

    def __init__(self, *args, needs_approval: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_approval:
            del self.fields["line_manager_email"]


class HandOverForm(forms.Form):
    email = forms.EmailField(
        label="Your colleague's email address",
        help_text="They must have an account and be in the same organisation as you.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Check-in code",
        help_text="The code on the trainer's screen, for example ABCD-EFGH.",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
