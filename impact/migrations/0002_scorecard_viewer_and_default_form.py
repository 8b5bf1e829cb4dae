"""The scorecard viewer role (senior managers: read the scorecard, change nothing), training
administrators' permissions on feedback forms, indicators and milestones, and a default
feedback form so every course and module asks something from the start."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEWER = "Scorecard viewer"
ADMIN = "Training administrator"
ADMIN_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("feedbackform", "indicatormonth", "milestone")
    for action in ("add", "change", "delete", "view")
]
DEFAULT_QUESTIONS = [
    ("rating", "content", "How would you rate the content?", True),
    ("rating", "trainer", "How would you rate the trainer?", True),
    ("rating", "venue", "How would you rate the venue, or the online setup?", False),
    ("rating", "pace", "How would you rate the pace?", True),
    ("text", "", "What worked well?", False),
    ("text", "", "What would you change?", False),
]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("impact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    viewer.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    admin, _ = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.add(
        *Permission.objects.filter(content_type__app_label="impact", codename__in=ADMIN_PERMISSIONS)
    )
    FeedbackForm = apps.get_model("impact", "FeedbackForm")
    FeedbackQuestion = apps.get_model("impact", "FeedbackQuestion")
    if not FeedbackForm.objects.filter(course=None, module=None).exists():
        form = FeedbackForm.objects.create(title="Feedback on your training", allow_anonymous=True)
        for order, (kind, topic, text, required) in enumerate(DEFAULT_QUESTIONS):
            FeedbackQuestion.objects.create(
                form=form, sort_order=order, kind=kind, topic=topic, text=text, required=required
            )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=VIEWER).delete()
    apps.get_model("impact", "FeedbackForm").objects.filter(course=None, module=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
