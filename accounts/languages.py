"""A person's language, and where a page is in a language.

A person's language wraps the work done for them (STYLE.md): emails, calendar invitations and
certificates are rendered inside `language_of(person)`, whoever's request triggered them, so the
text, the dates and the links (reverse() adds the /cy/ prefix) are all in their language. The
page a person arrives at when they sign in is in their language too (`path_in_language`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve, reverse, translate_url
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


def language_tag(code: str) -> str:
    """A language code as BCP 47 writes it: "en-gb" → "en-GB" (PDF readers want this case)."""
    language, _, region = code.partition("-")
    return f"{language}-{region.upper()}" if region else language


def person_language(person) -> str:
    """The language to write to `person` in: their preference, else the site's default."""
    return supported_language(getattr(person, "preferred_language", ""))


def browser_language(request: HttpRequest) -> str:
    """The language a visitor is reading in: the page's, when its address says (/cy/...),
    else the best of their browser's Accept-Language, else the site's default."""
    if translation.get_language_from_path(request.path_info):
        return translation.get_language()
    return translation.get_language_from_request(request)


def language_choices() -> list[tuple[str, str]]:
    """Every interface language, each named in itself ("English", "Cymraeg")."""
    return list(settings.LANGUAGES)


@contextmanager
def language_of(person) -> Iterator[None]:
    """Everything inside speaks `person`'s language."""
    with translation.override(person_language(person)):
        yield


def in_active_language(page: Page) -> Page:
    """`page`'s translation in the active language, else `page` itself: one query."""
    code = translation.get_language()
    translated = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code=code)
        .first()
    )
    return translated or page


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
        return reverse("wagtail_serve", args=[""])


def view_path_in_language(path: str, code: str) -> str:
    """An app view's `path`, reversed in whichever language it was, under language `code`."""
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(path, code)


def link_in_language(url: str, code: str) -> str:
    """A link to an app view, absolute as emails carry it, under language `code`: the address
    allauth built in the language of the page that asked, made the recipient's."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=view_path_in_language(parts.path, code)))


def path_in_language(request: HttpRequest, url: str, code: str) -> str:
    """Where `url` (a path on this site, with any query) is in language `code`: the page's
    translation, the app view under that language's prefix (query kept), or that language's
    home when a page has no translation."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    path = parts.path or "/"
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        try:
            match = resolve(path)
        except Resolver404:
            return language_home_url(request, code)
        if match.url_name != "wagtail_serve":
            return translate_url(path, code) + (f"?{parts.query}" if parts.query else "")
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
