"""State changes for people and organisations."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import roles
from .models import Membership, Organisation, OrganisationContact, User
from .permissions import user_can_manage_members
from .signals import membership_decided, membership_requested


class MembershipRefused(Exception):
    """A membership cannot be requested or approved; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def email_domain(email: str | None) -> str:
    """The domain of an address ("" for someone recorded on paper, who has none)."""
    return (email or "").rsplit("@", 1)[-1].strip().lower()


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


def has_verified_email(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def lineage_of(organisation: Organisation) -> list[Organisation]:
    """The organisation and its ancestors, in one query."""
    chain = Organisation.objects.select_related("parent__parent__parent").get(pk=organisation.pk)
    return chain.lineage()


def is_council_organisation(lineage: list[Organisation]) -> bool:
    """A council service or team, or anything inside one."""
    return any(node.kind == Organisation.Kind.COUNCIL_SERVICE for node in lineage)


def check_can_belong(*, user: User, lineage: list[Organisation]) -> None:
    """Council teams can never be claimed by an address outside the staff domains."""
    if is_council_organisation(lineage) and not is_staff_email(user.email):
        raise MembershipRefused(
            _(
                "%(organisation)s is part of the council: only people with a council staff "
                "email address can belong to it."
            )
            % {"organisation": lineage[0].name}
        )


def domain_matches(*, user: User, lineage: list[Organisation]) -> bool:
    domain = email_domain(user.email)
    return any(domain in node.domain_list for node in lineage)


def _verify(membership: Membership, *, route: str, by: User | None, now) -> None:
    membership.status = Membership.Status.VERIFIED
    membership.verified_by_route = route
    membership.decided_at = now
    membership.decided_by = by
    membership.save()
    User.objects.filter(pk=membership.user_id).update(organisation=membership.organisation)
    membership.user.organisation = membership.organisation
    log(membership, "accounts.membership.verified", user=by, data={"route": route})


def open_membership(user: User) -> Membership | None:
    """The person's membership that is requested or verified, if any."""
    return (
        Membership.objects.filter(user=user, status__in=Membership.OPEN_STATUSES)
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def request_membership(*, user: User, organisation: Organisation, by: User | None = None):
    """Ask to belong to an organisation. Any open membership ends first (the person no longer
    counts for their old organisation); the new one is verified at once when the person's
    verified email domain is one of the organisation's (or its parents'), otherwise it
    waits for approval. Raises MembershipRefused."""
    lineage = lineage_of(organisation)
    check_can_belong(user=user, lineage=lineage)
    now = timezone.now()
    current = open_membership(user)
    if current is not None:
        if current.organisation_id == organisation.pk:
            return current
        end_membership(membership=current, by=by or user)
    membership = Membership(user=user, organisation=organisation, requested_at=now)
    membership.full_clean()
    membership.save()
    log(membership, "accounts.membership.requested", user=by or user)
    if has_verified_email(user) and domain_matches(user=user, lineage=lineage):
        _verify(membership, route=Membership.Route.EMAIL_DOMAIN, by=None, now=now)
    else:
        _notify_contacts(membership, lineage=lineage)
    return membership


@transaction.atomic
def verify_by_email_domain(*, user: User) -> Membership | None:
    """After the person verifies their address: verify their waiting request if the domain
    proves it. Returns the membership verified, if any."""
    membership = (
        Membership.objects.filter(user=user, status=Membership.Status.REQUESTED)
        .select_for_update()
        .first()
    )
    if membership is None or not has_verified_email(user):
        return None
    if domain_matches(user=user, lineage=lineage_of(membership.organisation)):
        _verify(membership, route=Membership.Route.EMAIL_DOMAIN, by=None, now=timezone.now())
        return membership
    return None


def _lock_request(membership: Membership, *, by: User) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=membership.pk)
    )
    if not user_can_manage_members(by, membership.organisation):
        raise MembershipRefused(_("You cannot decide requests for this organisation."))
    if membership.status != Membership.Status.REQUESTED:
        raise MembershipRefused(_("This request has already been decided."))
    return membership


@transaction.atomic
def approve_membership(*, membership: Membership, by: User) -> Membership:
    """A training administrator, or a contact of the organisation (or of one above it),
    confirms the person belongs. The council rule still applies."""
    membership = _lock_request(membership, by=by)
    check_can_belong(user=membership.user, lineage=lineage_of(membership.organisation))
    _verify(membership, route=Membership.Route.APPROVAL, by=by, now=timezone.now())
    _email_decision(membership)
    return membership


@transaction.atomic
def refuse_membership(*, membership: Membership, by: User, reason: str) -> Membership:
    """Refuse a request, with a reason the person is emailed."""
    reason = reason.strip()
    if not reason:
        raise MembershipRefused(_("Give a reason for refusing the request."))
    membership = _lock_request(membership, by=by)
    membership.status = Membership.Status.REFUSED
    membership.reason = reason
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.save()
    log(membership, "accounts.membership.refused", user=by, data={"reason": reason})
    _email_decision(membership)
    return membership


def end_membership(*, membership: Membership, by: User | None) -> None:
    """The person no longer belongs (they moved organisation, or were removed)."""
    was_verified = membership.status == Membership.Status.VERIFIED
    membership.status = Membership.Status.ENDED
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at"])
    if was_verified:
        User.objects.filter(pk=membership.user_id).update(organisation=None)
        membership.user.organisation = None
    log(membership, "accounts.membership.ended", user=by)


@transaction.atomic
def make_organisation_contact(*, user: User, organisation: Organisation, by: User) -> None:
    """Give the person the organisation contact role for this organisation and its subtree."""
    if not user_can_manage_members(by, organisation):
        raise MembershipRefused(_("You cannot name contacts for this organisation."))
    contact, created = OrganisationContact.objects.get_or_create(
        user=user, organisation=organisation
    )
    user.groups.add(Group.objects.get(name=roles.ORGANISATION_CONTACT))
    user.__dict__.pop("_role_names", None)
    if created:
        log(
            organisation,
            "accounts.organisation.contact_added",
            user=by,
            data={"contact": user.email},
        )


def _notify_contacts(membership: Membership, *, lineage: list[Organisation]) -> None:
    contacts = list(
        User.objects.filter(contact_for__organisation__in=lineage, is_active=True).distinct()
    )
    membership_requested.send(sender=Membership, membership=membership, contacts=contacts)


def _email_decision(membership: Membership) -> None:
    membership_decided.send(sender=Membership, membership=membership)


@transaction.atomic
def register_user(
    *,
    user: User,
    full_name: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    preferred_language: str = "",
) -> User:
    """Complete a new account: name, language, the roles everyone starts with, and a request
    to belong to the organisation named (verified once the email address proves it, or
    approved)."""
    user.full_name = full_name
    user.preferred_language = preferred_language
    if organisation is None and organisation_name:
        organisation = find_or_create_organisation(name=organisation_name)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    refresh_staff_status(user=user)
    if organisation is not None:
        request_membership(user=user, organisation=organisation)
    return user


def _open_request(user: User, organisation: Organisation | None, *, by: User) -> None:
    if organisation is not None:
        request_membership(user=user, organisation=organisation, by=by)


@transaction.atomic
def open_account_for(
    *, full_name: str, email: str, organisation: Organisation | None, by: User
) -> User:
    """An account someone else opens for a person (a trainer, for a walk-in). The address is
    unverified and there is no password until the person sets one from their invitation; the
    organisation named is only a request, verified like anyone's (by the address's domain
    once it is confirmed, or by approval). Raises MembershipRefused."""
    user = User(email=email, full_name=full_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    refresh_staff_status(user=user)
    log(user, "accounts.person.account_opened", user=by)
    _open_request(user, organisation, by=by)
    return user


@transaction.atomic
def record_person_on_paper(*, full_name: str, organisation: Organisation | None, by: User) -> User:
    """Someone known only by name (no email address): a record that cannot sign in, so they
    can be on a register and earn a certificate. Raises MembershipRefused."""
    user = User(email=None, full_name=full_name, is_active=False)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    log(user, "accounts.person.recorded_on_paper", user=by)
    _open_request(user, organisation, by=by)
    return user


@transaction.atomic
def give_address_to_person_on_paper(*, user: User, email: str, by: User) -> User:
    """A person recorded on paper gets their email address: the record becomes an account
    they are invited to (unverified address, no password yet). Their organisation request
    stands, still unverified; a council team now needs a council address."""
    if user.email:
        raise MembershipRefused(_("%(name)s already has an email address.") % {"name": user})
    user.email = email
    user.is_active = True
    user.full_clean(exclude=["password"])
    membership = open_membership(user)
    if membership is not None:
        check_can_belong(user=user, lineage=lineage_of(membership.organisation))
    user.save(update_fields=["email", "is_active"])
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    refresh_staff_status(user=user)
    log(user, "accounts.person.address_added", user=by)
    return user


def remove_person_on_paper(*, user: User) -> None:
    """Delete a paper record whose bookings now belong to the person's real account (so one
    person is never two). Only a record with no address, which nobody can sign in to."""
    if user.email or user.is_active:
        raise ValueError("Only a person recorded on paper can be removed this way.")
    user.delete()
