from allauth.account import forms as allauth_forms
from allauth.core import context as allauth_context
from django import forms
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .languages import browser_language, language_choices, person_language
from .models import Organisation, User
from .services import (
    MembershipRefused,
    check_can_belong,
    end_membership,
    is_staff_email,
    lineage_of,
    register_user,
    request_membership,
)
from .validators import refuse_control_characters_in_line

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}
# allauth's own words when the two passwords differ; replaced by GOVUK_PASSWORDS_DIFFER.
ALLAUTH_PASSWORDS_DIFFER = "You must type the same password each time."


def active_organisations():
    return Organisation.objects.filter(is_active=True).order_by("name")


class GovukFieldTexts:
    """Labels, hints and error messages the GOV.UK way for fields allauth builds in its
    forms' __init__: sentence case, British English, errors that say what to do, and no
    placeholders (GOV.UK forms use labels and hints instead).

    `field_texts` maps a field name to any of "label", "help_text" and "error_messages".
    """

    field_texts: dict[str, dict] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            texts = self.field_texts.get(name, {})
            if "label" in texts:
                field.label = texts["label"]
            if "help_text" in texts:
                field.help_text = texts["help_text"]
            field.error_messages.update(texts.get("error_messages", {}))

    def add_error(self, field, error):
        if field == "password2" and str(error) == gettext(ALLAUTH_PASSWORDS_DIFFER):
            error = _("Enter the same password in both fields")
        super().add_error(field, error)


NEW_PASSWORD_TEXTS = {
    "password1": {
        "label": _("Create a password"),
        "error_messages": {"required": _("Enter a password")},
    },
    "password2": {
        "label": _("Confirm your password"),
        "error_messages": {"required": _("Enter your password again")},
    },
}


class LanguageRadioSelect(forms.RadioSelect):
    """Radios naming each language in itself, each marked with its own `lang` (WCAG 3.1.2)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["lang"] = value
        return option


def preferred_language_field(*, required: bool = True) -> forms.ChoiceField:
    """The language to write to a person in, from the configured languages (read when the form
    is built, so a language added to the settings is offered without code)."""
    return forms.ChoiceField(
        required=required,
        choices=language_choices(),
        widget=LanguageRadioSelect,
        label=_("Which language should we write to you in?"),
        help_text=_("Emails, calendar invitations and certificates will be in this language."),
        error_messages={"required": _("Select the language we should write to you in")},
    )


class SignupForm(GovukFieldTexts, allauth_forms.SignupForm):
    """Sign-up: allauth's email and password, with the person's name and organisation.

    Partners must say which organisation they are from; council staff, recognised by their
    email domain, may leave it blank.
    """

    field_order = [
        "full_name",
        "email",
        "organisation",
        "organisation_name",
        "password1",
        "password2",
        "preferred_language",
    ]
    field_texts = {
        "email": {"label": _("Email address"), "error_messages": EMAIL_ERRORS},
        **NEW_PASSWORD_TEXTS,
    }

    full_name = forms.CharField(
        max_length=150,
        label=_("Full name"),
        error_messages={"required": _("Enter your full name")},
        validators=[refuse_control_characters_in_line],
    )
    organisation = forms.ModelChoiceField(
        queryset=active_organisations(),
        required=False,
        label=_("Organisation"),
        empty_label=_("Choose your organisation"),
        help_text=_("Council staff can leave this blank."),
    )
    organisation_name = forms.CharField(
        max_length=200,
        required=False,
        label=_("If your organisation is not listed, enter its name"),
        validators=[refuse_control_characters_in_line],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Preselected from the browser; a sign-up that leaves it out gets the same.
        self.fields["preferred_language"] = preferred_language_field(required=False)
        request = allauth_context.request
        if request is not None:
            self.fields["preferred_language"].initial = browser_language(request)

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email") or ""
        has_organisation = (
            cleaned_data.get("organisation") or cleaned_data.get("organisation_name", "").strip()
        )
        if email and not is_staff_email(email) and not has_organisation:
            self.add_error(
                "organisation",
                _("Choose your organisation, or enter its name if it is not listed"),
            )
        organisation = cleaned_data.get("organisation")
        if email and organisation is not None:
            try:
                check_can_belong(user=User(email=email), lineage=lineage_of(organisation))
            except MembershipRefused as refusal:
                self.add_error("organisation", refusal.message)
        return cleaned_data

    def signup(self, request, user: User) -> None:
        register_user(
            user=user,
            full_name=self.cleaned_data["full_name"],
            organisation=self.cleaned_data.get("organisation"),
            organisation_name=self.cleaned_data.get("organisation_name", ""),
            preferred_language=(
                self.cleaned_data.get("preferred_language") or browser_language(request)
            ),
        )


class SignInForm(GovukFieldTexts, allauth_forms.LoginForm):
    """The sign-in page links to "Forgotten your password?" below the button, not in a hint."""

    field_texts = {
        "login": {"label": _("Email address"), "error_messages": EMAIL_ERRORS},
        "password": {
            "label": _("Password"),
            "help_text": "",
            "error_messages": {"required": _("Enter your password")},
        },
        "remember": {"label": _("Remember me")},
    }


class ResetPasswordForm(GovukFieldTexts, allauth_forms.ResetPasswordForm):
    field_texts = {"email": {"label": _("Email address"), "error_messages": EMAIL_ERRORS}}


class ResetPasswordKeyForm(GovukFieldTexts, allauth_forms.ResetPasswordKeyForm):
    field_texts = {
        "password1": {
            "label": _("New password"),
            "error_messages": {"required": _("Enter a new password")},
        },
        "password2": {
            "label": _("Confirm your new password"),
            "error_messages": {"required": _("Enter your new password again")},
        },
    }


class ChangePasswordForm(GovukFieldTexts, allauth_forms.ChangePasswordForm):
    field_texts = {
        "oldpassword": {
            "label": _("Current password"),
            "help_text": "",
            "error_messages": {"required": _("Enter your current password")},
        },
        **ResetPasswordKeyForm.field_texts,
    }


class ProfileForm(forms.ModelForm):
    """The person's own details. Choosing another organisation asks to belong to it: the
    old membership ends and the new one counts only once verified (see
    accounts.services.request_membership)."""

    organisation = forms.ModelChoiceField(
        queryset=active_organisations(),
        required=False,
        label=_("Organisation"),
        empty_label=_("Not set"),
        help_text=_(
            "Changing it asks your new organisation to confirm you: until then you cannot use "
            "places kept for it."
        ),
    )

    class Meta:
        model = User
        fields = ["full_name", "certificate_name", "job_title", "team", "preferred_language"]
        labels = {"full_name": _("Full name"), "job_title": _("Job title")}

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()
        self.membership = membership
        if membership is not None:
            self.fields["organisation"].initial = membership.organisation_id
        self.fields["preferred_language"] = preferred_language_field(required=False)
        if not self.initial.get("preferred_language"):
            self.initial["preferred_language"] = person_language(self.instance)

    def clean_preferred_language(self) -> str:
        """Left out of the form (an older page, a script): the language stays as it was."""
        return self.cleaned_data["preferred_language"] or self.instance.preferred_language

    def clean(self):
        cleaned_data = super().clean()
        organisation = cleaned_data.get("organisation")
        if organisation is not None and self.organisation_changed:
            try:
                check_can_belong(user=self.instance, lineage=lineage_of(organisation))
            except MembershipRefused as refusal:
                self.add_error("organisation", refusal.message)
        return cleaned_data

    @property
    def organisation_changed(self) -> bool:
        current = self.membership.organisation_id if self.membership else None
        chosen = self.cleaned_data.get("organisation")
        return (chosen.pk if chosen else None) != current

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if self.organisation_changed:
            chosen = self.cleaned_data.get("organisation")
            if chosen is None:
                end_membership(membership=self.membership, by=user)
            else:
                request_membership(user=user, organisation=chosen)
        return user
