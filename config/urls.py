from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from config import benchmark
from home import routing

urlpatterns = [
    # One sign-in page for everyone, rate-limited by allauth: the admin's own is never shown.
    path("admin/login/", accounts_views.admin_sign_in, name="admin_sign_in"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("my-account/", include("accounts.urls")),
    # Each app names its own full paths (my-learning/..., training/..., certificates/...).
    path("", include("elearning.urls")),
    path("", include("bookings.urls")),
    path("", include("programmes.urls")),
    path("", include("certificates.urls")),
    path("", include("impact.urls")),
]

if settings.BENCHMARK_BARE_VIEW:
    urlpatterns.insert(0, path("bench/bare/", benchmark.bare_view))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages in the default language live at /, translations (wagtail-localize) under /<language>/.
# Wagtail's own URLs, with its page view replaced by one that remembers routes (home.routing).
page_urls = [
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
urlpatterns += i18n_patterns(path("", include(page_urls)), prefix_default_language=False)
