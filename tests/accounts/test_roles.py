import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.permissions import user_is_practice_lead, user_is_trainer, user_is_training_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_data_migration_creates_every_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


@pytest.mark.parametrize(
    ("role", "has_admin_access"),
    [
        (roles.LEARNER, False),
        (roles.PARTNER, False),
        (roles.PRACTICE_LEAD, False),
        (roles.TRAINER, True),
        (roles.TRAINING_ADMINISTRATOR, True),
    ],
)
def test_only_trainers_and_administrators_reach_the_wagtail_admin(role, has_admin_access):
    permissions = Group.objects.get(name=role).permissions.values_list("codename", flat=True)

    assert ("access_admin" in permissions) is has_admin_access


def test_training_administrators_can_edit_pages_and_organisations():
    group = Group.objects.get(name=roles.TRAINING_ADMINISTRATOR)

    page_permissions = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_permissions
    assert group.permissions.filter(codename="change_organisation").exists()


def test_permission_functions_follow_group_membership():
    learner = UserFactory()
    trainer = UserFactory(trainer=True)
    lead = UserFactory(practice_lead=True)
    admin = UserFactory(training_admin=True)
    superuser = UserFactory(superuser=True)

    assert not user_is_trainer(learner)
    assert user_is_trainer(trainer)
    assert user_is_practice_lead(lead)
    assert not user_is_training_admin(trainer)
    assert user_is_training_admin(admin)
    assert user_is_training_admin(superuser)
