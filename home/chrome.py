"""The site chrome every page wears: the header, the menu, the footer links and breadcrumbs.

All of it comes from pages and site settings, so it is built once per site and language in
each process and kept until the content changes (home.site_cache): a page then renders its
header and footer without a query.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from accounts.permissions import user_can_open_admin

from . import site_cache
from .models import SiteSettings
from .routing import site_for_request


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class SiteChrome:
    organisation_name: str
    contact_email: str
    logo: str  # the logo's <img> tag, or ""
    accessibility_statement_url: str
    privacy_notice_url: str
    menu: tuple[Link, ...]  # the home page's live, public children shown in menus


def page_url(request: HttpRequest, page: Page | None) -> str:
    return (page.get_url(request) or "") if page is not None else ""


def _build_site_chrome(request: HttpRequest, site) -> SiteChrome:
    site_settings = SiteSettings.for_site(site)
    logo = ""
    if site_settings.logo is not None:
        rendition = site_settings.logo.get_rendition("height-40")
        logo = rendition.img_tag({"alt": "", "class": "app-header__logo"})
    menu = site.root_page.get_children().live().public().in_menu()
    return SiteChrome(
        organisation_name=site_settings.organisation_name,
        contact_email=site_settings.contact_email,
        logo=logo,
        accessibility_statement_url=page_url(request, site_settings.accessibility_statement),
        privacy_notice_url=page_url(request, site_settings.privacy_notice),
        menu=tuple(Link(page.title, page_url(request, page)) for page in menu),
    )


EMPTY_CHROME = SiteChrome("", "", "", "", "", ())


def site_chrome(request: HttpRequest) -> SiteChrome:
    site = site_for_request(request)
    if site is None:
        return EMPTY_CHROME
    key = ("chrome", site.pk, get_language())
    return site_cache.remembered(request, key, lambda: _build_site_chrome(request, site))


def breadcrumbs(request: HttpRequest, page: Page) -> tuple[Link, ...]:
    """The page's ancestors below the root, the home page called "Home"."""

    def build() -> tuple[Link, ...]:
        ancestors = page.get_ancestors()[1:]
        return tuple(
            Link("Home" if ancestor.depth == 2 else ancestor.title, page_url(request, ancestor))
            for ancestor in ancestors
        )

    if page.pk is None or getattr(request, "is_preview", False):
        return build()
    site = site_for_request(request)
    key = ("breadcrumbs", site.pk if site else None, get_language(), page.pk)
    return site_cache.remembered(request, key, build)


def sections(request: HttpRequest, page: Page) -> tuple[tuple[Link, str], ...]:
    """The page's live, public children shown in menus, with their search descriptions: the
    home page's cards."""

    def build() -> tuple[tuple[Link, str], ...]:
        children = page.get_children().live().public().in_menu()
        return tuple(
            (Link(child.title, page_url(request, child)), child.search_description)
            for child in children
        )

    if page.pk is None or getattr(request, "is_preview", False):
        return build()
    site = site_for_request(request)
    key = ("sections", site.pk if site else None, get_language(), page.pk)
    return site_cache.remembered(request, key, build)


def admin_link_shown(request: HttpRequest) -> bool:
    """Whether the menu offers the admin: the permission check is kept per person until
    groups or permissions change (they move the CONTENT version: home.receivers)."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = ("admin link", user.pk)
    return site_cache.remembered(request, key, lambda: user_can_open_admin(user))
