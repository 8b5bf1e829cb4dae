"""The Welsh catalogues are complete and compiled: a string marked for translation and not
translated, or a .po changed without `make messages`, fails here. That holds for ours (locale/)
and for the one translating other packages' strings (locale_vendor/, see
tests/accounts/test_allauth_welsh.py)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import make_home_page

CATALOGUES = sorted(
    path
    for locale_path in settings.LOCALE_PATHS
    for path in Path(locale_path).glob("*/LC_MESSAGES/django.po")
)


def catalogue_id(path: Path) -> str:
    return "/".join(path.parts[-4:-2])


def test_there_are_welsh_catalogues_for_ours_and_other_packages_strings():
    assert Path(settings.BASE_DIR, "locale/cy/LC_MESSAGES/django.po") in CATALOGUES
    assert Path(settings.BASE_DIR, "locale_vendor/cy/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_every_entry_is_translated(path):
    catalogue = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == [], "Translate these, then run `make messages`"
    assert fuzzy == [], "Check these guesses, remove the fuzzy flag, then `make messages`"


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_the_committed_mo_file_is_compiled_from_the_po_file(path):
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(path)).translated_entries()
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(path.with_suffix(".mo")))
        if entry.msgid
    }

    assert compiled == source, "Run `make messages` (or compilemessages) and commit the .mo"


ENGLISH_CHROME = [
    "Skip to main content",
    "Training dates",
    "My learning",
    "Sign in",
    "Create an account",
    "Service information",
    ">Menu<",
    "Support links",
    "Contact the training team",
    "Run by",
]


@pytest.mark.django_db
def test_the_welsh_layout_has_no_english_left(client):
    """The layout every page wears (header, menu, switcher, footer) reads in Welsh under /cy/.
    The pages' own templates are checked as they are translated (see the notes for issue 13)."""
    make_home_page()

    page = client.get("/cy/training/sessions/").content.decode()
    header = page[page.index("<body") : page.index("<main")]
    footer = page[page.index("</main>") :]

    assert [phrase for phrase in ENGLISH_CHROME if phrase in header + footer] == []
    assert "Neidio i’r prif gynnwys" in page
    assert "Dyddiadau hyfforddiant" in page
