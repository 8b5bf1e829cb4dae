import io
import unicodedata

import pypdf
import pytest
import segno
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from certificates import pdf, services
from certificates.models import Certificate, CertificateSettings
from tests.factories import UserFactory

from .factories import (
    complete_booking,
    complete_module,
    make_certificate_module,
    make_completed_session,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def issued_for(full_name: str, *, title="Signs of Safety two-day training") -> Certificate:
    person = UserFactory(staff=True, full_name=full_name)
    trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
    session, [booking] = make_completed_session(
        learners=[person], trainers=[trainer], title=title, cpd_hours="12.5"
    )
    complete_booking(booking)
    return Certificate.objects.get(recipient=person)


def test_the_pdf_is_a4_landscape_with_the_certificates_details():
    certificate = issued_for("Zażółć Gęślą Jaźń")

    content = services.render_certificate_pdf(certificate)

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = pdf_text(content)
    assert "Zażółć Gęślą Jaźń" in text
    assert "Signs of Safety two-day training" in text
    for day in certificate.day_dates:
        assert f"{day.day} {day:%B %Y}" in text
    assert "CPD hours: 12.5" in text
    assert "Terry Trainer" in text
    assert "Example Borough Council" in text
    assert certificate.code in text
    assert f"http://testserver/certificates/verify/{certificate.code}/" in text


def test_every_word_is_drawn_in_the_shipped_unicode_font():
    content = services.render_certificate_pdf(issued_for("Zażółć Gęślą Jaźń"))
    runs = []

    def visitor(text, cm, tm, font, size):
        if text.strip():
            runs.append((str(font["/BaseFont"]), text))

    pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visitor)

    assert runs
    assert {font.split("+")[-1] for font, _ in runs} == {"DejaVuSans", "DejaVuSans-Bold"}, runs


def test_an_arabic_script_name_is_drawn_in_the_shipped_arabic_font():
    content = services.render_certificate_pdf(issued_for("عائشہ خان"))
    fonts = set()

    def visitor(text, cm, tm, font, size):
        if text.strip() and not text.isascii():
            fonts.add(str(font["/BaseFont"]).split("+")[-1])

    pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visitor)

    assert fonts == {"Amiri-Bold"}


def test_an_arabic_name_prints_shaped_and_reads_back_after_nfkc():
    name = "محمد عبد الله"
    certificate = issued_for(name)

    text = pdf_text(services.render_certificate_pdf(certificate))

    assert name not in text  # shaped: the PDF holds presentation forms
    assert name in unicodedata.normalize("NFKC", text)


def test_urdu_and_welsh_names_print():
    # Urdu's heh goal (ہ) and yeh barree (ے) are missing from DejaVu Sans: Amiri draws them.
    text = pdf_text(services.render_certificate_pdf(issued_for("Siân Ŵyn ap Rhys")))
    assert "Siân Ŵyn ap Rhys" in text
    urdu = "عائشہ خان نے"
    text = pdf_text(services.render_certificate_pdf(issued_for(urdu)))
    assert urdu in unicodedata.normalize("NFKC", text)


def test_markup_in_a_name_or_title_prints_literally():
    certificate = issued_for(
        'Bobby <b>Tables</b> & Co <img src="http://127.0.0.1:9/x.png">',
        title="Safety & <i>wellbeing</i>",
    )

    text = " ".join(pdf_text(services.render_certificate_pdf(certificate)).split())

    assert 'Bobby <b>Tables</b> & Co <img src="http://127.0.0.1:9/x.png">' in text
    assert "Safety & <i>wellbeing</i>" in text


def test_the_second_download_reads_the_stored_pdf(monkeypatch):
    certificate = issued_for("Sam Learner")
    first = services.render_certificate_pdf(certificate)
    stored = default_storage.listdir(services.PDF_CACHE_DIR)[1]
    assert stored == [
        f"{certificate.pk}-{certificate.code}-v{services.TEMPLATE_VERSION}-"
        + stored[0].rsplit("-", 1)[1]
    ]

    def must_not_render(html):
        raise AssertionError("rendered again instead of reading the stored PDF")

    monkeypatch.setattr(services, "html_to_pdf", must_not_render)
    assert services.render_certificate_pdf(certificate) == first


def test_a_new_template_version_or_signatory_renders_afresh(monkeypatch):
    certificate = issued_for("Sam Learner")
    services.render_certificate_pdf(certificate)

    monkeypatch.setattr(services, "TEMPLATE_VERSION", services.TEMPLATE_VERSION + 1)
    services.render_certificate_pdf(certificate)
    certificate_settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    certificate_settings.signatory_name = "Demo Lead Practitioner"
    certificate_settings.signatory_title = "Lead Practitioner for Signs of Safety"
    certificate_settings.save()
    text = pdf_text(services.render_certificate_pdf(certificate))

    assert len(default_storage.listdir(services.PDF_CACHE_DIR)[1]) == 3
    assert "Demo Lead Practitioner" in text
    assert "Lead Practitioner for Signs of Safety" in text


def make_image(title: str, colour: str) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGBA", (300, 120), colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def test_logo_signature_and_qr_code_are_drawn_as_images():
    certificate = issued_for("Sam Learner")
    without = pypdf.PdfReader(io.BytesIO(services.render_certificate_pdf(certificate)))
    certificate_settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    certificate_settings.logo = make_image("logo", "#1d70b8")
    certificate_settings.signature = make_image("signature", "#0b0c0c")
    certificate_settings.save()

    with_images = pypdf.PdfReader(io.BytesIO(services.render_certificate_pdf(certificate)))

    assert len(without.pages[0].images) == 1  # the QR code
    assert len(with_images.pages[0].images) == 3


def qr_modules(picture: PILImage.Image) -> list[list[bool]]:
    """The dark and light modules of a QR code drawn without a quiet zone, read at each
    module's centre; the top-left finder's first row is seven modules wide."""
    grey = picture.convert("L")
    width = grey.width
    finder = next(x for x in range(width) if grey.getpixel((x, 0)) > 127)
    size = width * 7 // finder
    return [
        [
            grey.getpixel(((2 * x + 1) * width // (2 * size), (2 * y + 1) * width // (2 * size)))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def format_information(modules: list[list[bool]]) -> tuple[str, int]:
    """The error correction level and mask a QR code states beside its top-left finder
    (ISO/IEC 18004, 7.9), which a reader decodes it with."""
    positions = [(8, row) for row in range(6)] + [(8, 7), (8, 8), (7, 8)]
    positions += [(column, 8) for column in range(5, -1, -1)]
    bits = sum(modules[y][x] << bit for bit, (x, y) in enumerate(positions)) ^ 0b101010000010010
    return "MLHQ"[bits >> 13], (bits >> 10) & 0b111


def test_the_qr_code_in_the_pdf_encodes_the_verification_url():
    certificate = issued_for("Sam Learner")
    url = pdf.verification_url(certificate)
    assert url == f"http://testserver/certificates/verify/{certificate.code}/"

    [drawn] = (
        pypdf.PdfReader(io.BytesIO(services.render_certificate_pdf(certificate))).pages[0].images
    )
    modules = qr_modules(drawn.image)

    level, mask = format_information(modules)
    assert level == "M"
    expected = segno.make_qr(url, error=level, mask=mask, boost_error=False)
    assert modules == [[bool(bit) for bit in row] for row in expected.matrix]


def test_a_module_certificate_pdf_shows_the_completion_date(learner):
    module = make_certificate_module(title="Signs of Safety essentials", cpd_minutes=90)
    complete_module(learner, module)
    certificate = Certificate.objects.get()

    text = pdf_text(services.render_certificate_pdf(certificate))

    day = certificate.completed_on
    assert f"on {day.day} {day:%B %Y}" in text
    assert "e-learning module" in text
    assert "CPD hours: 1.5" in text
    assert "Trainers" not in text
