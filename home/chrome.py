"""The site chrome every page wears: the header, the menu, the footer links and breadcrumbs.

All of it comes from pages and site settings, so it is built once per site and language in
each process and kept until the content changes (home.site_cache): a page then renders its
header and footer without a query.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from accounts.permissions import user_can_open_admin

from . import i18n, site_cache
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


def localized(page: Page | None) -> Page | None:
    return page.localized if page is not None else None


def page_url(request: HttpRequest, page: Page | None) -> str:
    return (page.get_url(request) or "") if page is not None else ""


def _build_site_chrome(request: HttpRequest, site) -> SiteChrome:
    site_settings = SiteSettings.for_site(site)
    logo = ""
    if site_settings.logo is not None:
        rendition = site_settings.logo.get_rendition("height-40")
        logo = rendition.img_tag({"alt": "", "class": "app-header__logo"})
    # The home page, statement and notice in the active language, where translated.
    menu = site.root_page.localized.get_children().live().public().in_menu()
    return SiteChrome(
        organisation_name=site_settings.organisation_name,
        contact_email=site_settings.contact_email,
        logo=logo,
        accessibility_statement_url=page_url(
            request, localized(site_settings.accessibility_statement)
        ),
        privacy_notice_url=page_url(request, localized(site_settings.privacy_notice)),
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
            Link(
                gettext("Home") if ancestor.depth == 2 else ancestor.title,
                page_url(request, ancestor),
            )
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


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str
    current: str = ""  # its aria-current: "page" on the page itself, "true" below it


def in_section(path: str, section_url: str | None) -> bool:
    """Whether `path` is the section's URL or below it (the home page is never a section)."""
    return bool(section_url) and section_url != "/" and path.startswith(section_url)


def _named_url(name: str) -> str:
    """The URL of a page an app provides, or "" when that app is not installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _navigation_links(request: HttpRequest, *, signed_in: bool, admin: bool) -> tuple:
    links = [(link.title, link.url) for link in site_chrome(request).menu]
    named = [(gettext("Training dates"), "bookings:session_list")]
    if signed_in:
        named += [(gettext("My learning"), "elearning:my_learning")]
        named += [(gettext("My account"), "accounts:my_account")]
    else:
        named += [(gettext("Sign in"), "account_login")]
        named += [(gettext("Create an account"), "account_signup")]
    links += [(label, url) for label, name in named if (url := _named_url(name))]
    if admin:
        links.append((gettext("Admin"), "/admin/"))
    return tuple(links)


def navigation(request: HttpRequest) -> tuple[NavigationItem, ...]:
    """The service navigation: the site's sections, then the pages each app provides for
    this visitor, the current one marked. Only marking the current item is done per request."""
    signed_in = request.user.is_authenticated
    admin = signed_in and admin_link_shown(request)
    site = site_for_request(request)
    key = ("navigation", site.pk if site else None, get_language(), signed_in, admin)
    links = site_cache.remembered(
        request, key, lambda: _navigation_links(request, signed_in=signed_in, admin=admin)
    )
    path = request.path
    return tuple(
        NavigationItem(
            label, url, ("page" if path == url else "true") if in_section(path, url) else ""
        )
        for label, url in links
    )


def alternates(request: HttpRequest, page: Page | None) -> tuple[i18n.Alternate, ...]:
    """The current page in every language, for the switcher and `hreflang` links: a Wagtail
    page's translations (kept per content version), or an app view under each prefix."""
    if page is None or page.pk is None or getattr(request, "is_preview", False):
        return i18n.view_alternates(request)
    site = site_for_request(request)
    key = ("alternates", site.pk if site else None, get_language(), page.pk)
    return site_cache.remembered(request, key, lambda: i18n.page_alternates(request, page))
