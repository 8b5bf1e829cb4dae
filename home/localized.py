"""A translatable snippet in the language being read, for one object or a whole list.

Wagtail's `TranslatableMixin.localized` asks for the active locale and then the translation
every time it is read, so a list of sessions showing their venue would cost two queries a row.
`InActiveLanguage` replaces it on a snippet: it remembers what it found in each language, and a
list fetches every row's translation at once, the way Django prefetches a GenericForeignKey:

    Session.objects.select_related("venue").prefetch_related("venue__localized")

A row with no translation in the active language is shown as it is (the source text). One
object read with its locale (select_related("venue__locale")) costs no query when it is
already in the active language.
"""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def content_language() -> str | None:
    """The content language matching the active interface language, if there is one."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


class InActiveLanguage:
    """`obj.localized`: the object's translation in the active language, else the object.
    `only_live`: for pages, a translation counts once it is published."""

    def __init__(self, *, only_live: bool = False) -> None:
        self.only_live = only_live

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def cache_name(self) -> str:
        return f"{self.name}:{translation.get_language()}"

    def is_cached(self, instance) -> bool:
        return self.cache_name() in instance._state.fields_cache

    def get_prefetch_querysets(self, instances, querysets=None):
        model = type(instances[0])
        queryset = querysets[0] if querysets else model._default_manager.all()
        language = content_language()
        if language is None:
            queryset = queryset.none()
        queryset = queryset.filter(
            translation_key__in={instance.translation_key for instance in instances},
            locale__language_code=language,
        )
        if self.only_live:
            queryset = queryset.filter(live=True)
        return (
            queryset,
            lambda translated: translated.translation_key,
            lambda instance: instance.translation_key,
            True,
            self.cache_name(),
            False,
        )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if not self.is_cached(instance):
            if self.written_in_active_language(instance):
                # Its own translation: the query would find the object itself (or, for a
                # page not yet published, nothing, which also shows the object).
                found = None
            else:
                queryset, *_rest = self.get_prefetch_querysets([instance])
                found = queryset.first()
            instance._state.fields_cache[self.cache_name()] = found
        return instance._state.fields_cache[self.cache_name()] or instance

    @staticmethod
    def written_in_active_language(instance) -> bool:
        """Whether the object is in the active language, known without a query: only when its
        locale was read with it (select_related("...__locale"))."""
        locale = instance._state.fields_cache.get("locale")
        return locale is not None and locale.language_code == content_language()
