"""Turning HTML into PDF with xhtml2pdf, reading only the project's own files. Every PDF the
product makes (certificates, sign-in sheets) is rendered here.

Two locks keep the renderer from fetching anything else, so nothing in a template or a name
can make it read a URL or another file:
- `link_callback` maps the project's static and media URLs to local paths and maps nothing
  else (http, https, file and data URLs, relative paths and anything escaping those roots);
- `resource_policy()` lets xhtml2pdf read local files only under those roots and never fetch
  over the network, which also covers what xhtml2pdf loads without asking the callback.
Images from the image library go in as `data:` URIs read through the default storage
(`image_data_uri`), so they render whatever the storage backend. The fonts (DejaVu Sans and
Amiri, with their licences) are in home/static/pdf/fonts: `register_fonts()` builds them once
per process and names them for xhtml2pdf, and templates/includes/pdf_fonts.html sets them
by family name.
"""

import base64
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from xhtml2pdf import default, pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

STATIC_DIR = Path(__file__).resolve().parent / "static"
FONTS_DIR = STATIC_DIR / "pdf" / "fonts"
# CSS family: (regular, bold) font files in FONTS_DIR.
FONT_FAMILIES = {
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "Amiri": ("Amiri-Regular.ttf", "Amiri-Bold.ttf"),
}


class PdfRenderingFailed(Exception):
    pass


def _static_roots() -> list[Path]:
    roots = [STATIC_DIR, *(Path(d) for d in settings.STATICFILES_DIRS)]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return roots


def _within(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def link_callback(uri: str, rel: str | None = None) -> str | None:
    """The local path of one of the project's static or media files, or None for anything
    else; xhtml2pdf's resource policy then refuses what was not mapped."""
    if not isinstance(uri, str):
        return None
    static_url, media_url = settings.STATIC_URL, settings.MEDIA_URL
    try:
        if static_url and uri.startswith(static_url):
            found = finders.find(uri.removeprefix(static_url))
            path = Path(found) if isinstance(found, str) else None
            roots = _static_roots()
        elif media_url and uri.startswith(media_url):
            path = Path(safe_join(settings.MEDIA_ROOT, uri.removeprefix(media_url)))
            roots = [Path(settings.MEDIA_ROOT)]
        else:
            return None
    except (SuspiciousFileOperation, ValueError):
        return None
    if path is None or not path.is_file() or not _within(path, roots):
        return None
    return str(path.resolve())


def resource_policy() -> ResourceAccessPolicy:
    """No network at all; local reads only from the static roots and MEDIA_ROOT."""
    roots = (*_static_roots(), Path(settings.MEDIA_ROOT))
    return ResourceAccessPolicy.server(base_dir=None, extra_roots=roots, allow_remote=False)


def in_arabic_script(text: str) -> bool:
    """Whether a name should be set in Amiri (see templates/includes/pdf_fonts.html)."""
    return any(
        "\u0600" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"
        for ch in text
    )


def image_data_uri(image, spec: str) -> str | None:
    """A rendition of a library image as a PNG data: URI, read through its storage."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as file:
        content = file.read()
    return "data:image/png;base64," + base64.b64encode(content).decode("ascii")


@cache
def register_fonts() -> None:
    """Build each font once per process and let xhtml2pdf find it by its CSS family name.
    Declared with @font-face instead, every document re-read and hashed each 0.5-0.8 MB font
    file: about 10 ms of a 28 ms certificate. ReportLab still embeds only the glyphs a
    document uses, and only the fonts it uses."""
    for family, files in FONT_FAMILIES.items():
        regular, bold = (Path(file).stem for file in files)
        for name, file in zip((regular, bold), files, strict=True):
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
        for is_bold, name in ((0, regular), (1, bold)):
            for is_italic in (0, 1):
                addMapping(regular, is_bold, is_italic, name)
        default.DEFAULT_FONT[family.lower()] = regular


def html_to_pdf(html: str) -> bytes:
    register_fonts()
    output = BytesIO()
    result = pisa.CreatePDF(
        html,
        dest=output,
        encoding="utf-8",
        link_callback=link_callback,
        resource_policy=resource_policy(),
    )
    if result.err:
        raise PdfRenderingFailed(f"xhtml2pdf reported {result.err} error(s)")
    return output.getvalue()
