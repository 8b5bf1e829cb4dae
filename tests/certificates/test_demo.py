import io

import pytest
from wagtail.models import Site

from certificates import demo
from certificates.models import CertificateSettings
from tests.factories import make_home_page

pytestmark = pytest.mark.django_db


def test_demo_fills_the_certificate_settings_once_and_keeps_later_edits():
    make_home_page()

    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    certificate_settings = CertificateSettings.objects.get(site=site)
    assert certificate_settings.signatory_name == "Demo Lead Practitioner"
    assert certificate_settings.signatory_title == "Lead Practitioner for Signs of Safety"
    assert CertificateSettings.objects.count() == 1

    certificate_settings.signatory_name = "Edited in the admin"
    certificate_settings.save()
    demo.seed(stdout=io.StringIO())
    certificate_settings.refresh_from_db()
    assert certificate_settings.signatory_name == "Edited in the admin"
