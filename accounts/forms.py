from django import forms

from .models import Organisation, User
from .services import is_staff_email, register_user


def active_organisations():
    return Organisation.objects.filter(is_active=True).order_by("name")


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password.

    Partners must say which organisation they are from; council staff, recognised by their
    email domain, may leave it blank.
    """

    field_order = ["full_name", "email", "organisation", "organisation_name"]

    full_name = forms.CharField(max_length=150, label="Full name")
    organisation = forms.ModelChoiceField(
        queryset=active_organisations(),
        required=False,
        label="Organisation",
        empty_label="Choose your organisation",
        help_text="Council staff can leave this blank.",
    )
    organisation_name = forms.CharField(
        max_length=200,
        required=False,
        label="If your organisation is not listed, enter its name",
    )

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email") or ""
        has_organisation = (
            cleaned_data.get("organisation") or cleaned_data.get("organisation_name", "").strip()
        )
        if email and not is_staff_email(email) and not has_organisation:
            self.add_error(
                "organisation",
                "Choose your organisation, or enter its name if it is not listed",
            )
        return cleaned_data

    def signup(self, request, user: User) -> None:
        register_user(
            user=user,
            full_name=self.cleaned_data["full_name"],
            organisation=self.cleaned_data.get("organisation"),
            organisation_name=self.cleaned_data.get("organisation_name", ""),
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "certificate_name", "job_title", "team", "organisation"]
        labels = {"full_name": "Full name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()
        self.fields["organisation"].empty_label = "Not set"
