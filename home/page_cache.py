"""Whole pages for signed-out visitors, stored in the shared cache and served before the session,
authentication and URL routing run.

A response is stored only when all of these hold:
- the view opted in (`cache_for_anonymous`: Wagtail pages through home.routing.serve, and the
  list of training dates);
- the request is a GET with no session cookie and no messages cookie, so the visitor is
  certainly signed out and has nothing waiting to be told;
- the response is a 200 that sets no cookie (a form with a CSRF token sets one) and is not
  marked private, no-cache or no-store (Wagtail marks pages with view restrictions so).

The key holds the scheme, host, language and the full path with its query string, so every
language and every filter has its own entry. An entry records the CONTENT version it was made
under, and the PLACES version when the page shows places left (`shows_places`), and is served
only while those versions are unchanged (home.site_cache moves them when the content or a
booking changes). Time passes without any change being recorded (booking windows close,
sessions start), so an entry that shows places lives at most PLACES_TIMEOUT seconds and any
other at most PAGE_TIMEOUT: the longest a signed-out visitor can see something out of date.
"""

import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

from . import site_cache

PAGE_TIMEOUT = 300
PLACES_TIMEOUT = 60
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def cache_for_anonymous(request: HttpRequest) -> None:
    """Let this response be stored for signed-out visitors (see the module's rules)."""
    request._cache_for_anonymous = True


def anonymous_page(view):
    """Decorator form of `cache_for_anonymous`, for plain Django views."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        cache_for_anonymous(request)
        return view(request, *args, **kwargs)

    return wrapped


def shows_places(request: HttpRequest) -> None:
    """This response shows places left: a booking change or the clock makes it stale."""
    request._shows_places = True


@dataclass(frozen=True)
class CachedPage:
    content: bytes
    status: int
    headers: tuple[tuple[str, str], ...]
    content_version: object
    places_version: object | None

    def is_current(self, versions: dict) -> bool:
        return self.content_version == versions[site_cache.CONTENT] and (
            self.places_version is None or self.places_version == versions[site_cache.PLACES]
        )

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def page_key(request: HttpRequest) -> str | None:
    """The cache key for this request, or None when it must not be served from the cache."""
    if request.method != "GET" or request.path_info.startswith("/admin/"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in (
        request.COOKIES
    ):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    where = f"{request.scheme}://{host}|{language}|{request.get_full_path()}"
    return "page-cache:" + hashlib.sha256(where.encode()).hexdigest()


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.headers.get("Cache-Control", ""))
    }
    return (
        getattr(request, "_cache_for_anonymous", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & UNCACHEABLE_DIRECTIVES
        and response.headers.get("Vary", "").strip() != "*"
    )


class AnonymousPageCacheMiddleware:
    """Serves and stores signed-out visitors' pages. Place it before SessionMiddleware, so a
    page served from the cache skips the session, locale, CSRF and authentication work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        # One round trip for the page and the versions; the versions are read before the view
        # reads anything, so what it stores is never older than the versions it records.
        found = site_cache.read_versions(key)
        entry = found.pop(key, None)
        request._site_cache_versions = found
        if isinstance(entry, CachedPage) and entry.is_current(found):
            return entry.response()
        response = self.get_response(request)
        if storable(request, response):
            places = getattr(request, "_shows_places", False)
            entry = CachedPage(
                content=response.content,
                status=response.status_code,
                headers=tuple(response.headers.items()),
                content_version=found[site_cache.CONTENT],
                places_version=found[site_cache.PLACES] if places else None,
            )
            cache.set(key, entry, PLACES_TIMEOUT if places else PAGE_TIMEOUT)
        return response
