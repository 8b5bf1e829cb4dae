"""Trainers take registers and message their cohorts; training administrators too.

Holding the permission is the role-level gate (bookings.permissions.user_can_run_cohorts);
which sessions a trainer may touch is still decided per session by user_can_manage_session.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COHORT_PERMISSIONS = [
    "add_attendance",
    "change_attendance",
    "view_attendance",
    "add_cohortmessage",
    "view_cohortmessage",
]
GROUPS = ["Trainer", "Training administrator"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("bookings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="bookings", codename__in=COHORT_PERMISSIONS
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="bookings", codename__in=COHORT_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0003_cohorts"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
