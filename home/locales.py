"""The content locales (wagtail `Locale` rows) follow WAGTAIL_CONTENT_LANGUAGES.

Home's `0002_locales` migration creates them on a new database, and the same function runs
after every `migrate` (home.apps), so a language added to the settings later gets its locale
without a new migration or any code.
"""

from django.conf import settings


def ensure_content_locales(locale_model) -> list[str]:
    """Create a locale for every content language that has none; returns the codes created.

    `locale_model` is Wagtail's Locale, or its historical version inside a migration."""
    existing = set(locale_model.objects.values_list("language_code", flat=True))
    created = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in existing]
    locale_model.objects.bulk_create(locale_model(language_code=code) for code in created)
    return created
