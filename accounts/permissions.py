"""Who may do what, as small named functions used by views, viewsets and templates alike."""

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


def user_can_open_admin(user) -> bool:
    """Whether to offer the person a link to the Wagtail admin (its access_admin permission).
    Asking loads every permission the person has (two queries): home.chrome keeps the answer
    until groups or permissions change."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )
