from django import template
from wagtail.models import Page

from accounts.languages import language_tag
from home import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context) -> chrome.SiteChrome:
    """The header, menu and footer of the request's site (cached: home.chrome)."""
    request = context.get("request")
    return chrome.site_chrome(request) if request is not None else chrome.EMPTY_CHROME


@register.simple_tag(takes_context=True)
def breadcrumb_links(context, page) -> tuple[chrome.Link, ...]:
    return chrome.breadcrumbs(context["request"], page)


@register.simple_tag(takes_context=True)
def section_links(context, page) -> tuple[tuple[chrome.Link, str], ...]:
    """The page's children shown in menus, with their descriptions: the home page's cards."""
    return chrome.sections(context["request"], page)


@register.simple_tag(takes_context=True)
def admin_link_shown(context) -> bool:
    request = context.get("request")
    return request is not None and chrome.admin_link_shown(request)


@register.simple_tag(takes_context=True)
def service_navigation(context) -> tuple[chrome.NavigationItem, ...]:
    """The menu's items for this visitor, the current one marked (home.chrome.navigation)."""
    return chrome.navigation(context["request"])


in_section = register.filter("in_section", chrome.in_section)


@register.simple_tag(takes_context=True)
def language_alternates(context) -> tuple:
    """This page in every language (home.chrome.alternates): a Wagtail page's translations,
    that language's home where it has none, or an app view under each language's prefix."""
    request = context.get("request")
    if request is None:
        return ()
    page = context.get("page")
    return chrome.alternates(request, page if isinstance(page, Page) else None)


register.filter("language_tag", language_tag)
