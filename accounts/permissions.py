"""Who may do what, as small named functions used by views, viewsets and templates alike."""

import time

from django.core.cache import cache
from django.db import transaction

from . import roles


def user_role_names(user) -> frozenset[str]:
    """The names of the user's groups, fetched once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def user_is_training_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or roles.TRAINING_ADMINISTRATOR in user_role_names(user)
    )


def user_is_trainer(user) -> bool:
    return roles.TRAINER in user_role_names(user)


def user_is_practice_lead(user) -> bool:
    return roles.PRACTICE_LEAD in user_role_names(user)


def user_can_edit_profile(user, profile_user) -> bool:
    return user.is_authenticated and user.pk == profile_user.pk


ADMIN_ACCESS_VERSION = "accounts:admin-access-version"
ADMIN_ACCESS_TIMEOUT = 60 * 60


def _admin_access_key(user) -> str:
    return f"accounts:admin-access:{user.pk}"


def user_can_open_admin(user) -> bool:
    """Whether to offer the person a link to the Wagtail admin (its access_admin permission).

    Asking Django loads every permission the person has (two queries on every page), so the
    answer is cached per person with the version of everyone's permissions it was worked out
    under; any change to groups or permissions moves that version (accounts.receivers)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = _admin_access_key(user)
    found = cache.get_many([ADMIN_ACCESS_VERSION, key])
    version = found.get(ADMIN_ACCESS_VERSION)
    if version is None:
        cache.add(ADMIN_ACCESS_VERSION, time.time_ns(), timeout=None)
        version = cache.get(ADMIN_ACCESS_VERSION)
    cached = found.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    allowed = user.has_perm("wagtailadmin.access_admin")
    cache.set(key, (version, allowed), ADMIN_ACCESS_TIMEOUT)
    return allowed


def permissions_changed() -> None:
    """Forget every cached admin-access answer, now and again once the change commits (an
    answer worked out in between would otherwise be kept)."""

    def bump() -> None:
        try:
            cache.incr(ADMIN_ACCESS_VERSION)
        except ValueError:
            cache.set(ADMIN_ACCESS_VERSION, time.time_ns(), timeout=None)

    bump()
    transaction.on_commit(bump)
