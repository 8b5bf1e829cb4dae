"""Issuing, revoking and re-issuing certificates, and producing their PDFs.

Every issue, revocation and re-issue is written to Wagtail's audit log (action types are
registered in wagtail_hooks.py).
"""

import hashlib
import secrets
import zipfile
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.log_actions import log

from accounts.languages import language_of
from home.emails import send_templated_email
from home.links import absolute_url
from home.pdf import html_to_pdf

from . import pdf, selectors, subjects
from .models import Certificate, CertificateSettings

# Raise when the PDF template (or anything else that changes every PDF) changes: cached PDFs
# are stored under a name that includes it, so old ones are simply never read again.
TEMPLATE_VERSION = 3
PDF_CACHE_DIR = "certificates/pdf"
SESSION_ZIP_DIR = "certificates/session-zips"
CODE_ATTEMPTS = 5


class CertificateError(Exception):
    """Base of the refusals below; the message is fit to show an administrator."""


class NotCertifiable(CertificateError):
    def __init__(self, subject):
        super().__init__(
            gettext("Certificates are not issued for %(kind)s.")
            % {"kind": subject._meta.verbose_name}
        )


class WrongRecipient(CertificateError):
    def __init__(self):
        super().__init__(gettext("This completion belongs to someone else."))


class NotCompleted(CertificateError):
    def __init__(self):
        super().__init__(
            gettext("This has not been completed yet, so there is nothing to certify.")
        )


class CertificateRevoked(CertificateError):
    """An automatic issue found a revoked certificate for the same completion. Only an
    administrator may issue again, so a repeated completion event cannot undo a revocation."""

    def __init__(self, certificate: Certificate):
        self.certificate = certificate
        super().__init__(
            gettext(
                "The certificate %(code)s for this was revoked; an administrator can issue a "
                "new one."
            )
            % {"code": certificate.code}
        )


class AlreadyRevoked(CertificateError):
    def __init__(self):
        super().__init__(gettext("This certificate has already been revoked."))


class ReasonRequired(CertificateError):
    def __init__(self):
        super().__init__(gettext("Enter the reason for revoking the certificate."))


class NotRevoked(CertificateError):
    def __init__(self):
        super().__init__(
            gettext("This certificate is still valid. Re-issue it to give the person a new one.")
        )


class AlreadyReplaced(CertificateError):
    def __init__(self, replacement: Certificate):
        self.replacement = replacement
        super().__init__(
            gettext("This certificate has already been replaced by %(code)s.")
            % {"code": replacement.code}
        )


class ActiveCertificateExists(CertificateError):
    """Someone already holds a valid certificate for the same completion."""

    def __init__(self, certificate: Certificate):
        self.certificate = certificate
        super().__init__(
            gettext("%(name)s already has a valid certificate for this: %(code)s.")
            % {"name": certificate.name, "code": certificate.code}
        )


def download_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:download", args=[certificate.pk]))


def _email_recipient(certificate: Certificate, *, reissued: bool) -> None:
    with language_of(certificate.recipient):
        send_templated_email(
            to=certificate.recipient.email,
            template="certificates/emails/certificate_issued",
            context={
                "certificate": certificate,
                "recipient": certificate.recipient,
                "download_url": download_url(certificate),
                "my_certificates_url": absolute_url(reverse("certificates:my_certificates")),
                "reissued": reissued,
            },
            about=certificate,
        )


def _create(*, recipient, subject, completion, by, replaces=None) -> Certificate:
    """Save a new certificate, retrying on the (vanishingly rare) clash of random codes.
    Lets the IntegrityError of a second active certificate for the subject through."""
    certificate_settings = CertificateSettings.for_default_site()
    for _ in range(CODE_ATTEMPTS):
        certificate = Certificate(
            recipient=recipient,
            kind=completion.kind,
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            name=recipient.name_on_certificate,
            title=completion.title,
            completed_on=completion.completed_on,
            days=[day.isoformat() for day in completion.days],
            cpd_hours=completion.cpd_hours,
            trainer_names=completion.trainer_names,
            requirements=completion.requirements,
            wording=completion.wording,
            organisation_name=certificate_settings.organisation_name,
            issued_by=by,
            replaces=replaces,
        )
        certificate.full_clean(validate_unique=False, validate_constraints=False)
        if Certificate.objects.filter(code=certificate.code).exists():
            continue
        with transaction.atomic():
            certificate.save()
        return certificate
    raise RuntimeError("Could not find an unused verification code.")  # about 2^-59 per try


@transaction.atomic
def issue_certificate(*, recipient, subject, by=None) -> Certificate:
    """The recipient's certificate for a completed subject (an e-learning `Enrolment`, a
    `Booking` on a session, or a `ProgrammeEnrolment`), issuing it now if there is none.

    Idempotent: repeated completion events and retries return the same certificate, and the
    partial unique constraint stops two concurrent calls from both issuing. `by` is the
    administrator issuing by hand; None means issued automatically on completion, which never
    replaces a revoked certificate (`CertificateRevoked`). The recipient is emailed a link.
    """
    with language_of(recipient):  # the title as it reads in the recipient's language
        completion = subjects.describe(subject)
    if completion is None:
        raise NotCertifiable(subject)
    if completion.learner_id != recipient.pk:
        raise WrongRecipient()
    if completion.completed_at is None:
        raise NotCompleted()
    content_type = ContentType.objects.get_for_model(subject)
    existing = selectors.active_certificate(recipient=recipient, subject=subject)
    if existing is not None:
        return existing
    if by is None:
        revoked = (
            Certificate.objects.filter(
                recipient=recipient, content_type=content_type, object_id=subject.pk
            )
            .order_by("-revoked_at")
            .first()
        )
        if revoked is not None:
            raise CertificateRevoked(revoked)
    try:
        certificate = _create(recipient=recipient, subject=subject, completion=completion, by=by)
    except IntegrityError:
        # Another request issued it between our check and our insert.
        existing = selectors.active_certificate(recipient=recipient, subject=subject)
        if existing is None:
            raise
        return existing
    log(
        instance=certificate,
        action="certificates.issue",
        user=by,
        data={"code": certificate.code, "automatic": by is None},
    )
    _email_recipient(certificate, reissued=False)
    return certificate


def _revoke(*, certificate: Certificate, by, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    certificate.refresh_from_db(fields=["revoked_at"])
    check_revocable(certificate)
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.full_clean(validate_unique=False, validate_constraints=False)
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Mark the certificate revoked: its verification page says so from now on."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    _revoke(certificate=certificate, by=by, reason=reason)
    log(
        instance=certificate,
        action="certificates.revoke",
        user=by,
        data={"code": certificate.code, "reason": certificate.revocation_reason},
    )
    return certificate


def _completion_now(certificate: Certificate) -> tuple[object, subjects.Completion]:
    """The certificate's subject and what a certificate for it would record today; refused
    when the completion no longer stands (a register corrected since, say)."""
    subject = certificate.subject
    with language_of(certificate.recipient):
        completion = subjects.describe(subject) if subject is not None else None
    if completion is None or completion.completed_at is None:
        raise NotCompleted()
    return subject, completion


def check_revocable(certificate: Certificate) -> None:
    if certificate.is_revoked:
        raise AlreadyRevoked()


def check_reissuable(certificate: Certificate) -> tuple[object, subjects.Completion]:
    """Raise the reason `reissue_certificate` would refuse, if any: the admin offers
    "Re-issue" only when this passes."""
    check_revocable(certificate)
    return _completion_now(certificate)


def check_replaceable(certificate: Certificate) -> tuple[object, subjects.Completion]:
    """Raise the reason `issue_replacement` would refuse, if any: the admin offers
    "Issue a replacement" only when this passes."""
    if not certificate.is_revoked:
        raise NotRevoked()
    replacement = Certificate.objects.filter(replaces=certificate).first()
    if replacement is not None:
        raise AlreadyReplaced(replacement)
    subject, completion = _completion_now(certificate)
    active = selectors.active_certificate(recipient=certificate.recipient, subject=subject)
    if active is not None:
        raise ActiveCertificateExists(active)
    return subject, completion


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, by, reason: str = "") -> Certificate:
    """Revoke the certificate and issue a new one, with a new code, for the same completion,
    snapshotting the subject and the recipient's name as they are now (after a name
    correction, say). The recipient is emailed the new certificate."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    subject, completion = check_reissuable(certificate)
    _revoke(certificate=certificate, by=by, reason=reason or "Re-issued")
    replacement = _create(
        recipient=certificate.recipient,
        subject=subject,
        completion=completion,
        by=by,
        replaces=certificate,
    )
    log(
        instance=certificate,
        action="certificates.reissue",
        user=by,
        data={
            "code": certificate.code,
            "new_code": replacement.code,
            "reason": certificate.revocation_reason,
        },
    )
    log(
        instance=replacement,
        action="certificates.issue",
        user=by,
        data={"code": replacement.code, "automatic": False, "replaces": certificate.code},
    )
    _email_recipient(replacement, reissued=True)
    return replacement


@transaction.atomic
def issue_replacement(*, certificate: Certificate, by) -> Certificate:
    """A new certificate, with a new code, in place of one revoked earlier (revoked in error,
    or for a mistake since corrected), recording the completion as it stands now. The
    recipient is emailed the new certificate; the revoked one stays revoked."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    subject, completion = check_replaceable(certificate)
    try:
        replacement = _create(
            recipient=certificate.recipient,
            subject=subject,
            completion=completion,
            by=by,
            replaces=certificate,
        )
    except IntegrityError:
        check_replaceable(certificate)  # says who issued one between our check and our insert
        raise
    log(
        instance=replacement,
        action="certificates.issue",
        user=by,
        data={"code": replacement.code, "automatic": False, "replaces": certificate.code},
    )
    _email_recipient(replacement, reissued=True)
    return replacement


def _pdf_cache_name(certificate: Certificate, certificate_settings: CertificateSettings) -> str:
    """Where the PDF is cached: by certificate, code and template version, plus a fingerprint
    of the settings printed on it, so a new signatory or logo gives new PDFs. The code makes
    the name unguessable wherever the storage is served from."""
    printed = "|".join(
        str(value)
        for value in (
            certificate_settings.signatory_name,
            certificate_settings.signatory_title,
            certificate_settings.logo.file.name if certificate_settings.logo else "",
            certificate_settings.signature.file.name if certificate_settings.signature else "",
            certificate_settings.bilingual,
        )
    )
    fingerprint = hashlib.sha256(printed.encode()).hexdigest()[:12]
    return (
        f"{PDF_CACHE_DIR}/{certificate.pk}-{certificate.code}-v{TEMPLATE_VERSION}-{fingerprint}.pdf"
    )


def render_certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF: read from storage when it was made before, else rendered
    and stored for next time."""
    certificate_settings = CertificateSettings.for_default_site()
    name = _pdf_cache_name(certificate, certificate_settings)
    try:
        with default_storage.open(name, "rb") as cached:
            return cached.read()
    except FileNotFoundError:
        pass
    content = html_to_pdf(pdf.certificate_html(certificate, certificate_settings))
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    return content


def session_certificates_zip(certificates) -> bytes:
    """One ZIP of the PDFs of `certificates`, each named after its holder and code."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            stem = slugify(certificate.name, allow_unicode=True) or "certificate"
            archive.writestr(f"{stem}-{certificate.code}.pdf", render_certificate_pdf(certificate))
    return buffer.getvalue()


def store_session_zip(*, session, content: bytes) -> str:
    """Save a cohort's ZIP under an unguessable name; returns the token that names it."""
    token = secrets.token_urlsafe(24)
    default_storage.save(session_zip_name(session_id=session.pk, token=token), ContentFile(content))
    return token


def session_zip_name(*, session_id: int, token: str) -> str:
    return f"{SESSION_ZIP_DIR}/{session_id}/{token}.zip"
