"""Who may do what, as small named functions used by views, viewsets and templates alike."""

from django.db import models

from . import roles
from .models import Organisation, OrganisationContact, is_within, subtree_q


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


def contact_organisation_ids(user) -> frozenset[int]:
    """The organisations the person is the organisation contact for (their subtrees are
    theirs too: see user_can_manage_members), fetched once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_contact_organisation_ids"):
        user._contact_organisation_ids = frozenset(
            OrganisationContact.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
    return user._contact_organisation_ids


def user_is_organisation_contact(user) -> bool:
    return bool(contact_organisation_ids(user))


def user_can_manage_members(user, organisation) -> bool:
    """Training administrators for every organisation; an organisation contact for their
    organisation and everything below it."""
    if user_is_training_admin(user):
        return True
    contact_ids = contact_organisation_ids(user)
    if not contact_ids or organisation is None:
        return False
    return (
        Organisation.objects.filter(pk__in=contact_ids)
        .filter(is_within(organisation.pk, models.OuterRef("pk")))
        .exists()
    )


def organisations_managed_by(user):
    """The organisations whose members and charges the person may see: all of them for
    training administrators, a contact's subtrees, none for anyone else."""
    if user_is_training_admin(user):
        return Organisation.objects.all()
    contact_ids = contact_organisation_ids(user)
    if not contact_ids:
        return Organisation.objects.none()
    q = models.Q(pk__in=[])
    for contact_id in contact_ids:
        q |= subtree_q("", contact_id)
    return Organisation.objects.filter(q)
