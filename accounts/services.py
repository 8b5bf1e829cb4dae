"""State changes for people and organisations."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import Organisation, User


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def is_staff_email(email: str) -> bool:
    """Whether an address belongs to one of the council's STAFF_EMAIL_DOMAINS."""
    return email_domain(email) in {domain.lower() for domain in settings.STAFF_EMAIL_DOMAINS}


@transaction.atomic
def refresh_staff_status(*, user: User) -> bool:
    """Make the user council staff if, and only if, their primary address is verified and on a
    staff domain; everyone else is a partner. Returns the new staff status."""
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    is_staff_member = verified and is_staff_email(user.email)
    if user.is_council_staff != is_staff_member:
        user.is_council_staff = is_staff_member
        user.save(update_fields=["is_council_staff"])
    partner_group = Group.objects.get(name=roles.PARTNER)
    if is_staff_member:
        user.groups.remove(partner_group)
    else:
        user.groups.add(partner_group)
    user.__dict__.pop("_role_names", None)
    return is_staff_member


def find_or_create_organisation(*, name: str) -> Organisation:
    """The organisation with this name (ignoring case), created if nobody has named it yet."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation(name=name, kind=Organisation.Kind.OTHER)
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def register_user(
    *,
    user: User,
    full_name: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    preferred_language: str = "",
) -> User:
    """Complete a new account: name, organisation, language and the roles everyone starts
    with."""
    user.full_name = full_name
    user.preferred_language = preferred_language
    if organisation is None and organisation_name:
        organisation = find_or_create_organisation(name=organisation_name)
    user.organisation = organisation
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    refresh_staff_status(user=user)
    return user
