"""Interface text is looked up in merged catalogues (home/catalogues.py), and every lookup
returns exactly what Django's own translation returns."""

import gettext

import pytest
from django.utils.translation import trans_real

from home.catalogues import CompactTranslation

DjangoTranslation = CompactTranslation.__bases__[0]
COUNTS = [0, 1, 2, 3, 4, 6, 8, 11, 21, 100]


def every_key(translation) -> set:
    keys = set(translation._catalog.keys())
    fallback = translation._fallback
    while fallback is not None:
        keys |= set((getattr(fallback, "_catalog", None) or {}).keys())
        fallback = fallback._fallback
    return keys | {"Not a message anywhere", "ctx\x04Nor this"}


def test_django_builds_compact_translations():
    assert type(trans_real.translation("en-gb")) is CompactTranslation
    assert type(trans_real.translation("cy")) is CompactTranslation


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_every_lookup_returns_what_django_would(language):
    django = DjangoTranslation(language)
    compact = CompactTranslation(language)
    keys = every_key(django)

    singular = [key for key in keys if isinstance(key, str)]
    plural = {key[0] for key in keys if isinstance(key, tuple)}

    assert len(singular) > 250 and plural
    assert [compact.gettext(key) for key in singular] == [django.gettext(key) for key in singular]
    assert [compact.ngettext(key, f"{key}s", n) for key in plural for n in COUNTS] == [
        django.ngettext(key, f"{key}s", n) for key in plural for n in COUNTS
    ]


def test_british_english_is_one_catalogue_with_no_fallbacks_to_walk():
    """What makes the lookups fast: Django's own builds 21 and five fallbacks here."""
    compact = CompactTranslation("en-gb")

    assert len(compact._catalog._catalogs) == 1
    assert type(compact._fallback) is not gettext.GNUTranslations
