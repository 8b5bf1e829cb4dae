"""A certificate as a PDF: its HTML, with the organisation's logo and signature and a QR code
that opens the public verification page. Rendering itself (and what it may read) is
home.pdf's."""

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_of
from home.links import absolute_url
from home.pdf import image_data_uri, in_arabic_script

from .models import Certificate, CertificateSettings, bilingual_languages

TEMPLATE = "certificates/pdf/certificate.html"
LOGO_RENDITION = "max-600x240|format-png"
SIGNATURE_RENDITION = "max-500x160|format-png"
# Every mask pattern gives a valid QR code; segno's search for the best of the eight took
# about 3 ms of a 25 ms certificate. Mask 5 is the one that search picks most often for
# verification URLs.
QR_MASK = 5
# Pixels per module: enough for a sharp square however a viewer scales it, and a small image
# for ReportLab to re-encode.
QR_SCALE = 3


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify_code", args=[certificate.code]))


def qr_code_data_uri(url: str) -> str:
    return segno.make_qr(url, error="m", mask=QR_MASK).png_data_uri(
        scale=QR_SCALE, border=0, dark="#0b0c0c"
    )


def certificate_html(certificate: Certificate, certificate_settings: CertificateSettings) -> str:
    """The certificate in its recipient's language, whoever downloads or sends it; with the
    bilingual setting on, every line in Welsh first, then in English (its template's
    `{% each_language %}`), in a document whose language is the first of them."""
    languages = (
        [(code, certificate.wording_in(code)) for code in bilingual_languages()]
        if certificate_settings.bilingual
        else []
    )
    with language_of(certificate.recipient):
        url = verification_url(certificate)
        if not languages:
            return _certificate_html(certificate, certificate_settings, url, languages)
    with translation.override(languages[0][0]):
        return _certificate_html(certificate, certificate_settings, url, languages)


def _certificate_html(
    certificate: Certificate,
    certificate_settings: CertificateSettings,
    url: str,
    languages: list,
) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "certificate": certificate,
            "wording": languages[0][1] if languages else certificate.as_issued,
            "languages": languages,
            "settings": certificate_settings,
            "logo": image_data_uri(certificate_settings.logo, LOGO_RENDITION),
            "signature": image_data_uri(certificate_settings.signature, SIGNATURE_RENDITION),
            "name_in_arabic_script": in_arabic_script(certificate.name),
            "verification_url": url,
            "qr_code": qr_code_data_uri(url),
        },
    )
