from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import OutboxEmail
from .viewsets import OutboxPermissionPolicy, outbox_viewset

# Registered before the viewset, which would otherwise create Wagtail's default policy.
register_permission_policy(OutboxEmail, OutboxPermissionPolicy(OutboxEmail))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset
