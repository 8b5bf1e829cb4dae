"""Wagtail admin views: issue by hand, revoke, re-issue, an administrator's PDF download, and
a session's certificates as one ZIP (for training administrators and that session's trainers).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic import HistoryView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from bookings.models import Session

from . import selectors, services, tasks
from .forms import IssueForm, ReissueForm, RevokeForm
from .models import Certificate
from .permissions import user_can_download_session_certificates, user_can_manage_certificates

# A cohort up to this size gets its ZIP straight away; a larger one is built by a task and
# the person who asked is emailed a link. Rendering takes ~15-25 ms per uncached PDF.
ZIP_INLINE_LIMIT = 40
INDEX_URL = "certificate_admin:index"


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.certificates_for_admin()


class CertificateInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related("recipient", "issued_by", "revoked_by"),
            pk=self.pk,
        )

    @cached_property
    def header_buttons(self):
        pk = self.object.pk
        buttons = []
        if not self.object.is_revoked:
            buttons = [
                HeaderButton(
                    "Download PDF",
                    url=reverse("certificate_admin:pdf", args=[pk]),
                    icon_name="download",
                ),
                HeaderButton(
                    "Re-issue",
                    url=reverse("certificate_admin:reissue", args=[pk]),
                    icon_name="redirect",
                ),
                HeaderButton(
                    "Revoke",
                    url=reverse("certificate_admin:revoke", args=[pk]),
                    icon_name="warning",
                ),
            ]
        return buttons


class CertificateHistoryView(HistoryView):
    """The audit log of one certificate; its breadcrumb leads back to the inspect page (a
    certificate has no edit page)."""

    header_buttons = []


class CertificateAdminFormView(WagtailAdminTemplateMixin, FormView):
    """A form in the admin's own look, for training administrators only."""

    template_name = "certificates/admin/form.html"
    header_icon = "doc-full"
    submit_button_label = "Save"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_manage_certificates(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": "Certificates"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            **kwargs,
        )


class IssueCertificateView(CertificateAdminFormView):
    form_class = IssueForm
    page_title = "Issue a certificate"
    submit_button_label = "Issue the certificate"

    def form_valid(self, form):
        recipient, subject = form.cleaned_data["recipient"], form.cleaned_data["subject"]
        existing = selectors.active_certificate(recipient=recipient, subject=subject)
        try:
            certificate = services.issue_certificate(
                recipient=recipient, subject=subject, by=self.request.user
            )
        except services.CertificateError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        if existing is not None:
            messages.warning(
                self.request, f"{recipient} already has certificate {certificate.code} for this."
            )
        else:
            messages.success(self.request, f"Certificate {certificate.code} issued to {recipient}.")
        return redirect("certificate_admin:inspect", certificate.pk)


class CertificateActionView(CertificateAdminFormView):
    """Revoke or re-issue one active certificate."""

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(Certificate, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)


class RevokeCertificateView(CertificateActionView):
    form_class = RevokeForm
    page_title = "Revoke certificate"
    submit_button_label = "Revoke the certificate"

    def form_valid(self, form):
        try:
            services.revoke_certificate(
                certificate=self.certificate,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.CertificateError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, f"Certificate {self.certificate.code} revoked.")
        return redirect("certificate_admin:inspect", self.certificate.pk)


class ReissueCertificateView(CertificateActionView):
    form_class = ReissueForm
    page_title = "Re-issue certificate"
    submit_button_label = "Revoke and issue a new certificate"

    def form_valid(self, form):
        try:
            replacement = services.reissue_certificate(
                certificate=self.certificate,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.CertificateError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Certificate {self.certificate.code} revoked and {replacement.code} issued in its "
            "place.",
        )
        return redirect("certificate_admin:inspect", replacement.pk)


def certificate_pdf(request, pk: int):
    """Any active certificate's PDF, for training administrators."""
    if not user_can_manage_certificates(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk, revoked_at__isnull=True)
    response = HttpResponse(
        services.render_certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.download_filename}"'
    return response


def _session_for_zip(request, session_id: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_id)
    if not user_can_download_session_certificates(request.user, session):
        raise PermissionDenied
    return session


def session_zip(request, session_id: int):
    """'Download all certificates' for a session. Small cohorts get the ZIP at once; for a
    large one, a POST starts a task that builds it and emails the requester a link."""
    session = _session_for_zip(request, session_id)
    certificates = list(selectors.session_certificates(session))
    context = {"session": session, "count": len(certificates), "limit": ZIP_INLINE_LIMIT}
    if not certificates:
        return TemplateResponse(request, "certificates/admin/session_zip.html", context)
    if len(certificates) <= ZIP_INLINE_LIMIT:
        response = HttpResponse(
            services.session_certificates_zip(certificates), content_type="application/zip"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="certificates-session-{session.pk}.zip"'
        )
        return response
    if request.method == "POST":
        tasks.build_session_certificates_zip.enqueue(
            session_id=session.pk, requester_id=request.user.pk
        )
        messages.success(
            request,
            f"We are putting the {len(certificates)} certificates together and will email "
            f"{request.user.email} a link when the ZIP is ready.",
        )
        return redirect("certificates_session_zip", session.pk)
    return TemplateResponse(request, "certificates/admin/session_zip.html", context)


def session_zip_file(request, session_id: int, token: str):
    """A ZIP built by the task, behind the same permission check as the page that asked."""
    session = _session_for_zip(request, session_id)
    name = services.session_zip_name(session_id=session.pk, token=token)
    if not default_storage.exists(name):
        raise Http404("This download has expired or never existed.")
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"certificates-session-{session.pk}.zip",
        content_type="application/zip",
    )
