"""allauth's adapter with the refusals it raises itself worded the GOV.UK way (what to do,
not what went wrong). Form labels and field errors are in accounts/forms.py."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Enter the correct email address and password"),
        "enter_current_password": _("Enter your current password correctly"),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait a few minutes, then try again"
        ),
    }
