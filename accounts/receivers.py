"""Keep staff status, and membership proved by an email domain, in step with the verified
email address."""

from allauth.account.signals import email_changed, email_confirmed


def on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    from .services import refresh_staff_status, verify_by_email_domain

    refresh_staff_status(user=email_address.user)
    verify_by_email_domain(user=email_address.user)


def on_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs) -> None:
    from .services import refresh_staff_status

    user.refresh_from_db()
    refresh_staff_status(user=user)


def connect() -> None:
    email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
    email_changed.connect(on_email_changed, dispatch_uid="accounts.email_changed")
