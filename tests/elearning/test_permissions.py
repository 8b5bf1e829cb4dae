import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.audiences import MODULE_AUDIENCES, Audience
from elearning.models import ModulePage
from elearning.permissions import (
    audiences_for,
    user_can_track_progress,
    user_can_view_elearning_reports,
    user_can_view_module,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("audience", "anonymous", "staff", "partner_", "admin"),
    [
        (Audience.EVERYONE, True, True, True, True),
        (Audience.STAFF, False, True, False, True),
        (Audience.PARTNERS, False, False, True, True),
    ],
)
def test_who_may_view_a_module(
    learner, partner, training_admin, audience, anonymous, staff, partner_, admin
):
    module = ModulePage(title="M", audience=audience)

    assert user_can_view_module(AnonymousUser(), module) is anonymous
    assert user_can_view_module(learner, module) is staff
    assert user_can_view_module(partner, module) is partner_
    assert user_can_view_module(training_admin, module) is admin


def test_anonymous_visitors_read_but_are_never_tracked():
    module = ModulePage(title="M", audience=Audience.EVERYONE)

    assert not user_can_track_progress(AnonymousUser(), module)


def test_anonymous_visitors_see_modules_for_everyone_only():
    assert audiences_for(AnonymousUser()) == [Audience.EVERYONE]


def test_audiences_for_people(learner, partner, training_admin):
    assert set(audiences_for(learner)) == {Audience.EVERYONE, Audience.STAFF}
    assert set(audiences_for(partner)) == {Audience.EVERYONE, Audience.PARTNERS}
    assert set(audiences_for(training_admin)) == set(MODULE_AUDIENCES)


def test_only_training_admins_see_the_reports(learner, trainer, training_admin):
    assert user_can_view_elearning_reports(training_admin)
    assert not user_can_view_elearning_reports(trainer)
    assert not user_can_view_elearning_reports(learner)
