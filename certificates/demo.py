"""Demo certificate settings. Certificates themselves come from completions (module completed,
session completed), never from seeding."""

from wagtail.models import Site

from home.demo import home_page

from .models import CertificateSettings

DEMO_SETTINGS = {
    "organisation_name": "Example Borough Council",
    "signatory_name": "Demo Lead Practitioner",
    "signatory_title": "Lead Practitioner for Signs of Safety",
}


def seed(*, stdout) -> None:
    site = Site.objects.get(root_page=home_page())
    certificate_settings = CertificateSettings.for_site(site)
    if not certificate_settings.signatory_name:
        for field, value in DEMO_SETTINGS.items():
            setattr(certificate_settings, field, value)
        certificate_settings.save()
    stdout.write("Certificate settings ready.")
