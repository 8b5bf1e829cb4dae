from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Certificate
from .viewsets import CertificatePermissionPolicy, certificate_viewset

# Registered before the viewset, which would otherwise create Wagtail's default policy.
register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset


@hooks.register("register_admin_urls")
def register_session_zip_urls():
    return [
        path(
            "certificates-for-session/<int:session_id>/",
            admin_views.session_zip,
            name="certificates_session_zip",
        ),
        path(
            "certificates-for-session/<int:session_id>/<slug:token>.zip",
            admin_views.session_zip_file,
            name="certificates_session_zip_file",
        ),
    ]


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.issue", _("Issue certificate"), _("Certificate issued"))
    actions.register_action(
        "certificates.revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "certificates.reissue", _("Re-issue certificate"), _("Certificate revoked and re-issued")
    )
