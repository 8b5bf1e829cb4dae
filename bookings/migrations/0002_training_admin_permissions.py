"""Training administrators manage venues, sessions, bookings and interest in the admin.

Trainers get nothing here on purpose: the sessions they are assigned to are managed through
their own cohort pages, checked by bookings.permissions.user_can_manage_session.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Training administrator"
PERMISSIONS = [
    "add_venue",
    "change_venue",
    "delete_venue",
    "view_venue",
    "add_session",
    "change_session",
    "view_session",
    "add_booking",
    "change_booking",
    "view_booking",
    "view_courseinterest",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("bookings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="bookings", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
