"""Languages: which one a person reads, and where the same page is in another language.

A person's language wraps the work done for them (STYLE.md): emails, calendar invitations and
certificates are rendered inside `language_of(person)`, whoever's request triggered them, so the
text, the dates and the links (reverse() adds the /cy/ prefix) are all in their language.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site


def supported_language(code: str | None) -> str:
    """`code` when it is one of LANGUAGES (or a variant of one), else the site's default."""
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def person_language(person) -> str:
    """The language to write to `person` in: their preference, else the site's default."""
    return supported_language(getattr(person, "preferred_language", ""))


@contextmanager
def language_of(person) -> Iterator[None]:
    """Everything inside speaks `person`'s language."""
    with translation.override(person_language(person)):
        yield


@dataclass(frozen=True)
class Alternate:
    """The current page in one language: for the switcher and `<link rel="alternate">`."""

    code: str
    name: str  # the language's name in itself: "English", "Cymraeg"
    url: str
    current: bool
    translated: bool  # False: the page has no translation, so `url` is that language's home


def language_home_url(request: HttpRequest | None, code: str) -> str:
    """The home page in language `code`, or the language's root when it has none."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    locale = Locale.objects.filter(language_code=code).first()
    if site is not None and locale is not None:
        home = site.root_page.get_translation_or_none(locale)
        if home is not None and home.live:
            return home.get_url(request) or "/"
    with translation.override(code):
        return translate_url("/", code)


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


def view_path_in_language(path: str, code: str) -> str:
    """An app view's `path`, reversed in whichever language it was, under language `code`."""
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(path, code)


def path_in_language(request: HttpRequest, path: str, code: str) -> str:
    """Where `path` (on this site) is in language `code`: the page's translation, the app view
    under that language's prefix, or that language's home when a page has no translation."""
    path = urlsplit(path).path or "/"
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        try:
            match = resolve(path)
        except Resolver404:
            return language_home_url(request, code)
        if match.url_name != "wagtail_serve":
            return translate_url(path, code)
        site = Site.find_for_request(request)
        components = [part for part in (match.args[0] if match.args else "").split("/") if part]
        try:
            page = site.root_page.localized.specific.route(request, components).page
        except (AttributeError, Http404):
            return language_home_url(request, code)
    locale = Locale.objects.filter(language_code=code).first()
    target = page.get_translation_or_none(locale) if locale is not None else None
    if target is not None and target.live:
        return target.get_url(request) or language_home_url(request, code)
    return language_home_url(request, code)
