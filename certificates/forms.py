from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bookings.models import Session
from elearning.models import ModulePage
from elearning.selectors import completed_enrolment
from home.forms import PageChoiceField

from . import selectors
from .codes import EXAMPLE_CODE, normalise_code
from .models import Certificate


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=format_lazy(
            _("Printed at the bottom of the certificate, for example {code}."), code=EXAMPLE_CODE
        ),
        error_messages={"required": _("Enter the verification code from the certificate.")},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-20",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                gettext(
                    "Enter the code exactly as printed on the certificate: 12 letters and "
                    "numbers, like %(example)s."
                )
                % {"example": EXAMPLE_CODE}
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded in the certificate's history. The verification page only says the "
            "certificate was revoked, not why."
        ),
        error_messages={"required": _("Enter the reason for revoking the certificate.")},
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for re-issuing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example 'Name corrected'. The current certificate is revoked and a new one, "
            "with a new code, is issued with the person's name and the course details as they "
            "are now."
        ),
    )


class ReplaceForm(forms.Form):
    """Nothing to fill in: the page says what will happen and the button confirms it."""


class IssueForm(forms.Form):
    """Issue a certificate by hand for a module or session the person has completed."""

    recipient = forms.ModelChoiceField(
        label=_("Learner"), queryset=get_user_model().objects.filter(is_active=True)
    )
    kind = forms.ChoiceField(
        label=_("For"),
        choices=[
            (Certificate.Kind.MODULE, _("An e-learning module")),
            (Certificate.Kind.SESSION, _("A training session")),
        ],
        widget=forms.RadioSelect,
    )
    module = PageChoiceField(
        label=_("Module"),
        queryset=ModulePage.objects.filter(alias_of__isnull=True).order_by("path"),
        required=False,
    )
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.select_related("course").prefetch_related("days"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        recipient, kind = cleaned.get("recipient"), cleaned.get("kind")
        if recipient is None or not kind:
            return cleaned
        if kind == Certificate.Kind.MODULE:
            if cleaned.get("module") is None:
                self.add_error("module", gettext("Choose the module."))
                return cleaned
            subject = completed_enrolment(learner=recipient, module=cleaned["module"])
            missing = gettext("This learner has not completed this module.")
        else:
            if cleaned.get("session") is None:
                self.add_error("session", gettext("Choose the session."))
                return cleaned
            subject = selectors.completed_booking(learner=recipient, session=cleaned["session"])
            missing = gettext("This learner has no completed booking on this session.")
        if subject is None:
            raise forms.ValidationError(missing)
        cleaned["subject"] = subject
        return cleaned
