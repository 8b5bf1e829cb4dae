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
Amiri, with their licences) are in home/static/pdf/fonts, declared by
templates/includes/pdf_fonts.html.
"""

import base64
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

STATIC_DIR = Path(__file__).resolve().parent / "static"
FONTS_DIR = STATIC_DIR / "pdf" / "fonts"


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


def html_to_pdf(html: str) -> bytes:
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
