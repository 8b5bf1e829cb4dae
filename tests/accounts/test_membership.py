"""Membership is verified, never just claimed: by email domain, by approval of a training
administrator or the organisation's contact (for their own subtree only), and council teams
are for council staff addresses only."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import Membership, Organisation
from accounts.permissions import organisations_managed_by, user_can_manage_members
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_tree():
    council = OrganisationFactory(
        name="Example Borough Council",
        kind=Organisation.Kind.COUNCIL_SERVICE,
        email_domains="example-borough.gov.uk",
    )
    service = OrganisationFactory(
        name="Children's Services", kind=Organisation.Kind.COUNCIL_SERVICE, parent=council
    )
    team = OrganisationFactory(
        name="Child Protection", kind=Organisation.Kind.COUNCIL_SERVICE, parent=service
    )
    return council, service, team


@pytest.fixture
def school():
    return OrganisationFactory(
        name="Northfield Primary School",
        kind=Organisation.Kind.SCHOOL,
        email_domains="northfield-school.example",
    )


def person(email, **fields):
    return UserFactory(email=email, organisation=None, **fields)


def test_a_verified_address_on_the_organisations_domain_proves_membership(school):
    teacher = person("teacher@northfield-school.example")

    membership = services.request_membership(user=teacher, organisation=school)

    assert membership.status == Membership.Status.VERIFIED
    assert membership.verified_by_route == Membership.Route.EMAIL_DOMAIN
    teacher.refresh_from_db()
    assert teacher.organisation == school


def test_a_site_inherits_its_agencys_domains(school):
    site = OrganisationFactory(name="Northfield Nursery", parent=school)
    teacher = person("nursery@northfield-school.example")

    assert services.request_membership(user=teacher, organisation=site).status == "verified"


def test_an_unverified_address_proves_nothing_until_it_is_verified(school):
    teacher = person("late@northfield-school.example", unverified=True)

    membership = services.request_membership(user=teacher, organisation=school)

    assert membership.status == Membership.Status.REQUESTED
    teacher.refresh_from_db()
    assert teacher.organisation is None
    teacher.emailaddress_set.update(verified=True)
    assert services.verify_by_email_domain(user=teacher) == membership
    teacher.refresh_from_db()
    assert teacher.organisation == school


def test_another_domain_waits_for_approval_and_the_contact_is_emailed(school):
    contact = person("head@northfield-school.example")
    services.request_membership(user=contact, organisation=school)
    services.make_organisation_contact(
        user=contact, organisation=school, by=UserFactory(staff=True, training_admin=True)
    )
    mail.outbox.clear()
    volunteer = person("volunteer@gmail.example")

    membership = services.request_membership(user=volunteer, organisation=school)

    assert membership.status == Membership.Status.REQUESTED
    assert [m.to for m in mail.outbox] == [[contact.email]]
    services.approve_membership(membership=membership, by=contact)
    volunteer.refresh_from_db()
    assert volunteer.organisation == school
    assert "confirmed as a member" in mail.outbox[-1].subject


def test_a_refusal_needs_a_reason_which_is_emailed(school, training_admin):
    membership = services.request_membership(user=person("x@gmail.example"), organisation=school)

    with pytest.raises(services.MembershipRefused, match="reason"):
        services.refuse_membership(membership=membership, by=training_admin, reason=" ")
    services.refuse_membership(membership=membership, by=training_admin, reason="Not known here")

    membership.refresh_from_db()
    assert membership.status == Membership.Status.REFUSED
    assert "Not known here" in mail.outbox[-1].body


def test_council_teams_can_never_be_claimed_from_outside_the_staff_domains(
    council_tree, training_admin
):
    _, _, child_protection = council_tree
    outsider = person("outsider@gmail.example")

    with pytest.raises(services.MembershipRefused, match="council staff email"):
        services.request_membership(user=outsider, organisation=child_protection)
    assert not Membership.objects.filter(user=outsider).exists()


def test_council_staff_are_verified_for_a_council_team_by_the_council_domain(council_tree):
    _, _, child_protection = council_tree
    social_worker = UserFactory(staff=True)

    membership = services.request_membership(user=social_worker, organisation=child_protection)

    assert membership.status == Membership.Status.VERIFIED


def test_changing_organisation_ends_the_old_membership(school):
    teacher = person("teacher@northfield-school.example")
    old = services.request_membership(user=teacher, organisation=school)
    other = OrganisationFactory(name="Riverside Academy")

    services.request_membership(user=teacher, organisation=other)

    old.refresh_from_db()
    teacher.refresh_from_db()
    assert old.status == Membership.Status.ENDED
    assert teacher.organisation is None


def test_a_contact_manages_only_their_own_subtree(council_tree, school):
    council, service, team = council_tree
    contact = UserFactory(staff=True)
    services.make_organisation_contact(
        user=contact, organisation=service, by=UserFactory(staff=True, training_admin=True)
    )
    contact = type(contact).objects.get(pk=contact.pk)

    assert user_can_manage_members(contact, service)
    assert user_can_manage_members(contact, team)
    assert not user_can_manage_members(contact, council)
    assert not user_can_manage_members(contact, school)
    assert set(organisations_managed_by(contact)) == {service, team}
    request = services.request_membership(user=person("x@gmail.example"), organisation=school)
    with pytest.raises(services.MembershipRefused):
        services.approve_membership(membership=request, by=contact)


def test_a_contact_cannot_approve_outside_their_subtree_through_the_admin(client, school):
    other = OrganisationFactory(name="Riverside Academy")
    contact = person("head@riverside.example")
    services.make_organisation_contact(
        user=contact, organisation=other, by=UserFactory(staff=True, training_admin=True)
    )
    request = services.request_membership(user=person("x@gmail.example"), organisation=school)
    client.force_login(contact)

    response = client.post(reverse("accounts_admin:approve_membership", args=[request.pk]))

    # Wagtail turns PermissionDenied in its admin into a redirect to the dashboard.
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    request.refresh_from_db()
    assert request.status == Membership.Status.REQUESTED
    assert (
        "x@gmail.example"
        not in client.get(reverse("accounts_admin:membership_requests")).content.decode()
    )


def test_people_without_a_role_cannot_open_the_organisation_pages(client, partner):
    client.force_login(partner)

    assert client.get(reverse("accounts_admin:tree")).status_code in (302, 403)


def test_the_admin_refuses_with_a_reason(client, school, training_admin):
    request = services.request_membership(user=person("x@gmail.example"), organisation=school)
    client.force_login(training_admin)
    url = reverse("accounts_admin:refuse_membership", args=[request.pk])

    assert "Give a reason" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Unknown to the school"}).status_code == 302
    request.refresh_from_db()
    assert request.status == Membership.Status.REFUSED


def test_the_outsider_cannot_claim_a_council_team_at_sign_up(client, council_tree):
    _, _, child_protection = council_tree

    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Out Sider",
            "email": "outsider@gmail.example",
            "password1": "correct-horse-battery-staple",
            "password2": "correct-horse-battery-staple",
            "organisation": child_protection.pk,
        },
    )

    assert response.status_code == 200
    assert "council staff email" in response.content.decode()


def test_members_export_as_csv_with_no_live_formulas(client, school, training_admin):
    UserFactory(full_name="=HYPERLINK(1)", organisation=school)
    client.force_login(training_admin)

    response = client.get(reverse("accounts_admin:members", args=[school.pk]), {"export": "csv"})

    assert response.status_code == 200
    assert (
        "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()
        if hasattr(response, "streaming_content")
        else response.content.decode()
    )


def test_a_tree_deeper_than_four_levels_is_refused(council_tree):
    _, _, team = council_tree
    site = OrganisationFactory(name="Site", parent=team)
    too_deep = Organisation(name="Too deep", parent=site)

    with pytest.raises(Exception, match="at most 4 levels"):
        too_deep.full_clean()


def test_the_organisation_tree_costs_the_same_for_5_or_60_organisations(client, training_admin):
    client.force_login(training_admin)
    url = reverse("accounts_admin:tree")

    def add(count):
        for n in range(count):
            parent = OrganisationFactory(name=f"Agency {count}-{n}")
            UserFactory(organisation=OrganisationFactory(name=f"Site {count}-{n}", parent=parent))

    add(5)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    add(55)
    many = count_queries(lambda: client.get(url))

    assert few == many


def test_the_members_list_costs_the_same_for_5_or_50_members(client, school, training_admin):
    client.force_login(training_admin)
    url = reverse("accounts_admin:members", args=[school.pk])
    site = OrganisationFactory(name="Northfield Nursery", parent=school)
    for _ in range(5):
        UserFactory(organisation=site)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(45):
        UserFactory(organisation=school)
    many = count_queries(lambda: client.get(url))

    assert few == many


def test_the_requests_list_costs_the_same_for_5_or_50_requests(client, school, training_admin):
    client.force_login(training_admin)
    url = reverse("accounts_admin:membership_requests")
    for n in range(5):
        services.request_membership(user=person(f"a{n}@gmail.example"), organisation=school)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for n in range(45):
        services.request_membership(user=person(f"b{n}@gmail.example"), organisation=school)
    many = count_queries(lambda: client.get(url))

    assert few == many


def test_the_data_migration_keeps_staff_and_turns_partner_claims_into_requests(council_tree):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("accounts.migrations.0004_verify_existing_memberships")
    _, _, team = council_tree
    school = OrganisationFactory(name="Hillside School")
    staff = UserFactory(staff=True)
    partner = UserFactory(email="jo@gmail.example", organisation=school)
    outsider = UserFactory(email="out@gmail.example", organisation=None)
    type(staff).objects.filter(pk=staff.pk).update(organisation=team)
    type(outsider).objects.filter(pk=outsider.pk).update(organisation=team)
    Membership.objects.all().delete()

    migration.verify_existing(apps, None)

    for person in (staff, partner, outsider):
        person.refresh_from_db()
    assert staff.organisation == team
    assert Membership.objects.get(user=staff).verified_by_route == Membership.Route.MIGRATION
    assert partner.organisation is None
    assert Membership.objects.get(user=partner).status == Membership.Status.REQUESTED
    assert outsider.organisation is None
    assert Membership.objects.get(user=outsider).status == Membership.Status.REFUSED


def test_an_unconfirmed_colleague_cannot_take_a_hand_over(school):
    from bookings import services as booking_services
    from tests.bookings.factories import BookingFactory

    holder = UserFactory(email="teacher@northfield-school.example", organisation=school)
    claimant = person("claimant@gmail.example")
    services.request_membership(user=claimant, organisation=school)
    claimant.refresh_from_db()
    booking = BookingFactory(user=holder)

    with pytest.raises(booking_services.InvalidSubstitute, match="same organisation"):
        booking_services.hand_over(booking=booking, colleague=claimant, by=holder)


def test_an_administrator_names_an_organisation_contact(client, school, training_admin):
    head = person("head@northfield-school.example")
    client.force_login(training_admin)

    response = client.post(
        reverse("accounts_admin:add_contact", args=[school.pk]), {"email": head.email}
    )

    assert response.status_code == 302
    assert user_can_manage_members(type(head).objects.get(pk=head.pk), school)
    page = client.get(reverse("accounts_admin:members", args=[school.pk])).content.decode()
    assert head.email in page
