"""The certificate fills its landscape A4 page: a frame round the whole page, the words in
its upper part and the signatory and verification row along its foot; the signature image
set in CertificateSettings is drawn above the signatory's name. The PDF names its language
and title; it is not tagged (ReportLab, under xhtml2pdf, cannot write a structure tree), so
the verification page is the accessible version, linked beside every download."""

import io
from dataclasses import dataclass, field

import pypdf
import pytest
from django.urls import reverse
from wagtail.models import Site

from certificates import services
from certificates.models import Certificate, CertificateSettings

from .test_pdf import issued_for, make_image

pytestmark = pytest.mark.django_db

PAGE_WIDTH, PAGE_HEIGHT = 842, 595  # A4 landscape, in points


@dataclass
class Drawn:
    """Where things are drawn on the first page, in points from its bottom left corner."""

    text: dict[str, float] = field(default_factory=dict)  # a line's first words: baseline
    images: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y, w, h
    lines: list[tuple[float, float]] = field(default_factory=list)  # start of each stroke


def drawn(content: bytes) -> Drawn:
    found = Drawn()

    def before(operator, operands, cm, tm):
        if operator == b"m":
            found.lines.append((operands[0] * cm[0] + cm[4], operands[1] * cm[3] + cm[5]))
        elif operator == b"Do":
            found.images.append((cm[4], cm[5], cm[0], cm[3]))

    def text(value, cm, tm, font, size):
        if value.strip():
            found.text.setdefault(value.strip(), tm[5] * cm[3] + cm[5])

    reader = pypdf.PdfReader(io.BytesIO(content))
    reader.pages[0].extract_text(visitor_text=text, visitor_operand_before=before)
    return found


def baseline(found: Drawn, start: str) -> float:
    return next(y for line, y in found.text.items() if line.startswith(start))


def with_signatory(*, signature: bool = True) -> CertificateSettings:
    certificate_settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    certificate_settings.signatory_name = "Demo Lead Practitioner"
    certificate_settings.signatory_title = "Lead Practitioner for Signs of Safety"
    if signature:
        certificate_settings.signature = make_image("signature", "#0b0c0c")
    certificate_settings.save()
    return certificate_settings


def test_the_frame_runs_round_the_whole_page():
    found = drawn(services.render_certificate_pdf(issued_for("Sam Learner")))

    xs = [x for x, _ in found.lines]
    ys = [y for _, y in found.lines]
    assert max(xs) - min(xs) > 0.9 * PAGE_WIDTH
    assert max(ys) - min(ys) > 0.88 * PAGE_HEIGHT
    assert min(ys) < 0.07 * PAGE_HEIGHT


def test_the_words_fill_the_upper_part_and_the_signatory_sits_at_the_foot():
    with_signatory()
    found = drawn(services.render_certificate_pdf(issued_for("Sam Learner")))

    assert baseline(found, "Example Borough Council") > 0.75 * PAGE_HEIGHT
    assert baseline(found, "Sam Learner") > 0.5 * PAGE_HEIGHT
    assert baseline(found, "Issued") < 0.2 * PAGE_HEIGHT
    assert baseline(found, "Verification code") < 0.3 * PAGE_HEIGHT


def test_the_signature_is_drawn_above_the_signatorys_name():
    with_signatory()
    found = drawn(services.render_certificate_pdf(issued_for("Sam Learner")))

    name = baseline(found, "Demo Lead Practitioner")
    signatures = [(x, y) for x, y, width, height in found.images if x < PAGE_WIDTH / 2 and y > name]
    assert len(signatures) == 1
    assert signatures[0][1] < PAGE_HEIGHT / 3


def test_without_a_signature_image_the_signatory_is_still_named():
    with_signatory(signature=False)
    content = services.render_certificate_pdf(issued_for("Sam Learner"))
    found = drawn(content)

    assert "Demo Lead Practitioner" in found.text
    assert "Lead Practitioner for Signs of Safety" in found.text
    assert [image for image in found.images if image[0] < PAGE_WIDTH / 2] == []


def test_a_long_title_and_eight_requirements_still_fit_one_page():
    certificate = issued_for("Sam Learner")
    certificate.title = (
        "Signs of Safety Practice Lead programme for senior managers and Practice Leads "
        "in partner agencies across the safeguarding partnership"
    )
    certificate.requirements = [
        f"Requirement {n}: attended eight Practice Lead sessions in the year" for n in range(8)
    ]
    certificate.save()

    content = services.render_certificate_pdf(certificate)

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Requirement 7: attended eight Practice Lead sessions in the year" in text
    assert certificate.code in text


def test_the_pdf_names_its_language_and_title():
    certificate = issued_for("Sam Learner")

    reader = pypdf.PdfReader(io.BytesIO(services.render_certificate_pdf(certificate)))

    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Certificate {certificate.code}"


def test_my_certificates_links_the_accessible_web_version_beside_the_pdf(client):
    certificate = issued_for("Sam Learner")
    client.force_login(certificate.recipient)

    html = client.get(reverse("certificates:my_certificates")).content.decode()

    assert reverse("certificates:verify_code", args=[certificate.code]) in html
    assert "View as a web page" in html


def test_a_revoked_certificate_offers_no_web_version_link(client):
    certificate = issued_for("Sam Learner")
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=certificate.issued_at, revocation_reason="Issued in error"
    )
    client.force_login(certificate.recipient)

    html = client.get(reverse("certificates:my_certificates")).content.decode()

    assert "View as a web page" not in html
