"""The outbox in the Wagtail admin: emails waiting or failed, with the last error, and a retry
or cancel for each. Emails are never edited: what was written is what is sent."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import outbox
from .models import OutboxEmail
from .permissions import user_can_manage_outbox


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Training administrators view the outbox; nobody adds, edits or deletes an email."""

    def user_has_permission(self, user, action):
        return action == "view" and user_can_manage_outbox(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=OutboxEmail.Status.choices
    )

    class Meta:
        model = OutboxEmail
        fields = ["status"]


class OutboxInspectView(InspectView):
    template_name = "home/admin/outbox_inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_act=self.object.status in (OutboxEmail.Status.PENDING, OutboxEmail.Status.FAILED),
            **kwargs,
        )


def _act(request, pk: int, action, done: str):
    if not user_can_manage_outbox(request.user):
        raise PermissionDenied
    email = action(get_object_or_404(OutboxEmail, pk=pk))
    messages.success(request, done.format(status=email.get_status_display()))
    return redirect("outbox:inspect", pk)


@require_POST
def retry_view(request, pk: int):
    return _act(request, pk, outbox.retry, gettext("Email queued to send now: {status}"))


@require_POST
def cancel_view(request, pk: int):
    return _act(request, pk, outbox.cancel, gettext("Email cancelled: {status}"))


class OutboxViewSet(ModelViewSet):
    model = OutboxEmail
    name = "outbox"
    url_prefix = "outbox"
    icon = "mail"
    menu_label = gettext_lazy("Emails")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = OutboxFilterSet
    list_display = [
        Column("subject", label=gettext_lazy("Subject"), accessor="__str__"),
        Column("recipients", label=gettext_lazy("To"), accessor="recipients"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
    ]
    inspect_view_fields = [
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "text_body",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", retry_view, name="retry"),
            path("cancel/<int:pk>/", cancel_view, name="cancel"),
        ]


outbox_viewset = OutboxViewSet()
