"""Reads of organisations and memberships, each a fixed number of queries however many rows."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import MAX_ORGANISATION_DEPTH, Membership, Organisation, User, subtree_q
from .permissions import organisations_managed_by


@dataclass(frozen=True)
class TreeRow:
    organisation: Organisation
    depth: int


def lineage_ids(organisation_id: int | None) -> set[int]:
    """The organisation's id and its ancestors' ids, in one query (none without one)."""
    if organisation_id is None:
        return set()
    chain = ["pk", *("__".join(["parent"] * depth) for depth in range(1, MAX_ORGANISATION_DEPTH))]
    row = Organisation.objects.filter(pk=organisation_id).values_list(*chain).first()
    return {pk for pk in row or () if pk is not None}


def organisation_tree(user, *, kind: str = "", active: bool | None = None) -> list[TreeRow]:
    """The organisations the person manages, each under its parent, annotated with
    member_count and requests_count, in one query. Filtering keeps a match's place in the
    tree (depth) but not its unmatched parents."""
    organisations = organisations_managed_by(user).annotate(
        member_count=Count("members", distinct=True),
        requests_count=Count(
            "memberships",
            filter=Q(memberships__status=Membership.Status.REQUESTED),
            distinct=True,
        ),
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    if active is not None:
        organisations = organisations.filter(is_active=active)
    by_parent: dict[int | None, list[Organisation]] = {}
    shown = list(organisations.order_by("name"))
    ids = {o.pk for o in shown}
    for organisation in shown:
        parent = organisation.parent_id if organisation.parent_id in ids else None
        by_parent.setdefault(parent, []).append(organisation)
    rows: list[TreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for organisation in by_parent.get(parent_id, []):
            rows.append(TreeRow(organisation, depth))
            walk(organisation.pk, depth + 1)

    walk(None, 0)
    return rows


def membership_requests(user) -> QuerySet[Membership]:
    """Requests waiting for a decision in the organisations the person manages."""
    return (
        Membership.objects.filter(
            status=Membership.Status.REQUESTED, organisation__in=organisations_managed_by(user)
        )
        .select_related("user", "organisation")
        .order_by("requested_at", "pk")
    )


def members_of(organisation: Organisation) -> QuerySet[User]:
    """The verified members of an organisation and everything below it."""
    return (
        User.objects.filter(subtree_q("organisation", organisation.pk))
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


def contacts_of(organisation: Organisation) -> QuerySet[User]:
    """The organisation contacts of this organisation itself."""
    return User.objects.filter(contact_for__organisation=organisation).order_by("full_name", "pk")
