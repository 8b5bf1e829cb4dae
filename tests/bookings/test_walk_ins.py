"""Walk-ins without an account (issue 16, item 6): a trainer adds them by name, with an email
address (an unverified account, and an invitation to set a password) or on paper only (on the
register and sign-in sheet; a certificate once an address is added). What the trainer types
about their organisation is only a request; one person is never recorded twice."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.db.models import F
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import Membership, Organisation, User
from bookings import services
from bookings.models import Attendance, Booking, Session, SessionDay
from certificates.models import Certificate
from tests.bookings.cohorts import mark_everyone, running_session, today_of
from tests.bookings.factories import BookingFactory, make_session
from tests.bookings.test_cohort_views import pdf_text
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return OrganisationFactory(
        name="Northfield Primary School",
        kind=Organisation.Kind.SCHOOL,
        email_domains="northfield-school.example",
    )


@pytest.fixture
def council_team():
    council = OrganisationFactory(
        name="Example Borough Council",
        kind=Organisation.Kind.COUNCIL_SERVICE,
        email_domains="example-borough.gov.uk",
    )
    return OrganisationFactory(
        name="Front Door", kind=Organisation.Kind.COUNCIL_SERVICE, parent=council
    )


def actions(instance) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def invitation_path(message) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def complete(session, trainer):
    """Mark everyone present, then move the session's days into last week and complete it."""
    mark_everyone(session)
    SessionDay.objects.filter(session=session).update(date=F("date") - dt.timedelta(days=7))
    return services.complete_session(session=Session.objects.get(pk=session.pk), by=trainer)


# With an email address: an account, unverified, and an invitation


def test_a_walk_in_with_a_new_address_gets_an_unverified_account_and_an_invitation(trainer, school):
    session, _ = running_session(trainers=[trainer], people=1)
    mail.outbox.clear()

    walk_in = services.add_walk_in_person(
        session=session,
        by=trainer,
        full_name="  Sam   Walker ",
        email="Sam.Walker@Northfield-School.example",
        organisation=school,
        access_needs="Step-free access",
    )

    person = walk_in.booking.user
    assert walk_in.account == services.WalkIn.OPENED
    assert person.email == "sam.walker@northfield-school.example"
    assert person.full_name == "Sam Walker"
    assert person.is_active and not person.has_usable_password()
    assert not EmailAddress.objects.get(user=person).verified
    # The organisation typed in is a request, not a fact, until the address is confirmed.
    assert person.organisation is None
    assert person.memberships.get().status == Membership.Status.REQUESTED
    booking = walk_in.booking
    assert booking.is_walk_in and booking.status == Booking.Status.CONFIRMED
    assert booking.access_needs == "Step-free access"
    assert Attendance.objects.get(booking=booking, day=today_of(session)).status == "present"
    [invitation] = [m for m in mail.outbox if person.email in m.to]
    assert "Set your password" in invitation.body
    invitation_path(invitation)
    # The audit trail: the account opened by the trainer, and the walk-in with its reason.
    assert ModelLogEntry.objects.for_instance(person).get(
        action="accounts.person.account_opened"
    ).user_id == (trainer.pk)
    assert actions(booking) == ["bookings.booking.walk_in", "bookings.attendance.marked"]
    entry = ModelLogEntry.objects.for_instance(booking).get(action="bookings.booking.walk_in")
    assert "account opened" in entry.data["reason"] and entry.user_id == trainer.pk


def test_the_invitation_sets_a_password_and_the_organisation_counts_once_the_address_is_confirmed(
    client, trainer, school
):
    session, _ = running_session(trainers=[trainer], people=1)
    mail.outbox.clear()
    walk_in = services.add_walk_in_person(
        session=session,
        by=trainer,
        full_name="Sam Walker",
        email="sam@northfield-school.example",
        organisation=school,
    )
    person = walk_in.booking.user

    response = client.get(invitation_path(mail.outbox[-1]), follow=True)
    set_password_url = response.redirect_chain[-1][0]
    client.post(set_password_url, {"password1": TEST_PASSWORD, "password2": TEST_PASSWORD})

    person.refresh_from_db()
    assert person.has_usable_password()
    assert person.organisation is None  # a password proves nothing about the organisation
    address = EmailAddress.objects.get(user=person)
    address.verified = True
    address.save()
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    person.refresh_from_db()
    assert person.organisation == school
    assert person.memberships.get().status == Membership.Status.VERIFIED


def test_signing_up_later_with_the_same_address_makes_no_second_person(client, trainer, school):
    session, _ = running_session(trainers=[trainer], people=1)
    services.add_walk_in_person(
        session=session, by=trainer, full_name="Sam Walker", email="sam@northfield-school.example"
    )
    people = User.objects.count()
    mail.outbox.clear()

    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Sam Walker",
            "email": "SAM@northfield-school.example",
            "organisation": school.pk,
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert User.objects.count() == people
    assert User.objects.filter(email__iexact="sam@northfield-school.example").count() == 1
    # allauth tells the address's owner that an account exists, with how to set a password.
    assert [m.to for m in mail.outbox] == [["sam@northfield-school.example"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_an_address_that_has_an_account_is_that_person(trainer, learner, school):
    session, _ = running_session(trainers=[trainer], people=1)
    organisation_before = learner.organisation
    people = User.objects.count()

    walk_in = services.add_walk_in_person(
        session=session,
        by=trainer,
        full_name="Someone Else",
        email=learner.email.upper(),
        organisation=school,
    )

    assert walk_in.account == services.WalkIn.EXISTING
    assert walk_in.booking.user == learner
    assert User.objects.count() == people
    learner.refresh_from_db()
    assert learner.full_name != "Someone Else"
    assert learner.organisation == organisation_before
    assert not Membership.objects.filter(user=learner, organisation=school).exists()


def test_a_council_team_typed_for_an_outside_address_is_refused_and_leaves_nothing(
    trainer, council_team
):
    session, _ = running_session(trainers=[trainer], people=1)
    people = User.objects.count()

    with pytest.raises(services.BookingError, match="council staff email address"):
        services.add_walk_in_person(
            session=session,
            by=trainer,
            full_name="Pat Outsider",
            email="pat@gmail.example",
            organisation=council_team,
        )

    assert User.objects.count() == people
    assert not Booking.objects.filter(user__full_name="Pat Outsider").exists()


def test_a_refused_walk_in_opens_no_account(trainer):
    upcoming = make_session(days=1, starts_in_days=3, trainers=[trainer])
    people = User.objects.count()

    with pytest.raises(services.BookingError, match="first day"):
        services.add_walk_in_person(
            session=upcoming, by=trainer, full_name="Sam Walker", email="sam@school.example"
        )

    assert User.objects.count() == people
    assert not mail.outbox


def test_only_the_sessions_trainers_add_walk_ins(trainer):
    session, _ = running_session(trainers=[trainer], people=1)

    with pytest.raises(services.NotAllowed):
        services.add_walk_in_person(
            session=session, by=UserFactory(trainer=True), full_name="Sam Walker"
        )
    assert not User.objects.filter(full_name="Sam Walker").exists()


# On paper only


def test_a_walk_in_on_paper_is_on_the_register_and_gets_no_certificate_without_an_address(
    trainer, school
):
    session, _ = running_session(trainers=[trainer], people=1)
    mail.outbox.clear()

    first = services.add_walk_in_person(
        session=session, by=trainer, full_name="Pat Paper", organisation=school
    )
    second = services.add_walk_in_person(session=session, by=trainer, full_name="Kim Paper")

    pat = first.booking.user
    assert first.account == services.WalkIn.ON_PAPER
    assert pat.email is None and second.booking.user.email is None  # two people, no clash
    assert not pat.is_active and not pat.has_usable_password()
    assert pat.organisation is None
    assert pat.memberships.get().status == Membership.Status.REQUESTED
    assert first.booking.is_walk_in
    assert ModelLogEntry.objects.for_instance(pat).get().action == (
        "accounts.person.recorded_on_paper"
    )
    entry = ModelLogEntry.objects.for_instance(first.booking).get(action="bookings.booking.walk_in")
    assert "recorded on paper" in entry.data["reason"]

    summary = complete(session, trainer)

    assert summary.completed == 3
    assert Certificate.objects.count() == 1  # the person with an address
    assert not Certificate.objects.filter(recipient__email__isnull=True).exists()
    assert all(all(message.to) for message in mail.outbox)


def test_adding_an_address_later_invites_them_and_issues_their_certificate(trainer, school):
    session, _ = running_session(trainers=[trainer], people=0)
    booking = services.add_walk_in_person(
        session=session, by=trainer, full_name="Pat Paper", organisation=school
    ).booking
    complete(session, trainer)
    mail.outbox.clear()

    person = services.add_address_to_walk_in(
        booking=booking, email="Pat@Northfield-School.example", by=trainer
    )

    assert person.pk == booking.user_id
    assert person.email == "pat@northfield-school.example" and person.is_active
    assert not EmailAddress.objects.get(user=person).verified
    assert person.organisation is None  # still only a request until the address is confirmed
    certificate = Certificate.objects.get(recipient=person)
    assert certificate.name == "Pat Paper"
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2 and all(m.to == [person.email] for m in mail.outbox)
    assert any("certificate" in subject.lower() for subject in subjects)
    assert "bookings.booking.address_added" in actions(booking)
    assert "accounts.person.address_added" in actions(person)

    with pytest.raises(services.BookingError, match="already has an email address"):
        services.add_address_to_walk_in(booking=booking, email="other@example.com", by=trainer)


def test_an_address_that_has_an_account_joins_the_paper_record_to_it(trainer, learner):
    session, _ = running_session(trainers=[trainer], people=0)
    paper = services.add_walk_in_person(session=session, by=trainer, full_name="L Learner")
    complete(session, trainer)
    people = User.objects.count()

    person = services.add_address_to_walk_in(
        booking=paper.booking, email=learner.email.upper(), by=trainer
    )

    assert person == learner
    assert User.objects.count() == people - 1
    assert not User.objects.filter(pk=paper.booking.user_id).exists()
    booking = Booking.objects.get(pk=paper.booking.pk)
    assert booking.user == learner and booking.is_walk_in
    assert Certificate.objects.get(recipient=learner).object_id == booking.pk
    assert "bookings.booking.joined_to_account" in actions(booking)


def test_a_paper_record_cannot_join_an_account_already_on_the_session(trainer, learner):
    session, _ = running_session(trainers=[trainer], people=0)
    BookingFactory(session=session, user=learner)
    paper = services.add_walk_in_person(session=session, by=trainer, full_name="L Learner")

    with pytest.raises(services.AlreadyBooked):
        services.add_address_to_walk_in(booking=paper.booking, email=learner.email, by=trainer)

    paper.booking.refresh_from_db()
    assert paper.booking.user.email is None
    assert Booking.objects.filter(user=learner, session=session).count() == 1


def test_an_address_for_a_paper_council_team_claim_must_be_a_council_one(trainer, council_team):
    session, _ = running_session(trainers=[trainer], people=0)
    with pytest.raises(services.BookingError, match="council staff email address"):
        services.add_walk_in_person(
            session=session, by=trainer, full_name="Pat Paper", organisation=council_team
        )

    paper = services.add_walk_in_person(session=session, by=trainer, full_name="Pat Paper")
    person = services.add_address_to_walk_in(
        booking=paper.booking, email="pat.paper@example-borough.gov.uk", by=trainer
    )
    assert person.email == "pat.paper@example-borough.gov.uk"


# The trainer's pages


def test_the_trainer_adds_walk_ins_through_the_page(client, trainer, school):
    session, _ = running_session(trainers=[trainer], people=1)
    client.force_login(trainer)
    url = reverse("bookings_cohorts:walk_in", args=[session.pk])

    assert 'name="organisation"' in client.get(url).content.decode()
    empty = client.post(url, {"full_name": "", "email": ""})
    assert empty.status_code == 200
    assert "Enter the person&#x27;s full name" in empty.content.decode()
    assert "error-message" in empty.content.decode() or "errorlist" in empty.content.decode()

    response = client.post(
        url, {"full_name": "Pat Paper", "email": "", "organisation": school.pk}, follow=True
    )
    content = response.content.decode()
    assert "Pat Paper added as a walk-in, on paper only" in content
    assert "None (on paper only)" in content
    booking = Booking.objects.get(user__full_name="Pat Paper")
    address_url = reverse("bookings_cohorts:walk_in_address", args=[booking.pk])
    assert address_url in content

    response = client.post(address_url, {"email": "pat@northfield-school.example"}, follow=True)
    assert "now has the email address pat@northfield-school.example" in (response.content.decode())

    register = client.get(
        reverse("bookings_cohorts:register", args=[session.pk, today_of(session).pk])
    )
    assert "Pat Paper" in register.content.decode()


def test_another_trainer_cannot_add_an_address(client, trainer):
    session, _ = running_session(trainers=[trainer], people=0)
    paper = services.add_walk_in_person(session=session, by=trainer, full_name="Pat Paper")
    client.force_login(UserFactory(staff=True, trainer=True))

    response = client.post(
        reverse("bookings_cohorts:walk_in_address", args=[paper.booking.pk]),
        {"email": "pat@example.com"},
    )

    assert response.status_code == 404
    assert User.objects.get(pk=paper.booking.user_id).email is None


def test_a_walk_in_on_paper_is_on_the_sign_in_sheet(client, trainer):
    session, _ = running_session(trainers=[trainer], people=0)
    services.add_walk_in_person(session=session, by=trainer, full_name="Pat Paper")
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:sign_in_sheet", args=[session.pk]))

    assert "Pat Paper" in pdf_text(response.content)


def test_a_message_to_the_cohort_counts_only_people_it_can_reach(trainer):
    session, _ = running_session(trainers=[trainer], people=2)
    services.add_walk_in_person(session=session, by=trainer, full_name="Pat Paper")
    mail.outbox.clear()

    message = services.message_cohort(session=session, by=trainer, subject="Room", body="B12")

    assert message.recipients_count == 2
    assert len(mail.outbox) == 2
