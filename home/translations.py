"""Translating a page or a snippet in code the way a translator does in the admin:
wagtail-localize's "Translate" workflow, with the strings exchanged as a PO file (the same files
an agency downloads and uploads). Used by the demo seed; editors use the admin."""

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue


def translate_page(page: Page, language_code: str, strings: dict[str, str]) -> Page:
    """`page` in `language_code`, created from its source strings with `strings` (English text
    to translated text) filled in; any string not given stays in the source language until a
    translator translates it. A page already translated is returned as it is.

    wagtail-localize publishes the translation when the surrounding transaction commits."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    _save_translation(page, locale, strings, publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return type(translated).objects.get(pk=translated.pk)


def translate_snippet(
    snippet: TranslatableMixin, language_code: str, strings: dict[str, str]
) -> TranslatableMixin:
    """The same for a snippet (a venue), which has no drafts: the translation is saved as it
    is made. `strings` are plain text, line breaks and all, as its text fields hold them."""
    locale = Locale.objects.get(language_code=language_code)
    existing = snippet.get_translation_or_none(locale)
    if existing is not None:
        return existing
    as_segments = {
        StringValue.from_plaintext(source).data: StringValue.from_plaintext(translated).data
        for source, translated in strings.items()
    }
    _save_translation(snippet, locale, as_segments, publish=True)
    return snippet.get_translation(locale)


def _save_translation(
    instance: TranslatableMixin, locale: Locale, strings: dict[str, str], *, publish: bool
) -> None:
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")
    translation.import_po(po, tool_name="demo seed")
    translation.save_target(publish=publish)
