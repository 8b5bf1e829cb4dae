"""Demo certificate settings, and the certificates of completions the seed recorded without
completing a session (the bookings demo writes the demo Practice Lead's earlier two-day course
as already completed). Every certificate comes from a completion, through the same service a
real completion calls; none is made up."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site

from bookings.models import Booking, Session
from home.demo import home_page

from . import services
from .models import Certificate, CertificateSettings

DEMO_SETTINGS = {
    "organisation_name": "Example Borough Council",
    "signatory_name": "Demo Lead Practitioner",
    "signatory_title": "Lead Practitioner for Signs of Safety",
}


def issue_missing_session_certificates() -> int:
    """Issue the certificate of every completed booking that has none (never replacing a
    revoked one). Returns how many were issued."""
    certified = Certificate.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking)
    ).values("object_id")
    issued = 0
    for booking in (
        Booking.objects.filter(completed_at__isnull=False, session__status=Session.Status.COMPLETED)
        .exclude(pk__in=certified)
        .select_related("user", "session__course")
    ):
        try:
            services.issue_certificate(recipient=booking.user, subject=booking)
        except services.CertificateRevoked:
            continue
        issued += 1
    return issued


def seed(*, stdout) -> None:
    site = Site.objects.get(root_page=home_page())
    certificate_settings = CertificateSettings.for_site(site)
    if not certificate_settings.signatory_name:
        for field, value in DEMO_SETTINGS.items():
            setattr(certificate_settings, field, value)
        certificate_settings.save()
    issued = issue_missing_session_certificates()
    stdout.write(f"Certificate settings ready; {issued} certificate(s) issued for completions.")
