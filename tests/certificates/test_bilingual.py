"""A certificate records what was completed as it read in Welsh and in English at issue time;
with CertificateSettings' bilingual setting on, the PDF prints every line in Welsh first, then
in English, each part marked with its language; the verification page shows the certificate
in the language of the page (issue 13)."""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from certificates import pdf, services
from certificates.models import Certificate, CertificateSettings
from home.translations import translate_page
from tests.factories import UserFactory

from .factories import complete_booking, make_completed_session

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Signs of Safety two-day training"
WELSH_TITLE = "Hyfforddiant deuddydd Arwyddion Diogelwch"


def issued(*, preferred_language="en-gb") -> Certificate:
    person = UserFactory(staff=True, full_name="Alys Jones", preferred_language=preferred_language)
    trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
    session, [booking] = make_completed_session(
        learners=[person], trainers=[trainer], title=ENGLISH_TITLE, cpd_hours="12.5"
    )
    translate_page(session.course, "cy", {ENGLISH_TITLE: WELSH_TITLE})
    complete_booking(booking)
    return Certificate.objects.get(recipient=person)


def bilingual_settings(on: bool = True) -> CertificateSettings:
    certificate_settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    certificate_settings.bilingual = on
    certificate_settings.save()
    return certificate_settings


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def in_order(text: str, *parts: str) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def test_a_certificate_records_its_title_in_welsh_and_in_english_at_issue_time():
    certificate = issued(preferred_language="en-gb")

    assert certificate.title == ENGLISH_TITLE
    assert certificate.wording == {
        "cy": {"title": WELSH_TITLE, "requirements": []},
        "en-gb": {"title": ENGLISH_TITLE, "requirements": []},
    }


def test_a_bilingual_certificate_prints_every_line_in_welsh_then_in_english():
    certificate = issued(preferred_language="en-gb")
    bilingual_settings()

    content = services.render_certificate_pdf(certificate)

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    text = pdf_text(content)
    assert in_order(text, "Tystysgrif cwblhau", "Certificate of completion")
    assert in_order(text, WELSH_TITLE, ENGLISH_TITLE)
    assert in_order(text, "Oriau DPP: 12.5", "CPD hours: 12.5")
    assert in_order(text, "Cod dilysu", "Verification code")
    assert in_order(text, "Certificate of completion", WELSH_TITLE)  # line by line
    assert "Alys Jones" in text and certificate.code in text


def test_each_part_of_a_bilingual_certificate_is_marked_with_its_language():
    certificate = issued(preferred_language="en-gb")

    html = pdf.certificate_html(certificate, bilingual_settings())

    assert '<html lang="cy">' in html
    assert (
        f'<span lang="cy">{WELSH_TITLE}</span><br><span lang="en-GB">{ENGLISH_TITLE}</span>' in html
    )
    assert '<span lang="cy">Tystysgrif cwblhau</span><br>' in html


def test_a_certificate_in_one_language_is_as_it_was():
    certificate = issued(preferred_language="cy")

    html = pdf.certificate_html(certificate, bilingual_settings(on=False))

    assert '<html lang="cy">' in html
    assert f'<p class="title">{WELSH_TITLE}</p>' in html
    assert "<span lang=" not in html
    assert ENGLISH_TITLE not in html
    assert "Certificate of completion" not in html


def test_a_programmes_requirements_are_printed_line_by_line_in_both_languages():
    certificate = issued()
    certificate.wording = {
        "cy": {"title": WELSH_TITLE, "requirements": [f"Gofyniad {n}" for n in range(8)]},
        "en-gb": {"title": ENGLISH_TITLE, "requirements": [f"Requirement {n}" for n in range(8)]},
    }
    certificate.requirements = certificate.wording["en-gb"]["requirements"]
    certificate.save()
    bilingual_settings()

    content = services.render_certificate_pdf(certificate)

    assert len(pypdf.PdfReader(io.BytesIO(content)).pages) == 1
    text = pdf_text(content)
    assert in_order(text, "Gofyniad 0", "Requirement 0", "Gofyniad 1", "Requirement 1")
    assert in_order(text, "Gofyniad 7", "Requirement 7", certificate.code)


def test_a_certificate_issued_before_wordings_prints_its_title_in_both_parts():
    certificate = issued()
    Certificate.objects.filter(pk=certificate.pk).update(wording={})
    certificate.refresh_from_db()

    html = pdf.certificate_html(certificate, bilingual_settings())

    assert (
        f'<span lang="cy">{ENGLISH_TITLE}</span><br><span lang="en-GB">{ENGLISH_TITLE}</span>'
        in html
    )


def test_turning_the_setting_on_gives_a_new_pdf():
    certificate = issued()
    monolingual = services.render_certificate_pdf(certificate)
    bilingual_settings()

    assert "Tystysgrif cwblhau" in pdf_text(services.render_certificate_pdf(certificate))
    assert "Tystysgrif cwblhau" not in pdf_text(monolingual)


def test_the_verification_page_shows_the_certificate_in_the_language_of_the_page(client):
    certificate = issued(preferred_language="en-gb")
    with translation.override("cy"):
        welsh_url = reverse("certificates:verify_code", args=[certificate.code])
    with translation.override("en-gb"):
        english_url = reverse("certificates:verify_code", args=[certificate.code])

    welsh = client.get(welsh_url).content.decode()
    english = client.get(english_url).content.decode()

    assert f'<dd class="govuk-summary-list__value">{WELSH_TITLE}<br>' in welsh
    assert f'<dd class="govuk-summary-list__value">{ENGLISH_TITLE}<br>' in english
    assert WELSH_TITLE not in english


def test_the_setting_is_in_the_certificate_settings_form(client, admin_user):
    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)

    page = client.get(
        reverse("wagtailsettings:edit", args=["certificates", "certificatesettings", site.pk])
    ).content.decode()

    assert 'name="bilingual"' in page
    assert "Bilingual certificates" in page
