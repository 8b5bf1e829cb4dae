"""Wagtail admin views: issue by hand, revoke, re-issue, an administrator's PDF download, and
a session's certificates as one ZIP (for training administrators and that session's trainers).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import HistoryView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from accounts.spreadsheets import SafeSpreadsheetExportMixin
from bookings.models import Session
from home.formats import format_date_list, format_time

from . import selectors, services, tasks
from .forms import IssueForm, ReissueForm, ReplaceForm, RevokeForm
from .models import Certificate
from .permissions import user_can_download_session_certificates, user_can_manage_certificates

# A cohort up to this size gets its ZIP straight away; a larger one is built by a task and
# the person who asked is emailed a link. Rendering takes ~15-25 ms per uncached PDF.
ZIP_INLINE_LIMIT = 40
INDEX_URL = "certificate_admin:index"


class CertificateIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return selectors.certificates_for_admin()


class CertificateInspectView(InspectView):
    """A certificate as a person would read it, with only the actions that can succeed: an
    active certificate can be downloaded, revoked and (while its completion stands) re-issued;
    a revoked one can be replaced, once."""

    # Shown only when the certificate is for something with days and trainers, or revoked.
    session_fields = {"days", "trainer_names"}
    revocation_fields = {"revoked_at", "revoked_by", "revocation_reason", "replaced_by"}
    labels = {
        "status": gettext_lazy("Status"),
        "issued_at": gettext_lazy("Issued on"),
        "revoked_at": gettext_lazy("Revoked on"),
        "trainer_names": gettext_lazy("Trainers"),
        "replaced_by": gettext_lazy("Replaced by"),
    }

    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related(
                "recipient", "issued_by", "revoked_by", "replaces", "replaced_by"
            ),
            pk=self.pk,
        )

    def get_fields_context(self):
        hidden = set()
        if self.object.kind != Certificate.Kind.SESSION:
            hidden |= self.session_fields
        if not self.object.is_revoked:
            hidden |= self.revocation_fields
        if self.object.replaces is None:
            hidden.add("replaces")
        return [self.get_context_for_field(name) for name in self.fields if name not in hidden]

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_status_display_value(self):
        return gettext("Revoked") if self.object.is_revoked else gettext("Valid")

    def get_completed_on_display_value(self):
        return date_format(self.object.completed_on, "j F Y")

    def get_days_display_value(self):
        return format_date_list(self.object.day_dates) or gettext("None recorded")

    def get_cpd_hours_display_value(self):
        hours = self.object.cpd_hours
        return gettext("None") if hours is None else floatformat(hours, -1)

    def get_trainer_names_display_value(self):
        return self.object.trainers_display or gettext("None recorded")

    def get_issued_at_display_value(self):
        return written_moment(self.object.issued_at)

    def get_issued_by_display_value(self):
        if self.object.issued_by is None:
            return gettext("Issued automatically")
        return self.object.issued_by.full_name

    def get_revoked_at_display_value(self):
        return written_moment(self.object.revoked_at)

    def get_revoked_by_display_value(self):
        revoked_by = self.object.revoked_by
        return revoked_by.full_name if revoked_by else gettext("Someone since removed")

    def get_replaces_display_value(self):
        return certificate_link(self.object.replaces)

    def get_replaced_by_display_value(self):
        replacement = getattr(self.object, "replaced_by", None)
        return certificate_link(replacement) if replacement else gettext("Not replaced")

    @cached_property
    def header_buttons(self):
        certificate = self.object
        if certificate.is_revoked:
            return self.revoked_certificate_buttons()
        buttons = [
            HeaderButton(
                gettext("Download PDF"),
                url=reverse("certificate_admin:pdf", args=[certificate.pk]),
                icon_name="download",
            )
        ]
        if succeeds(services.check_reissuable, certificate):
            buttons.append(
                HeaderButton(
                    gettext("Re-issue"),
                    url=reverse("certificate_admin:reissue", args=[certificate.pk]),
                    icon_name="redirect",
                )
            )
        buttons.append(
            HeaderButton(
                gettext("Revoke"),
                url=reverse("certificate_admin:revoke", args=[certificate.pk]),
                icon_name="warning",
            )
        )
        return buttons

    def revoked_certificate_buttons(self) -> list[HeaderButton]:
        if succeeds(services.check_replaceable, self.object):
            return [
                HeaderButton(
                    gettext("Issue a replacement"),
                    url=reverse("certificate_admin:replace", args=[self.object.pk]),
                    icon_name="plus",
                )
            ]
        return []


def succeeds(check, certificate: Certificate) -> bool:
    """Whether a service's check lets the action through (it raises the refusal if not)."""
    try:
        check(certificate)
    except services.CertificateError:
        return False
    return True


def written_moment(value) -> str:
    """ "26 November 2026, 5:49am" in the site's time zone."""
    local = timezone.localtime(value)
    return f"{date_format(local, 'j F Y')}, {format_time(local)}"


def certificate_link(certificate: Certificate):
    url = reverse("certificate_admin:inspect", args=[certificate.pk])
    return format_html('<a href="{}">{}</a>', url, certificate.code)


class CertificateHistoryView(HistoryView):
    """The audit log of one certificate; its breadcrumb leads back to the inspect page (a
    certificate has no edit page)."""

    header_buttons = []


class CertificateAdminFormView(WagtailAdminTemplateMixin, FormView):
    """A form in the admin's own look, for training administrators only."""

    template_name = "certificates/admin/form.html"
    header_icon = "doc-full"
    submit_button_label = gettext_lazy("Save")

    def dispatch(self, request, *args, **kwargs):
        if not user_can_manage_certificates(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": gettext("Certificates")},
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
    page_title = gettext_lazy("Issue a certificate")
    submit_button_label = gettext_lazy("Issue the certificate")

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
                self.request,
                gettext("%(person)s already has certificate %(code)s for this.")
                % {"person": recipient, "code": certificate.code},
            )
        else:
            messages.success(
                self.request,
                gettext("Certificate %(code)s issued to %(person)s.")
                % {"code": certificate.code, "person": recipient},
            )
        return redirect("certificate_admin:inspect", certificate.pk)


class CertificateActionView(CertificateAdminFormView):
    """Revoke, re-issue or replace one certificate. Opening the page for an action that cannot
    succeed (the inspect page does not offer it) leads back to the certificate with the
    reason; a refusal at submission (another administrator was quicker) shows on the form."""

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(Certificate, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def check(self, certificate: Certificate) -> None:
        """Raise the refusal the action would meet now."""

    def get(self, request, *args, **kwargs):
        try:
            self.check(self.certificate)
        except services.CertificateError as refusal:
            messages.error(request, str(refusal))
            return redirect("certificate_admin:inspect", self.certificate.pk)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)


class RevokeCertificateView(CertificateActionView):
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke certificate")
    submit_button_label = gettext_lazy("Revoke the certificate")

    def check(self, certificate):
        services.check_revocable(certificate)

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
        messages.success(
            self.request,
            gettext("Certificate %(code)s revoked.") % {"code": self.certificate.code},
        )
        return redirect("certificate_admin:inspect", self.certificate.pk)


class ReissueCertificateView(CertificateActionView):
    form_class = ReissueForm
    page_title = gettext_lazy("Re-issue certificate")
    submit_button_label = gettext_lazy("Revoke and issue a new certificate")

    def check(self, certificate):
        services.check_reissuable(certificate)

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
            gettext("Certificate %(old)s revoked and %(new)s issued in its place.")
            % {"old": self.certificate.code, "new": replacement.code},
        )
        return redirect("certificate_admin:inspect", replacement.pk)


class ReplaceCertificateView(CertificateActionView):
    form_class = ReplaceForm
    page_title = gettext_lazy("Issue a replacement certificate")
    submit_button_label = gettext_lazy("Issue the replacement")

    def check(self, certificate):
        services.check_replaceable(certificate)

    def get_context_data(self, **kwargs):
        intro = gettext(
            "%(name)s will be issued a new certificate for %(title)s, with a new code, "
            "recording the completion as it stands now, and emailed a link to it. "
            "Certificate %(code)s stays revoked."
        ) % {
            "name": self.certificate.name,
            "title": self.certificate.title,
            "code": self.certificate.code,
        }
        return super().get_context_data(intro=intro, **kwargs)

    def form_valid(self, form):
        try:
            replacement = services.issue_replacement(
                certificate=self.certificate, by=self.request.user
            )
        except services.CertificateError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Certificate %(code)s issued in place of %(old_code)s.")
            % {"code": replacement.code, "old_code": self.certificate.code},
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
            gettext(
                "We are putting the %(count)s certificates together and will email %(email)s "
                "a link when the ZIP is ready."
            )
            % {"count": len(certificates), "email": request.user.email},
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
