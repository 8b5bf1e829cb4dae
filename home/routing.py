"""Serving a Wagtail page without walking the page tree on every request.

Wagtail finds a page by looking up the site, its root page, the root's translation and then
each path segment in turn: nine queries for a lesson. Which page a path leads to, and the page
itself, only change when pages change (every page save, move or deletion moves the CONTENT
version: home.receivers), so this process remembers them for each CONTENT version
(home.site_cache), along with the site for each host and the sites' root paths, and Wagtail's
own `serve` then finds them already cached on the request, where Wagtail keeps them
(`Site.find_for_request`: `request._wagtail_site`; `Page.route_for_request`:
`request._wagtail_route_for_request`; `Page.get_url`: `request._wagtail_cached_site_root_paths`).

Only routes that end at a page without extra arguments are remembered, so a page type that
routes by itself (RoutablePageMixin) is always routed by Wagtail.
"""

import copy
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from . import page_cache, site_cache


@dataclass(frozen=True)
class PageRoute:
    """Where a path leads: a live page as read for this content version. Each request gets
    its own copy, so whatever a request sets on its page stays with that request."""

    page: Page


def site_for_request(request: HttpRequest) -> Site | None:
    """The request's Wagtail site, remembered per host; primes Wagtail's per-request caches."""
    if not hasattr(request, "_wagtail_site"):
        key = ("site", request._get_raw_host(), request.get_port())
        site = site_cache.remembered(request, key, lambda: Site.find_for_request(request))
        # A copy each: a site's related-object cache must not be shared by requests.
        request._wagtail_site = copy.copy(site)
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = site_cache.remembered(
            request, "site root paths", Site.get_site_root_paths
        )
    return request._wagtail_site


def _route(request: HttpRequest, path: str) -> PageRoute | None:
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return None
    # Read afresh: the instance Wagtail routed to is this request's to change.
    return PageRoute(page=type(result.page).objects.get(pk=result.page.pk))


def _prime_route(request: HttpRequest, site: Site, path: str) -> None:
    key = ("route", site.pk, get_language(), path)
    route = site_cache.remembered(request, key, lambda: _route(request, path))
    if route is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = RouteResult(copy.copy(route.page))
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is not None and not site_cache.remembered(
        request, "any view restrictions", PageViewRestriction.objects.exists
    ):
        # Wagtail's check_view_restrictions hook asks the page for its restrictions (two
        # queries); with none on the whole site, there is nothing to find.
        result.page.get_view_restrictions = PageViewRestriction.objects.none


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view (wagtail.views.serve), with the route remembered; pages may be
    stored for signed-out visitors (home.page_cache)."""
    site = site_for_request(request)
    if site is not None:
        _prime_route(request, site, path)
    page_cache.cache_for_anonymous(request)
    return wagtail_views.serve(request, path)
