"""Absolute links to the site, for emails, calendar invitations and PDFs: anything read away
from the site itself."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse() or a page's url) on the site's public base URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
