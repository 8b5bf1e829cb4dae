"""The certificates listing in the Wagtail admin, with inspect, issue, revoke and re-issue.

Certificates are never edited or deleted: they are snapshots, revoked (and re-issued) instead.
"""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import admin_views
from .models import Certificate
from .permissions import user_can_manage_certificates


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Training administrators view and issue certificates; nobody edits or deletes one."""

    def user_has_permission(self, user, action):
        return action in {"view", "add"} and user_can_manage_certificates(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CertificateFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Certificate.Kind.choices)
    title = django_filters.CharFilter(
        label=_("Course or module"),
        lookup_expr="icontains",
        help_text=_("Part of the title."),
        max_length=255,
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued"), widget=DateRangePickerWidget
    )
    revoked = django_filters.BooleanFilter(
        label=_("Revoked"), field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Certificate
        fields = ["kind", "title", "issued_at", "revoked"]


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 300
    add_to_admin_menu = True
    # "certificates" is the public pages' URL namespace.
    name = "certificate_admin"
    url_prefix = "certificates"
    index_view_class = admin_views.CertificateIndexView
    inspect_view_class = admin_views.CertificateInspectView
    history_view_class = admin_views.CertificateHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["name", "code", "title", "recipient__email"]
    search_backend_name = None
    list_display = [
        "name",
        "title",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "code",
        "issued_at",
        Column("status", label=_("Status"), accessor="status"),
    ]
    list_export = [
        "name",
        "recipient",
        "title",
        "kind",
        "completed_on",
        "cpd_hours",
        "code",
        "issued_at",
        "revoked_at",
    ]
    inspect_view_fields = [
        "name",
        "recipient",
        "kind",
        "title",
        "completed_on",
        "days",
        "cpd_hours",
        "trainer_names",
        "organisation_name",
        "code",
        "status",
        "issued_at",
        "issued_by",
        "replaces",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "replaced_by",
    ]

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(edit_url_name=self.get_url_name("inspect"), **kwargs)

    def get_urlpatterns(self):
        # No edit, delete or copy views: issue, revoke and re-issue go through services.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", admin_views.IssueCertificateView.as_view(), name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("revoke/<int:pk>/", admin_views.RevokeCertificateView.as_view(), name="revoke"),
            path("reissue/<int:pk>/", admin_views.ReissueCertificateView.as_view(), name="reissue"),
            path("replace/<int:pk>/", admin_views.ReplaceCertificateView.as_view(), name="replace"),
            path("pdf/<int:pk>/", admin_views.certificate_pdf, name="pdf"),
        ]


certificate_viewset = CertificateViewSet()
