from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def record_first_passes(apps, schema_editor):
    """Each enrolment's first passed attempt, for enrolments made before the field existed."""
    Enrolment = apps.get_model("elearning", "Enrolment")
    AssessmentAttempt = apps.get_model("elearning", "AssessmentAttempt")
    first_pass = (
        AssessmentAttempt.objects.filter(
            learner=OuterRef("learner"), module_key=OuterRef("module_key"), passed=True
        )
        .order_by("submitted_at")
        .values("submitted_at")[:1]
    )
    Enrolment.objects.update(assessment_passed_at=Subquery(first_pass))


class Migration(migrations.Migration):
    dependencies = [
        ("elearning", "0004_enrolment_newest_first_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="assessment_passed_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the learner first passed the module's assessment (kept with the best score, so reading progress needs no look at the attempts).",
                null=True,
            ),
        ),
        migrations.RunPython(record_first_passes, migrations.RunPython.noop),
    ]
