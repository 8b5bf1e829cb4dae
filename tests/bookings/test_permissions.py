import pytest
from django.contrib.auth.models import AnonymousUser

from bookings.permissions import (
    user_can_administer_training,
    user_can_cancel_booking,
    user_can_manage_session,
)
from tests.bookings.factories import BookingFactory, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_training_administrators_manage_every_session(training_admin):
    assert user_can_manage_session(training_admin, make_session())
    assert user_can_administer_training(training_admin)


def test_trainers_manage_only_the_sessions_they_deliver(trainer):
    assert user_can_manage_session(trainer, make_session(trainers=[trainer]))
    assert not user_can_manage_session(trainer, make_session())
    assert not user_can_administer_training(trainer)


def test_learners_and_visitors_manage_no_session(learner):
    session = make_session(trainers=[learner])  # even if wrongly listed as a trainer
    assert not user_can_manage_session(learner, session)
    assert not user_can_manage_session(AnonymousUser(), session)


def test_a_booking_is_cancelled_by_its_holder_or_an_administrator(partner, training_admin):
    booking = BookingFactory(user=partner)

    assert user_can_cancel_booking(partner, booking)
    assert user_can_cancel_booking(training_admin, booking)
    assert not user_can_cancel_booking(UserFactory(), booking)
