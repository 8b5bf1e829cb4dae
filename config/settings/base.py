"""Settings shared by every deployment.

Anything that differs between deployments is an environment variable read here with a safe
development default; production.py only tightens security.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list of stripped, non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    "elearning",
    "courses",
    "bookings",
    "programmes",
    "certificates",
    "impact",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a signed-out visitor's cached page skips everything below.
    "home.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# home/security_headers.py. Public pages: nothing inline, nothing from another host.
_SAME_SITE_ONLY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY = f"{_SAME_SITE_ONLY}; script-src 'self'; style-src 'self'"
# Wagtail's admin writes some inline scripts and styles; it previews pages in a frame.
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'; frame-src 'self'; "
    "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

ROOT_URLCONF = "config.urls"
# Serves /bench/bare/, a view that does nothing, for bench/pages.py to race pages against.
BENCHMARK_BARE_VIEW = env_bool("BENCHMARK_BARE_VIEW", False)
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ by default, anything dj-database-url understands otherwise.
# CONN_MAX_AGE (seconds) keeps each worker's connection between requests: production.py makes
# it 60 by default, because a new PostgreSQL connection per request cost a third of a page's
# time; development and tests open one per request unless it is set. The health check replaces
# a connection the server has closed instead of failing the request that finds it.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work side by side; IMMEDIATE makes writers queue for the
    # lock at BEGIN instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"


def cache_settings(redis_url: str, var_dir: Path) -> dict:
    """Redis when REDIS_URL is set (shared by every web server), else files under var_dir.

    A real cache always: allauth's rate limits do nothing on a dummy cache, and the page cache
    (home.page_cache) must be shared by every worker process."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "config.redis_cache.RedisCache",
                "LOCATION": redis_url,
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / "cache"),
            # Past this, a third of the entries go at random: room for the sessions and pages
            # of a council's learners, so that sessions and the page cache's versions stay.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }


CACHES = cache_settings(os.environ.get("REDIS_URL", ""), VAR_DIR)
# Sessions are read from the cache and written through to the database: a page no longer
# queries for the session, and a session the cache dropped is still found.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# A language is added by configuration and translation files alone: a line here (each name in
# its own language, for the language switcher), locale/<code>/LC_MESSAGES/django.po, and
# `make messages`. The content locale is created by home's locales migration on the next
# `migrate` (tests/home/test_i18n.py proves a third language needs no code change).
# locale_vendor/ holds the translations of other packages' strings (allauth's, Django's password
# rules) for a language those packages do not translate themselves, such as Welsh. It comes
# second: makemessages writes to the first path only, so `make messages` never prunes it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
WAGTAIL_I18N_ENABLED = True
# Machine translation stays off: translations are made by people in the admin ("Translate this
# page") or by an agency through PO download and upload. To offer a machine suggestion, set
# e.g. {"CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
# "OPTIONS": {"AUTH_KEY": ...}} here (see wagtail-localize's machine translation docs).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))


def media_storage(environ=os.environ) -> dict:
    """Where uploads and certificate PDFs live, chosen by MEDIA_STORAGE: `filesystem` (the
    default: MEDIA_ROOT, one directory every server mounts) or `s3` (an S3-compatible bucket
    through django-storages; boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself).
    Files are private: links to them are signed and expire."""
    kind = environ.get("MEDIA_STORAGE", "filesystem")
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {kind!r}.")
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "location": environ.get("AWS_LOCATION", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email. Every message is first a row in the outbox (home/emails.py), sent by the task worker
# through OUTBOX_DELIVERY_BACKEND, which the EMAIL_BACKEND variable chooses. Development prints
# to the console and tests use locmem (see dev.py and test.py).
EMAIL_BACKEND = "home.emails.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# A worker holds an email's row lock while it talks to the mail server: never for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "training@example-borough.gov.uk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (email, PDFs). Production runs `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# People whose verified email address is on one of these domains are council staff;
# everyone else is a partner.
STAFF_EMAIL_DOMAINS = env_list("STAFF_EMAIL_DOMAINS", "example-borough.gov.uk")

# django-allauth
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.SignInForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Behind a reverse proxy the connecting address is the proxy's: the client's is read from
# X-Forwarded-For, counting TRUSTED_PROXY_COUNT proxies back from the right (1 for one proxy),
# or from a header the proxy sets (TRUSTED_CLIENT_IP_HEADER, e.g. X-Real-IP). Everything that
# limits by address asks allauth's adapter (`get_client_ip`), so all agree. See the README.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# Five wrong passwords lock that account (from that address) for five minutes; the limit per
# address is high because one office, one NAT or one misconfigured proxy is many people.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "100/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# Wagtail
WAGTAIL_SITE_NAME = "Signs of Safety learning"
# No avatars from Gravatar: it would send a hash of every staff member's address to a third
# party on each admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "admin_sign_in"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task or page action is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}


def require_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value
