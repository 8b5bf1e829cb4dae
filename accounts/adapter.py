"""allauth's adapter with the refusals it raises itself worded the GOV.UK way (what to do,
not what went wrong). Form labels and field errors are in accounts/forms.py."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .languages import language_of, link_in_language, path_in_language, person_language
from .models import User

# The links allauth puts in its emails, built in the language of the request that sent them.
ALLAUTH_EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Enter the correct email address and password"),
        "enter_current_password": _("Enter your current password correctly"),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait a few minutes, then try again"
        ),
    }

    def post_login(self, request, user, **kwargs):
        """Arrive in one's own language: the page asked for (or the home page), in the
        person's preferred language when it differs from the sign-in page's."""
        response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect) and user.preferred_language:
            response["Location"] = path_in_language(
                request, response["Location"], person_language(user)
            )
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's own emails (confirm your address, reset your password) in the language
        of the person they are for, when they have an account, else of the page they used;
        their links lead to the pages in that language too."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        if user is None:
            super().send_mail(template_prefix, email, context)
            return
        language = person_language(user)
        links = {
            name: link_in_language(context[name], language)
            for name in ALLAUTH_EMAIL_LINKS
            if name in context
        }
        with language_of(user):
            super().send_mail(template_prefix, email, {**context, **links})
