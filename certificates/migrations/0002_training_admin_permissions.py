"""Training administrators list, issue, revoke and re-issue certificates, and edit what every
certificate shows (CertificateSettings). The admin views check
certificates.permissions.user_can_manage_certificates; these permissions keep Django's own
permission records in line with it (the settings menu item checks them).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Training administrator"
PERMISSIONS = [
    "add_certificate",
    "change_certificate",
    "view_certificate",
    "change_certificatesettings",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="certificates", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="certificates", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
