"""The current page in every language: for the language switcher and `hreflang` links."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from accounts.languages import language_home_url


@dataclass(frozen=True)
class Alternate:
    """The current page in one language: for the switcher and `<link rel="alternate">`."""

    code: str
    name: str  # the language's name in itself: "English", "Cymraeg"
    url: str
    current: bool
    translated: bool  # False: the page has no translation, so `url` is that language's home


def page_alternates(request: HttpRequest | None, page: Page) -> tuple[Alternate, ...]:
    """`page` in every configured language: its live translations, else that language's home."""
    translations = {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    }
    current = translation.get_language()
    alternates = []
    for code, name in settings.LANGUAGES:
        translated = translations.get(code)
        url = translated.get_url(request) if translated is not None else None
        alternates.append(
            Alternate(
                code=code,
                name=name,
                url=url or language_home_url(request, code),
                current=code == current,
                translated=url is not None,
            )
        )
    return tuple(alternates)


def view_alternates(request: HttpRequest) -> tuple[Alternate, ...]:
    """An app view (My learning, training dates...) exists in every language: Django's
    `translate_url` gives its address under each language's prefix, query string kept."""
    path = request.get_full_path()
    current = translation.get_language()
    return tuple(
        Alternate(code, name, translate_url(path, code), code == current, True)
        for code, name in settings.LANGUAGES
    )
