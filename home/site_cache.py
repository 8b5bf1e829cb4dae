"""Version numbers for what pages show, kept in the shared cache, and a memo per process.

Three shared versions live in the shared cache (Redis or files: every worker process sees
them):

- CONTENT moves when anything editors publish changes: a page (saved, moved or deleted), a
  site, the site settings, a view restriction, a locale, an image or a document
  (home.receivers);
- PLACES moves when anything that decides places left changes: a session, its days, a booking
  or a venue (bookings.receivers);
- RECORDS moves when any other record people's own pages are drawn from changes, other than
  one person's own progress: attendance, programmes and their requirements, feedback forms,
  organisations, memberships and roles.

Each person also has a version of their own, moved when their own progress changes: their
enrolments and lesson progress, programme enrolments and feedback. It is read with the others
once the person is known. Each app names the models it watches with `watch_records`.

A version moves twice for each change: at once, so the rest of this request and this process
see the change, and again after the transaction commits, so that no process keeps what it read
between the first move and the commit. Each request reads the versions once (`versions`).

`remembered(request, key, compute)` keeps `compute()`'s result in this process's memory for as
long as the CONTENT version stays the same: after a publish, every process recomputes on its
next request. The values are shared by every request the process serves: never change them.
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest

CONTENT = "site-cache:content-version"
PLACES = "site-cache:places-version"
RECORDS = "site-cache:records-version"
VERSIONS = (CONTENT, PLACES, RECORDS)
MEMO_LIMIT = 20_000  # entries per process: routes, outlines, menus, people's admin link

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

_memo: dict[Hashable, object] = {}
_memo_version: int | None = None
_memo_lock = threading.Lock()


def read_versions(*also: str) -> dict[str, object]:
    """The versions (and any `also` keys) in one round trip. A version that is missing (a
    cleared cache) starts from the clock, so it never repeats an older value."""
    found = cache.get_many([*VERSIONS, *also])
    for key in VERSIONS:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, time.time_ns())
    return found


def person_key(person_id: object) -> str:
    return f"site-cache:person:{person_id}"


def _signed_in_person_key(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)  # None before authentication middleware
    return person_key(user.pk) if user is not None and user.is_authenticated else None


def versions(request: HttpRequest) -> dict[str, object]:
    """This request's versions (and the signed-in person's own), read from the shared cache
    on first use, in one round trip."""
    try:
        return request._site_cache_versions
    except AttributeError:
        person = _signed_in_person_key(request)
        request._site_cache_versions = read_versions(*([person] if person else []))
        return request._site_cache_versions


def places_version(request: HttpRequest) -> str:
    """Both versions in one string, for keys of fragments that show places left."""
    found = versions(request)
    return f"{found[CONTENT]}-{found[PLACES]}"


def personal_versions(request: HttpRequest) -> str:
    """Every shared version and the signed-in person's own in one string, for keys of
    fragments of that person's own pages."""
    found = versions(request)
    person = _signed_in_person_key(request)
    if person not in found:  # never moved, or dropped by the cache: start it from the clock
        cache.add(person, time.time_ns(), timeout=None)
        found[person] = cache.get(person, time.time_ns())
    return "-".join(str(found[key]) for key in (*VERSIONS, person))


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # missing: any new value will do
        cache.set(key, time.time_ns(), timeout=None)


def content_changed() -> None:
    """Call when anything public pages show (other than places) has changed."""
    _bump(CONTENT)
    transaction.on_commit(lambda: _bump(CONTENT))


def places_changed() -> None:
    """Call when places left on a session may have changed."""
    _bump(PLACES)
    transaction.on_commit(lambda: _bump(PLACES))


def records_changed() -> None:
    """Call when a record a person's own pages show has changed without a model signal being
    sent (a bulk create or update)."""
    _bump(RECORDS)
    transaction.on_commit(lambda: _bump(RECORDS))


def person_changed(person_id: object) -> None:
    """Call when one person's own progress has changed."""
    key = person_key(person_id)
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _records_related(sender, *, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        records_changed()


def watch_records(*models: type[Model], person: str | None = None) -> None:
    """Move a version whenever one of these models is saved or deleted: the version of the
    person the `person` attribute names (say "learner_id"), else RECORDS, which many-to-many
    changes move too. Each app calls it for its own models when it is ready."""

    def saved(sender, instance, **kwargs) -> None:
        person_id = getattr(instance, person) if person else None
        if person_id is None:
            records_changed()
        else:
            person_changed(person_id)

    uid = f"site_cache.records.{person}"
    for model in models:
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _records_related, sender=field.remote_field.through, dispatch_uid=uid
            )


def _current_memo(request: HttpRequest) -> dict[Hashable, object]:
    global _memo, _memo_version
    version = versions(request)[CONTENT]
    with _memo_lock:
        if _memo_version != version:
            _memo, _memo_version = {}, version
        return _memo


def remembered(request: HttpRequest, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, computed once per process for each CONTENT version."""
    memo = _current_memo(request)
    try:
        return memo[key]
    except KeyError:
        value = compute()
        if len(memo) < MEMO_LIMIT:
            memo[key] = value
        return value


def remembered_many(
    request: HttpRequest, keys: list[K], compute_missing: Callable[[list[K]], dict[K, T]]
) -> dict[K, T]:
    """`remembered` for many keys: the ones not remembered yet are computed in one call."""
    memo = _current_memo(request)
    found = {key: memo[key] for key in keys if key in memo}
    missing = [key for key in keys if key not in found]
    if missing:
        computed = compute_missing(missing)
        if len(memo) + len(computed) <= MEMO_LIMIT:
            memo.update(computed)
        found.update(computed)
    return found
