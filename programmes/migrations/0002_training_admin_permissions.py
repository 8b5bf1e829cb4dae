"""Training administrators configure programmes in the admin (the Programme viewset checks
these model permissions). Everything about enrolments is decided by
programmes.permissions.user_can_administer_programmes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Training administrator"
PERMISSIONS = [
    "add_programme",
    "change_programme",
    "delete_programme",
    "view_programme",
    "view_programmeenrolment",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("programmes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="programmes", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="programmes", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
