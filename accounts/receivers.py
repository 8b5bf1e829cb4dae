"""Keep staff status in step with the verified email address, and cached permission answers in
step with groups and permissions."""

from allauth.account.signals import email_changed, email_confirmed
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import User
from .permissions import permissions_changed


def on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    from .services import refresh_staff_status

    refresh_staff_status(user=email_address.user)


def on_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs) -> None:
    from .services import refresh_staff_status

    user.refresh_from_db()
    refresh_staff_status(user=user)


def on_permissions_changed(sender, **kwargs) -> None:
    permissions_changed()


def connect() -> None:
    email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
    email_changed.connect(on_email_changed, dispatch_uid="accounts.email_changed")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(on_permissions_changed, sender=through, dispatch_uid="accounts.perms")
    for signal in (post_save, post_delete):
        signal.connect(on_permissions_changed, sender=Group, dispatch_uid="accounts.perms")
