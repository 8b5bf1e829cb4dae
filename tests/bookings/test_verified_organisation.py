"""The cohort page, the register and the roster show the VERIFIED organisation: a claimed
one counts for nothing until it is confirmed."""

import pytest
from django.urls import reverse

from accounts import services as accounts_services
from tests.bookings.cohorts import past_session
from tests.bookings.factories import BookingFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_claimed_organisation_is_not_shown_as_the_persons(client, trainer):
    claimed = OrganisationFactory(name="Claimed Primary School")
    verified = OrganisationFactory(name="Verified Academy")
    claimant = UserFactory(email="claimant@gmail.example", organisation=None)
    accounts_services.request_membership(user=claimant, organisation=claimed)
    member = UserFactory(organisation=verified)
    session, _ = past_session(trainers=[trainer], people=0)
    BookingFactory(session=session, user=claimant)
    BookingFactory(session=session, user=member)
    client.force_login(trainer)

    cohort = client.get(reverse("bookings_cohorts:cohort", args=[session.pk])).content.decode()
    day = session.ordered_days[0]
    register = client.get(
        reverse("bookings_cohorts:register", args=[session.pk, day.pk])
    ).content.decode()
    roster = b"".join(
        client.get(
            reverse("bookings_cohorts:roster", args=[session.pk]), {"export": "csv"}
        ).streaming_content
    ).decode()

    for page in (cohort, register, roster):
        assert "Verified Academy" in page
        assert "Claimed Primary School" not in page
