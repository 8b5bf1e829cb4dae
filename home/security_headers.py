"""Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has no CSP of
its own).

Public pages allow scripts and styles from the site only: no inline script, no inline style,
nothing from another host. The Wagtail admin gets its own policy: Wagtail still writes a few
inline scripts (InlinePanel, the date chooser) and inline styles, so it allows those, and
still nothing from another host. Set outermost (after SecurityMiddleware) so cached pages and
static files carry the headers too.
"""

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = (
            settings.CONTENT_SECURITY_POLICY_ADMIN
            if request.path.startswith(ADMIN_PREFIXES)
            else settings.CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
