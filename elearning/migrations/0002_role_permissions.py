"""Let training administrators see e-learning records (the completions report).

Exercise answers are private to each learner, so nobody is granted them.
"""

from django.db import migrations

TRAINING_ADMINISTRATOR = "Training administrator"
PERMISSIONS = ["view_enrolment", "view_lessoncompletion", "view_assessmentattempt"]


def ensure_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("elearning")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    group, _ = Group.objects.get_or_create(name=TRAINING_ADMINISTRATOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="elearning", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=TRAINING_ADMINISTRATOR).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="elearning", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("elearning", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
